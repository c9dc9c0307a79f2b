/** Common Name rules and the copy-paste `-subj` hints (D1 pattern from the D1 reference pages, step 2). */
import { dnValues, toOpensslSubj, type Rdn } from "../dn";
import { error, warning, type Finding } from "../findings";
import type { KeyType } from "../public-key";
import { programRules, type Environment, type Program } from "./rules";

export type D1CnParams = {
  program: Program;
  identifier: string;
  environment: Environment;
  keyType: KeyType | "rsa" | "ec";
};

/** The program's CN template (a `pattern` CN rule), or undefined when Thales gives the CN. */
function cnTemplate(program: Program): string | undefined {
  const rule = programRules(program).commonName;
  return rule.kind === "pattern" ? rule.template : undefined;
}

/** The CN token of the program's accepted keys of this type (anything but EC counts as RSA, as before). */
function cnToken(program: Program, keyType: D1CnParams["keyType"]): string {
  const type = keyType === "ec" ? "ec" : "rsa";
  return programRules(program).allowedKeys.find((k) => k.type === type)?.cnToken ?? type.toUpperCase();
}

const fill = (template: string, values: { key: string; identifier: string; environment: string }) =>
  template
    .replace("{key}", values.key)
    .replace("{identifier}", values.identifier)
    .replace("{environment}", values.environment);

/**
 * The CN a pattern program expects, e.g. `TLSMA-RSA/<id>/D1.<env>` or `TLSMA-ECDSA/<id>/D1.<env>` by key type
 * (D1 and D1 eCom). Only for programs whose CN rule is a pattern.
 */
export function expectedD1Cn(p: D1CnParams): string {
  const template = cnTemplate(p.program) ?? "{identifier}";
  return fill(template, { key: cnToken(p.program, p.keyType), identifier: p.identifier, environment: p.environment });
}

/** The user's DN with CN replaced (or appended), in openssl `-subj` form with `/` escaped as `\/`. */
export function subjWithCn(rdns: readonly Rdn[], cn: string): string {
  let replaced = false;
  const out = rdns
    .map((r) =>
      r
        .map((a) => {
          if (a.type !== "CN") return a;
          if (replaced) return null;
          replaced = true;
          return { ...a, value: cn };
        })
        .filter((a): a is NonNullable<typeof a> => a !== null),
    )
    .filter((r) => r.length > 0);
  if (!replaced) out.push([{ type: "CN", oid: "2.5.4.3", value: cn }]);
  return toOpensslSubj(out);
}

/** Quote for a POSIX shell inside double quotes, as the reference pages do. */
export function shellQuote(s: string): string {
  return `"${s.replace(/["$`]/g, (c) => "\\" + c)}"`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Findings for the CN against the D1 pattern. */
export function d1CnFindings(rdns: readonly Rdn[], p: D1CnParams): Finding[] {
  const expected = expectedD1Cn(p);
  const cns = dnValues({ rdns }, "CN");
  // Prose only: the one corrected command (fix-command.ts) carries the -subj, so two hints never disagree.
  const hint = `Use CN=${expected} (the corrected command for this upload sets it).`;
  const rules = programRules(p.program);
  const idName = rules.identifierName;
  if (cns.length === 0) return [error("CN_MISSING", `The subject has no CN; expected "${expected}".`, hint)];
  if (cns.length > 1)
    return [error("CN_MULTIPLE", `The subject has ${cns.length} CNs; exactly one is expected ("${expected}").`, hint)];
  const cn = cns[0]!;
  if (cn === expected) return [];
  // The template read as a regular expression: which part of the CN is wrong, and the text around each part.
  const template = cnTemplate(p.program) ?? "{identifier}";
  const tokens = [...new Set(rules.allowedKeys.flatMap((k) => (k.cnToken ? [k.cnToken] : [])))];
  const [keyPrefix = ""] = template.split("{key}");
  const envPrefix = template.split("{environment}")[0]!.split("/").pop() ?? "";
  const shape = new RegExp(
    "^" +
      escapeRegExp(template)
        .replace("\\{key\\}", `(?<key>${tokens.map(escapeRegExp).join("|")})`)
        .replace("\\{identifier\\}", "(?<identifier>.*)")
        .replace("\\{environment\\}", "(?<environment>[A-Za-z]+)") +
      "$",
    "i",
  );
  const m = shape.exec(cn);
  if (!m) {
    const shown = fill(template, { key: `<${tokens.join("|")}>`, identifier: `<${idName}>`, environment: "<env>" });
    return [error("CN_FORMAT", `The CN "${cn}" does not follow the pattern ${shown}; expected "${expected}".`, hint)];
  }
  const wrong: { code: "CN_KEY_TYPE_MISMATCH" | "CN_IDENTIFIER_MISMATCH" | "CN_ENVIRONMENT_MISMATCH"; text: string }[] =
    [];
  const want = cnToken(p.program, p.keyType);
  const { key, identifier, environment } = m.groups ?? {};
  if (key !== undefined && key !== want)
    wrong.push({ code: "CN_KEY_TYPE_MISMATCH", text: `says ${key} but the key is ${want} (${keyPrefix}${want})` });
  if (identifier !== undefined && identifier !== p.identifier)
    wrong.push({
      code: "CN_IDENTIFIER_MISMATCH",
      text: `names ${idName} "${identifier}" instead of "${p.identifier}"`,
    });
  if (environment !== undefined && environment !== p.environment)
    wrong.push({
      code: "CN_ENVIRONMENT_MISMATCH",
      text: `targets ${envPrefix}${environment} instead of ${envPrefix}${p.environment}`,
    });
  const code = wrong.length === 1 ? wrong[0]!.code : "CN_MISMATCH";
  const why = wrong.length ? wrong.map((w) => w.text).join("; ") : "differs in letter case";
  return [error(code, `The CN "${cn}" ${why}; expected "${expected}".`, hint)];
}

/** Findings for a CN that Thales set for this connection (TSH `--expected-cn`). */
export function expectedCnFindings(rdns: readonly Rdn[], expectedCn: string | undefined): Finding[] {
  const cns = dnValues({ rdns }, "CN");
  if (expectedCn === undefined || expectedCn === "") {
    return [
      warning(
        "EXPECTED_CN_UNKNOWN",
        `The CN "${cns[0] ?? ""}" could not be checked: Thales sets the CN for each customer and environment.`,
        "Use the CN shown in the portal for this connection (CLI: pass --expected-cn).",
      ),
    ];
  }
  const hint = `Use CN=${expectedCn} (the corrected command for this upload sets it).`;
  if (cns.length === 0) return [error("CN_MISSING", `The subject has no CN; expected "${expectedCn}".`, hint)];
  if (cns.length > 1)
    return [
      error("CN_MULTIPLE", `The subject has ${cns.length} CNs; exactly one is expected ("${expectedCn}").`, hint),
    ];
  if (cns[0] !== expectedCn)
    return [
      error("CN_MISMATCH", `The CN "${cns[0]}" is not the one Thales set for this connection ("${expectedCn}").`, hint),
    ];
  return [];
}
