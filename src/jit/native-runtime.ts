// The runtime support that generated code calls into (`R` in the generated source): generic
// calls with the signal protocol, the trampoline for tail calls, slow paths of inline
// primitives, and turning a fault or a too-deep call into a Reify.

import {
  Value, Pair, NIL, Box, UNBOUND, UNSPECIFIED, Primitive, CaseLambda, Parameter, MString, char, isProcedure,
} from "../runtime/values.js";
import { arityError, stringIndexError, closureArityError, caseLambdaArityError } from "../vm/interpreter.js";
import { Closure, Code } from "../bytecode/code.js";
import { Cell } from "../expander/environment.js";
import { schemeError, typeError, rangeError } from "../runtime/errors.js";
import * as N from "../runtime/numbers.js";
import { TailCall, VmRequest } from "../vm/requests.js";
import { Reify, Signal, TailSignal } from "./signals.js";
import { Interrupts } from "../runtime/interrupts.js";

/**
 * JS stack budget for native frames, in units: each native call adds its caller's weight
 * (nativeFrameWeight), so procedures with many registers get fewer frames. Past the budget a
 * call is handed to the interpreter, which starts it from the bottom of the JS stack. Node's
 * ~1 MB stack held 2,000 small native frames and overflowed before 5,000 (measured).
 */
export const MAX_NATIVE_DEPTH = 1500;
export function nativeFrameWeight(frameSize: number): number { return 1 + (frameSize >> 3); }

export interface JitHooks {
  /** Compile `code` if it is hot enough; true when it now has a native entry. */
  maybeCompile(code: Code): boolean;
  /** A global cell that inline code relied on was assigned (deoptimize what depends on it). */
  redefined(cell: Cell): void;
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

  /** The runtime's interrupt state, polled at every native entry and loop iteration (`I` in generated code). */
  interrupts = new Interrupts();

  constructor(readonly hooks: JitHooks) {}

  /** Call `f` with `args` natively where possible; returns a value or a Reify (never a TailSignal). */
  call(f: Value, args: Value[], depth: number): Value {
    for (;;) {
      if (f instanceof Closure) {
        const c = f.code;
        if (c.jit === null && !this.hooks.maybeCompile(c)) return new Reify({ kind: "call", fn: f, args }, "callee is interpreted");
        if (depth >= MAX_NATIVE_DEPTH) return new Reify({ kind: "call", fn: f, args }, "native stack depth");
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
      if (f instanceof Primitive) {
        if (args.length < f.min || (f.max >= 0 && args.length > f.max)) return new Reify({ kind: "call", fn: f, args }, "arity error");
        const r = f.max < 0 ? f.fn(args) : f.fn(...args);
        if (r instanceof VmRequest) {
          if (r instanceof TailCall) { f = r.fn; args = r.args; continue; }
          return new Reify({ kind: "request", req: r }, r.constructor.name);
        }
        return r;
      }
      if (f instanceof Parameter && args.length === 0) return f.value;
      if (f instanceof CaseLambda) {
        const clause = (f.clauses as Closure[]).find((c) => c.code.accepts(args.length));
        if (clause) { f = clause; continue; }
      }
      return new Reify({ kind: "call", fn: f, args }, "callee needs the interpreter");
    }
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
    if (f instanceof Closure) {
      const c = f.code;
      if (!c.accepts(args.length)) closureArityError(c, args);
    } else if (f instanceof CaseLambda) {
      if (!(f.clauses as Closure[]).some((c) => c.code.accepts(args.length))) caseLambdaArityError(f, args);
    } else if (f instanceof Parameter) {
      if (args.length > 1) arityError("parameter", 0, 1, args);
    } else if (!isProcedure(f)) schemeError("not a procedure:", f);
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
    return new Reify({ kind: "request", req: v }, v.constructor.name);
  }

  /**
   * A primitive tail-called from native code, run in the caller's frame (as the interpreter
   * does), so an error it raises, arity errors included, is attributed to that frame.
   */
  primitive(f: Primitive, args: Value[]): Value {
    if (args.length < f.min || (f.max >= 0 && args.length > f.max)) arityError(f.name, f.min, f.max, args);
    return f.max < 0 ? f.fn(args) : f.fn(...args);
  }

  /** The callee was entered too deep: hand the call itself to the interpreter. */
  tooDeep(clo: Closure, args: Value[]): Reify {
    return new Reify({ kind: "call", fn: clo, args }, "native stack depth");
  }

  /** Append a native frame suspended at a call site to a Reify on its way to the interpreter. */
  pushFrame(r: Reify, clo: Closure, retPc: number, dst: number, base: number, regs: Value[]): Reify {
    r.frames.push({ clo, retPc, dst, base, regs });
    return r;
  }

  /** A host exception inside native code at `pc`: the frame is reified and the error raised there. */
  fault(e: unknown, clo: Closure, pc: number, regs: Value[]): Reify {
    const r = new Reify({ kind: "fault", error: e }, "error in native code");
    r.frames.push({ clo, retPc: pc, dst: 0, base: clo.code.frameSize, regs });
    return r;
  }

  // ---- slow paths of inline primitives (they throw SchemeError like the interpreter) ------
  unbound(cell: Cell): never { return schemeError("unbound variable:", cell.name); }
  carFail(x: Value): never { return typeError("car", "a pair", x); }
  cdrFail(x: Value): never { return typeError("cdr", "a pair", x); }
  vectorIndexFail(who: string, v: Value, i: Value): never {
    if (!Array.isArray(v)) typeError(who, "a vector", v);
    if (typeof i !== "number" || !Number.isInteger(i)) typeError(who, "an exact integer index", i);
    return rangeError(who, "index", i);
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
    case 0: return fn(f, depth + 1);
    case 1: return fn(f, depth + 1, a[0]);
    case 2: return fn(f, depth + 1, a[0], a[1]);
    case 3: return fn(f, depth + 1, a[0], a[1], a[2]);
    case 4: return fn(f, depth + 1, a[0], a[1], a[2], a[3]);
    default: return fn(f, depth + 1, ...a);
  }
}
