// Leaving Wasm code: the frames a failed guard (or the depth limit) writes to the scratch area
// of the vector memory (codegen-wasm.ts), read back as interpreter frames. This is the same
// frame protocol as the JS tier's reification (jit/signals.ts): a Reify whose action is
// `resume`; each frame is spilled in place on the interpreter's stack (the outermost at the
// depth the Wasm entry was called with, each callee at its caller's call window + 5) and linked
// innermost first; the interpreter continues the innermost one at the instruction that could
// not run in Wasm, with every register as it was.
//
// Scratch layout (bytes from address 0 of the vector memory):
//   0   i32  frames written by the last Wasm call (0: it returned normally)
//   8   i32  interrupt fuel left when it returned
//   64  frames, each: header [spec id, pc, kind, register count, extra slot count] (i32s in 32
//       bytes), then per register 16 bytes: [tag i32, pad, value f64], then the extra slots
//       (same form): the captured values of the frame's closure when the module made it (a
//       Lam, analyze.ts), then those of each register holding a Lam, in register order. The
//       Closure objects are made again from them (a Lam's closure never escapes Wasm code, so
//       no identity is lost).

import { Closure, freeSlots } from "../bytecode/code.js";
import { Lam, SELF, isKind, isLam, known } from "./analyze.js";
import { Reify } from "../jit/signals.js";
import { NativeRuntime } from "../jit/native-runtime.js";
import { Value, flo } from "../runtime/values.js";

export const SCRATCH_NFRAMES = 0;
export const SCRATCH_FUEL = 8;
export const FRAMES_BASE = 64;
export const FRAME_HEADER = 32;
export const REG_BYTES = 16;

/** Frame kinds: a guard failed at pc; suspended at the call at pc; the call at pc was too deep for Wasm; */
export const FRAME_GUARD = 0;
export const FRAME_CALL = 1;
export const FRAME_DEPTH = 2;
/** The evaluation is being interrupted: the frame resumes at pc 0 and the interpreter's next poll stops it. */
export const FRAME_INTERRUPT = 3;
/** A tail call Wasm does not make (analyze.ts, EXIT): the frame resumes at the TAILCALL. */
export const FRAME_EXIT = 4;

/** What the poll import answers (instead of throwing) when the evaluation must stop. */
export const POLL_LEAVE = -0x80000000;

/** Register tags: what the value slot holds. */
export const TAG = { none: 0, fixnum: 1, flonum: 2, boolean: 3, known: 4, vector: 5, lambda: 6 } as const;

export interface DeoptSource {
  /** What each spec runs as: a closure (the root's: the closure of this call), or a Lam. */
  closureOf(specId: number): Closure | Lam;
  /** The Lams of the module, by id. */
  readonly lams: readonly Lam[];
  /** The closure of this call (a Lam may capture it). */
  readonly root: Closure;
  /** Values of known registers, by index. */
  readonly consts: readonly Value[];
  /** The f64vectors passed to this call, by handle. */
  readonly vectors: readonly Value[];
}

export interface DeoptResult {
  /** The frames as interpreter frames (null when `tail` is set). */
  readonly reify: Reify | null;
  /**
   * A tail call out of Wasm from the entry frame itself (FRAME_EXIT, one frame): the call to
   * make in place of the frame, as the JS tier makes a tail call it does not run itself (a
   * TailSignal), so leaving costs no reification.
   */
  readonly tail?: { fn: Value; args: Value[] };
  /** The innermost frame's kind, spec and pc (FRAME_GUARD means the code's assumptions failed). */
  readonly kind: number;
  readonly closure: Closure;
  readonly pc: number;
}

/** Read the frames of the last Wasm call, entered at native `depth`, from `mem` (the vector memory's buffer). */
export function readFrames(buffer: ArrayBufferLike, src: DeoptSource, native: NativeRuntime, depth: number): DeoptResult {
  const i32 = new Int32Array(buffer, 0, 16);
  const n = i32[SCRATCH_NFRAMES];
  const view = new DataView(buffer);
  interface Frame { clo: Closure; retPc: number; dst: number; base: number; regs: Value[] }
  const frames: Frame[] = [];
  let at = FRAMES_BASE, kind0 = FRAME_GUARD, pc0 = 0;
  let clo0: Closure | null = null;
  const slot = (p: number): Value => {
    const tag = view.getInt32(p, true), v = view.getFloat64(p + 8, true);
    return tag === TAG.fixnum ? v : tag === TAG.flonum ? flo(v) : tag === TAG.boolean ? v !== 0
      : tag === TAG.known ? src.consts[v] : tag === TAG.vector ? src.vectors[v] : tag === TAG.lambda ? src.lams[v] as unknown as Value : undefined;
  };
  for (let f = 0; f < n; f++) {
    const spec = view.getInt32(at, true), pc = view.getInt32(at + 4, true), kind = view.getInt32(at + 8, true);
    const nregs = view.getInt32(at + 12, true), nextra = view.getInt32(at + 16, true);
    let extra = at + FRAME_HEADER + REG_BYTES * nregs;
    const next = (): Value => { const v = slot(extra); extra += REG_BYTES; return v; };
    const c = src.closureOf(spec);
    const clo = isLam(c) ? makeClosure(c, next, src.root) : c;
    const regs: Value[] = new Array(nregs);
    for (let r = 0; r < nregs; r++) regs[r] = slot(at + FRAME_HEADER + REG_BYTES * r);
    for (let r = 0; r < nregs; r++) if (isLam(regs[r] as never)) regs[r] = makeClosure(regs[r] as unknown as Lam, next, src.root);
    if (f === 0) { kind0 = kind; pc0 = pc; clo0 = clo; }
    frames.push(kind === FRAME_CALL
      ? { clo, retPc: pc + 3, dst: clo.code.code[pc + 1], base: clo.code.code[pc + 1], regs }
      : { clo, retPc: pc, dst: 0, base: clo.code.frameSize, regs });
    at += FRAME_HEADER + REG_BYTES * (nregs + nextra);
  }
  i32[SCRATCH_NFRAMES] = 0;
  if (frames.length === 1 && kind0 === FRAME_EXIT) {
    const code = clo0!.code.code, regs = frames[0].regs, a = code[pc0 + 1], n = code[pc0 + 2];
    return { reify: null, tail: { fn: regs[a], args: regs.slice(a + 5, a + 5 + n) }, kind: kind0, closure: clo0!, pc: pc0 };
  }
  const reify = new Reify({ kind: "resume" },
    kind0 === FRAME_DEPTH ? "native stack depth (wasm)" : kind0 === FRAME_INTERRUPT ? "interrupt (wasm)"
      : kind0 === FRAME_EXIT ? "tail call out of wasm" : "deoptimized (wasm)");
  // Depths from the outermost frame in; then spill and link from the innermost out.
  const depths: number[] = new Array(frames.length);
  let d = depth;
  for (let f = frames.length - 1; f >= 0; f--) { depths[f] = d; d += frames[f].base + 5; }
  for (let f = 0; f < frames.length; f++) {
    // A caller keeps only its registers below the call window (as the JS tier's spill does):
    // the window and above are its callee's frame, already written.
    const fr = frames[f], regs = f === 0 ? fr.regs : fr.regs.slice(0, fr.base);
    native.spillAll(reify, fr.clo, depths[f], fr.retPc, fr.dst, fr.base, regs);
  }
  return { reify, kind: kind0, closure: clo0!, pc: pc0 };
}

/** The Closure of a Lam, its captured values taken from the frame's extra slots by `next`. */
function makeClosure(l: Lam, next: () => Value, root: Closure): Closure {
  const free: Value[] = freeSlots(l.free.length);
  const clo = new Closure(l.code, free);
  l.free.forEach((t, i) => {
    free[i] = l.selfRefs.has(i) ? clo : isKind(t) ? next() : isLam(t) ? makeClosure(t, next, root)
      : known(t) ? (t.c === SELF ? root : t.c) : undefined;
  });
  return clo;
}
