// The compile-time warnings (src/compiler/warnings.ts finds them): one table, from which the
// `-W` options, `--help` and docs/cli.md come. Names follow Guile's (`guild compile -W`).

export const WARNINGS = {
  "arity-mismatch": { byDefault: true, help: "a call to a known procedure with the wrong number of arguments" },
  "unbound-variable": { byDefault: true, help: "a reference to a variable that is never defined" },
  "unused-variable": { byDefault: false, help: "a local variable that is never used" },
} as const;

export type WarningName = keyof typeof WARNINGS;

export function defaultWarnings(): Record<WarningName, boolean> {
  const r = {} as Record<WarningName, boolean>;
  for (const [name, w] of Object.entries(WARNINGS)) r[name as WarningName] = w.byDefault;
  return r;
}
