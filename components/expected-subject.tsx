import {
  cnGivenByThales,
  credentialCommand,
  expectedD1Cn,
  newKeyCommand,
  placeholderSubj,
  programRules,
  subjWithCn,
  type Environment,
  type Program,
} from "@/lib/pki";
import { ScrollBox } from "@/components/scroll-box";

/** The program's rules as lib/pki states them: the one place they are written. */
function Rules({ program }: { program: Program }) {
  return (
    <ul className="mt-2 list-disc pl-5 text-xs text-slate-600" data-testid="program-rules">
      {programRules(program).summary.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}

/** The CN the user must use, shown before any upload (DESIGN.md §2), with the openssl command to make it. */
export function ExpectedSubject({
  program,
  identifier,
  environment,
  expectedCn,
}: {
  program: Program;
  identifier: string;
  environment: Environment;
  expectedCn: string | null;
}) {
  // The same commands as an upload's corrected command (lib/pki/fix-command.ts): a self-signed one is no CA.
  const keyFile = `${program}-client-${environment}.key`;
  const makeKey = newKeyCommand(program, keyFile).command;
  if (cnGivenByThales(program)) {
    return (
      <div className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="expected-cn">
        <div className="font-medium">Client certificate CN for {environment}</div>
        {expectedCn ? (
          <>
            <code className="font-mono">{expectedCn}</code>
            <ScrollBox
              as="pre"
              label="Commands for a key and CSR"
              className="mt-2 rounded bg-slate-50 p-2 font-mono text-xs"
              data-testid="expected-command"
            >
              {`${makeKey}\n${credentialCommand(program, subjWithCn([], expectedCn), keyFile)}`}
            </ScrollBox>
          </>
        ) : (
          <p className="text-amber-800">
            Thales has not set the CN for this connection yet. Ask your Thales delivery contact before creating the
            certificate.
          </p>
        )}
        <Rules program={program} />
      </div>
    );
  }
  const rsa = expectedD1Cn({ program, identifier, environment, keyType: "rsa" });
  const ec = expectedD1Cn({ program, identifier, environment, keyType: "ec" });
  return (
    <div className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="expected-cn">
      <div className="font-medium">CSR subject for {environment}</div>
      <div>
        CN <code className="font-mono">{ec}</code> (ECDSA) or <code className="font-mono">{rsa}</code> (RSA)
      </div>
      <ScrollBox
        as="pre"
        label="Commands for a key and CSR"
        className="mt-2 rounded bg-slate-50 p-2 font-mono text-xs"
        data-testid="expected-command"
      >
        {`${makeKey}\n${credentialCommand(program, placeholderSubj(program, ec), keyFile)}`}
      </ScrollBox>
      <Rules program={program} />
    </div>
  );
}
