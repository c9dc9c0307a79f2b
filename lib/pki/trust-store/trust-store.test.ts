/**
 * Trust stores against their real consumers: OpenSSL reads the PKCS#12 (and checks its MAC), keytool lists
 * every entry of the PKCS#12 and the JKS as trustedCertEntry, and a Java TLS client configured only with
 * javax.net.ssl.trustStore trusts a Node TLS server through each exported store (and refuses one without its CA).
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createServer, type Server } from "node:tls";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeInput } from "../decode";
import { makeFixtures, OPENSSL, type Fixtures } from "../test-fixtures";
import { certificateAlias, withAliases } from "./aliases";
import { jksDigest } from "./jks";
import { pkcs12Kdf } from "./pkcs12";
import { writeTrustStore } from "./index";

const run = promisify(execFile);
const CLIENT = path.resolve(import.meta.dirname, "../../../tests/consumers/Client.java");
const now = new Date("2026-12-01T12:00:00Z");

let fx: Fixtures;
let root: Uint8Array;
let intermediate: Uint8Array;
let unrelated: Uint8Array;
let server: Server;
let port: number;
const sockets = new Set<{ destroy(): void }>();

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const der = (name: string) => decodeInput(fx.text(name)).certificates[0]!;
const keytoolList = (file: string, type: string, password = "changeit") =>
  execFileSync("keytool", ["-list", "-v", "-keystore", file, "-storetype", type, "-storepass", password], {
    encoding: "utf8",
  });

beforeAll(async () => {
  fx = makeFixtures();
  root = der("root.pem");
  intermediate = der("int.pem");
  unrelated = der("tsh-ec.crt");
  server = createServer({ key: fx.read("rsa2048.key"), cert: fx.text("leaf.pem") + fx.text("int.pem") }, (socket) => {
    sockets.add(socket);
    socket.end("pong\n");
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => {
  for (const socket of sockets) socket.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("aliases", () => {
  it("are the subject CN slug and a short SHA-256, stable and distinct", () => {
    expect(certificateAlias(root)).toMatch(/^acme-test-root-[0-9a-f]{8}$/);
    expect(certificateAlias(root)).toBe(certificateAlias(Uint8Array.from(root)));
    expect(withAliases([root, intermediate, root]).map((c) => c.alias)).toEqual([
      certificateAlias(root),
      certificateAlias(intermediate),
    ]);
  });
});

describe("PKCS#12 trust store", () => {
  it("derives the MAC key exactly as OpenSSL's PKCS12KDF (RFC 7292 Appendix B)", () => {
    const salt = Buffer.from("0a58cf64530d823f", "hex");
    const ours = Buffer.from(pkcs12Kdf("smeg", salt, 3, 1000, 32)).toString("hex");
    // OpenSSL's PKCS12KDF takes the password already as a NUL-terminated BMPString (RFC 7292 B.1).
    const bmpPassword = "0073006d006500670000";
    const args = [
      "kdf",
      "-keylen",
      "32",
      "-kdfopt",
      "digest:SHA256",
      "-kdfopt",
      `hexpass:${bmpPassword}`,
      "-kdfopt",
      `hexsalt:${salt.toString("hex")}`,
      "-kdfopt",
      "iter:1000",
      "-kdfopt",
      "id:3",
      "PKCS12KDF",
    ];
    const theirs = execFileSync(OPENSSL, args, { encoding: "utf8" }).trim().replace(/:/g, "").toLowerCase();
    expect(ours).toBe(theirs);
  });

  it("is read by openssl pkcs12 -info: PBES2/AES-256-CBC, HMAC-SHA256 MAC, certificate bags with names and trust", () => {
    writeFileSync(fx.file("t.p12"), writeTrustStore([root, intermediate], { format: "p12", now }));
    const args = ["pkcs12", "-in", fx.file("t.p12"), "-info", "-nokeys", "-passin", "pass:changeit"];
    const { stdout, stderr } = spawnSync(OPENSSL, args, { encoding: "utf8" });
    expect(stderr).toContain("MAC: sha256");
    expect(stderr).toContain("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC");
    expect(stderr).toContain("PRF hmacWithSHA256");
    expect(stderr.match(/^Certificate bag$/gm)).toHaveLength(2);
    expect(stderr).not.toMatch(/Shrouded Keybag|Key bag/);
    expect(stdout).toContain(`friendlyName: ${certificateAlias(root)}`);
    expect(stdout).toContain(`friendlyName: ${certificateAlias(intermediate)}`);
    // OpenSSL prints the Oracle attribute's OID and cannot name its value; it must be there once per bag.
    expect(stdout.match(/2\.16\.840\.1\.113894\.746875\.1\.1:/g)).toHaveLength(2);
    expect(decodeInput(stdout).certificates.map(hex)).toEqual([root, intermediate].map(hex));
  });

  it("refuses a wrong password (the MAC covers the content)", () => {
    writeFileSync(fx.file("w.p12"), writeTrustStore([root], { format: "p12", now, password: "another-one" }));
    const wrong = spawnSync(OPENSSL, ["pkcs12", "-in", fx.file("w.p12"), "-nokeys", "-passin", "pass:changeit"], {
      encoding: "utf8",
    });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/mac verify (failure|error)/i);
    const right = spawnSync(OPENSSL, ["pkcs12", "-in", fx.file("w.p12"), "-nokeys", "-passin", "pass:another-one"], {
      encoding: "utf8",
    });
    expect(right.status).toBe(0);
  });

  it("keytool lists every entry as trustedCertEntry under its alias", () => {
    writeFileSync(fx.file("k.p12"), writeTrustStore([root, intermediate, unrelated], { format: "p12", now }));
    const out = keytoolList(fx.file("k.p12"), "PKCS12");
    expect(out).toContain("Your keystore contains 3 entries");
    for (const c of [root, intermediate, unrelated]) expect(out).toContain(`Alias name: ${certificateAlias(c)}`);
    expect(out.match(/Entry type: trustedCertEntry/g)).toHaveLength(3);
  });
});

describe("JKS trust store", () => {
  it("has the JavaKeyStore layout and integrity digest", () => {
    const jks = Buffer.from(writeTrustStore([root], { format: "jks", now, password: "changeit" }) as Uint8Array);
    expect(jks.readUInt32BE(0)).toBe(0xfeedfeed);
    expect(jks.readUInt32BE(4)).toBe(2);
    expect(jks.readUInt32BE(8)).toBe(1);
    expect(jks.readUInt32BE(12)).toBe(2);
    const alias = certificateAlias(root);
    expect(jks.subarray(18, 18 + jks.readUInt16BE(16)).toString()).toBe(alias);
    expect(Number(jks.readBigUInt64BE(18 + alias.length))).toBe(now.getTime());
    expect(jks.subarray(-20)).toEqual(jksDigest("changeit", jks.subarray(0, -20)));
  });

  it("keytool lists every entry as trustedCertEntry, and refuses a wrong password", () => {
    writeFileSync(fx.file("k.jks"), writeTrustStore([root, intermediate, unrelated], { format: "jks", now }));
    const out = keytoolList(fx.file("k.jks"), "JKS");
    expect(out).toContain("Keystore type: JKS");
    expect(out).toContain("Your keystore contains 3 entries");
    for (const c of [root, intermediate, unrelated]) expect(out).toContain(`Alias name: ${certificateAlias(c)}`);
    expect(out.match(/Entry type: trustedCertEntry/g)).toHaveLength(3);
    const args = ["-list", "-keystore", fx.file("k.jks"), "-storetype", "JKS", "-storepass", "wrong-password"];
    const wrong = spawnSync("keytool", args, { encoding: "utf8" });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout + wrong.stderr).toMatch(/password was incorrect/);
  });
});

describe("a Java TLS client configured with javax.net.ssl.trustStore", () => {
  it("trusts the server through the exported PKCS#12 and JKS, and refuses a store without its CA", async () => {
    writeFileSync(fx.file("java.p12"), writeTrustStore([root], { format: "p12", now }));
    writeFileSync(fx.file("java.jks"), writeTrustStore([root], { format: "jks", now }));
    writeFileSync(fx.file("other.p12"), writeTrustStore([unrelated], { format: "p12", now }));
    const java = (store: string, type: string) =>
      run(
        "java",
        [
          `-Djavax.net.ssl.trustStore=${fx.file(store)}`,
          "-Djavax.net.ssl.trustStorePassword=changeit",
          `-Djavax.net.ssl.trustStoreType=${type}`,
          CLIENT,
          "127.0.0.1",
          String(port),
        ],
        { encoding: "utf8" },
      ).then((r) => r.stdout.trim());
    // One JVM per store: the default SSLContext reads javax.net.ssl.* once per JVM, as in a real backend.
    const [p12, jks, other] = await Promise.all([
      java("java.p12", "PKCS12"),
      java("java.jks", "JKS"),
      java("other.p12", "PKCS12"),
    ]);
    expect(p12).toMatch(/^TRUSTED TLSv1\.[23] pong$/);
    expect(jks).toMatch(/^TRUSTED TLSv1\.[23] pong$/);
    expect(other).toMatch(/^REFUSED .*(PKIX|certification path)/);
  });
});
