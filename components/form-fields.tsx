/** The TOTP step of signing in: a code from the authenticator app, or one of the recovery codes. */
export function OneTimeCodeField() {
  return (
    <label className="block text-sm font-medium">
      Authentication code
      <input
        name="otp"
        autoFocus
        inputMode="numeric"
        autoComplete="one-time-code"
        placeholder="6 digits, or a recovery code"
        className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono"
      />
    </label>
  );
}

/** Any number of `options`, each posted as one more `name` value when ticked. */
export function CheckboxChoices({ name, options }: { name: string; options: { code: string; label: string }[] }) {
  return (
    <div className="flex flex-wrap gap-3">
      {options.map((option) => (
        <label key={option.code} className="flex items-center gap-1 text-sm">
          <input type="checkbox" name={name} value={option.code} /> {option.label}
        </label>
      ))}
    </div>
  );
}

/** A check that found only warnings submits once the person says so (the action refuses without it). */
export function ConfirmWarnings() {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name="confirmWarnings" data-testid="confirm-warnings" /> I have read the warnings and want
      to submit anyway.
    </label>
  );
}

/** A select's choices: each `value` shown as its `label`, in the order given. */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}
