/** Checks of what Thales publishes to customers (DESIGN §2: customers trust the CA only, never pin a leaf). */
import { finding, type Finding } from "./findings";

/** How a published kind treats a leaf: CA kinds warn (exports drop it), a server chain just notes it. */
export type PublishedLeafPolicy = "ca-only" | "chain";

type CheckedCertificates = {
  findings: readonly Finding[];
  certificates: readonly { details: { basicConstraints?: { ca: boolean } } }[];
};

/**
 * The findings of a Thales publication checked as a trust store. A leaf there is an error for customers, but
 * Thales' own material may carry one (the TSH page calls them a server chain and a client certificate), so
 * TRUST_STORE_NOT_CA becomes NOT_A_CA_CERTIFICATE (warning) or LEAF_INCLUDED (note).
 */
export function checkPublishedCertificates(checked: CheckedCertificates, leaf: PublishedLeafPolicy): Finding[] {
  const findings = checked.findings.filter((f) => f.code !== "TRUST_STORE_NOT_CA");
  if (checked.certificates.every((c) => c.details.basicConstraints?.ca)) return findings;
  findings.push(
    leaf === "ca-only"
      ? finding(
          "NOT_A_CA_CERTIFICATE",
          "It contains a certificate that is not a CA. Customers must trust the CA only, " +
            "never pin a leaf; trust-store exports leave it out.",
          "Publish the issuing CA certificate(s) instead.",
        )
      : finding(
          "LEAF_INCLUDED",
          "It includes the server leaf certificate; trust-store exports keep only the CA certificates.",
        ),
  );
  return findings;
}
