import "server-only";
import { amrSatisfiesMfa, emailDomain, mapRole, type OidcProviderConfig } from "@/lib/assets/sso";
import { isRole, requiresMfa, type Role } from "@/lib/assets/permissions";
import { isRaise, isStaffRole } from "@/lib/assets/separation";
import type { Db } from "../db/client";
import type { RequestOrigin } from "../actor";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { endAllSessions } from "../auth/end-all-sessions";
import { sessionOrigin } from "../auth/session-origin";
import type { SsoRefusal } from "./refusals";

export type SignInWithOidcOptions = {
  db: Db;
  provider: OidcProviderConfig;
  claims: Record<string, unknown>;
  origin: RequestOrigin;
  now?: Date;
};
/**
 * On success, the server-side session opened for it (the cookie names it, like a password sign-in's).
 * `secondFactorOwed`: the session opens nothing until the TOTP code is given (app/login/second-factor).
 */
export type SignInWithOidcResult =
  { ok: true; userId: string; sessionId: string; secondFactorOwed: boolean } | { ok: false; reason: SsoRefusal };

/** Never a usable password: verifyPassword() only accepts "scrypt$…", so SSO-provisioned accounts have none. */
const NO_PASSWORD = "sso-only";

type UserRef = { id: string; email: string; role: string; organizationId: string };

/**
 * One sign-in through an organization's OpenID provider, after next-auth verified the ID token. The account
 * must be in the provider's organization, with an e-mail in a domain an admin bound to it; a new one is
 * provisioned just in time. The role comes from the IdP claim at every sign-in: a lower role applies at once
 * (and ends the account's other sessions); a staff role that adds powers (a new staff account, or a raise)
 * is not granted by the IdP alone — the new account stays disabled until an admin enables it, a raise waits
 * (ssoPendingRole). The second factor: the IdP's `amr` satisfies it; else a user with TOTP owes a code, and
 * one without it must enrol, as with passwords. Every outcome is audited.
 */
export async function signInWithOidc(options: SignInWithOidcOptions): Promise<SignInWithOidcResult> {
  const { db, provider, claims, origin } = options;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase().slice(0, 320) : "";
  const subject = typeof claims.sub === "string" ? claims.sub.slice(0, 255) : "";
  const base = { provider: provider.id, email: email || null };
  const refuse = async (reason: SsoRefusal, actor?: UserRef, organizationId?: string | null) => {
    await recordAudit(db, {
      action: "auth.sso.refused",
      actor: actor ? { ...actor, role: actor.role as Role } : null,
      organizationId: organizationId ?? actor?.organizationId ?? null,
      details: { ...base, reason },
      origin,
    });
    return { ok: false as const, reason };
  };

  const organization = await db.organization.findUnique({
    where: { name: provider.organization },
    select: { id: true, kind: true },
  });
  if (!organization) return refuse("SSO_UNKNOWN_ORGANIZATION");
  if (!email || !subject || claims.email_verified === false || !emailDomain(email)) {
    return refuse("SSO_NO_EMAIL", undefined, organization.id);
  }

  const select = {
    id: true,
    email: true,
    role: true,
    organizationId: true,
    disabled: true,
    ssoProvider: true,
    ssoSubject: true,
    ssoPendingRole: true,
    mfaSecret: true,
  } as const;
  const user =
    (await db.user.findUnique({
      where: { ssoProvider_ssoSubject: { ssoProvider: provider.id, ssoSubject: subject } },
      select,
    })) ?? (await db.user.findUnique({ where: { email }, select }));
  if (user && user.organizationId !== organization.id) return refuse("SSO_OTHER_ORGANIZATION", user);
  if (user?.ssoSubject && (user.ssoProvider !== provider.id || user.ssoSubject !== subject)) {
    return refuse("SSO_SUBJECT_MISMATCH", user);
  }

  const bound = await db.organizationDomain.findFirst({
    where: { domain: emailDomain(email)!, organizationId: organization.id },
    select: { id: true },
  });
  if (!bound) return refuse("SSO_WRONG_DOMAIN", user ?? undefined, organization.id);
  const role = mapRole(claims, provider, organization.kind);
  if (!role) return refuse("SSO_NO_ROLE", user ?? undefined, organization.id);

  if (!user) {
    const id = newId();
    const pending = isStaffRole(role);
    const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    await db.$transaction(async (tx) => {
      await tx.user.create({
        data: {
          id,
          email,
          name,
          passwordHash: NO_PASSWORD,
          role,
          organizationId: organization.id,
          ssoProvider: provider.id,
          ssoSubject: subject,
          disabled: pending,
          ssoPendingRole: pending ? role : null,
        },
      });
      await recordAudit(tx, {
        action: "auth.sso.provisioned",
        actor: { id, email, role, organizationId: organization.id },
        target: { type: "User", id },
        after: { role, disabled: pending },
        details: { ...base, pendingApproval: pending },
        origin,
      });
    });
    const created = { id, email, role, organizationId: organization.id };
    if (pending) return refuse("SSO_PENDING_APPROVAL", created);
    return openSession(options, { ...created, mfaSecret: null }, false);
  }

  if (user.disabled) return refuse(user.ssoPendingRole ? "SSO_PENDING_APPROVAL" : "SSO_DISABLED", user);
  const current = isRole(user.role) ? user.role : "CUSTOMER";
  const actor = { id: user.id, email: user.email, role: current, organizationId: user.organizationId };
  if (!user.ssoSubject) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { ssoProvider: provider.id, ssoSubject: subject } });
      await recordAudit(tx, {
        action: "auth.sso.linked",
        actor,
        target: { type: "User", id: user.id },
        details: base,
        origin,
      });
    });
  }
  let effective: Role = current;
  let roleChanged = false;
  if (role !== current && isRaise(current, role) && isStaffRole(role)) {
    // A raise through the IdP waits for an administrator; the account keeps its role meanwhile.
    if (user.ssoPendingRole !== role) {
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { ssoPendingRole: role } });
        await recordAudit(tx, {
          action: "auth.sso.role-pending",
          actor,
          target: { type: "User", id: user.id },
          before: { role: current },
          after: { role },
          details: base,
          origin,
        });
      });
    }
  } else if (role !== current) {
    effective = role;
    roleChanged = true;
  } else if (user.ssoPendingRole) {
    await db.user.update({ where: { id: user.id }, data: { ssoPendingRole: null } });
  }
  return openSession(
    options,
    { ...actor, role: effective, mfaSecret: user.mfaSecret, previousRole: current },
    roleChanged,
  );
}

/**
 * The successful end: the role change (if any) and the new server-side session commit together with the
 * audit row, so a session never exists without its `auth.sso.success`. A role change ends the account's
 * other sessions, as an administrator's change would.
 */
async function openSession(
  { db, provider, claims, origin, now = new Date() }: SignInWithOidcOptions,
  user: UserRef & { role: Role; mfaSecret: string | null; previousRole?: Role },
  roleChanged: boolean,
): Promise<SignInWithOidcResult> {
  const idpSecondFactor = amrSatisfiesMfa(claims.amr, provider.mfaAmr);
  const secondFactorOwed = requiresMfa(user.role) && !idpSecondFactor && !!user.mfaSecret;
  const secondFactor = idpSecondFactor ? "idp-amr" : secondFactorOwed ? "totp-owed" : undefined;
  const actor = { id: user.id, email: user.email, role: user.role, organizationId: user.organizationId };
  const sessionId = newId();
  await db.$transaction(async (tx) => {
    if (roleChanged) {
      await tx.user.update({ where: { id: user.id }, data: { role: user.role, ssoPendingRole: null } });
      await recordAudit(tx, {
        action: "auth.sso.role-changed",
        actor,
        target: { type: "User", id: user.id },
        before: { role: user.previousRole },
        after: { role: user.role },
        details: { provider: provider.id, email: user.email },
        origin,
      });
      await endAllSessions(tx, user.id, "role-changed", { actor, origin, now });
    }
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        createdAt: now,
        ...sessionOrigin(origin),
        ssoProvider: provider.id,
        idpSecondFactor,
        secondFactorOwed,
      },
    });
    await recordAudit(tx, {
      action: "auth.sso.success",
      actor,
      target: { type: "Session", id: sessionId },
      details: {
        provider: provider.id,
        amr: Array.isArray(claims.amr) ? claims.amr.filter((v) => typeof v === "string").slice(0, 10) : undefined,
        secondFactor,
      },
      origin,
    });
  });
  return { ok: true, userId: user.id, sessionId, secondFactorOwed };
}
