import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/server/users/create-user";
import { setUserDisabled } from "@/lib/server/users/set-user-disabled";
import { changeUserRole } from "@/lib/server/grants/change-user-role";
import { decideStaffGrant } from "@/lib/server/grants/decide-staff-grant";
import { listStaffGrants } from "@/lib/server/grants/list-staff-grants";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadActor } from "@/lib/server/auth/load-actor";
import { authenticateApiToken } from "@/lib/server/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/server/api-tokens/create-api-token";
import { TOKEN_PREFIX, hashToken } from "@/lib/server/api-tokens/token-format";
import { uploadAsset } from "@/lib/server/assets/upload-asset";
import { approveVersion } from "@/lib/server/assets/approve-version";
import { publishAsset } from "@/lib/server/assets/publish-asset";
import { decidePublication } from "@/lib/server/publications/decide-publication";
import { getPublicationRequest } from "@/lib/server/publications/get-publication-request";
import { listPublicationRequests } from "@/lib/server/publications/list-publication-requests";
import { previewPublication } from "@/lib/server/publications/preview-publication";
import { exportTrustStore } from "@/lib/server/connections/export-trust-store";
import { ensureThalesOrganization } from "@/lib/server/users/bootstrap-admin";
import type { Actor } from "@/lib/server/actor";
import type { Db } from "@/lib/server/db/client";
import { freshDatabase, PROVIDERS, type TestDatabase } from "./support/databases";
import { pkiMaterial, type PkiMaterial } from "./support/pki-material";
import { dbState, expectAppError, makeActor, makeCustomer, type Customer } from "./support/assets";

const fingerprints = (pem: string) =>
  (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (b) => new X509Certificate(b).fingerprint256,
  );

/** A staff account made through the real service by `admin`, as the actor it would be once it may act. */
async function staff(db: Db, admin: Actor, role: "THALES_DELIVERY" | "ADMIN", label: string) {
  const organizationId = await ensureThalesOrganization(db);
  const created = await createUser({
    db,
    actor: admin,
    input: {
      email: `${label}-${Math.random().toString(36).slice(2, 8)}@thales.test`,
      name: label,
      role,
      organizationId,
    },
  });
  const row = await db.user.findUniqueOrThrow({ where: { id: created.user.id }, select: { grantPending: true } });
  const actor: Actor = {
    ...created.user,
    role,
    organizationName: "Thales",
    organizationKind: "THALES",
    mfaEnabled: true,
    mfaEnrolmentRequired: false,
    mustChangePassword: false,
  };
  return { actor, oneTimePassword: created.oneTimePassword, pending: row.grantPending };
}

/** Everything a refused decision must leave alone: the dbState tables plus grants, requests and users. */
async function state(db: Db) {
  // Refusals are audited, so the audit count is left out here and checked by each test.
  const {
    counts: { audits: _audits, ...counts },
    ...rest
  } = await dbState(db);
  return {
    counts,
    ...rest,
    grants: await db.staffGrant.findMany({ orderBy: { id: "asc" } }),
    requests: await db.publicationRequest.findMany({ orderBy: { id: "asc" } }),
    targets: await db.publicationTarget.findMany({ orderBy: { id: "asc" } }),
    users: await db.user.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        role: true,
        disabled: true,
        grantPending: true,
        roleGrantedById: true,
        roleGrantApprovedById: true,
      },
    }),
  };
}

describe.each(PROVIDERS)("separation of duties with a lone admin (bootstrap) on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let admin: Actor;
  let d1: Actor;
  let d2: Actor;
  let bank: Customer;
  let other: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    admin = await makeActor(database.db, "ADMIN");
    bank = await makeCustomer(database.db, "d1", { admin });
    other = await makeCustomer(database.db, "d1", { admin });
    const first = await staff(database.db, admin, "THALES_DELIVERY", "d1");
    const second = await staff(database.db, admin, "THALES_DELIVERY", "d2");
    expect([first.pending, second.pending]).toEqual([false, false]);
    d1 = first.actor;
    d2 = second.actor;
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  it("lets the only admin grant alone, audited as a bootstrap", async () => {
    const audits = await database.db.auditEvent.findMany({
      where: { action: "user.grant.bootstrap", targetId: { in: [d1.id, d2.id] } },
    });
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actorId === admin.id)).toBe(true);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: d1.id } })).roleGrantedById).toBe(admin.id);
  });

  it("an admin alone cannot make a Production approval with two accounts they created", async () => {
    const upload = await uploadAsset({
      db: database.db,
      actor: bank.customer,
      connectionId: bank.prd,
      kind: "CUSTOMER_CSR",
      content: { file: pki.d1Csr({ identifier: bank.identifier, environment: "PRD" }) },
      confirmWarnings: false,
    });
    if (upload.status !== "stored") throw new Error(upload.status);
    expect(await approveVersion({ db: database.db, actor: d1, versionId: upload.versionId })).toMatchObject({
      state: "IN_REVIEW",
    });
    const before = await state(database.db);
    await expectAppError(approveVersion({ db: database.db, actor: d2, versionId: upload.versionId }), "FORBIDDEN");
    expect(await state(database.db)).toEqual(before);
    expect(
      await database.db.auditEvent.findFirst({
        where: { action: "asset.approve.refused", targetId: upload.versionId },
        select: { actorId: true, details: true },
      }),
    ).toEqual({ actorId: d2.id, details: JSON.stringify({ rule: "SAME_GRANTER" }) });
  });

  it("an admin alone cannot put a rogue Thales client CA in force on Production", async () => {
    const rogue = pki.caCertificate("rogue-thales-client");
    const exportBefore = (await exportTrustStore({ db: database.db, actor: bank.customer, connectionId: bank.prd }))
      .body;
    const byAdmin = await publishAsset({
      db: database.db,
      actor: admin,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.prd, other.prd],
      content: { file: rogue },
    });
    if (!byAdmin.ok) throw new Error("publish refused");
    expect(byAdmin).toMatchObject({ state: "PENDING", versionIds: [] });
    const byD1 = await publishAsset({
      db: database.db,
      actor: d1,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.prd],
      content: { file: rogue },
    });
    if (!byD1.ok) throw new Error("publish refused");
    const before = await state(database.db);
    // the admin's own request; by an account the admin made; the admin on their account's; a twin bootstrap account
    for (const [actor, requestId, rule] of [
      [admin, byAdmin.requestId, "SAME_PERSON"],
      [d1, byAdmin.requestId, "CREATED_BY_REQUESTER"],
      [admin, byD1.requestId, "CREATED_THE_REQUESTER"],
      [d2, byD1.requestId, "SAME_GRANTER"],
    ] as const) {
      await expectAppError(decidePublication({ db: database.db, actor, requestId, decision: "APPROVE" }), "FORBIDDEN");
      expect(
        await database.db.auditEvent.count({
          where: {
            action: "publication.approve.refused",
            targetId: requestId,
            actorId: actor.id,
            details: JSON.stringify({ rule }),
          },
        }),
      ).toBe(1);
    }
    expect(await state(database.db)).toEqual(before);
    expect(
      (await exportTrustStore({ db: database.db, actor: bank.customer, connectionId: bank.prd })).body.replace(
        /exported .*\n/,
        "",
      ),
    ).toBe(exportBefore.replace(/exported .*\n/, ""));
    expect(
      await database.db.asset.count({ where: { kind: "THALES_CLIENT_CA", currentVersionId: { not: null } } }),
    ).toBe(0);
  });
});

describe.each(PROVIDERS)("separation of duties with two admins on %s", (provider) => {
  let database: TestDatabase;
  let pki: PkiMaterial;
  let admin: Actor;
  let second: Actor;
  let bank: Customer;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    pki = pkiMaterial();
    admin = await makeActor(database.db, "ADMIN");
    bank = await makeCustomer(database.db, "d1", { admin });
    const made = await staff(database.db, admin, "ADMIN", "second-admin");
    expect(made.pending).toBe(false); // the first admin's bootstrap of the second
    second = made.actor;
  });
  afterAll(async () => {
    await database.drop();
    pki.dispose();
  });

  it("holds a new staff account until a second admin approves it: no sign-in, no session, no token", async () => {
    const { actor: held, oneTimePassword, pending } = await staff(database.db, second, "THALES_DELIVERY", "held");
    expect(pending).toBe(true);
    expect(await authenticate(database.db, { email: held.email, password: oneTimePassword, origin: {} })).toEqual({
      ok: false,
      reason: "GRANT_PENDING",
    });
    expect(await authenticate(database.db, { email: held.email, password: "wrong password!", origin: {} })).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await loadActor(database.db, held.id)).toBeNull();
    await expect(createApiToken({ db: database.db, userId: held.id, name: "operator-made" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const token = `${TOKEN_PREFIX}held-${Math.random().toString(36).slice(2)}`; // as if made before: still refused
    await database.db.apiToken.create({
      data: {
        id: `t-${held.id}`,
        userId: held.id,
        name: "old",
        tokenHash: hashToken(token),
        prefix: token.slice(0, 9),
      },
    });
    await expect(authenticateApiToken(database.db, `Bearer ${token}`)).rejects.toMatchObject({
      code: "FORBIDDEN",
      userMessage: expect.stringContaining("second administrator"),
    });
    await expectAppError(
      setUserDisabled({ db: database.db, actor: admin, userId: held.id, disabled: false }),
      "CONFLICT",
    );

    const grant = (await listStaffGrants({ db: database.db, actor: admin })).pending.find(
      (g) => g.user.id === held.id,
    )!;
    expect(grant).toMatchObject({ role: "THALES_DELIVERY", previousRole: null, blockedBecause: null });
    const before = await state(database.db);
    await expectAppError(
      decideStaffGrant({ db: database.db, actor: second, grantId: grant.id, decision: "APPROVE" }),
      "FORBIDDEN",
    );
    expect(await state(database.db)).toEqual(before);
    expect(await decideStaffGrant({ db: database.db, actor: admin, grantId: grant.id, decision: "APPROVE" })).toEqual({
      state: "APPROVED",
    });
    expect(await authenticate(database.db, { email: held.email, password: oneTimePassword, origin: {} })).toMatchObject(
      { ok: true },
    );
    await expectAppError(
      decideStaffGrant({ db: database.db, actor: admin, grantId: grant.id, decision: "APPROVE" }),
      "CONFLICT",
    );
    expect(
      await database.db.user.findUniqueOrThrow({
        where: { id: held.id },
        select: { roleGrantedById: true, roleGrantApprovedById: true },
      }),
    ).toEqual({ roleGrantedById: second.id, roleGrantApprovedById: admin.id });
  });

  it("an admin cannot use an account they created to approve their own grants", async () => {
    const { actor: d3 } = await staff(database.db, admin, "THALES_DELIVERY", "d3");
    const grant = await database.db.staffGrant.findFirstOrThrow({ where: { userId: d3.id } });
    // `second` was created by `admin`, so it cannot be admin's second person; nor can admin approve their own.
    for (const actor of [admin, second])
      await expectAppError(
        decideStaffGrant({ db: database.db, actor, grantId: grant.id, decision: "APPROVE" }),
        "FORBIDDEN",
      );
    expect(
      (await listStaffGrants({ db: database.db, actor: second })).pending.find((g) => g.id === grant.id)
        ?.blockedBecause,
    ).toMatch(/created or raised your account/);
    expect((await database.db.staffGrant.findUniqueOrThrow({ where: { id: grant.id } })).state).toBe("PENDING");
  });

  it("refuses a grant with a reason: the account stays out, and cannot be enabled around it", async () => {
    const { actor: x, oneTimePassword } = await staff(database.db, second, "ADMIN", "refused");
    const grant = await database.db.staffGrant.findFirstOrThrow({ where: { userId: x.id } });
    await expectAppError(
      decideStaffGrant({ db: database.db, actor: admin, grantId: grant.id, decision: "REFUSE" }),
      "INVALID_INPUT",
    );
    expect(
      await decideStaffGrant({
        db: database.db,
        actor: admin,
        grantId: grant.id,
        decision: "REFUSE",
        reason: "not one of ours",
      }),
    ).toEqual({ state: "REFUSED" });
    expect(await authenticate(database.db, { email: x.email, password: oneTimePassword, origin: {} })).toEqual({
      ok: false,
      reason: "GRANT_PENDING",
    });
    await expectAppError(setUserDisabled({ db: database.db, actor: admin, userId: x.id, disabled: false }), "CONFLICT");
    expect(await database.db.auditEvent.count({ where: { action: "user.grant.refused", targetId: x.id } })).toBe(1);
  });

  it("raising a role is a grant: the old role holds until a second admin approves; lowering is at once", async () => {
    const { actor: d4 } = await staff(database.db, second, "THALES_DELIVERY", "d4");
    await decideStaffGrant({
      db: database.db,
      actor: admin,
      grantId: (await database.db.staffGrant.findFirstOrThrow({ where: { userId: d4.id } })).id,
      decision: "APPROVE",
    });
    await expectAppError(changeUserRole({ db: database.db, actor: d4, userId: d4.id, role: "ADMIN" }), "FORBIDDEN");
    expect(await changeUserRole({ db: database.db, actor: second, userId: d4.id, role: "ADMIN" })).toEqual({
      pending: true,
    });
    expect((await loadActor(database.db, d4.id))!.role).toBe("THALES_DELIVERY");
    await expectAppError(changeUserRole({ db: database.db, actor: second, userId: d4.id, role: "ADMIN" }), "CONFLICT");
    const grant = await database.db.staffGrant.findFirstOrThrow({ where: { userId: d4.id, state: "PENDING" } });
    await decideStaffGrant({ db: database.db, actor: admin, grantId: grant.id, decision: "APPROVE" });
    expect((await loadActor(database.db, d4.id))!.role).toBe("ADMIN");
    expect(await changeUserRole({ db: database.db, actor: admin, userId: d4.id, role: "THALES_DELIVERY" })).toEqual({
      pending: false,
    });
    expect((await loadActor(database.db, d4.id))!.role).toBe("THALES_DELIVERY");
    await expectAppError(
      changeUserRole({ db: database.db, actor: admin, userId: bank.customer.id, role: "THALES_DELIVERY" }),
      "INVALID_INPUT",
    );
  });

  it("a second, independent person puts a Production publication in force, after a preview of each target's trust store", async () => {
    // requester: made by `second`, approved by `admin`; approver: made by `admin`, approved by a third admin.
    const { actor: requester } = await staff(database.db, second, "THALES_DELIVERY", "requester");
    await decideStaffGrant({
      db: database.db,
      actor: admin,
      grantId: (await database.db.staffGrant.findFirstOrThrow({ where: { userId: requester.id } })).id,
      decision: "APPROVE",
    });
    const { actor: third } = await staff(database.db, second, "ADMIN", "third");
    await decideStaffGrant({
      db: database.db,
      actor: admin,
      grantId: (await database.db.staffGrant.findFirstOrThrow({ where: { userId: third.id } })).id,
      decision: "APPROVE",
    });
    const { actor: approver } = await staff(database.db, admin, "THALES_DELIVERY", "approver");
    await decideStaffGrant({
      db: database.db,
      actor: third,
      grantId: (await database.db.staffGrant.findFirstOrThrow({ where: { userId: approver.id } })).id,
      decision: "APPROVE",
    });

    const ca = pki.caCertificate("thales-client-g2");
    const preview = await previewPublication({
      db: database.db,
      actor: requester,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.prd],
      content: { file: ca },
    });
    if (!preview.ok) throw new Error("preview refused");
    const cert = new X509Certificate(ca);
    expect(preview.needsSecondPerson).toBe(true);
    expect(preview.targets).toEqual([
      expect.objectContaining({
        connectionId: bank.prd,
        trustStore: {
          added: [
            expect.objectContaining({
              cn: "thales-client-g2 Root CA",
              serialNumber: expect.any(String),
              sha256: cert.fingerprint256.replace(/:/g, "").toLowerCase(),
            }),
          ],
          removed: [],
          kept: 0,
        },
      }),
    ]);
    expect(await database.db.publicationRequest.count()).toBe(0);

    const requested = await publishAsset({
      db: database.db,
      actor: requester,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.prd],
      content: { file: ca, filename: "g2.pem" },
    });
    if (!requested.ok) throw new Error("publish refused");
    expect((await listPublicationRequests({ db: database.db, actor: approver })).map((r) => r.id)).toContain(
      requested.requestId,
    );
    const detail = await getPublicationRequest({ db: database.db, actor: approver, requestId: requested.requestId });
    expect(detail).toMatchObject({
      state: "PENDING",
      approvalBlockedBecause: null,
      targets: [{ connectionId: bank.prd, trustStore: { added: [{ cn: "thales-client-g2 Root CA" }] } }],
    });
    await expectAppError(
      getPublicationRequest({ db: database.db, actor: bank.customer, requestId: requested.requestId }),
      "FORBIDDEN",
    );
    expect(
      fingerprints((await exportTrustStore({ db: database.db, actor: bank.customer, connectionId: bank.prd })).body),
    ).toEqual([]);

    // Two approvals at once: exactly one wins.
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        decidePublication({ db: database.db, actor: approver, requestId: requested.requestId, decision: "APPROVE" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      fingerprints((await exportTrustStore({ db: database.db, actor: bank.customer, connectionId: bank.prd })).body),
    ).toEqual([cert.fingerprint256]);
    expect(
      await database.db.assetVersion.count({ where: { asset: { connectionId: bank.prd, kind: "THALES_CLIENT_CA" } } }),
    ).toBe(1);
    expect(
      await database.db.auditEvent.count({
        where: { action: "publication.approved", targetId: requested.requestId, actorId: approver.id },
      }),
    ).toBe(1);

    // A refusal needs a reason and puts nothing in force.
    const again = await publishAsset({
      db: database.db,
      actor: requester,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.prd],
      content: { file: pki.caCertificate("thales-client-g3") },
    });
    if (!again.ok) throw new Error("publish refused");
    const replaced = await getPublicationRequest({ db: database.db, actor: approver, requestId: again.requestId });
    // A Thales CA renews with overlap (issue 12): nothing leaves at once, g2 stays beside g3 until the cut-over.
    expect(replaced.targets[0]!.trustStore).toMatchObject({
      added: [{ cn: "thales-client-g3 Root CA" }],
      removed: [],
    });
    expect(replaced.targets[0]!.retiring).toMatchObject({ certificates: [{ cn: "thales-client-g2 Root CA" }] });
    await expectAppError(
      decidePublication({
        db: database.db,
        actor: approver,
        requestId: again.requestId,
        decision: "REFUSE",
        reason: "",
      }),
      "INVALID_INPUT",
    );
    expect(
      await decidePublication({
        db: database.db,
        actor: approver,
        requestId: again.requestId,
        decision: "REFUSE",
        reason: "not announced",
      }),
    ).toEqual({ state: "REFUSED", versionIds: [] });
    expect(
      fingerprints((await exportTrustStore({ db: database.db, actor: bank.customer, connectionId: bank.prd })).body),
    ).toEqual([cert.fingerprint256]);
  });

  it("keeps PreProd publishing immediate, recorded as a request", async () => {
    const result = await publishAsset({
      db: database.db,
      actor: admin,
      kind: "THALES_CLIENT_CA",
      connectionIds: [bank.ppr],
      content: { file: pki.caCertificate("ppr-client") },
    });
    expect(result).toMatchObject({ ok: true, state: "PUBLISHED", versionIds: [expect.any(String)] });
  });
});
