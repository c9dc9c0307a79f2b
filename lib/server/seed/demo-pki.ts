import "server-only";
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * Demo material made the way a customer would with openssl, but in-process so the seed needs no binary:
 * ECDSA P-256 keys, SHA-256. The private keys stay in memory and are dropped; only CSRs and
 * certificates reach the portal, as in real life.
 */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY = 86_400_000;

async function keys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
}

export async function demoCsr(subject: string): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subject,
    keys: await keys(),
    signingAlgorithm: SIGN,
  });
  return csr.toString("pem");
}

export async function demoSelfSignedClient(cn: string, now: Date, days: number): Promise<string> {
  const pair = await keys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${cn}`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + days * DAY),
    keys: pair,
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return cert.toString("pem");
}

/** A private root → intermediate → server leaf, like a bank's internal PKI (not Mozilla-anchored). */
export async function demoServerChain(organization: string, host: string, now: Date): Promise<string> {
  const rootKeys = await keys();
  const interKeys = await keys();
  const leafKeys = await keys();
  const caExtensions = async (pub: CryptoKey, pathLength?: number) => [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(pub),
  ];
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `C=FR, O=${organization}, CN=${organization} Root CA`,
    notBefore: new Date(now.getTime() - 30 * DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    keys: rootKeys,
    signingAlgorithm: SIGN,
    extensions: await caExtensions(rootKeys.publicKey, 1),
  });
  const inter = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `C=FR, O=${organization}, CN=${organization} Server CA`,
    issuer: root.subject,
    notBefore: new Date(now.getTime() - 30 * DAY),
    notAfter: new Date(now.getTime() + 1825 * DAY),
    publicKey: interKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGN,
    extensions: [
      ...(await caExtensions(interKeys.publicKey, 0)),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `C=FR, O=${organization}, CN=${host}`,
    issuer: inter.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 397 * DAY),
    publicKey: leafKeys.publicKey,
    signingKey: interKeys.privateKey,
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: host }]),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(interKeys.publicKey),
    ],
  });
  return [leaf, inter, root].map((c) => c.toString("pem")).join("\n");
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString("hex");
}
