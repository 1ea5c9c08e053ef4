// The runtime support that generated code calls into (`R` in the generated source): generic
// calls with the signal protocol, the trampoline for tail calls, slow paths of inline
// primitives, and turning a fault or a too-deep call into a Reify.

import {
  Value, Pair, NIL, Box, UNBOUND, ErrorObject, Flonum, flo, UNSPECIFIED, Primitive, CaseLambda, Parameter, MString, char, isProcedure,
  ContinuationProc, MultipleValues,
} from "../runtime/values.js";
import { arityError, stringIndexError, closureArityError, caseLambdaArityError } from "../vm/interpreter.js";
import { valueOf } from "../runtime/multiple-values.js";
import { Closure, Code, caseLambdaClause, freeOf, selfClosure } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { SchemeError, schemeError, typeError, rangeError, indexRangeError } from "../runtime/errors.js";
import * as N from "../runtime/numbers.js";
import { Capture, TailCall, Throw, VmRequest } from "../vm/requests.js";
import { CAPTURE_EXTRA, Escape, LazyCont, PendingCapture, TAIL_CAPTURE, lazyReceiver } from "./lazy-capture.js";
import { Reenter, Reify, Signal, TailSignal } from "./signals.js";
import { Interrupts } from "../runtime/interrupts.js";
import { CAPTURE_SEGMENT, LINK, growSegment, newSegment } from "../vm/frames.js";
import { FB_DEOPT, FB_UNBOX_FAILED } from "./feedback.js";
import { RECORD_REGISTERS } from "./exits.js";

/**
 * Native calls carry `depth`: where the callee's frame would be on the interpreter's stack,
 * as an offset in slots from the frame the native chain started at (NativeRuntime.B). A call
 * at callee slot `a` passes depth + a + 5, exactly the interpreter's layout, so a native frame
 * that must become an interpreter frame writes itself in place (spill) and nothing is copied
 * later. The budget is in the same slots; its figures are measured (docs/jit.md, "The native
 * depth budget, measured").
 */
export const MAX_NATIVE_DEPTH = 6_000;

/**
 * How deep (slots) a newly compiled procedure goes native until a native chain of it begun by
 * the interpreter has returned normally (Code.warm; codegen-js.ts, the entry check). Measured (CPU s, kiln
 * with 250,000 / 2,048 / 8,192 cold slots, one machine, one run each): deep-recursion 3.27 /
 * 2.21 / 2.26, deep-lists 3.66 / 2.68 / 2.82, sort-list 4.14 / 2.40 / 2.72; 512 spilled too
 * often (sort-list 3.82, ack-deep 2.16 against 1.57).
 */
export const COLD_NATIVE_DEPTH = 2_048;

/**
 * The budget is checked at a callee's entry (codegen-js.ts), against its own depth, which is
 * its call window (a + 5 slots) past its caller's: entries allow this much more than MAXD,
 * so that a native chain holds as many frames as when call sites compared their own depth.
 */
export const ENTRY_SLACK = 16;

/** Slots of native depth allowed per MB of the thread's JS stack. */
export const SLOTS_PER_STACK_MB = 8_192;

/**
 * The most native depth worth having, however large the stack: a scavenge scans the whole JS
 * stack, so a very deep native stack makes every minor GC slow (measured: 1,000,000 native
 * frames deep was slower than the interpreter); past this the chain is spilled to the
 * interpreter's stack and resumed natively from there.
 */
export const MAX_NATIVE_SLOTS = 250_000;

/** The budget for a thread with `mb` megabytes of stack. */
export function nativeDepthBudget(mb: number): number {
  return mb <= 1 ? MAX_NATIVE_DEPTH : Math.min(MAX_NATIVE_SLOTS, Math.floor((mb - 1) * SLOTS_PER_STACK_MB));
}

/**
 * Tail calls made as plain JS calls (codegen-js.ts) that may be nested on the JS stack at once,
 * over the whole native chain: past it a tail call goes through the trampoline (a TailSignal the
 * nearest non-tail caller runs), which unwinds them, so an endless chain of tail calls runs in
 * bounded JS stack.
 */
export const MAX_DIRECT_TAILS = 256;

/** A function storing its arguments 2.. at S[F], S[F+1], ... (growing S first); one per count. */
// eslint-disable-next-line @typescript-eslint/ban-types
const spillers: Function[] = [];
// eslint-disable-next-line @typescript-eslint/ban-types
export function spiller(n: number): Function {
  let f = spillers[n];
  if (f === undefined) {
    // Only our own text: register names made from the count.
    const regs = Array.from({ length: n }, (_, i) => `r${i}`);
    const body = `return function spill${n}(S, F${n ? ", " + regs.join(", ") : ""}) {\n` +
      `  if (F + ${n + LINK + 8} >= S.length) G(S, F + ${n + LINK + 8});\n` +
      regs.map((x, i) => `  S[F + ${i}] = ${x};\n`).join("") + `};`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    f = spillers[n] = new Function("G", body)(growSegment) as Function;
    // Give it type feedback now: V8 inlines it into the spill paths of generated code, which
    // first run when a deep chain spills, often in optimized code; a spiller with no feedback
    // then deoptimizes that code, and with it every activation on the JS stack (sort-list:
    // 25,000 lazy deoptimizations at one such spill).
    // Both paths: with room, and growing the segment. V8 allocates a function's feedback
    // vector only after its first few calls (8 in Node 20), so more than that.
    const sample: Value[] = Array.from({ length: n }, (_, i) => (i & 1 ? NIL : i));
    for (let i = 0; i < 16; i++) {
      f(newSegment(CAPTURE_SEGMENT), LINK + i, ...sample);
      f(newSegment(CAPTURE_SEGMENT), CAPTURE_SEGMENT - i, ...sample);
    }
  }
  return f;
}

/**
 * A native frame an exception crossed (exits.ts; the fields are short: generated code writes
 * them): the exception, the frame's closure, pc and depth, its registers r[0..k) (k = -1: the
 * frame is lost), raw doubles of unboxed ones in f (r[i] === HOLE), and the next record out.
 * A record with no closure is a lazy capture's token instead. Records are pooled (R.pool).
 */
export class Crossed {
  e: unknown = null;
  c: Closure | null = null;
  p = 0;
  d = 0;
  k = 0;
  r: Value[] = new Array(RECORD_REGISTERS).fill(undefined);
  f: number[] = new Array(RECORD_REGISTERS).fill(0);
  n: Crossed | null = null;
  cap: PendingCapture | null = null;
}

/** Records kept ready: the innermost frames of an unwinding, near the end of the stack, take these. */
const POOLED_RECORDS = 256;

/** What an unboxed register (unbox.ts) holds while its double is in its dN local. */
const HOLE = {} as Value;

/** The value a failed guard throws (never seen outside native code). */
const DEOPT = new Error("kiln: deoptimization");

/** Thrown by an unboxing guard (unboxInexact, unboxNumber): a deoptimization that also marks the site. */
const UNBOX_FAILED = new Error("kiln: unboxing failed");

/** An inexact real's double (a raw non-integral number or a Flonum box); anything else fails the guard. */
function unboxInexact(x: unknown): number {
  if (typeof x === "number") { if (!Number.isInteger(x)) return x; }
  else if (x instanceof Flonum) return x.v;
  throw UNBOX_FAILED;
}
/** Any real JS-represented number's double (fixnum, flonum or Flonum box); anything else fails the guard. */
function unboxNumber(x: unknown): number {
  if (typeof x === "number") return x;
  if (x instanceof Flonum) return x.v;
  throw UNBOX_FAILED;
}

/**
 * Thrown by native code right after it assigned a global that inline code relied on (a
 * builtin redefined, codegen-js.ts `redefining`): the frame and every native caller below it
 * become interpreter frames (the Reify protocol), so none of them goes on with the old inline
 * code; those whose native code is still valid resume natively from there.
 */
const REDEFINED = new Error("kiln: a builtin was redefined");

export interface JitHooks {
  /** Compile `code` if it is hot enough; true when it now has a native entry. */
  maybeCompile(code: Code): boolean;
  /** A global cell that inline code relied on was assigned (deoptimize what depends on it). */
  redefined(cell: Cell): void;
  /** A speculation failed at `pc` and the Code's native code was dropped (statistics, --jit-debug). */
  deoptimized(code: Code, pc: number): void;
}

export class NativeRuntime {
  // Values and classes the generated code refers to.
  readonly Pair = Pair;
  readonly NIL = NIL;
  readonly Box = Box;
  readonly Closure = Closure;
  readonly UNBOUND = UNBOUND;
  readonly UNSPECIFIED = UNSPECIFIED;
  readonly Signal = Signal;
  readonly Primitive = Primitive;
  readonly VmRequest = VmRequest;
  readonly Reify = Reify;
  readonly N = N;
  readonly MString = MString;
  readonly char = char;
  readonly Flonum = Flonum;
  /** Thrown by a failed guard's exit in native code (exits.ts); fault() deoptimizes. */
  readonly DEOPT = DEOPT;
  readonly REDEFINED = REDEFINED;
  readonly flo = flo;
  /** Unboxing guards (`UI`, `UN` in generated code, unbox.ts), and what a failed one throws (`UF`). */
  readonly unboxInexact = unboxInexact;
  readonly unboxNumber = unboxNumber;
  readonly UNBOX_FAILED = UNBOX_FAILED;
  /** VALUE (let-values and friends): the class its inline case tests, and the whole instruction. */
  readonly MultipleValues = MultipleValues;
  readonly valueAt = valueOf;
  /** The spill function for n registers (`SPILLn` in generated code). */
  readonly spiller = spiller;
  /** A named let's one closure (code.ts selfClosure). */
  readonly selfClosure = selfClosure;
  /** A new closure's free array (code.ts freeOf: one V8 elements kind for all of them). */
  readonly freeOf = freeOf;

  /** The runtime's interrupt state, polled at every native entry and loop iteration (`I` in generated code). */
  interrupts = new Interrupts();
  /**
   * The frames an exception is unwinding, newest (outermost) first: each native frame it
   * crosses records itself here from an exit (exits.ts), and a lazy capture it passes records
   * its token. Turned into interpreter frames where the interpreter entered native code (unwound).
   */
  unw: Crossed | null = null;
  /** Free records (exits.ts). */
  pool: Crossed | null = null;
  readonly HOLE = HOLE;
  /** The native depth budget (`MAXD` in generated code), in slots (see MAX_NATIVE_DEPTH). */
  maxDepth = MAX_NATIVE_DEPTH;
  /**
   * Where reified native frames go: the interpreter's running segment and the fp of the frame
   * the native chain started at (depth 0). Set by the interpreter before it enters native code.
   */
  S: Value[] = [];
  B = 0;
  /**
   * The closure of the frame a resume entry ended in, when it went on to its callers' frames
   * (codegen-js.ts, chainedReturn; R.B is then that frame's fp).
   */
  resumed: Closure | null = null;
  /**
   * Tail calls made as JS calls now nested on the JS stack (`R.tc` in generated code: counted up
   * before the call, down after it). A JS exception crossing such a call skips the count down, so
   * the interpreter sets it back each time it enters native code (`tailBase`).
   */
  tc = 0;
  /** The most of them (`TMAX` in generated code). */
  maxTail = MAX_DIRECT_TAILS;
  /** Tail calls handed to the trampoline (R.tail), for the tests and --jit-debug's summary. */
  trampolined = 0;
  /** The interpreter's dynamic state, which lazy continuations capture and restore (lazy-capture.ts). */
  control: { winders: Value; handlers: Value; hooks: { continueTo: Cell } | null } | null = null;
  /** Lazy captures made, escapes that reached their owner, lazy continuations made real ((jit-statistics)). */
  readonly lazy = { captures: 0, escapes: 0, materialized: 0 };

  constructor(readonly hooks: JitHooks) {
    for (let i = 0; i < POOLED_RECORDS; i++) this.free(new Crossed());
  }

  /** A record when the pool is empty (the frames taking these are far from the end of the stack). */
  more(): Crossed {
    return new Crossed();
  }

  private free(x: Crossed): void {
    for (let i = 0; i < x.k; i++) x.r[i] = undefined;
    x.e = null; x.c = null; x.cap = null; x.k = 0;
    x.n = this.pool; this.pool = x;
  }

  /**
   * Call `f` with `args` natively where possible; returns a value, a Reify or an Escape (never
   * a TailSignal). `owner`: this is the trampoline of a lazy capture's receiver, so a call/cc
   * in tail position here has the owner's continuation.
   */
  call(f: Value, args: Value[], depth: number, owner: LazyCont | null = null): Value {
    for (;;) {
      if (f instanceof Closure) {
        const c = f.code;
        if (c.jit === null && !this.hooks.maybeCompile(c)) return new Reify({ kind: "call", fn: f, args }, "callee is interpreted");
        if (depth >= this.maxDepth) return new Reify({ kind: "call", fn: f, args }, "native stack depth");
        let r: Value;
        if (args.length === c.arity) r = invoke(c.jit!, f, depth, args);
        else if (c.rest && args.length >= c.nreq) {
          const fixed = args.slice(0, c.nreq);
          let rest: Value = NIL;
          for (let i = args.length - 1; i >= c.nreq; i--) rest = new Pair(args[i], rest);
          fixed.push(rest);
          r = invoke(c.jit!, f, depth, fixed);
        } else return new Reify({ kind: "call", fn: f, args }, "arity error");
        if (r instanceof TailSignal) { f = r.fn; args = r.args; continue; }
        return r;
      }
      if (f instanceof CaseLambda) {
        // Checked early: map and for-each are case-lambdas, called at every native map.
        const clause = caseLambdaClause(f, args.length);
        if (clause !== null) { f = clause; continue; }
        return new Reify({ kind: "call", fn: f, args }, "callee needs the interpreter");
      }
      if (f === TAIL_CAPTURE) {
        // call/cc in tail position whose receiver keeps its continuation local (tailRequest).
        if (owner !== null) { f = args[0]; args = [this.lazyK(owner)]; continue; }
        if (this.canCaptureLazily(depth)) return this.captureLazily(args[0], depth);
      }
      if (f instanceof Primitive) {
        if (!f.accepts(args.length)) return new Reify({ kind: "call", fn: f, args }, "arity error");
        const r = f.applyTo(args);
        if (r instanceof VmRequest) {
          if (r instanceof TailCall) { f = r.fn; args = r.args; continue; }
          if (r instanceof Capture && owner !== null && lazyReceiver(r.receiver)) {
            f = r.receiver; args = [this.lazyK(owner)]; continue;
          }
          return this.request(r, depth);
        }
        return r;
      }
      if (f instanceof ContinuationProc && f.cont instanceof LazyCont && f.cont.real === null && this.control !== null) {
        // A lazy continuation: an escape to its owner, after the dynamic-wind transitions
        // (the prelude's %continue runs them, then %throw comes back here as a Throw request).
        const value = args.length === 1 ? args[0] : new MultipleValues(args);
        if (f.winders === this.control.winders) return this.escape(f, value);
        args = [f, f.winders, value]; f = this.control.hooks!.continueTo.value; continue;
      }
      if (f instanceof ContinuationProc && this.control !== null && f.winders === this.control.winders) {
        // A real continuation of this dynamic extent: the native frames are abandoned unspilled.
        return new Reenter(f, args.length === 1 ? args[0] : new MultipleValues(args));
      }
      if (f instanceof Parameter && args.length === 0) return f.value;
      return new Reify({ kind: "call", fn: f, args }, "callee needs the interpreter");
    }
  }

  /** A procedure entered past its warm-up budget (codegen-js.ts): the interpreter makes the call, from the bottom of the JS stack. */
  enter(clo: Closure, depth: number, args: Value[]): Reify {
    if (depth >= this.maxDepth + ENTRY_SLACK) return new Reify({ kind: "call", fn: clo, args }, "native stack depth");
    clo.code.markSpilledCold();
    return new Reify({ kind: "call", fn: clo, args }, "native stack depth (warming up)");
  }

  /** A request returned by a primitive called at a native call site, finished as `call` would. */
  request(r: VmRequest, depth: number): Value {
    if (r instanceof TailCall) return this.call(r.fn, r.args, depth);
    if (r instanceof Capture && this.canCaptureLazily(depth) && lazyReceiver(r.receiver)) {
      return this.captureLazily(r.receiver, depth);
    }
    if (r instanceof Throw) return r.k.cont instanceof LazyCont && r.k.cont.real === null ? this.escape(r.k, r.value) : new Reenter(r.k, r.value);
    return new Reify({ kind: "request", req: r }, "request");
  }

  /** Whether a call/cc at a native call site at `depth` may leave its continuation a token (room for the receiver's frame; not at a chain's base). */
  private canCaptureLazily(depth: number): boolean {
    return depth > 0 && depth + CAPTURE_EXTRA < this.maxDepth && this.control !== null;
  }

  /**
   * call/cc at a native call site whose callee frame is at `depth`, for a receiver that keeps
   * its continuation local (lazy-capture.ts): the continuation is a token for this call, the
   * receiver runs natively above it, and an Escape to the token is this call's value. A Reify
   * passing here records the token, which the interpreter makes a real continuation.
   */
  private captureLazily(receiver: Value, depth: number): Value {
    const token = new LazyCont();
    this.lazy.captures++;
    let r: Value;
    try {
      r = this.call(receiver, [this.lazyK(token)], depth + CAPTURE_EXTRA, token);
    } catch (e) {
      // An exception passing: like a Reify, it records the token (unwound).
      token.live = false;
      this.lazy.materialized++;
      const u = this.pool ?? this.more();
      this.pool = u.n;
      u.e = e; u.c = null; u.d = depth; u.k = 0; u.cap = { token, callee: this.B + depth, receiver: this.B + depth + CAPTURE_EXTRA };
      u.n = this.unw; this.unw = u;
      throw e;
    }
    token.live = false;
    if (r instanceof Escape) {
      if (r.k.cont !== token) return r;
      this.lazy.escapes++;
      this.control!.winders = r.k.winders; this.control!.handlers = r.k.handlers;
      return r.value;
    }
    if (r instanceof Reify) {
      this.lazy.materialized++;
      (r.captures ??= []).push({ token, callee: this.B + depth, receiver: this.B + depth + CAPTURE_EXTRA });
    }
    return r;
  }

  private lazyK(token: LazyCont): ContinuationProc {
    return new ContinuationProc(token, this.control!.winders, this.control!.handlers);
  }

  /** Invoke lazy continuation `k` (dynamic-wind transitions done): unwind to its owner. */
  private escape(k: ContinuationProc, value: Value): Value {
    // Only a global reassigned while the owner waited could let a lazy continuation be stored.
    if (!(k.cont as LazyCont).live) schemeError("continuation invoked after its extent ended (a procedure it was passed to was redefined meanwhile):", k);
    return new Escape(k, value);
  }

  /** Run the tail calls a callee handed back until a value or a Reify results. */
  settle(r: Value, depth: number): Value {
    while (r instanceof TailSignal) r = this.call(r.fn, r.args, depth);
    return r;
  }

  /**
   * A tail call handed to the caller's trampoline. A closure or case-lambda that cannot take
   * these arguments raises here, in the tail-calling frame, as the interpreter does.
   */
  tail(f: Value, args: Value[]): TailSignal {
    if (f instanceof ContinuationProc) { /* any arguments (a generator's return and resume) */ }
    else if (f instanceof Closure) {
      const c = f.code;
      if (!c.accepts(args.length)) closureArityError(c, args);
    } else if (f instanceof CaseLambda) {
      if (caseLambdaClause(f, args.length) === null) caseLambdaArityError(f, args);
    } else if (f instanceof Parameter) {
      if (args.length > 1) arityError("parameter", 0, 1, args);
    } else if (!isProcedure(f)) schemeError("not a procedure:", f);
    this.trampolined++;
    return new TailSignal(f, args);
  }

  /** A primitive tail-called from native code asked for the interpreter (apply, call/cc, ...). */
  tailRequest(v: VmRequest): Value {
    // As the interpreter's tail apply: a primitive target runs here, in the tail-calling frame.
    while (v instanceof TailCall && v.fn instanceof Primitive) {
      const r = this.primitive(v.fn, v.args);
      if (!(r instanceof VmRequest)) return r;
      v = r;
    }
    if (v instanceof TailCall) return this.tail(v.fn, v.args);
    // call/cc in tail position: the caller's trampoline captures (lazily where it can).
    if (v instanceof Capture && lazyReceiver(v.receiver)) return new TailSignal(TAIL_CAPTURE, [v.receiver]);
    if (v instanceof Throw) return v.k.cont instanceof LazyCont && v.k.cont.real === null ? this.escape(v.k, v.value) : new Reenter(v.k, v.value);
    return new Reify({ kind: "request", req: v }, "request");
  }

  /**
   * A primitive tail-called from native code, run in the caller's frame (as the interpreter
   * does), so an error it raises, arity errors included, is attributed to that frame.
   */
  primitive(f: Primitive, args: Value[]): Value {
    if (!f.accepts(args.length)) arityError(f.name, f.min, f.max, args);
    return f.applyTo(args);
  }

  /**
   * A native frame at `depth`, suspended at a call with callee slot `base`, has stored its
   * registers below `base` at S[B + depth ...] (spill): record it in the Reify on its way to
   * the interpreter. The first frame is the innermost, where the action happens; every later
   * one is the caller of the previous, whose frame link (at its callee slot) it writes now.
   */
  link(r: Reify, clo: Closure, depth: number, retPc: number, dst: number, base: number): Reify {
    const F = this.B + depth;
    if (r.count++ === 0) {
      r.fp = F; r.clo = clo; r.pc = retPc; r.dst = dst; r.base = base;
    } else {
      const S = this.S, c = F + base + 5;
      S[c - 4] = clo; S[c - 3] = F; S[c - 2] = retPc; S[c - 1] = dst;
    }
    return r;
  }

  /**
   * Store `regs` as the frame at `depth` and record it (a fault or deoptimization here; the Wasm
   * tier's exits, src/wasm/deopt.ts, for each frame they hand over).
   */
  spillAll(r: Reify, clo: Closure, depth: number, pc: number, dst: number, base: number, regs: Value[]): Reify {
    // An exit's record ends at its last live register (dead ones are undefined, exits.ts).
    const S = this.S, F = this.B + depth, need = F + Math.max(regs.length, clo.code.frameSize) + LINK + 8;
    if (need >= S.length) growSegment(S, need);
    for (let i = 0; i < regs.length; i++) S[F + i] = regs[i];
    return this.link(r, clo, depth, pc, dst, base);
  }

  /**
   * A speculation failed at `pc` (a guard in native code, feedback.ts): the frame leaves native
   * code and continues in the interpreter at that instruction, with every register as it was
   * (forward deoptimization, the same frame protocol as reification). The site is marked so
   * the next compilation is generic there, and the Code's native code is dropped; it is
   * compiled again once hot.
   */
  deopt(clo: Closure, pc: number, depth: number, regs: Value[]): Reify {
    const code = clo.code;
    code.feedback[pc] |= FB_DEOPT;
    if (code.jit !== null) {
      code.jit = null; code.resumes = null; code.resumeHeat = null; code.heat = 0;
      this.hooks.deoptimized(code, pc);
    }
    return this.wholeFrame({ kind: "resume" }, "deoptimized", clo, depth, pc, regs);
  }

  /**
   * The interpreter is about to enter native code: reified frames go to segment `S` from fp `B`
   * (depth 0), `tc` tail calls are nested on the JS stack, and no frame is lost yet.
   */
  begin(S: Value[], B: number, tc: number): void {
    this.S = S; this.B = B; this.tc = tc; this.unw = null;
  }

  /** Call closure `f` natively from the interpreter, at depth 0: a value, a Reify or a Reenter. */
  callFromInterpreter(f: Closure, args: Value[]): Value {
    try {
      return this.call(f, args, 0);
    } catch (e) {
      return this.unwound(e);
    }
  }

  /**
   * Run resume entry `entry` of `clo` for the frame at `fp` of `S` (the interpreter's
   * continueNative), and the tail calls it hands back: a value, a Reify or a Reenter.
   */
  resume(entry: Function, clo: Closure, S: Value[], fp: number): Value {
    try {
      const v = entry(clo, 0, S, fp);
      return v instanceof TailSignal ? this.settle(v, 0) : v;
    } catch (e) {
      return this.unwound(e);
    }
  }

  /**
   * Exception `e` left the native frames entered at depth 0: the frames it crossed, recorded on
   * the way (R.unw), become interpreter frames. The innermost carries out the fault (fault());
   * each other one waits at its call, unless its callee replaced it (a tail call made as a JS
   * call: the same depth). A frame lost (no exit caught the exception, exits.ts) takes its
   * callees with it, and its caller raises a stack overflow error instead. Rethrows `e` when
   * no native frame recorded it.
   */
  unwound(e: unknown): Reify {
    const crossed: { c: Closure | null; p: number; d: number; regs: Value[] | null; cap: PendingCapture | null }[] = [];
    let x = this.unw;
    for (; x !== null && x.e === e; x = x.n) {
      let regs: Value[] | null = null;
      if (x.k >= 0) {
        regs = x.r.slice(0, x.k);
        for (let i = 0; i < x.k; i++) if (regs[i] === HOLE) regs[i] = flo(x.f[i]);
      }
      crossed.push({ c: x.c, p: x.p, d: x.d, regs, cap: x.cap });
    }
    for (let y = this.unw; y !== x; ) { const next = y!.n; this.free(y!); y = next; }
    this.unw = null;
    crossed.reverse();
    let start = 0;
    for (let i = crossed.length - 1; i >= 0; i--) if (crossed[i].c !== null && crossed[i].regs === null) { start = i + 1; break; }
    const first = crossed.find((y, i) => i >= start && y.c !== null);
    const overflow = (): SchemeError => new SchemeError(new ErrorObject("stack overflow: the JavaScript stack ran out in native code", NIL));
    if (first === undefined) {
      if (start === 0) throw e;
      throw overflow();
    }
    const r = start > 0
      ? this.wholeFrame({ kind: "fault", error: overflow() }, "a frame lost in native code", first.c!, first.d, first.p, first.regs!)
      : this.fault(e, first.c!, first.p, first.d, first.regs!);
    for (const x of crossed.slice(crossed.indexOf(first) + 1)) {
      if (x.c === null) { if (x.cap !== null) (r.captures ??= []).push(x.cap); continue; }
      const ins = x.c.code.code, op = ins[x.p] as Op;
      // A frame that tail-called is replaced by its callee, already written.
      if (op === Op.TAILCALL) continue;
      // Only a call runs native frames inside an exit's try.
      if (op !== Op.CALL && op !== Op.CALLK1 && op !== Op.CALLK2 && op !== Op.CALLK3) throw new Error(`kiln: native frames unwound through ${OPCODES[op].name}`);
      const base = op === Op.CALL ? ins[x.p + 1] : x.c.code.frameSize;
      this.spillAll(r, x.c, x.d, x.p + instructionLength(ins, x.p), ins[x.p + 1], base, x.regs!.slice(0, base));
    }
    return r;
  }

  /** A host exception inside native code at `pc`: the frame is reified and the error raised there. */
  private fault(e: unknown, clo: Closure, pc: number, depth: number, regs: Value[]): Reify {
    const ins = clo.code.code;
    if (e === DEOPT) return this.deopt(clo, pc, depth, regs);
    if (e === UNBOX_FAILED) { clo.code.feedback[pc] |= FB_UNBOX_FAILED; return this.deopt(clo, pc, depth, regs); }
    if (e === REDEFINED) return this.wholeFrame({ kind: "resume" }, "a builtin was redefined", clo, depth, pc, regs);
    if (ins[pc] === Op.CALL && e instanceof RangeError && regs[ins[pc + 1]] instanceof Closure) {
      // The JS stack ran out entering a Scheme callee: nothing of it ran, so the call is
      // simply made again by the interpreter, from the bottom of the JS stack.
      const a = ins[pc + 1], n = ins[pc + 2];
      const r = new Reify({ kind: "call", fn: regs[a], args: regs.slice(a + 5, a + 5 + n) }, "JS stack overflow");
      return this.spillAll(r, clo, depth, pc + 3, a, a, regs);
    } else if (ins[pc] === Op.TAILCALL && e instanceof RangeError && regs[ins[pc + 1]] instanceof Closure) {
      // The same for a tail call made as a JS call (codegen-js.ts): the interpreter makes it.
      return this.wholeFrame({ kind: "resume" }, "JS stack overflow", clo, depth, pc, regs);
    }
    return this.wholeFrame({ kind: "fault", error: e }, "error in native code", clo, depth, pc, regs);
  }

  /** Every register of the frame at `depth` spilled, the interpreter to carry out `action` at `pc` there. */
  private wholeFrame(action: Reify["action"], why: string, clo: Closure, depth: number, pc: number, regs: Value[]): Reify {
    return this.spillAll(new Reify(action, why), clo, depth, pc, 0, clo.code.frameSize, regs);
  }

  // ---- slow paths of inline primitives (they throw SchemeError like the interpreter) ------
  unbound(cell: Cell): never { return schemeError("unbound variable:", cell.name); }
  carFail(x: Value): never { return typeError("car", "a pair", x); }
  cdrFail(x: Value): never { return typeError("cdr", "a pair", x); }
  vectorIndexFail(who: string, v: Value, i: Value): never {
    if (!Array.isArray(v)) typeError(who, "a vector", v);
    if (typeof i !== "number" || !Number.isInteger(i)) typeError(who, "an exact integer index", i);
    return indexRangeError(who, i, v.length);
  }
  vectorLengthFail(x: Value): never { return typeError("vector-length", "a vector", x); }
  stringLengthFail(x: Value): never { return typeError("string-length", "a string", x); }
  stringIndexFail(s: Value, i: Value): never { return stringIndexError(s, i); }
  caseLambda(clauses: Value[]): CaseLambda {
    return new CaseLambda(clauses, clauses.length ? (clauses[0] as Closure).code.name : "");
  }
}

function invoke(fn: Function, f: Closure, depth: number, a: Value[]): Value {
  switch (a.length) {
    case 0: return fn(f, depth);
    case 1: return fn(f, depth, a[0]);
    case 2: return fn(f, depth, a[0], a[1]);
    case 3: return fn(f, depth, a[0], a[1], a[2]);
    case 4: return fn(f, depth, a[0], a[1], a[2], a[3]);
    default: return fn(f, depth, ...a);
  }
}
