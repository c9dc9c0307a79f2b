/**
 * Test-only: generate fixtures with the openssl CLI (the tool customers use), into a fresh temp directory.
 * Each command is spelled out so a reader can rerun it by hand.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeInput } from "./decode";

export const OPENSSL = "/usr/bin/openssl";

export type Fixtures = {
  dir: string;
  file: (name: string) => string;
  read: (name: string) => Buffer;
  text: (name: string) => string;
  openssl: (args: string) => void;
};

/**
 * One section of an openssl extensions file (`-extfile ext.cnf -extensions <name>`): a CA (with its path length,
 * if any) or an end entity, its key usage, extended key usage and subject alternative name, and the key identifiers.
 */
export function extSection(
  name: string,
  p: { ca: boolean | { pathlen: number }; keyUsage: string; eku?: string; san?: string; keyIds?: boolean },
): string {
  const ca = p.ca === false ? "CA:FALSE" : p.ca === true ? "CA:TRUE" : `CA:TRUE, pathlen:${p.ca.pathlen}`;
  return [
    `[${name}]`,
    `basicConstraints = critical, ${ca}`,
    `keyUsage = critical, ${p.keyUsage}`,
    ...(p.eku ? [`extendedKeyUsage = ${p.eku}`] : []),
    ...(p.san ? [`subjectAltName = ${p.san}`] : []),
    ...(p.keyIds ? ["subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"] : []),
    "",
  ].join("\n");
}

/**
 * A fresh temp directory where openssl makes test PKI step by step (the probe's servers, the integration tests'
 * material): `extensions` is its ext.cnf (see extSection), serials count up from `firstSerial`. Each step is one
 * openssl command a reader can rerun by hand in `dir`.
 */
export function opensslWorkspace(prefix: string, extensions: string, firstSerial: number) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  writeFileSync(path.join(dir, "ext.cnf"), extensions);
  const file = (name: string) => path.join(dir, name);
  const text = (name: string) => readFileSync(file(name), "utf8");
  /** Runs openssl in the directory and returns what it printed. */
  const openssl = (...args: string[]) =>
    execFileSync(OPENSSL, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8");
  let serial = firstSerial;
  return {
    dir,
    file,
    text,
    openssl,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
    /** A new EC P-256 key `<name>.key`: `openssl ecparam -name prime256v1 -genkey -noout`. Returns its file name. */
    ecKey(name: string): string {
      openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.key`);
      return `${name}.key`;
    },
    /** A self-signed CA certificate (a root, ten years): `openssl req -x509 -new -key … -addext keyUsage=…`. */
    selfSignedCa(keyFile: string, subject: string, out: string): string {
      openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        keyFile,
        "-sha256",
        "-days",
        "3650",
        "-subj",
        subject,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        out,
      );
      return text(out);
    },
    /** A CSR for `keyFile`: `openssl req -new -key … -subj …`. */
    csr(keyFile: string, subject: string, out: string): void {
      openssl("req", "-new", "-key", keyFile, "-subj", subject, "-out", out);
    },
    /** Sign `csrFile` with the CA `caName` (`<caName>.pem` and `<caName>.key`) and the ext.cnf section `section`. */
    signCsr(csrFile: string, caName: string, out: string, section: string, days: number): string {
      openssl(
        "x509",
        "-req",
        "-in",
        csrFile,
        "-CA",
        `${caName}.pem`,
        "-CAkey",
        `${caName}.key`,
        "-set_serial",
        String(serial++),
        "-days",
        String(days),
        "-sha256",
        "-extfile",
        "ext.cnf",
        "-extensions",
        section,
        "-out",
        out,
      );
      return text(out);
    },
  };
}

const EXT = [
  extSection("v3_int", { ca: { pathlen: 0 }, keyUsage: "keyCertSign, cRLSign", keyIds: true }),
  extSection("v3_notca", { ca: false, keyUsage: "digitalSignature", keyIds: true }),
  extSection("v3_leaf", {
    ca: false,
    keyUsage: "digitalSignature, keyEncipherment",
    eku: "serverAuth",
    san: "DNS:api.customer.example",
    keyIds: true,
  }),
  extSection("v3_clientleaf", {
    ca: false,
    keyUsage: "digitalSignature",
    eku: "clientAuth",
    san: "DNS:api.customer.example",
  }),
].join("");

/** The first certificate (DER) of each fixture file named. */
export const firstCertificates = (fx: Fixtures, ...names: string[]) =>
  names.map((n) => decodeInput(fx.read(n)).certificates[0]!);

/** The codes of a result's findings, in order. */
export const findingCodes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

/** Run openssl with a shell-like argument string (arguments with spaces use '…'). */
function run(dir: string, args: string): void {
  const argv = args.match(/'[^']*'|\S+/g)!.map((a) => (a.startsWith("'") ? a.slice(1, -1) : a));
  execFileSync(OPENSSL, argv, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

const D1_DN = "/C=FR/ST=Ile-de-France/L=Paris/O=Acme Bank/OU=Payments";

/** Generate the standard fixture set. `rsa4096` is optional because the key takes a second or two. */
export function makeFixtures(opts: { rsa4096?: boolean } = {}): Fixtures {
  const dir = mkdtempSync(path.join(tmpdir(), "pki-fx-"));
  const o = (a: string) => run(dir, a);
  writeFileSync(path.join(dir, "ext.cnf"), EXT);
  // Keys
  o("ecparam -name prime256v1 -genkey -noout -out ec256.key");
  o("ecparam -name secp384r1 -genkey -noout -out ec384.key");
  o("genrsa -out rsa2048.key 2048");
  if (opts.rsa4096) o("genrsa -out rsa4096.key 4096");
  // D1 CSRs
  o(`req -new -key ec256.key -sha256 -out d1-ec.csr -subj '${D1_DN}/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR'`);
  o("req -in d1-ec.csr -outform DER -out d1-ec.csr.der");
  if (opts.rsa4096)
    o(`req -new -key rsa4096.key -sha256 -out d1-rsa4096.csr -subj '${D1_DN}/CN=TLSMA-RSA\\/ISS123\\/D1.PRD'`);
  o(`req -new -key rsa2048.key -sha256 -out d1-rsa2048.csr -subj '${D1_DN}/CN=TLSMA-RSA\\/ISS123\\/D1.PPR'`);
  o(`req -new -key ec256.key -sha256 -out d1-ec-wrong-cn.csr -subj '${D1_DN}/CN=TLSMA-RSA\\/ISS123\\/D1.PPR'`);
  o(`req -new -key ec256.key -sha1 -out d1-ec-sha1.csr -subj '${D1_DN}/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR'`);
  o(`req -new -key ec384.key -sha256 -out d1-ec384.csr -subj '${D1_DN}/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR'`);
  o("req -new -key ec256.key -sha256 -out d1-ec-cn-only.csr -subj '/CN=TLSMA-ECDSA\\/ISS123\\/D1.PPR'");
  o(`req -new -key ec256.key -sha256 -out ecom-ec.csr -subj '${D1_DN}/CN=TLSMA-ECDSA\\/MGW42\\/D1.PRD'`);
  // TSH self-signed client certificates
  o("req -x509 -new -key ec256.key -sha256 -days 730 -out tsh-ec.crt -subj '/O=Acme Bank/CN=TSH-CUST42-PPR'");
  o("req -x509 -new -key ec384.key -sha256 -days 365 -out tsh-ec384.crt -subj '/CN=TSH-CUST42-PPR'");
  o("req -x509 -new -key rsa2048.key -sha256 -days 730 -out tsh-rsa2048.crt -subj '/CN=TSH-CUST42-PPR'");
  o("req -x509 -new -key ec256.key -sha256 -days 1095 -out tsh-3y.crt -subj '/CN=TSH-CUST42-PPR'");
  o("req -x509 -new -key ec256.key -sha1 -days 730 -out tsh-sha1.crt -subj '/CN=TSH-CUST42-PPR'");
  // Private chain: root → intermediate (pathlen 0) → server leaf; plus a non-CA "intermediate".
  o("ecparam -name prime256v1 -genkey -noout -out root.key");
  o("ecparam -name prime256v1 -genkey -noout -out int.key");
  o(
    "req -x509 -new -key root.key -sha256 -days 3650 -out root.pem -subj '/O=Acme Bank/CN=Acme Test Root' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
  );
  o("req -new -key int.key -out int.csr -subj '/O=Acme Bank/CN=Acme Test Intermediate'");
  o(
    "x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 -days 1825 -sha256 -extfile ext.cnf -extensions v3_int -out int.pem",
  );
  o("req -new -key rsa2048.key -out leaf.csr -subj '/O=Acme Bank/CN=api.customer.example'");
  o(
    "x509 -req -in leaf.csr -CA int.pem -CAkey int.key -set_serial 3 -days 397 -sha256 -extfile ext.cnf -extensions v3_leaf -out leaf.pem",
  );
  o(
    "x509 -req -in leaf.csr -CA int.pem -CAkey int.key -set_serial 4 -days 397 -sha256 -extfile ext.cnf -extensions v3_clientleaf -out leaf-client-eku.pem",
  );
  o(
    "x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 5 -days 1825 -sha256 -extfile ext.cnf -extensions v3_notca -out int-notca.pem",
  );
  o(
    "x509 -req -in leaf.csr -CA int-notca.pem -CAkey int.key -set_serial 6 -days 397 -sha256 -extfile ext.cnf -extensions v3_leaf -out leaf-under-notca.pem",
  );
  // Private key forms that must be refused.
  o("pkcs8 -topk8 -nocrypt -in ec256.key -out ec256.p8.pem");
  o("pkcs8 -topk8 -in ec256.key -passout pass:secret -out ec256.enc.pem");
  o("pkcs8 -topk8 -nocrypt -in ec256.key -outform DER -out ec256.p8.der");
  o("ec -in ec256.key -outform DER -out ec256.sec1.der");
  o("rsa -in rsa2048.key -traditional -out rsa2048.pkcs1.pem");
  o("rsa -in rsa2048.key -traditional -outform DER -out rsa2048.pkcs1.der");
  o("pkcs12 -export -in tsh-ec.crt -inkey ec256.key -passout pass:secret -out client.p12");
  // Bundles
  o("crl2pkcs7 -nocrl -certfile leaf.pem -certfile int.pem -certfile root.pem -out chain.p7b");
  o("crl2pkcs7 -nocrl -certfile leaf.pem -certfile int.pem -outform DER -out chain.p7b.der");
  o("x509 -in leaf.pem -outform DER -out leaf.der");
  const file = (n: string) => path.join(dir, n);
  return { dir, file, read: (n) => readFileSync(file(n)), text: (n) => readFileSync(file(n), "utf8"), openssl: o };
}
