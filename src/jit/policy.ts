// When the tiers compile: the JIT's thresholds, in one place for every host (the CLI, the
// embedding API, the browser build) without importing the compiler.

/**
 * Calls and loop iterations before a procedure is compiled. Measured (docs/jit.md, "Tiering"):
 * 50 rather than 500 spends less time interpreting and, on programs whose work is in a few
 * hot procedures, often keeps V8 from optimizing the interpreter's dispatch loop at all (15 to
 * 300 ms of V8's compilation per run, a few thousand interpreted instructions are enough to
 * start it).
 */
export const DEFAULT_JIT_THRESHOLD = 50;

/**
 * Compiling costs, and a program of many procedures each called a few hundred times cannot
 * win it back (bench/gen-lukewarm.mjs: 1,500 procedures, 120 calls each): 0.49 s CPU at
 * threshold 500 (none compiled), 1.28 s at 50 (all compiled), 6.8 s when they were numeric
 * (all to Wasm too, whose modules V8 compiles with its optimizing compiler at once). Our own
 * compilation is about a third of what one costs in all (V8 then compiles what we made), so
 * the budget is small: JIT_BUDGET_MS plus JIT_BUDGET_SHARE of the time since the JIT was
 * made, for both tiers together. Past it, a procedure waits for HEAT_FACTOR times the
 * threshold (500 by default, the threshold before the budget existed): soon enough for the
 * hot ones. With it, those programs took 0.64 and 0.58 s.
 */
export const JIT_BUDGET_MS = 20;
export const JIT_BUDGET_SHARE = 0.02;
export const HEAT_FACTOR = 10;
