/**
 * Root stores for anchoring. The default is Node's bundled Mozilla store (`tls.rootCertificates`), the list
 * Thales means by "a CA recognized by Mozilla". Parsed once per process: it is a constant of the runtime.
 */
import { rootCertificates } from "node:tls";
import { tryReadCertificate, type ParsedCertificate } from "./parse-certificate";
import { decodeBase64 } from "./pem";

export type RootStore = {
  size: number;
  bySubject: Map<string, ParsedCertificate[]>;
  sha256: Set<string>;
  /** subject + SPKI: the same CA key and name, e.g. a root re-issued with new dates. */
  subjectSpki: Set<string>;
};

const spkiKey = (c: ParsedCertificate) => `${c.subjectKey}|${c.summary.spkiSha256}`;

/** Build a store from DER certificates (unparseable ones are skipped). */
export function buildRootStore(ders: readonly Uint8Array[]): RootStore {
  const store: RootStore = { size: 0, bySubject: new Map(), sha256: new Set(), subjectSpki: new Set() };
  for (const der of ders) {
    const r = tryReadCertificate(der);
    if (!r.ok) continue;
    const c = r.value;
    const list = store.bySubject.get(c.subjectKey) ?? [];
    list.push(c);
    store.bySubject.set(c.subjectKey, list);
    store.sha256.add(c.summary.sha256);
    store.subjectSpki.add(spkiKey(c));
    store.size++;
  }
  return store;
}

/** True when `c` is itself one of the store's trust anchors. */
export function storeContains(store: RootStore, c: ParsedCertificate): boolean {
  return store.sha256.has(c.summary.sha256) || store.subjectSpki.has(spkiKey(c));
}

/** The store's own copy of `c` (same DER, or same subject and key, e.g. a root re-issued or cross-signed). */
export function storeCopy(store: RootStore, c: ParsedCertificate): ParsedCertificate | undefined {
  if (!storeContains(store, c)) return undefined;
  const same = store.bySubject.get(c.subjectKey) ?? [];
  return (
    same.find((r) => r.summary.sha256 === c.summary.sha256) ??
    same.find((r) => r.summary.spkiSha256 === c.summary.spkiSha256)
  );
}

let mozilla: RootStore | undefined;

/** Node's Mozilla root store, parsed on first use. */
export function mozillaRootStore(): RootStore {
  mozilla ??= buildRootStore(
    rootCertificates.map((pem) => decodeBase64(pem.replace(/-----[^-]+-----/g, "")) ?? new Uint8Array()),
  );
  return mozilla;
}

const cache = new WeakMap<readonly Uint8Array[], RootStore>();

/** Store for caller-supplied roots, cached per array so repeated checks do not re-parse them. */
export function rootStoreFor(roots: readonly Uint8Array[] | undefined): RootStore {
  if (!roots) return mozillaRootStore();
  let s = cache.get(roots);
  if (!s) cache.set(roots, (s = buildRootStore(roots)));
  return s;
}
