// A host for untrusted code: no files, no environment variables, no process; output is
// collected in memory. `include` fails with a syntax error, `(exit)` ends only the run.

import { Host } from "./host.js";

export interface SandboxHost extends Host {
  readonly output: string[];
  readonly errors: string[];
}

export function sandboxHost(): SandboxHost {
  const output: string[] = [], errors: string[] = [];
  const start = Date.now();
  return {
    output, errors,
    stdout: (t) => { output.push(t); },
    stderr: (t) => { errors.push(t); },
    monotonicMs: () => Date.now() - start,
    wallSeconds: () => Date.now() / 1000,
    commandLine: () => ["kiln"],
  };
}
