/** Public API of the PKI core. Pure: no Next, React, Prisma or environment reads; time comes in as `now`. */
export type { Finding, Severity, FindingCode, TitledFinding } from "./findings";
export { finding, findingHeading, hasErrors, sortFindings, withTitles } from "./findings";
export {
  FINDINGS,
  FINDING_AREAS,
  FINDING_CODES,
  isFindingCode,
  findingAnchor,
  type FindingSpec,
} from "./finding-catalogue";
export { renderFindingsDoc } from "./findings-doc";
export {
  EXPIRY_THRESHOLDS,
  EXPIRES_SOON_DAYS,
  BOARD_EXPIRY_DAYS,
  DAY_MS,
  daysLeft,
  expiryStage,
  type ExpiryThresholdDays,
  type ExpiryStage,
  type BoardExpiryDays,
} from "./expiry";
export { decodeInput, classifyDer, inputTooLarge, type DecodedInput, type DecodeOptions } from "./decode";
export {
  MAX_INPUT_BYTES,
  MAX_CERTIFICATES,
  MAX_INPUT_LABEL,
  inputTooLargeText,
  fileTooLargeNote,
} from "./input-limits";
export { readPemBlocks, toPem, decodeBase64, type PemBlock } from "./pem";
export { derLooksLikePrivateKey, textHasPrivateKey, isPrivateKeyLabel } from "./private-key-detect";
export { readPkcs7 } from "./pkcs7";
export { parseCertificate, isCa, isSelfSigned, type CertificateSummary, type ParseResult } from "./parse-certificate";
export { parseCsr, type CsrSummary } from "./parse-csr";
export type { PublicKeyInfo, KeyType } from "./public-key";
export type { DistinguishedName, Rdn, DnAttribute } from "./dn";
export { toRfc4514, toOpensslSubj, parseOpensslSubj, dnValues } from "./dn";
export type { SubjectAltName } from "./extensions";
export {
  analyzeChain,
  type ChainAnalysis,
  type ChainCertificate,
  type ChainRole,
  type AnalyzeChainOptions,
} from "./chain";
export { certificateMatchesHost, parseHostReference, isDnsName, ipBytes, type HostReference } from "./host-names";
export { checkServerHost, type Purpose } from "./server-leaf";
export { mozillaRootStore } from "./mozilla-roots";
export {
  programRules,
  PROGRAMS,
  ENVIRONMENTS,
  ASSET_CHECK_KINDS,
  isProgram,
  isEnvironment,
  isAssetCheckKind,
  thalesIssues,
  cnGivenByThales,
  maxValidityDays,
  type Program,
  type Environment,
  type AssetCheckKind,
  type ProgramRules,
  type AllowedKey,
  type ClientCredential,
  type CommonNameRule,
  type ValidityRule,
  type ProgramEntry,
} from "./policy/rules";
export { fixCommand, credentialCommand, newKeyCommand, placeholderSubj, type FixCommand } from "./fix-command";
export { expectedD1Cn, subjWithCn, type D1CnParams } from "./policy/cn";
export {
  checkAsset,
  checkAssetSync,
  withFix,
  toCliJson,
  type CheckReport,
  type CheckAssetOptions,
  type CertificateSummaryOut,
  type CsrSummaryOut,
  type CliJson,
} from "./check";
export { issueClientCertificate, planClientCertificate, type CertificatePlanView, type IssueResult } from "./issue";
export { loadCa, generateDevelopmentCa, type LoadedCa, type LoadCaResult, type DevelopmentCaKeyType } from "./ca";
export { verifyCertificateMatchesCsr } from "./verify-match";
export { checkPublishedCertificates, type PublishedLeafPolicy } from "./publication";
export {
  checkEnvironmentMixup,
  keyPins,
  oneKeyPerEnvironment,
  type EnvironmentMixupInput,
} from "./policy/environment-mixup";
export { exportPemBundle, exportPkcs7, type PemBundleOptions } from "./export";
export {
  writeTrustStore,
  trustStorePasswordProblem,
  TRUST_STORE_FORMATS,
  TRUST_STORE_FILES,
  DEFAULT_TRUST_STORE_PASSWORD,
  type TrustStoreFormat,
  type WriteTrustStoreOptions,
} from "./trust-store";
export { certificateAlias } from "./trust-store/aliases";
export {
  buildCrl,
  crlDistributionPoints,
  crlName,
  crlNameOfCertificate,
  isRevocationReason,
  CRL_VALIDITY_MS,
  REVOCATION_REASONS,
  REVOCATION_REASON_LABELS,
  type RevocationReason,
  type RevokedEntry,
} from "./crl";
export { crossCheck, type CrossCheckInput } from "./cross-check";
export { visible, visibleLines, unsafeCharacters } from "./visible-text";
export { unsafeTextFindings } from "./unsafe-text";
export { fileNameFindings } from "./file-name";
export { trustAnchors, diffTrustAnchors, type TrustAnchor, type TrustStoreChange } from "./trust-anchors";
