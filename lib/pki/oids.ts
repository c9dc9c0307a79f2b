/** Object identifiers we name. Sources: RFC 5280 §4.2, RFC 4519, RFC 3279, RFC 4055, RFC 5758, RFC 8410. */

export const OID = {
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ecPublicKey: "1.2.840.10045.2.1",
  dsa: "1.2.840.10040.4.1",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  nameConstraints: "2.5.29.30",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  extensionRequest: "1.2.840.113549.1.9.14",
  pkcs7Data: "1.2.840.113549.1.7.1",
  pkcs7SignedData: "1.2.840.113549.1.7.2",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

export const CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.2.840.10045.3.1.1": "P-192",
  "1.3.132.0.33": "P-224",
  "1.3.132.0.10": "secp256k1",
};

/** Signature algorithms: display name, hash (node digest name, null for EdDSA) and the key type it needs. */
export const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string | null; keyType: string }> = {
  "1.2.840.113549.1.1.2": { name: "md2WithRSAEncryption", hash: "md2", keyType: "rsa" },
  "1.2.840.113549.1.1.3": { name: "md4WithRSAEncryption", hash: "md4", keyType: "rsa" },
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", hash: "md5", keyType: "rsa" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "sha1", keyType: "rsa" },
  "1.3.14.3.2.29": { name: "sha1WithRSA", hash: "sha1", keyType: "rsa" },
  "1.2.840.113549.1.1.14": { name: "sha224WithRSAEncryption", hash: "sha224", keyType: "rsa" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "sha256", keyType: "rsa" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "sha384", keyType: "rsa" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "sha512", keyType: "rsa" },
  "1.2.840.113549.1.1.10": { name: "RSASSA-PSS", hash: "sha1", keyType: "rsa" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "sha1", keyType: "ec" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224", hash: "sha224", keyType: "ec" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "sha256", keyType: "ec" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "sha384", keyType: "ec" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "sha512", keyType: "ec" },
  "1.2.840.10040.4.3": { name: "dsa-with-SHA1", hash: "sha1", keyType: "dsa" },
  "2.16.840.1.101.3.4.3.2": { name: "dsa-with-SHA256", hash: "sha256", keyType: "dsa" },
  "1.3.101.112": { name: "Ed25519", hash: null, keyType: "ed25519" },
  "1.3.101.113": { name: "Ed448", hash: null, keyType: "ed448" },
};

export const HASHES: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
  "2.16.840.1.101.3.4.2.4": "sha224",
};

export const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "2.5.29.37.0": "anyExtendedKeyUsage",
};

export const EXTENSION_NAMES: Record<string, string> = {
  "2.5.29.19": "basicConstraints",
  "2.5.29.15": "keyUsage",
  "2.5.29.37": "extendedKeyUsage",
  "2.5.29.17": "subjectAltName",
  "2.5.29.18": "issuerAltName",
  "2.5.29.14": "subjectKeyIdentifier",
  "2.5.29.35": "authorityKeyIdentifier",
  "2.5.29.30": "nameConstraints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.33": "policyMappings",
  "2.5.29.36": "policyConstraints",
  "2.5.29.54": "inhibitAnyPolicy",
  "2.5.29.31": "cRLDistributionPoints",
  "2.5.29.46": "freshestCRL",
  "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
  "1.3.6.1.5.5.7.1.11": "subjectInfoAccess",
  "1.3.6.1.4.1.11129.2.4.2": "signedCertificateTimestampList",
  "1.3.6.1.4.1.11129.2.4.3": "ctPrecertificatePoison",
  "1.3.6.1.5.5.7.1.24": "tlsFeature",
  "2.16.840.1.113730.1.1": "netscapeCertType",
  "2.16.840.1.113730.1.13": "netscapeComment",
};

/**
 * Extensions whose criticality we honour (RFC 5280 §4.2: a critical extension the relying party does not
 * process must cause rejection). Policy extensions are listed because the portal never asserts a policy,
 * so their constraints cannot narrow anything it accepts.
 */
export const PROCESSED_EXTENSIONS = new Set([
  "2.5.29.19",
  "2.5.29.15",
  "2.5.29.37",
  "2.5.29.17",
  "2.5.29.14",
  "2.5.29.35",
  "2.5.29.30",
  "2.5.29.32",
  "2.5.29.36",
  "2.5.29.54",
  "2.5.29.33",
]);
