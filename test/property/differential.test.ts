// The differential test: random well-formed programs (program-generator.ts) run in the
// interpreter alone and with every procedure compiled by the JIT before its first call must
// print the same text, return the same value and raise the same error (message and
// irritants; not the backtrace).
//
//   npm test                         KILN_DIFF_RUNS cases (default 100, a few seconds), plus
//                                    programs that redefine inlined builtins and regressions.scm
//   KILN_DIFF_RUNS=5000 node --test dist/test/property/differential.test.js
//   KILN_DIFF_SEED=<seed> KILN_DIFF_PATH=<path> node --test dist/test/property/differential.test.js
//                                    replays a failure (fast-check prints seed and path)
//
// Other knobs (README.md in this folder has the details): KILN_DIFF_THRESHOLD (JIT threshold,
// default 0), KILN_DIFF_DEPTH (default 3), KILN_DIFF_REDEFINE_RUNS, KILN_DIFF_WRAPPERS,
// KILN_DIFF_LOCATIONS, KILN_DIFF_VERBOSE, KILN_DIFF_TYPE_RUNS (type-changing programs,
// type-change-generator.ts; default max(10, runs/10)), KILN_DIFF_TYPE_THRESHOLD (the second
// JIT tier those programs run in, which compiles after warm-up with feedback; default 50).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Wrapper, WRAPPERS, arbProgram } from "./program-generator.js";
import { arbTypeChangeProgram } from "./type-change-generator.js";
import { TierRunner, Outcome, describeMismatch, sameOutcome } from "./tiers.js";

const env = process.env;
const numRuns = Number(env.KILN_DIFF_RUNS ?? 100);
const redefineRuns = Number(env.KILN_DIFF_REDEFINE_RUNS ?? Math.max(20, Math.floor(numRuns / 5)));
const seed = env.KILN_DIFF_SEED !== undefined ? Number(env.KILN_DIFF_SEED) : undefined;
const replayPath = env.KILN_DIFF_PATH || undefined;
const threshold = Number(env.KILN_DIFF_THRESHOLD ?? 0);
const depth = Number(env.KILN_DIFF_DEPTH ?? 3);
const locations = env.KILN_DIFF_LOCATIONS !== "0";
const typeRuns = Number(env.KILN_DIFF_TYPE_RUNS ?? Math.max(10, Math.floor(numRuns / 10)));
const typeThreshold = Number(env.KILN_DIFF_TYPE_THRESHOLD ?? 50);
const verbose = env.KILN_DIFF_VERBOSE ? 2 : 0;
/**
 * Wrappers for redefined builtins. "callcc" and "callcc-k" are left out by default: they hit
 * a known JIT bug (regressions.scm, "call/cc in tail position of a redefined inlined builtin")
 * that makes most such programs fail, some by looping forever.
 */
const wrappers = (env.KILN_DIFF_WRAPPERS ?? "apply,values,wind,callcc,callcc-k").split(",").filter(Boolean) as Wrapper[];
for (const w of wrappers) assert.ok(WRAPPERS.includes(w), `KILN_DIFF_WRAPPERS: unknown wrapper ${w}`);

/** The program being run, so that a crash or a hang (a tier looping forever) leaves it behind. */
const CURRENT = path.join(os.tmpdir(), "kiln-differential-current.scm");

// One runtime per tier for the generated programs that leave the builtins alone (building one
// takes ~50 ms); every program gets a fresh top-level environment.
const shared = { interpreter: new TierRunner("interpreter"), jit: new TierRunner("jit", threshold) };
const fresh = (): typeof shared => ({ interpreter: new TierRunner("interpreter"), jit: new TierRunner("jit", threshold) });

function assertSame(text: string, runners = shared, what = "program"): Outcome {
  writeFileSync(CURRENT, text);
  const a = runners.interpreter.run(text), b = runners.jit.run(text);
  if (!sameOutcome(a, b, locations)) assert.fail(`${what}: ${describeMismatch(text, a, b, threshold)}`);
  // A JavaScript exception escaping either tier is a bug even when both agree.
  assert.equal(a.internal, false, `${what}: internal error in the interpreter:\n${text}\n${a.error}`);
  assert.equal(b.internal, false, `${what}: internal error in the JIT tier:\n${text}\n${b.error}`);
  return a;
}

const fcOptions = { seed, path: replayPath, verbose };

test("the JIT tier compiles the procedures it runs (the comparison is not vacuous)", () => {
  const before = shared.jit.rt.jit.stats.compiled;
  assertSame("(define (f x) (* x 2)) (define (g n acc) (if (= n 0) acc (g (- n 1) (+ acc (f n))))) (g 10 0)");
  if (threshold === 0) assert.ok(shared.jit.rt.jit.stats.compiled >= before + 2, "f and g were compiled");
  assert.equal(shared.interpreter.rt.jit.stats.compiled, 0, "the interpreter-only runtime compiles nothing");
});

test("generated programs are well formed and mostly run to the end", () => {
  const programs = fc.sample(arbProgram(), { numRuns: 40, seed: 42 });
  let completed = 0;
  for (const p of programs) {
    const o = shared.interpreter.run(p.text);
    assert.ok(o.error === null || !/unbound variable|syntax|bad (let|lambda|define)|internal error/i.test(o.error),
      `generator produced a malformed program:\n${p.text}\n${o.error}`);
    if (o.error === null) completed++;
  }
  assert.ok(completed >= programs.length / 2, `only ${completed} of ${programs.length} programs ran to the end`);
});

test(`interpreter and JIT (threshold ${threshold}) agree on ${numRuns} random programs`, () => {
  fc.assert(fc.property(arbProgram({ depth }), (p) => { assertSame(p.text); }), { ...fcOptions, numRuns });
});

test(`they agree on ${redefineRuns} programs that first redefine inlined builtins (${wrappers.join(", ")})`,
  { skip: wrappers.length === 0 || redefineRuns === 0 ? "no wrappers or no runs" : false }, () => {
    // (set! car ...) changes the builtins' shared cells: each program gets runtimes of its own.
    fc.assert(fc.property(arbProgram({ depth, wrappers }), (p) => { assertSame(p.text, fresh()); }),
      { ...fcOptions, numRuns: redefineRuns });
  });

test(`they agree on ${typeRuns} programs whose types change after warm-up (JIT thresholds ${threshold} and ${typeThreshold})`,
  { skip: typeRuns === 0 ? "no runs" : false }, () => {
    // The second JIT runtime compiles after the interpreter has recorded feedback, so its code
    // speculates (int32, unboxed flonums) and the type changes make the guards fail.
    const warm = { interpreter: shared.interpreter, jit: new TierRunner("jit", typeThreshold) };
    fc.assert(fc.property(arbTypeChangeProgram(), (text) => {
      const a = assertSame(text);
      assertSame(text, warm, "program (warm JIT)");
      assert.equal(a.error, null, `type-changing programs catch their errors:\n${text}\n${a.error}`);
    }), { ...fcOptions, numRuns: typeRuns });
    if (typeThreshold > 0) assert.ok(warm.jit.rt.jit.stats.deopts > 0, "the warm JIT tier deoptimized at least once");
  });

/** test/property/regressions.scm, from dist/test/property/ or from the working directory. */
function regressionsFile(): string {
  const candidates = [
    fileURLToPath(new URL("../../../test/property/regressions.scm", import.meta.url)),
    path.resolve("test/property/regressions.scm"),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`regressions.scm not found (tried ${candidates.join(", ")})`);
  return found;
}

test("regression programs agree between tiers", async (t) => {
  // Each program starts at a line ";;; name", optionally followed by "[fresh]" (it redefines
  // builtins, so it gets runtimes of its own) and "[known bug]" (reported as a todo, not a failure).
  const chunks = readFileSync(regressionsFile(), "utf8").split(/^;;; /m).slice(1);
  assert.ok(chunks.length > 0, "regressions.scm has no programs");
  for (const chunk of chunks) {
    const nl = chunk.indexOf("\n");
    const header = chunk.slice(0, nl);
    const name = header.replace(/\[[^\]]*\]/g, "").trim();
    const todo = header.includes("[known bug]") ? "a known JIT bug (see regressions.scm)" : undefined;
    const runners = header.includes("[fresh]") ? fresh() : shared;
    await t.test(name, { todo }, () => { assertSame(chunk.slice(nl + 1), runners, `regression "${name}"`); });
  }
});
