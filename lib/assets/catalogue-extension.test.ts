/**
 * The "done when" of issue 9: a fictional program and a fictional kind, added only to the two tables (a
 * test-only extension of program-table.ts and kind-table.ts), are picked up by the checker, readiness, the API
 * schemas and OpenAPI, and downloads, with no other edit. If this needs a change elsewhere, a list has crept
 * back in outside the catalogues.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/pki/policy/program-table", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/pki/policy/program-table")>();
  const acme = {
    label: "ACME fictional program",
    shortName: "ACME",
    identifierName: "acmeId",
    clientCredential: "csr-signed-by-thales",
    allowedKeys: [{ type: "ec", curve: "P-384", cnToken: "EC384" }],
    discouragedKeys: [],
    refusedKeys: [],
    newKeyCommand: "openssl ecparam -name secp384r1 -genkey -noout -out client.key",
    signatureHash: "SHA-256",
    commonName: { kind: "pattern", template: "ACME:{identifier}:{environment}:{key}" },
    expectedDnAttributes: ["O"],
    clientCertificateValidity: { issuedYears: 1 },
    summary: ["Key: EC P-384 only."],
  };
  return { PROGRAM_TABLE: { ...original.PROGRAM_TABLE, acme } };
});

vi.mock("@/lib/assets/kind-table", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/assets/kind-table")>();
  const ACME_WIDGET_CSR = {
    direction: "CUSTOMER_TO_THALES",
    programs: ["acme"],
    label: "ACME widget CSR",
    description: "Fictional.",
    content: "csr",
    check: "csr",
    providedBy: "customer",
    required: true,
    downloads: ["pem", "der"],
    fileStem: "widget",
  };
  return { ...original, KIND_TABLE: { ...original.KIND_TABLE, ACME_WIDGET_CSR } };
});

const { checkAsset, PROGRAMS } = await import("@/lib/pki");
const { readiness } = await import("./readiness");
const { ASSET_KINDS, CUSTOMER_FILE_KINDS, KINDS, downloadable, downloadsFor, kindsFor } = await import("./kinds");
const schemas = await import("@/lib/server/api/schemas");
const { openApiDocument } = await import("@/lib/server/api/openapi");

// Fictional names are not in the compile-time unions: the point is that nothing else needs to know them.
type Any = never;
const ACME = "acme" as Any;
const WIDGET = "ACME_WIDGET_CSR" as Any;

const dir = mkdtempSync(path.join(tmpdir(), "catalogue-extension-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function csr(curve: string, subj: string): string {
  const key = path.join(dir, `${curve}.key`);
  const out = path.join(dir, `${curve}-${subj.length}.csr`);
  execFileSync("openssl", ["ecparam", "-name", curve, "-genkey", "-noout", "-out", key]);
  execFileSync("openssl", ["req", "-new", "-key", key, "-sha256", "-out", out, "-subj", subj]);
  return readFileSync(out, "utf8");
}

describe("a fictional program and kind, added to the tables only", () => {
  const now = new Date();
  const check = (pem: string, environment: "PPR" | "PRD" = "PPR") =>
    checkAsset(pem, { program: ACME, environment, identifier: "BANK7", asset: "csr", now });

  it("the checker enforces the program's keys, CN template and key-type token", async () => {
    expect(PROGRAMS).toContain("acme");
    const good = await check(csr("secp384r1", "/O=Acme/CN=ACME:BANK7:PPR:EC384"));
    expect(good.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(good.verdict).toBe("accepted");
    const p256 = await check(csr("prime256v1", "/O=Acme/CN=ACME:BANK7:PPR:EC384"));
    expect(p256.findings.map((f) => f.code)).toContain("KEY_NOT_ALLOWED");
    expect(p256.findings.find((f) => f.code === "KEY_NOT_ALLOWED")?.hint).toContain("secp384r1");
    const wrongEnv = await check(csr("secp384r1", "/O=Acme/CN=ACME:BANK7:PRD:EC384"));
    expect(wrongEnv.findings.map((f) => f.code)).toEqual(["CN_ENVIRONMENT_MISMATCH"]);
    expect(wrongEnv.findings[0]!.hint).toContain("CN=ACME:BANK7:PPR:EC384");
  });

  it("readiness lists the kind for the program, and only there", () => {
    expect(ASSET_KINDS).toContain("ACME_WIDGET_CSR");
    expect(kindsFor(ACME).map((k) => k.kind)).toEqual(["ACME_WIDGET_CSR"]);
    const board = readiness(ACME, "PPR", [], { now: new Date(), trustStoreNeeded: false });
    expect(board.items).toMatchObject([
      { kind: "ACME_WIDGET_CSR", label: "ACME widget CSR", required: true, waitingOn: "customer" },
    ]);
    expect(kindsFor("d1").map((k) => k.kind)).not.toContain("ACME_WIDGET_CSR");
  });

  it("the API schemas and the OpenAPI document accept them", () => {
    expect(CUSTOMER_FILE_KINDS).toContain("ACME_WIDGET_CSR");
    expect(schemas.UploadBody.safeParse({ kind: WIDGET, content: "PEM" }).success).toBe(true);
    expect(
      schemas.CheckBody.safeParse({ program: ACME, environment: "PPR", identifier: "B", kind: WIDGET, content: "x" })
        .success,
    ).toBe(true);
    expect(
      schemas.CheckBody.safeParse({ program: "nope", environment: "PPR", identifier: "B", kind: WIDGET, content: "x" })
        .success,
    ).toBe(false);
    const openapi = JSON.stringify(openApiDocument());
    expect(openapi).toContain('"ACME_WIDGET_CSR"');
    expect(openapi).toContain('"acme"');
  });

  it("downloads offer and accept the kind's formats", () => {
    const info = KINDS[WIDGET as keyof typeof KINDS];
    expect(downloadsFor(info)).toEqual([
      { format: "pem", label: "PEM" },
      { format: "der", label: "DER" },
    ]);
    expect(downloadable(info, "der")).toBe(true);
    expect(downloadable(info, "p7b")).toBe(false);
  });
});
