/**
 * PreProd and Production never mix (DESIGN §1, §3): a client credential's key pair belongs to one environment of an
 * identifier. A trust store or a server chain may well be the same on both (one corporate root, one server
 * certificate naming both hosts), so the rule is for client credentials only.
 */
import { finding, type Finding } from "../findings";
import { isClientCredentialAsset, type AssetCheckKind, type Environment } from "./rules";

type Pinned = {
  certificates: readonly { details: { spkiSha256: string } }[];
  csr?: { details: { spkiSha256: string } };
};

/** The SHA-256 pins of the key a report's CSR or leaf certificate carries. */
export function keyPins(report: Pinned): string[] {
  return [report.csr?.details.spkiSha256, report.certificates[0]?.details.spkiSha256].filter(
    (pin): pin is string => !!pin,
  );
}

/** Whether an upload of this asset is held to one key per environment (what the caller looks siblings up for). */
export const oneKeyPerEnvironment = (asset: AssetCheckKind): boolean => isClientCredentialAsset(asset);

export type EnvironmentMixupInput = {
  /** The checked upload, of this asset. */
  asset: AssetCheckKind;
  report: Pinned;
  connection: { identifier: string; environment: Environment };
  /** Versions of the same kind on the same identifier's other environments. */
  siblings: readonly { environment: string; report: Pinned }[];
};

/** ENVIRONMENT_MIXUP when the upload's key was already submitted on another environment, whatever its CN says. */
export function checkEnvironmentMixup({ asset, report, connection, siblings }: EnvironmentMixupInput): Finding[] {
  if (!oneKeyPerEnvironment(asset)) return [];
  const pins = keyPins(report);
  if (pins.length === 0) return [];
  const sibling = siblings.find((s) => keyPins(s.report).some((pin) => pins.includes(pin)));
  if (!sibling) return [];
  return [
    finding(
      "ENVIRONMENT_MIXUP",
      `This key was already submitted for ${sibling.environment} on ${connection.identifier}. ` +
        "PreProd and Production must use different keys.",
      `Generate a new key pair and CSR for ${connection.environment} (the CN ends in D1.${connection.environment}).`,
    ),
  ];
}
