/** Findings of the program rules for the customer's client credential (lib/pki/policy/*). */
import type { FindingSpec } from "./spec";

const D1 = "D1 reference: issuer client certificate";
const TSH = "TSH reference: self-signed certificate requirements";
const NEW_CSR = "Generate the CSR again with openssl req -new and upload it unchanged.";

export const CLIENT_CREDENTIAL_FINDINGS = {
  CSR_SIGNATURE_INVALID: {
    severity: "error", title: "The CSR signature does not verify",
    meaning: "The signature proves you hold the private key; it does not match, so the CSR was altered or is broken.",
    fix: NEW_CSR, source: "RFC 2986 §3",
  },
  CSR_SIGNATURE_UNVERIFIABLE: {
    severity: "error", title: "The CSR signature cannot be verified",
    meaning: "Its signature algorithm is unsupported or does not match the key.", fix: NEW_CSR, source: "RFC 2986 §3",
  },
  CSR_VERSION_INVALID: {
    severity: "error", title: "The CSR version is not 1", meaning: "PKCS#10 defines only version 1.",
    fix: "Generate the CSR again with openssl req -new.", source: "RFC 2986 §4.1",
  },
  CSR_EXTENSIONS_REPLACED: {
    severity: "info", title: "Requested extensions are replaced by Thales",
    meaning: "Thales sets the client certificate extensions itself.", fix: "Nothing to do.", source: D1,
  },
  KEY_RSA_2048_REFUSED: {
    severity: "error", title: "RSA 2048 is refused for D1",
    meaning: "D1 and D1 eCom accept RSA 4096 or ECDSA P-256 only.",
    fix: "Generate an EC P-256 or RSA 4096 key, then a new CSR.", source: D1,
  },
  KEY_EC_PREFERRED: {
    severity: "info", title: "An elliptic curve key is preferred",
    meaning: "The key is accepted, but TSH prefers EC P-256 or P-384.",
    fix: "Next time: openssl ecparam -name prime256v1 -genkey -noout -out client.key", source: TSH,
  },
  SIGNATURE_RSA_PSS: {
    severity: "warning", title: "Signed with RSASSA-PSS", meaning: "Thales documents PKCS#1 v1.5 with SHA-256.",
    fix: "Sign without -sigopt rsa_padding_mode:pss.", source: "DESIGN §2: signature hash",
  },
  SIGNATURE_HASH_NOT_SHA256: {
    severity: "error", title: "Not signed with SHA-256", meaning: "SHA-256 is the hash the programs require.",
    fix: "Sign again with -sha256 (openssl req … -sha256).", source: "DESIGN §2: signature hash",
  },
  CN_MISSING: {
    severity: "error", title: "The subject has no CN", meaning: "The CN identifies the connection to Thales.",
    fix: "Use the CN the portal shows for this connection (the hint has the openssl command).", source: "DESIGN §2: CN",
  },
  CN_MULTIPLE: {
    severity: "error", title: "The subject has more than one CN", meaning: "Exactly one CN is expected.",
    fix: "Use the CN the portal shows for this connection (the hint has the openssl command).", source: "DESIGN §2: CN",
  },
  CN_FORMAT: {
    severity: "error", title: "The CN does not follow the D1 pattern",
    meaning: "D1 CNs are TLSMA-RSA/<id>/D1.<env> or TLSMA-ECDSA/<id>/D1.<env>, by key type.",
    fix: "Use the CN the hint shows.", source: D1,
  },
  CN_KEY_TYPE_MISMATCH: {
    severity: "error", title: "The CN names the wrong key type",
    meaning: "TLSMA-RSA is for RSA keys, TLSMA-ECDSA for EC keys.", fix: "Use the CN the hint shows.", source: D1,
  },
  CN_IDENTIFIER_MISMATCH: {
    severity: "error", title: "The CN names another identifier",
    meaning: "The identifier in the CN must be the one of this connection.", fix: "Use the CN the hint shows.",
    source: D1,
  },
  CN_ENVIRONMENT_MISMATCH: {
    severity: "error", title: "The CN names another environment",
    meaning: "PreProd (D1.PPR) and Production (D1.PRD) never mix.", fix: "Use the CN the hint shows.", source: D1,
  },
  CN_MISMATCH: {
    severity: "error", title: "The CN is not the expected one",
    meaning: "It differs from the CN this connection needs (several parts, letter case, or the CN Thales set).",
    fix: "Use the CN the hint shows.", source: "DESIGN §2: CN",
  },
  EXPECTED_CN_UNKNOWN: {
    severity: "warning", title: "The CN could not be checked",
    meaning: "Thales sets the TSH CN for each customer and environment, and it is not known here.",
    fix: "Use the CN shown in the portal for this connection (CLI: pass --expected-cn).", source: TSH,
  },
  DN_ATTRIBUTE_MISSING: {
    severity: "warning", title: "The subject lacks C, ST, L, O or OU",
    meaning: "Thales expects these DN parts besides the CN.", fix: "Fill in your values (the hint has the command).",
    source: D1,
  },
  CLIENT_CERT_SELF_SIGNED: {
    severity: "error", title: "A D1 client certificate is self-signed",
    meaning: "D1 client certificates are signed by the Thales CA from your CSR.",
    fix: "Upload your CSR; Thales signs it and returns the certificate.", source: D1,
  },
  CLIENT_CERT_NOT_SELF_SIGNED: {
    severity: "error", title: "A TSH client certificate is not self-signed",
    meaning: "TSH pins a self-signed client certificate.", fix: "Create a self-signed certificate (openssl req -x509).",
    source: TSH,
  },
  SELF_SIGNATURE_INVALID: {
    severity: "error", title: "The self-signature does not verify",
    meaning: "The certificate is not signed by its own key.", fix: "Create the certificate again (openssl req -x509).",
    source: TSH,
  },
  EKU_NO_CLIENT_AUTH: {
    severity: "error", title: "Not allowed for TLS client authentication",
    meaning: "The extended key usage lacks clientAuth.", fix: "Add -addext \"extendedKeyUsage=clientAuth\".",
    source: "RFC 5280 §4.2.1.12",
  },
  KEY_USAGE_NO_DIGITAL_SIGNATURE: {
    severity: "error", title: "The key usage lacks digitalSignature",
    meaning: "TLS client authentication signs with the key.", fix: "Add -addext \"keyUsage=critical,digitalSignature\".",
    source: "RFC 5246 §7.4.8",
  },
  CLIENT_CERT_IS_CA: {
    severity: "info", title: "The client certificate says it is a CA",
    meaning: "openssl req -x509 sets CA:TRUE by default; a client certificate need not be a CA.",
    fix: "Optional: add -addext \"basicConstraints=critical,CA:FALSE\".", source: TSH,
  },
  VALIDITY_TOO_LONG: {
    severity: "error", title: "The certificate is valid for too long",
    meaning: "The program limits the validity of the client certificate (TSH: 2 years).",
    fix: "Create it again with a shorter -days.", source: TSH,
  },
  VALIDITY_NOT_5_YEARS: {
    severity: "info", title: "The D1 client certificate is not valid for 5 years",
    meaning: "Thales issues D1 client certificates for 5 years.", fix: "Nothing to do.", source: D1,
  },
  ENVIRONMENT_MIXUP: {
    severity: "error", title: "The key was already submitted for the other environment",
    meaning: "PreProd and Production must use different keys.",
    fix: "Generate a new key pair and CSR (or certificate) for this environment.", source: "DESIGN §1 and §3",
  },
} as const satisfies Record<string, FindingSpec>;
