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
 * (all to Wasm too). So the JIT has a budget for its compilations: JIT_BUDGET_MS plus
 * JIT_BUDGET_SHARE of the time since it was made. What a JS function costs is about
 * JS_COST_FACTOR times the time we measure making it (V8 then parses and compiles it: 112
 * functions we made in 29 ms cost 0.13 s more CPU in all); a Wasm module's time is measured
 * whole (V8 compiles it before we return). Past the budget, a procedure waits for HEAT_FACTOR
 * times the threshold (500 by default, the threshold before the budget existed): soon enough
 * for the hot ones.
 */
export const JIT_BUDGET_MS = 60;
export const JIT_BUDGET_SHARE = 0.06;
export const JS_COST_FACTOR = 3;
export const HEAT_FACTOR = 10;
