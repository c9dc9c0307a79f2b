import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Test material made by the real openssl CLI (what customers use), in a fresh temporary directory, so the
 * portal is judged against files it did not produce itself.
 */
const OPENSSL = process.env.OPENSSL_BIN ?? "/usr/bin/openssl";

export class Workdir {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-pki-"));

  openssl(...args: string[]): string {
    return execFileSync(OPENSSL, args, { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  read(name: string): string {
    return readFileSync(this.path(name), "utf8");
  }

  write(name: string, content: string): string {
    writeFileSync(this.path(name), content);
    return this.path(name);
  }

  /** A new private key: EC P-256 or RSA of the given size (PKCS#8 PEM). */
  key(name: string, type: "ec-p256" | "rsa-2048" | "rsa-4096" = "ec-p256"): string {
    if (type === "ec-p256")
      this.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name);
    else
      this.openssl(
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        `rsa_keygen_bits:${type === "rsa-2048" ? 2048 : 4096}`,
        "-out",
        name,
      );
    return this.read(name);
  }

  /** A CSR for `subj` (openssl -subj form) with a new key; also the public key as openssl prints it. */
  csr(
    name: string,
    subj: string,
    type: "ec-p256" | "rsa-2048" = "ec-p256",
  ): { csrPem: string; publicKeyPem: string; keyPem: string } {
    const keyPem = this.key(`${name}.key`, type);
    this.openssl("req", "-new", "-key", `${name}.key`, "-sha256", "-subj", subj, "-out", `${name}.csr`);
    const publicKeyPem = this.openssl("req", "-in", `${name}.csr`, "-pubkey", "-noout");
    return { csrPem: this.read(`${name}.csr`), publicKeyPem, keyPem };
  }

  /** A self-signed certificate (TSH client certificate), EC P-256, SHA-256. */
  selfSigned(name: string, cn: string, days: number): string {
    this.key(`${name}.key`);
    this.openssl(
      "req",
      "-x509",
      "-new",
      "-key",
      `${name}.key`,
      "-sha256",
      "-days",
      String(days),
      "-subj",
      `/CN=${esc(cn)}`,
      "-addext",
      "extendedKeyUsage=clientAuth",
      "-addext",
      "keyUsage=critical,digitalSignature",
      "-out",
      `${name}.pem`,
    );
    return this.read(`${name}.pem`);
  }

  /** A private PKI: root → intermediate → leaf (serverAuth, SAN = host). Returns each PEM. */
  serverChain(name: string, host: string): { root: string; intermediate: string; leaf: string; chain: string } {
    const ca = this.write(
      `${name}-ca.ext`,
      "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    );
    const leafExt = this.write(
      `${name}-leaf.ext`,
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${host}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`,
    );
    this.key(`${name}-root.key`);
    this.openssl(
      "req",
      "-x509",
      "-new",
      "-key",
      `${name}-root.key`,
      "-sha256",
      "-days",
      "3650",
      "-subj",
      `/C=FR/O=${name} Test PKI/CN=${name} Root CA`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
      "-out",
      `${name}-root.pem`,
    );
    this.key(`${name}-int.key`);
    this.openssl(
      "req",
      "-new",
      "-key",
      `${name}-int.key`,
      "-sha256",
      "-subj",
      `/C=FR/O=${name} Test PKI/CN=${name} Issuing CA`,
      "-out",
      `${name}-int.csr`,
    );
    this.openssl(
      "x509",
      "-req",
      "-in",
      `${name}-int.csr`,
      "-CA",
      `${name}-root.pem`,
      "-CAkey",
      `${name}-root.key`,
      "-CAcreateserial",
      "-sha256",
      "-days",
      "1825",
      "-extfile",
      ca,
      "-out",
      `${name}-int.pem`,
    );
    this.key(`${name}-leaf.key`);
    this.openssl(
      "req",
      "-new",
      "-key",
      `${name}-leaf.key`,
      "-sha256",
      "-subj",
      `/C=FR/O=${name}/CN=${host}`,
      "-out",
      `${name}-leaf.csr`,
    );
    this.openssl(
      "x509",
      "-req",
      "-in",
      `${name}-leaf.csr`,
      "-CA",
      `${name}-int.pem`,
      "-CAkey",
      `${name}-int.key`,
      "-CAcreateserial",
      "-sha256",
      "-days",
      "365",
      "-extfile",
      leafExt,
      "-out",
      `${name}-leaf.pem`,
    );
    const root = this.read(`${name}-root.pem`);
    const intermediate = this.read(`${name}-int.pem`);
    const leaf = this.read(`${name}-leaf.pem`);
    return { root, intermediate, leaf, chain: leaf + intermediate + root };
  }
}

/** A value for openssl -subj: `/` and `\` escaped, as the portal's hints write it. */
export function esc(value: string): string {
  return value.replace(/[\\/]/g, (c) => "\\" + c);
}

/** Every PEM block of a text, with its label. */
export function pemBlocks(text: string): { label: string; pem: string }[] {
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map((m) => ({
    label: m[1]!,
    pem: m[0],
  }));
}

/** An identifier value no other test (or earlier run on the same database) uses. */
export function uniqueIdentifier(prefix: string): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296)
    .toString(36)
    .toUpperCase()}`;
}
