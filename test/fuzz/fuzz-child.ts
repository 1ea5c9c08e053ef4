// The fuzzer's worker process (run by fuzz.test.ts as `node fuzz-child.js --fuzz FROM COUNT`):
// evaluates the generated cases FROM .. FROM+COUNT-1 in sandboxed instances (a fresh one every
// 50 cases), each under a budget of time and steps, and checks the contract: a value or a
// Scheme error, never a JS exception. Before each case it prints `case N`, so that when the
// process dies or hangs the parent knows which case did it. Ends with one `summary` JSON line.

import { createKiln, Kiln } from "../../src/api/index.js";
import { generate } from "./generators.js";

/** Text that only a JS-level failure produces (the contract allows Scheme errors only). */
export const JS_FAILURE = /internal error|TypeError|ReferenceError|is not a function|Cannot read prop|\.js:\d|Maximum call stack/;

const at = process.argv.indexOf("--fuzz");
if (at >= 0) {
  const from = Number(process.argv[at + 1]), count = Number(process.argv[at + 2]);
  const counts = { cases: 0, values: 0, errors: 0, budget: 0 };
  const violations: { seed: number; text: string; error: string }[] = [];
  let slowest = { seed: -1, ms: 0 };
  let kiln: Kiln | null = null;
  const start = Date.now();
  for (let seed = from; seed < from + count; seed++) {
    if ((seed - from) % 50 === 0) kiln = createKiln();
    const { text } = generate(seed);
    process.stdout.write(`case ${seed}\n`);
    kiln!.runtime.interrupts.setBudget({ ms: 3000, steps: 3_000_000 });
    const t = Date.now();
    let r;
    try { r = kiln!.evaluate(text); }
    catch (e) { r = { ok: false, value: "", output: "", error: `JS exception escaped evaluate: ${e instanceof Error ? e.stack : String(e)}` }; }
    const ms = Date.now() - t;
    if (ms > slowest.ms) slowest = { seed, ms };
    counts.cases++;
    if (r.ok) counts.values++;
    else if (/time limit exceeded|step limit exceeded/.test(r.error)) counts.budget++;
    else counts.errors++;
    if (!r.ok && (JS_FAILURE.test(r.error) || r.error.startsWith("JS exception"))) violations.push({ seed, text, error: r.error.slice(0, 1000) });
  }
  process.stdout.write("summary " + JSON.stringify({ ...counts, violations, slowest, ms: Date.now() - start }) + "\n");
}
