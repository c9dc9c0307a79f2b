/** Trust stores in the formats their consumers load: PEM bundle, PKCS#7, PKCS#12 and JKS. */
import { exportPemBundle, exportPkcs7 } from "../export";
import { withAliases } from "./aliases";
import { writeJksTrustStore } from "./jks";
import { writePkcs12TrustStore } from "./pkcs12";

export const TRUST_STORE_FORMATS = ["pem", "p7b", "p12", "jks"] as const;
export type TrustStoreFormat = (typeof TRUST_STORE_FORMATS)[number];

/** The password keytool and most Java distributions use for trust stores ("changeit"). */
export const DEFAULT_TRUST_STORE_PASSWORD = "changeit";

/** keytool refuses store passwords under 6 characters; control characters would not survive a shell. */
export function trustStorePasswordProblem(password: string): string | undefined {
  if (password.length < 6 || password.length > 128) return "The password must be 6 to 128 characters long.";
  if (/[\u0000-\u001f\u007f]/.test(password)) return "The password must not contain control characters.";
  return undefined;
}

export const TRUST_STORE_FILES: Record<TrustStoreFormat, { extension: string; contentType: string; label: string }> = {
  pem: { extension: "pem", contentType: "application/x-pem-file", label: "PEM bundle" },
  p7b: { extension: "p7b", contentType: "application/pkcs7-mime", label: "PKCS#7 (.p7b)" },
  p12: { extension: "p12", contentType: "application/x-pkcs12", label: "PKCS#12 trust store" },
  jks: { extension: "jks", contentType: "application/x-java-keystore", label: "JKS" },
};

export type WriteTrustStoreOptions = {
  format: TrustStoreFormat;
  now: Date;
  password?: string;
  /** Lines put before the PEM bundle (each starting with `# `). */
  pemHeader?: string;
  pemOrder?: "leaf-to-root" | "ca-only";
  random?: (n: number) => Uint8Array;
};

/** One set of certificates (DER) as a file body in the given format. */
export function writeTrustStore(certs: readonly Uint8Array[], opts: WriteTrustStoreOptions): Uint8Array | string {
  const password = opts.password ?? DEFAULT_TRUST_STORE_PASSWORD;
  switch (opts.format) {
    case "pem":
      return (
        (opts.pemHeader ?? "") +
        (certs.length ? exportPemBundle(certs, { order: opts.pemOrder ?? "leaf-to-root", comments: true }) : "")
      );
    case "p7b":
      return exportPkcs7(certs);
    case "p12":
      return writePkcs12TrustStore(withAliases(certs), { password, random: opts.random });
    case "jks":
      return writeJksTrustStore(withAliases(certs), { password, now: opts.now });
  }
}
