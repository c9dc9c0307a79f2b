/**
 * The program table (DESIGN §2, from the Thales reference pages in ../shared/reference/): everything that
 * differs by program is a field here, and the checker, the issuer, the UI and the API read it. Adding a
 * program is one entry (and, if its rules need a new kind of check, that check). Nothing branches on a name.
 */
import type { ProgramEntry } from "./rules";

const d1Family = (p: { label: string; identifierName: string }): ProgramEntry => ({
  label: p.label,
  shortName: "D1",
  identifierName: p.identifierName,
  clientCredential: "csr-signed-by-thales",
  // The CN key-type token is part of the key list: TLSMA-RSA for RSA 4096, TLSMA-ECDSA for P-256.
  allowedKeys: [
    { type: "rsa", bits: 4096, cnToken: "RSA" },
    { type: "ec", curve: "P-256", cnToken: "ECDSA" },
  ],
  discouragedKeys: [],
  refusedKeys: [{ key: { type: "rsa", bits: 2048 }, code: "KEY_RSA_2048_REFUSED" }],
  newKeyCommand:
    "openssl ecparam -name prime256v1 -genkey -noout -out client.key (or: openssl genrsa -out client.key 4096)",
  signatureHash: "SHA-256",
  commonName: { kind: "pattern", template: "TLSMA-{key}/{identifier}/D1.{environment}" },
  expectedDnAttributes: ["C", "ST", "L", "O", "OU"],
  clientCertificateValidity: { issuedYears: 5 },
  summary: [
    "Client credential: a CSR, signed by the Thales CA (Business PKI); the certificate is valid 5 years.",
    "Key: RSA 4096 or ECDSA P-256 (RSA 2048 is refused).",
    "Signature hash: SHA-256.",
    `CN: TLSMA-RSA/<${p.identifierName}>/D1.<env> or TLSMA-ECDSA/<${p.identifierName}>/D1.<env> by key type; ` +
      "env is PPR or PRD.",
    "Other DN parts: C, ST, L, O and OU are expected.",
    "Server chain: from a Mozilla-trusted CA, otherwise also provide a PEM trust store.",
  ],
});

export const PROGRAM_TABLE = {
  d1: d1Family({ label: "D1 issuer", identifierName: "issuerId" }),
  "d1-ecom": d1Family({ label: "D1 eCom merchant gateway", identifierName: "merchantGatewayId" }),
  tsh: {
    label: "TSH classic tokenization",
    shortName: "TSH",
    identifierName: "customer identifier",
    clientCredential: "self-signed-certificate",
    allowedKeys: [
      { type: "ec", curve: "P-256" },
      { type: "ec", curve: "P-384" },
      { type: "rsa", bits: 2048 },
    ],
    discouragedKeys: [{ type: "rsa", bits: 2048 }],
    refusedKeys: [],
    newKeyCommand: "openssl ecparam -name prime256v1 -genkey -noout -out client.key",
    signatureHash: "SHA-256",
    commonName: { kind: "given-by-thales" },
    expectedDnAttributes: [],
    clientCertificateValidity: { maxYears: 2 },
    summary: [
      "Client credential: a self-signed certificate, pinned (endorsed) by Thales.",
      "Key: EC P-256 or P-384 (preferred), or RSA 2048.",
      "Signature hash: SHA-256.",
      "CN: the value Thales gives for this customer and environment.",
      "Validity: at most 2 years.",
      "Server chain: from a Mozilla-trusted CA, otherwise also provide a PEM trust store.",
    ],
  },
} as const satisfies Record<string, ProgramEntry>;
