/** Findings of the Thales side: CA loading, certificate issuing, attaching a certificate to a CSR. */
import type { FindingSpec } from "./spec";

const CA = "Portal policy: Thales CA";
const ATTACH = "Attach the certificate issued for this CSR, by the expected CA.";

export const ISSUING_FINDINGS = {
  CA_CERTIFICATE_UNREADABLE: {
    severity: "error",
    title: "The CA certificate could not be read",
    meaning: "No CA certificate was found in the input.",
    fix: "Provide the CA certificate as PEM.",
    source: CA,
  },
  CA_KEY_UNREADABLE: {
    severity: "error",
    title: "The CA private key could not be read",
    meaning: "Wrong format or passphrase.",
    fix: "Provide a PKCS#8 PEM key (openssl pkcs8 -topk8) and its passphrase.",
    source: CA,
  },
  CA_KEY_MISMATCH: {
    severity: "error",
    title: "The key does not belong to the CA certificate",
    meaning: "Their public keys differ.",
    fix: "Provide the key pair of this CA certificate.",
    source: CA,
  },
  CA_NOT_A_CA: {
    severity: "error",
    title: "The certificate is not a CA",
    meaning: "basicConstraints cA is not set.",
    fix: "Provide a CA certificate.",
    source: "RFC 5280 §4.2.1.9",
  },
  CA_KEY_USAGE: {
    severity: "error",
    title: "The CA certificate lacks keyCertSign",
    meaning: "It must not sign certificates.",
    fix: "Provide a CA certificate with keyCertSign.",
    source: "RFC 5280 §4.2.1.3",
  },
  CA_KEY_TYPE: {
    severity: "error",
    title: "The CA key is neither RSA nor EC",
    meaning: "The portal signs with RSA or ECDSA only.",
    fix: "Provide an RSA or EC CA.",
    source: CA,
  },
  ISSUING_NOT_FOR_PROGRAM: {
    severity: "error",
    title: "Thales does not issue client certificates for this program",
    meaning: "The client credential of this program is a self-signed certificate.",
    fix: "Nothing to sign.",
    source: "DESIGN §2",
  },
  CSR_NOT_FOUND: {
    severity: "error",
    title: "No CSR was found",
    meaning: "A CSR is needed to sign or verify against.",
    fix: "Provide the CSR as PEM.",
    source: CA,
  },
  CERTIFICATE_NOT_FOUND: {
    severity: "error",
    title: "No certificate was found",
    meaning: "The upload holds no certificate.",
    fix: "Upload the PEM or DER certificate.",
    source: CA,
  },
  CERTIFICATE_KEY_MISMATCH: {
    severity: "error",
    title: "The certificate was not issued for this CSR",
    meaning: "Its public key is not the CSR's.",
    fix: ATTACH,
    source: "RFC 2986 §3",
  },
  CERTIFICATE_ISSUER_MISMATCH: {
    severity: "error",
    title: "The certificate is issued by another CA",
    meaning: "Its issuer is not the expected CA.",
    fix: ATTACH,
    source: "RFC 5280 §4.1.2.4",
  },
  CERTIFICATE_SIGNATURE_INVALID: {
    severity: "error",
    title: "The certificate signature does not verify with the CA key",
    meaning: "The certificate is not signed by the expected CA.",
    fix: ATTACH,
    source: "RFC 5280 §6.1.3",
  },
  CERTIFICATE_OUTLIVES_CA: {
    severity: "warning",
    title: "The certificate is valid after its CA expires",
    meaning: "It stops working when the CA expires.",
    fix: "Renew the CA or issue a shorter certificate.",
    source: "RFC 5280 §6.1.3",
  },
  SUBJECT_DIFFERS_FROM_CSR: {
    severity: "warning",
    title: "The certificate subject differs from the CSR's",
    meaning: "The CA changed the subject; the customer may not recognise it.",
    fix: "Check the subject with the CA.",
    source: CA,
  },
} as const satisfies Record<string, FindingSpec>;
