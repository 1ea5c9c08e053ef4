// How generated code leaves native execution at a given instruction: the exits of one compiled
// function (codegen-js.ts, unbox.ts).
//
// Every place that can fail has an exit of its own, naming its pc and only the registers live
// there (flow.ts liveIn; dead ones are left out): a failed guard records the frame
// and throws, and a call that may throw (a callee, a primitive, a slow path, an interrupt poll)
// sits in a `try` whose `catch` records the frame and rethrows. The record goes on a chain
// (R.unw, newest outermost); the exception unwinds every native frame, each adding itself, to
// where the interpreter entered native code, which turns the chain into interpreter frames
// (NativeRuntime.unwound): the innermost carries out the fault (a deoptimization, an error, a
// call to make again), the others wait at their calls.
//
// An exit calls nothing and allocates nothing: it takes a record from a pool kept by the runtime
// (R.pool; R.more() only once the pool is empty, far from the end of the stack) and stores into
// it. Near the end of the JS stack anything that reaches V8's runtime (an object or array
// literal) throws again; stores into existing objects do not. Measured in a plain JS recursion
// to overflow (Node 20): with an object literal per frame the innermost 3 frames lost their
// records, with pooled records none did. The frames are reified by the interpreter's side,
// after the unwinding gave the stack back.
//
// Why not one `try` around the whole function, as before: its `catch` needed every register,
// so every throwing point inside kept every register alive and merged them into the handler.
// Measured (CPU s, min of 5, 2-core EPYC, Node 20): with a function-wide handler that names no
// register, nbody 0.54 -> 0.46, fft 0.57 -> 0.50, maze 0.92 -> 0.84, tokenizer 1.09 -> 1.03.
//
// What is left for the function-wide handler (codegen-js.ts, the backstop) is what no exit
// covers: the JS stack running out inside a small helper (an allocation in unoptimized code).
// Such a frame cannot be reified; the backstop records it as lost (no registers), and the
// interpreter raises a stack overflow error in its caller.

import { Code } from "../bytecode/code.js";
import { isLive, liveIn } from "../bytecode/flow.js";

export interface Exits {
  /** A statement leaving native code at `pc` with the JS value `error` (an identifier: DEOPT, UF, e, ...). */
  fault(pc: number, error: string): string;
  /** `stmt` (statements that may throw) with whatever it throws leaving native code at `pc`. */
  guard(pc: number, stmt: string): string;
}

/** The exits of one generated function, and the blocks that make their records. */
export interface FunctionExits extends Exits {
  /** Labels to open before the function's body, outermost first. */
  opening(): string;
  /** The record blocks, closing the labels: each fills a record and throws. */
  closing(): string;
}

/** Registers a pooled record holds (NativeRuntime.more); a frame with more takes an array of its own. */
export const RECORD_REGISTERS = 64;

/**
 * Statements taking a record from the pool, filling it (the fields of NativeRuntime's Crossed;
 * `store` writes the registers) and putting it on the chain.
 */
function chain(error: string, pc: string, k: number, store: string): string {
  return `u = R.pool ?? R.more(); R.pool = u.n; u.e = ${error}; u.c = clo; u.p = ${pc}; u.d = depth; u.k = ${k}; ${store}u.n = R.unw; R.unw = u;`;
}

/**
 * The exits of `code` compiled natively. `unboxed` names the registers that may hold a raw
 * double instead (unbox.ts): the record keeps the double beside it (u.f).
 *
 * Exits with the same live registers share one block that fills the record (a site sets xp
 * and xe and breaks to it): written at each site, the records made nbody's inner loop 2.6
 * times as long (JS text), and interp's median compilation 1.7 times as slow.
 */
export function exitsFor(code: Code, unboxed: ReadonlySet<number>): FunctionExits {
  const live = liveIn(code), n = code.frameSize;
  const blocks = new Map<string, { label: string; regs: number[] }>();
  const blockAt = (pc: number): string => {
    const set = live?.get(pc);
    const regs = Array.from({ length: n }, (_, i) => i).filter((i) => !set || isLive(set, i));
    const key = regs.join(",");
    let b = blocks.get(key);
    if (!b) blocks.set(key, b = { label: `X${blocks.size}`, regs });
    return b.label;
  };
  const record = (regs: number[]): string => {
    const k = regs.length ? regs[regs.length - 1] + 1 : 0;
    const store = k > RECORD_REGISTERS
      ? `u.r = [${Array.from({ length: k }, (_, i) => regs.includes(i) ? `r${i}` : "").join(", ")}]; ` +
        regs.filter((i) => unboxed.has(i)).map((i) => `u.f[${i}] = d${i}; `).join("")
      : `q = u.r; ${regs.map((i) => `q[${i}] = r${i}; ${unboxed.has(i) ? `u.f[${i}] = d${i}; ` : ""}`).join("")}`;
    return `${chain("xe", "xp", k, store)} throw xe;`;
  };
  const leave = (pc: number, error: string): string => `xp = ${pc}; xe = ${error}; break ${blockAt(pc)};`;
  return {
    fault: (pc, error) => `{ ${leave(pc, error)} }`,
    guard: (pc, stmt) => `try { ${stmt} } catch (e) { ${leave(pc, "e")} }`,
    opening: () => [...blocks.values()].map((b) => `${b.label}: {`).join(" "),
    closing: () => [...blocks.values()].reverse().map((b) => `} ${record(b.regs)}`).join("\n  "),
  };
}

/**
 * The backstop: an exception no exit of this frame recorded (the top of the chain is not this
 * frame's) leaves the frame lost.
 */
export const BACKSTOP = `catch (e) { u = R.unw; if (u === null || u.e !== e || u.c !== clo || u.d !== depth) { ${chain("e", "-1", -1, "")} } throw e; }`;

/** Exits of a body inlined into a caller (codegen-js.ts inlineBody): anything abandons it, the caller's catch makes the call. */
export const INLINE_EXITS: Exits = {
  fault: () => "throw DEOPT;",
  guard: (_, stmt) => stmt,
};
