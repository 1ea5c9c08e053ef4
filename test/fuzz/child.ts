// Run programs in a child process (test/fuzz/eval-child.ts): a regression that kills or hangs
// the process then fails one test instead of the test runner.

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface ChildResult { ok: boolean; value: string; error: string; ms: number }
export interface ChildRun {
  results: ChildResult[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(here, "eval-child.js");

/** Evaluate each program in a fresh instance, in one child (`nodeArgs` e.g. a heap limit). */
export function evaluateInChild(programs: string[], options: { timeoutMs?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), runner, "--programs-on-stdin"], {
      stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...options.env },
    });
    let out = "", err = "", timedOut = false;
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { if (err.length < 100_000) err += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, options.timeoutMs ?? 60_000);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      const results = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as ChildResult);
      resolve({ results, status, signal, stderr: err, timedOut });
    });
    child.stdin.end(JSON.stringify(programs));
  });
}
