import { readFileSync, writeFileSync } from "node:fs";
import { opensslWorkspace } from "@/lib/pki/test-fixtures";

export { OPENSSL } from "@/lib/pki/test-fixtures";

/**
 * Real PKI inputs made with the openssl CLI customers use (/usr/bin/openssl 3.0), in a temp directory that
 * is removed with `dispose()`. Keys never leave that directory except the one deliberately pasted into an
 * upload to prove private keys are refused. ECDSA P-256 everywhere except the RSA 2048 CSR (refused for D1):
 * RSA 4096 takes seconds to generate. Everything is cached by name, so a test file pays for each key once.
 *
 * Each command below can be rerun by hand in the temp directory.
 */
export const D1_DN = "/C=FR/ST=IDF/L=Paris/O=Acme Bank/OU=Payments";

const EXTENSIONS = `
[v3_int]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:api.acme.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export type ServerChain = { rootPem: string; intermediatePem: string; leafPem: string; chainPem: string };

export type PkiMaterial = ReturnType<typeof pkiMaterial>;

/** The D1 client CN for an ECDSA key, e.g. TLSMA-ECDSA/ACME01/D1.PRD. */
export function d1Cn(identifier: string, environment: "PPR" | "PRD", keyType: "ECDSA" | "RSA" = "ECDSA"): string {
  return `TLSMA-${keyType}/${identifier}/D1.${environment}`;
}

export function pkiMaterial() {
  const pki = opensslWorkspace("portal-pki-", EXTENSIONS, 1001);
  const { dir, file, openssl } = pki;
  const read = pki.text;
  let counter = 0;
  const cache = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };
  /** openssl's -subj wants "/" inside a value escaped. */
  const subj = (dn: string, cn: string) => `${dn}/CN=${cn.replace(/\//g, "\\/")}`;

  /** A named EC P-256 key file (created once). */
  const ecKey = (name: string): string => once(`key:${name}`, () => pki.ecKey(name));

  /** A self-signed CA certificate (root), created once. */
  const rootCa = (name: string, cn = `${name} Root CA`): string =>
    once(`root:${name}`, () => pki.selfSignedCa(ecKey(name), `/C=FR/O=${name}/CN=${cn}`, `${name}.pem`));

  /** Sign `csrFile` with the CA `caName` (a root made by rootCa or an intermediate made by signCsr). */
  const signCsr = pki.signCsr;

  return {
    dir,
    dispose: pki.dispose,

    /** A D1 CSR (EC P-256): `openssl req -new -key <keyName>.key -sha256 -subj "/C=FR/…/CN=TLSMA-ECDSA\/<id>\/D1.<env>"`. */
    d1Csr(options: {
      identifier: string;
      environment: "PPR" | "PRD";
      keyName?: string;
      dn?: string;
      cn?: string;
    }): string {
      const keyName = options.keyName ?? `csr-${options.identifier}-${options.environment}-${++counter}`;
      const cn = options.cn ?? d1Cn(options.identifier, options.environment);
      const out = `req-${++counter}.csr`;
      openssl("req", "-new", "-key", ecKey(keyName), "-sha256", "-subj", subj(options.dn ?? D1_DN, cn), "-out", out);
      return read(out);
    },

    /** An RSA 2048 CSR with the right CN: D1 refuses the key (KEY_RSA_2048_REFUSED). Made once. */
    rsa2048Csr(identifier: string, environment: "PPR" | "PRD"): string {
      return once(`rsa2048:${identifier}:${environment}`, () => {
        openssl(
          "req",
          "-new",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          "rsa2048.key",
          "-sha256",
          "-subj",
          subj(D1_DN, d1Cn(identifier, environment, "RSA")),
          "-out",
          "rsa2048.csr",
        );
        return read("rsa2048.csr");
      });
    },

    /** The text of a private key, as a careless user might paste it with their CSR. */
    privateKeyPem(keyName = "leaked"): string {
      return read(ecKey(keyName));
    },

    /** The same key as unencrypted PKCS#8 DER: `openssl pkcs8 -topk8 -nocrypt -outform DER`. */
    privateKeyDer(keyName = "leaked-der"): Uint8Array {
      openssl("pkcs8", "-topk8", "-nocrypt", "-in", ecKey(keyName), "-outform", "DER", "-out", `${keyName}.p8.der`);
      return new Uint8Array(readFileSync(file(`${keyName}.p8.der`)));
    },

    /** The key as encrypted PKCS#8 PEM: `openssl pkcs8 -topk8 -v2 aes256 -passout pass:…`. */
    encryptedPrivateKeyPem(keyName = "leaked-enc"): string {
      openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes256",
        "-passout",
        "pass:correct-horse",
        "-in",
        ecKey(keyName),
        "-out",
        `${keyName}.p8.pem`,
      );
      return read(`${keyName}.p8.pem`);
    },

    /** The SubjectPublicKeyInfo of a CSR as PEM: `openssl req -in x.csr -pubkey -noout`. */
    csrPublicKeyPem(csrPem: string): string {
      const name = `pub-${++counter}.csr`;
      writeFileSync(file(name), csrPem);
      return openssl("req", "-in", name, "-pubkey", "-noout");
    },

    /** TSH self-signed client certificate (EC P-256, clientAuth): `openssl req -x509 -new -key … -days 730 -subj /CN=<cn>`. */
    tshClientCertificate(cn: string, days = 730, keyName?: string): string {
      const out = `tsh-${++counter}.pem`;
      openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        ecKey(keyName ?? `tsh-${counter}`),
        "-sha256",
        "-days",
        String(days),
        "-subj",
        `/CN=${cn}`,
        "-addext",
        "basicConstraints=critical,CA:FALSE",
        "-addext",
        "keyUsage=critical,digitalSignature",
        "-addext",
        "extendedKeyUsage=clientAuth",
        "-out",
        out,
      );
      return read(out);
    },

    /** A private-CA server chain: root → intermediate (pathlen 0) → leaf (serverAuth, DNS:api.acme.example). */
    serverChain(name: string): ServerChain {
      const rootPem = rootCa(`${name}-root`, `${name} Root CA`);
      const intermediatePem = once(`int:${name}`, () => {
        pki.csr(ecKey(`${name}-int`), `/C=FR/O=${name}/CN=${name} Issuing CA`, `${name}-int.csr`);
        return signCsr(`${name}-int.csr`, `${name}-root`, `${name}-int.pem`, "v3_int", 1825);
      });
      const leafPem = once(`leaf:${name}`, () => {
        pki.csr(ecKey(`${name}-leaf`), `/C=FR/O=${name}/CN=api.acme.example`, `${name}-leaf.csr`);
        return signCsr(`${name}-leaf.csr`, `${name}-int`, `${name}-leaf.pem`, "v3_server", 365);
      });
      return { rootPem, intermediatePem, leafPem, chainPem: leafPem + intermediatePem + rootPem };
    },

    /** A CA certificate such as the Thales client CA or an Amazon-like root for the D1 server bundle. */
    caCertificate(name: string): string {
      return rootCa(name);
    },

    /** A client certificate for `csrPem` (clientAuth, 5 years) signed by a CA that is NOT the portal's. */
    signedByForeignCa(csrPem: string, caName = "foreign-ca"): { certificatePem: string; caPem: string } {
      const caPem = rootCa(caName);
      const csrFile = `foreign-${++counter}.csr`;
      writeFileSync(file(csrFile), csrPem);
      return { certificatePem: signCsr(csrFile, caName, `foreign-${counter}.pem`, "v3_client", 1826), caPem };
    },
  };
}
