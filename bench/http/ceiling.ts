// The ceiling for POST /api/v1/check: the same lib/pki check the route runs, as a plain in-process loop
// (one core, no HTTP, no JSON, no database, no auth). Run by bench/http.ts:
//   node --import tsx bench/http/ceiling.ts <csr.pem> <ms>
// Prints one JSON line: checks/s through the async checkAsset (what the route awaits) and checkAssetSync.
import { readFileSync } from "node:fs";
import { checkAsset, checkAssetSync, toCliJson } from "../../lib/pki";

const [file, msArg] = process.argv.slice(2);
if (!file) throw new Error("usage: ceiling.ts <csr.pem> [ms]");
const ms = Number(msArg ?? 3000);
const content = readFileSync(file, "utf8");
// Exactly the route's options (app/api/v1/check/route.ts) for the body the HTTP bench sends.
const opts = () =>
  ({ program: "d1", environment: "PPR", identifier: "ACME01", asset: "csr", now: new Date() }) as const;

const first = checkAssetSync(content, opts());
if (first.verdict !== "accepted")
  throw new Error(`ceiling CSR not accepted: ${first.findings.map((f) => f.code).join(", ")}`);

async function rate(fn: () => Promise<unknown> | unknown): Promise<number> {
  const warm = Date.now() + Math.min(1000, ms / 3);
  while (Date.now() < warm) await fn();
  let n = 0;
  const t0 = process.hrtime.bigint();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (let i = 0; i < 10; i++) await fn();
    n += 10;
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const asyncRate = await rate(() => checkAsset(content, opts()));
const syncRate = await rate(() => checkAssetSync(content, opts()));
// What the route adds on top of the check without HTTP: the JSON of the report, out and back.
const withJson = await rate(async () =>
  JSON.stringify(toCliJson(await checkAsset(JSON.parse(JSON.stringify({ content })).content, opts()))),
);
console.log(JSON.stringify({ checkAsset: asyncRate, checkAssetSync: syncRate, checkAssetPlusJson: withJson, ms }));
