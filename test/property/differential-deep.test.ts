// The differential test for deep recursion and continuations (issue 7): random programs of
// those shapes (deep-shapes.ts) run in the interpreter alone and with every procedure compiled
// before its first call, under a small random native depth budget so that native frames spill
// to the interpreter's stack and resume natively many times; both must print the same, return
// the same and raise the same error.
//
//   KILN_DIFF_DEEP_RUNS=500 node --test dist/test/property/differential-deep.test.js
//   KILN_DIFF_SEED=<seed> KILN_DIFF_PATH=<path> ... replays a failure

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { arbBudget, arbDeepProgram } from "./deep-shapes.js";
import { TierRunner, describeMismatch, sameOutcome } from "./tiers.js";

const env = process.env;
const numRuns = Number(env.KILN_DIFF_DEEP_RUNS ?? 40);
const seed = env.KILN_DIFF_SEED !== undefined ? Number(env.KILN_DIFF_SEED) : undefined;
const replayPath = env.KILN_DIFF_PATH || undefined;

test("deep recursion and continuations: the interpreter and native code with small budgets agree", () => {
  const interpreter = new TierRunner("interpreter"), jit = new TierRunner("jit", 0);
  fc.assert(fc.property(arbDeepProgram, arbBudget, (text, budget) => {
    // Read when a procedure is compiled: every program's procedures are new, so they get it.
    jit.rt.jit.native.maxDepth = budget;
    const a = interpreter.run(text), b = jit.run(text);
    if (!sameOutcome(a, b, true)) assert.fail(`budget ${budget}: ${describeMismatch(text, a, b)}`);
    assert.equal(a.internal, false, `internal error in the interpreter:\n${text}\n${a.error}`);
    assert.equal(b.internal, false, `internal error in the JIT tier:\n${text}\n${b.error}`);
    assert.equal(a.error, null, `the generated program failed:\n${text}\n${a.error}`);
  }), { numRuns, seed, path: replayPath, endOnFailure: true });
});
