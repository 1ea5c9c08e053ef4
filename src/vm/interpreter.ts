// Tier 0: the register interpreter.
//
// One loop runs every Scheme call without recursing on the JS stack: a call pushes a frame on
// the current stack segment (frames.ts) and jumps; a return pops it; a tail call reuses it.
// `dispatch` keeps the hot opcodes inline and sends everything rare to methods, so V8 can
// optimize it (it stops optimizing functions past ~60 KB of bytecode). Errors thrown by
// primitives (SchemeError) become a call to the Scheme procedure `raise` in the faulting frame.

import {
  Value, Pair, NIL, UNSPECIFIED, UNBOUND, Primitive, CaseLambda, Parameter, ContinuationProc, MultipleValues,
  Box, ErrorObject, MString, char, arrayToList,
} from "../runtime/values.js";
import { Closure, Code, caseLambdaClause, freeSlots, isSelfCapture, selfClosure } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { SchemeError, hostErrorPayload, schemeError, typeError, rangeError, indexRangeError } from "../runtime/errors.js";
import * as N from "../runtime/numbers.js";
import { CAPTURE_SEGMENT, Cont, INITIAL_SEGMENT, LINK, MAX_SEGMENT, UNDERFLOW, growSegment, markShared, newSegment, resume } from "./frames.js";
import {
  BacktraceEntry, Capture, Exit, ExitSignal, Suspend, TailCall, Throw, Uncaught, UncaughtError, VmRequest,
} from "./requests.js";
import { Jit } from "../jit/jit.js";
import { Reenter, Reify } from "../jit/signals.js";
import { realCont } from "../jit/lazy-capture.js";
import { Interrupted, Interrupts } from "../runtime/interrupts.js";
import { repBits } from "../jit/feedback.js";
import { valueOf } from "../runtime/multiple-values.js";

/** Global cells the interpreter calls into (set up by the runtime once the prelude is loaded). */
export interface VmHooks {
  raise: Cell;        // (%raise obj): raise once a handler is installed (also for host errors)
  raiseContinuable: Cell;  // (%raise-continuable obj)
  continueTo: Cell;   // (%continue k winders vals): run dynamic-wind transitions, then %throw
}

const MAX_SLOW_NESTING = 4;

/**
 * After native code returns to the interpreter: clear the `n` slots from `base`, where an
 * interpreted callee's frame would have been. That frame would have overwritten them (the
 * arguments, and temporaries of the caller above its callee slot, dead at the call); native
 * code leaves them as they were, keeping what they held alive until a later call reached that
 * deep: deep-lists' (sum (my-map ...)) kept each mapped list through the next recursion's
 * scavenges, which promoted 192 MB instead of 22.
 */
function clearCalleeSlots(stack: Value[], base: number, n: number): void {
  stack.fill(undefined, base, Math.min(stack.length, base + n));
}

/** Slots past the depth budget that a spilled chain's innermost frame may use (its registers, a link). */
const SPILL_MARGIN = 512;

export class Interpreter {
  stack: Value[] = newSegment();
  fp = 0;
  pc = 0;
  closure: Closure | null = null;
  cont: Cont | null = null;
  /** Emptied full-size segments kept for the next overflows (deep recursions come back). */
  private readonly spares: Value[][] = [];
  /** Dynamic state captured by continuations: the dynamic-wind list and the handler stack. */
  winders: Value = NIL;
  handlers: Value = NIL;
  hooks: VmHooks | null = null;
  /** Tier 1, when enabled; `jitThreshold` is the heat at which a procedure is compiled (Infinity: never). */
  jit: Jit | null = null;
  jitThreshold = Infinity;
  /** Polled at every call and loop iteration (runtime/interrupts.ts); the runtime may replace it. */
  interrupts = new Interrupts();
  /** Codes containing inline primitive ops, patched when such a builtin is redefined. */
  private readonly inlineCodes: WeakRef<Code>[] = [];
  /**
   * Native code started from the interpreter's slow paths (continueNative, applyValue) may end
   * in another slow path that starts native code again, each time one JS call deeper: past
   * this nesting they leave the frame to the interpreter's loop, which unwinds the JS stack.
   */
  private slowPathNesting = 0;
  /**
   * Set when continueNative declined for the nesting: the slow paths unwind to the loop, which
   * runs the frame natively from there (else a generator, whose every step nests a capture in a
   * resume, would run every few steps interpreted).
   */
  private bounced = false;
  private bounceFp = 0;
  private bouncePc = 0;
  private bounceStack: Value[] | null = null;
  /**
   * NativeRuntime.tc when this run began: no native frame of this run is on the JS stack while
   * the interpreter runs, so each entry into native code starts the count from here again (a JS
   * exception that crossed a direct tail call left it too high).
   */
  private tailBase = 0;
  /** Result of the run when the bottom frame returns. */
  private result: Value = undefined;
  private done = false;

  registerInlined(code: Code): void { this.inlineCodes.push(new WeakRef(code)); }

  /** Run `clo` (a procedure of no arguments) to completion on a fresh stack; returns its value. */
  run(clo: Closure): Value {
    const saved = {
      stack: this.stack, fp: this.fp, pc: this.pc, closure: this.closure, cont: this.cont, done: this.done,
      winders: this.winders, handlers: this.handlers,
      // Native frames of an outer run (a primitive called vm.run) spill to the outer stack.
      spillTo: this.jit?.native.S, spillAt: this.jit?.native.B, tailBase: this.tailBase,
    };
    // Direct tail calls of outer native frames (a primitive called vm.run) stay counted.
    if (this.jit !== null) this.tailBase = this.jit.native.tc;
    this.stack = newSegment();
    this.stack[0] = null; this.stack[1] = UNDERFLOW; this.stack[2] = 0; this.stack[3] = 0;
    this.fp = LINK;
    this.cont = null;
    this.done = false;
    this.bounced = false;
    try {
      clo.code.materialize();
      this.enter(clo, 0);
      this.loop();
      return this.result;
    } finally {
      this.stack = saved.stack; this.fp = saved.fp; this.pc = saved.pc; this.closure = saved.closure;
      this.cont = saved.cont; this.done = saved.done; this.bounced = false;
      // Normally unchanged by a run; after an error or interrupt escaped it, back to the caller's.
      this.winders = saved.winders; this.handlers = saved.handlers;
      this.tailBase = saved.tailBase;
      if (this.jit !== null) { this.jit.native.S = saved.spillTo!; this.jit.native.B = saved.spillAt!; this.jit.native.tc = this.tailBase; }
    }
  }

  /** Make `clo` the running procedure in the frame at this.fp, with argc arguments in place. */
  private enter(clo: Closure, argc: number): void {
    const code = clo.code;
    if (argc !== code.arity) this.adjustArgs(code, this.stack, this.fp, argc);
    if (this.fp + code.frameSize + LINK + 1 >= this.stack.length) growSegment(this.stack, this.fp + code.frameSize + LINK + 1);
    this.closure = clo;
    this.pc = 0;
    code.heat++;
  }

  /** Arity check and rest-list collection for a call that does not match nreq exactly. */
  private adjustArgs(code: Code, stack: Value[], fp: number, argc: number): void {
    if (!code.accepts(argc)) closureArityError(code, stack.slice(fp, fp + argc));
    let rest: Value = NIL;
    for (let i = fp + argc - 1; i >= fp + code.nreq; i--) rest = new Pair(stack[i], rest);
    stack[fp + code.nreq] = rest;
  }

  private loop(): void {
    for (;;) {
      try {
        this.dispatch();
        if (this.done) return;
        // A slow path left a frame with native code at its return point, too deeply nested
        // to run it there: run it from here, at the bottom of the JS stack.
        if (this.bounced) { this.resumeBounced(); if (this.done) return; }
      } catch (e) {
        this.bounced = false;
        if (e instanceof UncaughtError || e instanceof ExitSignal) throw e;
        if (e instanceof Interrupted) { if (e.backtrace.length === 0) e.backtrace = this.backtrace(); throw e; }
        this.raiseFromHost(e);
      }
    }
  }

  /** The instruction loop. Returns when the run finishes; throws on an error in a primitive. */
  private dispatch(): void {
    let stack = this.stack, fp = this.fp, pc = this.pc;
    let clo = this.closure!, code = clo.code, ins = code.rawCode, k = code.rawConsts;
    const ints = this.interrupts;
    for (;;) {
      switch (ins[pc] as Op) {
        case Op.MOV: stack[fp + ins[pc + 1]] = stack[fp + ins[pc + 2]]; pc += 3; break;
        case Op.CONST: stack[fp + ins[pc + 1]] = k[ins[pc + 2]]; pc += 3; break;
        case Op.GREF: {
          const v = (k[ins[pc + 2]] as Cell).value;
          if (v === UNBOUND) { this.fp = fp; this.pc = pc; this.closure = clo; this.unbound(k[ins[pc + 2]] as Cell); }
          stack[fp + ins[pc + 1]] = v; pc += 3; break;
        }
        case Op.GSET: case Op.GDEF: {
          const cell = k[ins[pc + 2]] as Cell;
          if (ins[pc] === Op.GSET && cell.value === UNBOUND) { this.fp = fp; this.pc = pc; this.closure = clo; this.unbound(cell); }
          cell.value = stack[fp + ins[pc + 1]];
          if (cell.inlined) this.deoptimizeInlines(cell);
          pc += 3; break;
        }
        case Op.FREE: stack[fp + ins[pc + 1]] = clo.free[ins[pc + 2]]; pc += 3; break;
        case Op.FREEBOX: stack[fp + ins[pc + 1]] = (clo.free[ins[pc + 2]] as Box).v; pc += 3; break;
        case Op.SETFREEBOX: (clo.free[ins[pc + 2]] as Box).v = stack[fp + ins[pc + 1]]; pc += 3; break;
        case Op.BOX: stack[fp + ins[pc + 1]] = new Box(stack[fp + ins[pc + 1]]); pc += 2; break;
        case Op.UNBOX: stack[fp + ins[pc + 1]] = (stack[fp + ins[pc + 2]] as Box).v; pc += 3; break;
        case Op.SETBOX: (stack[fp + ins[pc + 1]] as Box).v = stack[fp + ins[pc + 2]]; pc += 3; break;
        case Op.CLOSURE: {
          const n = ins[pc + 3];
          if (isSelfCapture(ins, pc)) { stack[fp + ins[pc + 1]] = selfClosure(k[ins[pc + 2]] as Code); pc += 5; break; }
          const free = freeSlots(n);
          for (let i = 0; i < n; i++) {
            const c = ins[pc + 4 + i];
            free[i] = (c & 1) ? clo.free[c >> 1] : stack[fp + (c >> 1)];
          }
          stack[fp + ins[pc + 1]] = new Closure(k[ins[pc + 2]] as Code, free);
          pc += 4 + n; break;
        }
        case Op.SETFREE: (stack[fp + ins[pc + 1]] as Closure).free[ins[pc + 2]] = stack[fp + ins[pc + 3]]; pc += 4; break;
        case Op.CASELAMBDA: {
          const n = ins[pc + 2];
          const cls: Value[] = [];
          for (let i = 0; i < n; i++) cls.push(stack[fp + ins[pc + 3 + i]]);
          stack[fp + ins[pc + 1]] = new CaseLambda(cls, cls.length ? (cls[0] as Closure).code.name : "");
          pc += 3 + n; break;
        }
        case Op.JMP: {
          const t = ins[pc + 1];
          if (t <= pc) code.heat++;
          pc = t; break;
        }
        case Op.JF: pc = stack[fp + ins[pc + 1]] === false ? ins[pc + 2] : pc + 3; break;
        case Op.JT: pc = stack[fp + ins[pc + 1]] !== false ? ins[pc + 2] : pc + 3; break;

        case Op.CALL: {
          const a = ins[pc + 1], argc = ins[pc + 2];
          const f = stack[fp + a];
          if (f instanceof Closure) {
            const c = f.code, nfp = fp + a + 5;
            // A body still in its cache file is read and verified at its first call (cache/lazy-code.ts).
            if (c.pending !== null) { this.fp = fp; this.pc = pc; this.closure = clo; c.materialize(); }
            if (--ints.fuel < 0) { this.fp = fp; this.pc = pc; this.closure = clo; ints.poll(); }
            if ((c.jit !== null || c.heat >= this.jitThreshold) && this.jit!.maybeCompile(c)) {
              this.fp = fp; this.pc = pc; this.closure = clo;
              this.callNative(f, a, argc, false);
              if (this.done || this.bounced) return;
              stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
              break;
            }
            if (nfp + c.frameSize + LINK + 1 >= stack.length) {
              if (stack.length < MAX_SEGMENT) growSegment(stack, nfp + c.frameSize + LINK + 1);
              else {
                // (The arguments as they are: overflow adjusts them on the new segment.)
                this.fp = fp; this.pc = pc + 3; this.closure = clo;
                this.overflow(a, f, stack, nfp, argc);
                stack = this.stack; fp = this.fp; pc = 0; clo = f; code = c; ins = c.rawCode; k = c.rawConsts;
                c.heat++;
                break;
              }
            }
            if (argc !== c.arity) { this.fp = fp; this.pc = pc; this.closure = clo; this.adjustArgs(c, stack, nfp, argc); }
            stack[nfp - 4] = clo; stack[nfp - 3] = fp; stack[nfp - 2] = pc + 3; stack[nfp - 1] = a;
            fp = nfp; clo = f; code = c; ins = c.rawCode; k = c.rawConsts; pc = 0;
            c.heat++;
            break;
          }
          if (f instanceof Primitive && f.max >= 0 && argc >= f.min && argc <= f.max && argc <= 3) {
            this.fp = fp; this.pc = pc; this.closure = clo;
            const b = fp + a + 5;
            const r = argc === 0 ? f.fn() : argc === 1 ? f.fn(stack[b]) : argc === 2 ? f.fn(stack[b], stack[b + 1]) : f.fn(stack[b], stack[b + 1], stack[b + 2]);
            if (!(r instanceof VmRequest)) { stack[fp + a] = r; pc += 3; break; }
            this.fp = fp; this.closure = clo;
            this.request(r, a, false, pc + 3);
          } else {
            this.fp = fp; this.pc = pc; this.closure = clo;
            this.callOther(f, a, argc, false);
          }
          if (this.done || this.bounced) return;
          stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
          break;
        }
        case Op.TAILCALL: {
          const a = ins[pc + 1], argc = ins[pc + 2];
          const f = stack[fp + a];
          if (f instanceof Closure) {
            const c = f.code;
            if (c.pending !== null) { this.fp = fp; this.pc = pc; this.closure = clo; c.materialize(); }
            if (--ints.fuel < 0) { this.fp = fp; this.pc = pc; this.closure = clo; ints.poll(); }
            if ((c.jit !== null || c.heat >= this.jitThreshold) && this.jit!.maybeCompile(c)) {
              this.fp = fp; this.pc = pc; this.closure = clo;
              this.callNative(f, a, argc, true);
              if (this.done || this.bounced) return;
              stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
              break;
            }
            const src = fp + a + 5;
            for (let i = 0; i < argc; i++) stack[fp + i] = stack[src + i];
            if (argc !== c.arity) { this.fp = fp; this.pc = pc; this.closure = clo; this.adjustArgs(c, stack, fp, argc); }
            if (fp + c.frameSize + LINK + 1 >= stack.length) growSegment(stack, fp + c.frameSize + LINK + 1);
            clo = f; code = c; ins = c.rawCode; k = c.rawConsts; pc = 0;
            c.heat++;
            break;
          }
          this.fp = fp; this.pc = pc; this.closure = clo;
          this.callOther(f, a, argc, true);
          if (this.done || this.bounced) return;
          stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
          break;
        }
        case Op.RET: {
          const v = stack[fp + ins[pc + 1]];
          const cfp = stack[fp - 3] as number;
          if (cfp >= 0) {
            clo = stack[fp - 4] as Closure; pc = stack[fp - 2] as number;
            const dst = stack[fp - 1] as number;
            fp = cfp;
            stack[fp + dst] = v;
            code = clo.code; ins = code.rawCode; k = code.rawConsts;
            if (code.jit === null) break;
            // The caller has native code: finish it (and the frames below it) natively.
            this.fp = fp; this.pc = pc; this.closure = clo;
            if (!this.continueNative()) { this.bounced = false; break; }
          } else {
            this.underflow(v);
            if (!this.done && this.closure!.code.jit !== null) this.continueNative();
          }
          if (this.done || this.bounced) return;
          stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
          break;
        }

        case Op.ADD: {
          const b = stack[fp + ins[pc + 2]], c = stack[fp + ins[pc + 3]];
          let r: Value;
          if (typeof b === "number" && typeof c === "number" && Number.isSafeInteger(r = b + c) && Number.isInteger(b) && Number.isInteger(c)) { /* fixnum */ }
          else { this.fp = fp; this.pc = pc; this.closure = clo; code.feedback[pc] |= repBits(b) | repBits(c); r = N.add(b, c); }
          stack[fp + ins[pc + 1]] = r; pc += 5; break;
        }
        case Op.SUB: {
          const b = stack[fp + ins[pc + 2]], c = stack[fp + ins[pc + 3]];
          let r: Value;
          if (typeof b === "number" && typeof c === "number" && Number.isSafeInteger(r = b - c) && Number.isInteger(b) && Number.isInteger(c)) { /* fixnum */ }
          else { this.fp = fp; this.pc = pc; this.closure = clo; code.feedback[pc] |= repBits(b) | repBits(c); r = N.sub(b, c); }
          stack[fp + ins[pc + 1]] = r; pc += 5; break;
        }
        case Op.MUL: {
          const b = stack[fp + ins[pc + 2]], c = stack[fp + ins[pc + 3]];
          let r: Value;
          if (typeof b === "number" && typeof c === "number" && Number.isSafeInteger(r = b * c) && Number.isInteger(b) && Number.isInteger(c)) { r = r + 0; }
          else { this.fp = fp; this.pc = pc; this.closure = clo; code.feedback[pc] |= repBits(b) | repBits(c); r = N.mul(b, c); }
          stack[fp + ins[pc + 1]] = r; pc += 5; break;
        }
        case Op.NUMEQ: case Op.LT: case Op.LE: case Op.GT: case Op.GE: {
          const b = stack[fp + ins[pc + 2]], c = stack[fp + ins[pc + 3]];
          let r: boolean;
          if (typeof b === "number" && typeof c === "number") {
            switch (ins[pc]) {
              case Op.NUMEQ: r = b === c; break;
              case Op.LT: r = b < c; break;
              case Op.LE: r = b <= c; break;
              case Op.GT: r = b > c; break;
              default: r = b >= c; break;
            }
          } else { this.fp = fp; this.pc = pc; this.closure = clo; r = this.compareSlow(ins[pc], b, c); }
          stack[fp + ins[pc + 1]] = r; pc += 5; break;
        }
        case Op.CAR: {
          const b = stack[fp + ins[pc + 2]];
          if (!(b instanceof Pair)) { this.fp = fp; this.pc = pc; this.closure = clo; typeError("car", "a pair", b); }
          stack[fp + ins[pc + 1]] = b.car; pc += 4; break;
        }
        case Op.CDR: {
          const b = stack[fp + ins[pc + 2]];
          if (!(b instanceof Pair)) { this.fp = fp; this.pc = pc; this.closure = clo; typeError("cdr", "a pair", b); }
          stack[fp + ins[pc + 1]] = b.cdr; pc += 4; break;
        }
        case Op.NULLP: stack[fp + ins[pc + 1]] = stack[fp + ins[pc + 2]] === NIL; pc += 4; break;
        case Op.PAIRP: stack[fp + ins[pc + 1]] = stack[fp + ins[pc + 2]] instanceof Pair; pc += 4; break;
        case Op.NOT: stack[fp + ins[pc + 1]] = stack[fp + ins[pc + 2]] === false; pc += 4; break;
        case Op.ZEROP: {
          const b = stack[fp + ins[pc + 2]];
          let r: boolean;
          if (typeof b === "number") r = b === 0;
          else { this.fp = fp; this.pc = pc; this.closure = clo; r = N.isZero(b); }
          stack[fp + ins[pc + 1]] = r; pc += 4; break;
        }
        case Op.CONS: stack[fp + ins[pc + 1]] = new Pair(stack[fp + ins[pc + 2]], stack[fp + ins[pc + 3]]); pc += 5; break;
        case Op.EQ: stack[fp + ins[pc + 1]] = stack[fp + ins[pc + 2]] === stack[fp + ins[pc + 3]]; pc += 5; break;
        case Op.VREF: {
          const v = stack[fp + ins[pc + 2]], i = stack[fp + ins[pc + 3]];
          if (!Array.isArray(v) || typeof i !== "number" || !((i >>> 0) === i && i < v.length)) { this.fp = fp; this.pc = pc; this.closure = clo; this.vectorIndexError("vector-ref", v, i); }
          stack[fp + ins[pc + 1]] = v[i]; pc += 5; break;
        }
        case Op.VSET: {
          const v = stack[fp + ins[pc + 2]], i = stack[fp + ins[pc + 3]];
          if (!Array.isArray(v) || typeof i !== "number" || !((i >>> 0) === i && i < v.length)) { this.fp = fp; this.pc = pc; this.closure = clo; this.vectorIndexError("vector-set!", v, i); }
          v[i] = stack[fp + ins[pc + 4]];
          stack[fp + ins[pc + 1]] = UNSPECIFIED; pc += 6; break;
        }
        case Op.VLEN: {
          const v = stack[fp + ins[pc + 2]];
          if (!Array.isArray(v)) { this.fp = fp; this.pc = pc; this.closure = clo; typeError("vector-length", "a vector", v); }
          stack[fp + ins[pc + 1]] = v.length; pc += 4; break;
        }
        case Op.SREF: {
          const s = stack[fp + ins[pc + 2]], i = stack[fp + ins[pc + 3]];
          if (!(s instanceof MString) || typeof i !== "number" || !((i >>> 0) === i && i < s.length)) { this.fp = fp; this.pc = pc; this.closure = clo; stringIndexError(s, i); }
          stack[fp + ins[pc + 1]] = char(s.codePointAt(i)); pc += 5; break;
        }
        case Op.SLEN: {
          const s = stack[fp + ins[pc + 2]];
          if (!(s instanceof MString)) { this.fp = fp; this.pc = pc; this.closure = clo; typeError("string-length", "a string", s); }
          stack[fp + ins[pc + 1]] = s.length; pc += 4; break;
        }
        case Op.CALLK1: case Op.CALLK2: case Op.CALLK3: {
          this.fp = fp; this.pc = pc; this.closure = clo;
          this.callThroughCell();
          if (this.done || this.bounced) return;
          stack = this.stack; fp = this.fp; pc = this.pc; clo = this.closure!; code = clo.code; ins = code.rawCode; k = code.rawConsts;
          break;
        }
        case Op.VALUE: {
          const v = stack[fp + ins[pc + 2]], i = ins[pc + 3], n = ins[pc + 4];
          if (v instanceof MultipleValues && v.vals.length === n && i < n) stack[fp + ins[pc + 1]] = v.vals[i];
          else { this.fp = fp; this.pc = pc; this.closure = clo; stack[fp + ins[pc + 1]] = valueOf(v, i, n, ins[pc + 5], k[ins[pc + 6]]); }
          pc += 7; break;
        }
        default: {
          // A procedure entered by a path that did not read its body first (cache/lazy-code.ts):
          // its raw instructions are empty. Read and verify it now, then run it.
          if (code.pending !== null) {
            this.fp = fp; this.pc = pc; this.closure = clo;
            code.materialize();
            ins = code.rawCode; k = code.rawConsts;
            break;
          }
          const bad: never = ins[pc] as never;
          throw new Error(`interpreter: bad opcode ${bad} at ${pc}`);
        }
      }
    }
  }

  // ---- Slow paths -------------------------------------------------------------------------

  private unbound(cell: Cell): never {
    return schemeError("unbound variable:", cell.name);
  }

  private compareSlow(op: number, b: Value, c: Value): boolean {
    switch (op) {
      case Op.NUMEQ: return N.numEq(b, c);
      case Op.LT: return N.lt(b, c);
      case Op.LE: return N.le(b, c);
      case Op.GT: return N.gt(b, c);
      default: return N.ge(b, c);
    }
  }

  private vectorIndexError(who: string, v: Value, i: Value): never {
    if (!Array.isArray(v)) typeError(who, "a vector", v);
    if (typeof i !== "number" || !Number.isInteger(i)) typeError(who, "an exact integer index", i);
    return indexRangeError(who, i, v.length);
  }

  /**
   * Call `f` (anything but a closure on the fast path) whose arguments sit at R[a+5...]; for a
   * tail call, in place of the current frame. State is in this.*; on return this.* says where
   * execution continues.
   */
  private callOther(f: Value, a: number, argc: number, tail: boolean): void {
    const stack = this.stack, fp = this.fp;
    const base = fp + a + 5;
    if (f instanceof Closure) {
      // A closure reached through a slow path (CaseLambda, TailCall): push or reuse a frame.
      this.pushClosure(f, stack.slice(base, base + argc), a, tail);
      return;
    }
    if (f instanceof Primitive) {
      if (!f.accepts(argc)) this.arityError(f.name, f.min, f.max, argc, stack.slice(base, base + argc));
      const r = f.applyTo(stack.slice(base, base + argc));
      if (r instanceof VmRequest) { this.request(r, a, tail, this.pc + 3); return; }
      this.deliver(r, a, tail);
      return;
    }
    this.applyValue(f, stack.slice(base, base + argc), a, tail);
  }

  /** Apply a procedure value to an argument array from a slow path (TailCall, CaseLambda, ...). */
  /** `dst` is the register receiving the value (the callee slot `a`, except at CALLK sites). */
  private applyValue(f: Value, args: Value[], a: number, tail: boolean, dst = a): void {
    if (f instanceof Closure) {
      const c = f.code;
      c.materialize();
      if ((c.jit !== null || c.heat >= this.jitThreshold) && this.slowPathNesting < MAX_SLOW_NESTING &&
          c.accepts(args.length) && this.jit!.maybeCompile(c)) {
        // A closure called from a slow path (a call/cc receiver, apply, a thunk) runs natively too.
        if (!tail && this.spillMayOutgrow(this.fp + a + 5)) { this.pc += 3; this.overflow(a, f, args, 0, args.length, dst); return; }
        if (--this.interrupts.fuel < 0) this.interrupts.poll();
        c.heat++;
        this.slowPathNesting++;
        try {
          const native = this.jit!.native, stack = this.stack, base = this.fp + a + 5;
          native.begin(stack, tail ? this.fp : base, this.tailBase);
          const r = native.callFromInterpreter(f, args);
          if (r instanceof Reify) { this.reinstate(r, a, tail, dst); return; }
          if (r instanceof Reenter) { this.throwTo(r.k, r.value); return; }
          c.markReturned();
          clearCalleeSlots(stack, base, c.frameSize);
          this.deliver(r, a, tail, dst);
          if (!tail && this.closure!.code.jit !== null) this.continueNative();
        } finally {
          this.slowPathNesting--;
        }
        return;
      }
      this.pushClosure(f, args, a, tail, dst);
      return;
    }
    if (f instanceof Primitive) {
      if (!f.accepts(args.length)) this.arityError(f.name, f.min, f.max, args.length, args);
      const r = f.applyTo(args);
      if (r instanceof VmRequest) { this.request(r, a, tail, this.pc + 3, dst); return; }
      this.deliver(r, a, tail, dst);
      return;
    }
    if (f instanceof CaseLambda) {
      const clause = caseLambdaClause(f, args.length);
      if (clause !== null) { this.pushClosure(clause, args, a, tail, dst); return; }
      caseLambdaArityError(f, args);
    }
    if (f instanceof Parameter) {
      if (args.length === 0) { this.deliver(f.value, a, tail, dst); return; }
      if (args.length === 1) { f.value = args[0]; this.deliver(UNSPECIFIED, a, tail, dst); return; }
      this.arityError("parameter", 0, 1, args.length, args);
    }
    if (f instanceof ContinuationProc) {
      const value = args.length === 1 ? args[0] : new MultipleValues(args);
      if (f.winders === this.winders) { this.throwTo(f, value); return; }
      const hook = this.hooks!.continueTo.value;
      this.applyValue(hook, [f, f.winders, value], a, tail, dst);
      return;
    }
    schemeError("not a procedure:", f);
  }

  private arityError(name: string, min: number, max: number, got: number, args: Value[]): never {
    return arityError(name, min, max, args.slice(0, got));
  }

  /** Enter closure `f` with `args`: as a new frame above R[a] (non-tail) or in place of this frame. */
  private pushClosure(f: Closure, args: Value[], a: number, tail: boolean, dst = a): void {
    const stack = this.stack;
    const code = f.code;
    if (!code.accepts(args.length)) closureArityError(code, args);
    code.materialize();
    // Calls through slow paths (apply, case-lambda, continuations) are polled here.
    if (--this.interrupts.fuel < 0) this.interrupts.poll();
    if (tail) {
      const fp = this.fp;
      if (fp + args.length + f.code.frameSize + LINK + 1 >= stack.length) growSegment(stack, fp + args.length + f.code.frameSize + LINK + 1);
      for (let i = 0; i < args.length; i++) stack[fp + i] = args[i];
      this.enter(f, args.length);
      return;
    }
    const nfp = this.fp + a + 5;
    if (nfp + args.length + f.code.frameSize + LINK + 1 >= stack.length) growSegment(stack, nfp + args.length + f.code.frameSize + LINK + 1);
    for (let i = 0; i < args.length; i++) stack[nfp + i] = args[i];
    stack[nfp - 4] = this.closure; stack[nfp - 3] = this.fp; stack[nfp - 2] = this.pc + 3; stack[nfp - 1] = dst;
    this.fp = nfp;
    this.enter(f, args.length);
  }

  /** A primitive produced a value at a call site: store it, or return it for a tail call. */
  private deliver(v: Value, a: number, tail: boolean, dst = a): void {
    if (!tail) { this.stack[this.fp + dst] = v; this.pc += 3; return; }
    this.returnValue(v);
  }

  /** Return `v` from the current frame. */
  private returnValue(v: Value): void {
    const stack = this.stack, fp = this.fp;
    const cfp = stack[fp - 3] as number;
    if (cfp >= 0) {
      this.closure = stack[fp - 4] as Closure;
      this.pc = stack[fp - 2] as number;
      const dst = stack[fp - 1] as number;
      this.fp = cfp;
      stack[cfp + dst] = v;
    } else {
      this.underflow(v);
      if (this.done) return;
    }
    if (this.closure!.code.jit !== null) this.continueNative();
  }

  /** The bottom frame of the segment returned: continue in the frozen continuation below. */
  private underflow(v: Value): void {
    const c = this.cont;
    if (c === null) { this.result = v; this.done = true; return; }
    if (!c.shared) {
      // A segment frozen by overflow and never captured: make it live again as it is.
      if (this.stack.length >= MAX_SEGMENT && this.spares.length < 64) this.spares.push(this.stack);
      this.stack = c.seg;
      this.fp = c.fp; this.closure = c.closure; this.pc = c.pc; this.cont = c.next;
      this.stack[c.fp + c.dst] = v;
      return;
    }
    const r = resume(c, v, this.stack);
    this.fp = r.fp; this.closure = r.closure; this.pc = r.pc; this.cont = r.cont;
  }

  /**
   * The segment is full: freeze it and continue the call `R[a](args)` (argc arguments at
   * src[from...]) on a new segment; this.pc is the return pc, the value goes to R[dst].
   */
  private overflow(a: number, f: Closure, src: Value[], from: number, argc: number, dst = a): void {
    // An arity error is raised in the caller's frame, as on a call within the segment.
    if (!f.code.accepts(argc)) { this.pc -= 3; closureArityError(f.code, src.slice(from, from + argc)); }
    const old = this.stack, fp = this.fp;
    this.cont = new Cont(old, fp, this.closure!, this.pc, dst, this.cont, false);
    const need = f.code.frameSize * 4 + argc + 16;
    const spare = this.spares.pop();
    const seg = spare !== undefined && spare.length > need ? spare : newSegment(Math.max(MAX_SEGMENT, need));
    seg[0] = this.closure; seg[1] = UNDERFLOW; seg[2] = this.pc; seg[3] = dst;
    for (let i = 0; i < argc; i++) seg[LINK + i] = src[from + i];
    this.stack = seg;
    this.fp = LINK;
    if (argc !== f.code.arity) this.adjustArgs(f.code, seg, LINK, argc);
    this.closure = f;
    this.pc = 0;
  }

  /**
   * Whether a native chain started at `base` could spill (NativeRuntime.link) past the end of
   * the running segment once it is MAX_SEGMENT long. Growing it further would double an array of
   * millions of slots, copying it each time (a 1,000,000-deep recursion grew one segment to
   * 16M slots): such a call starts on a new segment instead, its first frame interpreted.
   */
  private spillMayOutgrow(base: number): boolean {
    // At most half a segment: a call near the bottom of a fresh one always stays there.
    const budget = Math.min(this.jit!.native.maxDepth, MAX_SEGMENT / 2);
    return base + budget + SPILL_MARGIN >= Math.max(this.stack.length, MAX_SEGMENT);
  }

  /**
   * Call closure `f` (arguments at R[a+5...]) through its native entry. A value is delivered
   * like a primitive's; a Reify becomes interpreter frames, then its action runs.
   */
  private callNative(f: Closure, a: number, argc: number, tail: boolean): void {
    const base = this.fp + a + 5;
    if (!tail && this.spillMayOutgrow(base)) { this.pc += 3; this.overflow(a, f, this.stack, base, argc); return; }
    const native = this.jit!.native, stack = this.stack;
    native.begin(stack, tail ? this.fp : base, this.tailBase);
    const r = native.callFromInterpreter(f, stack.slice(base, base + argc));
    if (r instanceof Reify) { this.reinstate(r, a, tail); return; }
    if (r instanceof Reenter) { this.throwTo(r.k, r.value); return; }
    f.code.markReturned();  // a chain of it ended normally: its code after calls has run (codegen-js.ts, the warm-up budget)
    clearCalleeSlots(stack, base, Math.max(argc, f.code.frameSize));
    this.deliver(r, a, tail);
    if (!tail && this.closure!.code.jit !== null) this.continueNative();
  }

  /**
   * The current frame is at a return point (this.pc follows one of its calls) and its Code has
   * native code: run the rest of it natively through the resume entry for this pc, then the
   * frames it returns into, for as long as they have native code too. A resume entry is
   * compiled once its return point is hot (as hot as a procedure must be to be compiled).
   * Returns false when nothing ran (the interpreter goes on with the frame as it is).
   */
  private continueNative(): boolean {
    if (this.slowPathNesting >= MAX_SLOW_NESTING) {
      this.bounced = true; this.bounceFp = this.fp; this.bouncePc = this.pc; this.bounceStack = this.stack;
      return false;
    }
    this.slowPathNesting++;
    try {
      return this.continueNativeLoop();
    } finally {
      this.slowPathNesting--;
    }
  }

  /**
   * The loop's side of a bounce: if the interpreter still stands at the frame continueNative
   * declined (nothing ran since), continue it natively, at nesting 0 (the bottom of this run's
   * JS stack; a run nested in a primitive interprets it instead).
   */
  private resumeBounced(): void {
    while (this.bounced) {
      this.bounced = false;
      if (this.slowPathNesting !== 0 || this.fp !== this.bounceFp || this.pc !== this.bouncePc || this.stack !== this.bounceStack) break;
      this.continueNative();
      if (this.done) break;
    }
    this.bounced = false; this.bounceStack = null;
  }

  private continueNativeLoop(): boolean {
    const jit = this.jit!;
    let ran = false;
    for (;;) {
      const clo = this.closure!, code = clo.code, pc = this.pc;
      if (code.jit === null) return ran;
      let entry = code.resumes?.[pc];
      if (entry === undefined) {
        const heat = code.resumeHeat ??= new Uint16Array(code.code.length);
        if (heat[pc] < Math.min(this.jitThreshold, 60_000)) { heat[pc]++; return ran; }
        entry = jit.compileResume(code, pc);
      }
      if (entry === null) return ran;
      ran = true;
      jit.native.begin(this.stack, this.fp, this.tailBase);
      let v = jit.native.resume(entry, clo, this.stack, this.fp);
      // The entry may have returned into its callers' frames of the same procedure (chainedReturn).
      if (jit.native.B !== this.fp) { this.fp = jit.native.B; this.closure = jit.native.resumed!; }
      // The frame is still this one: its native state (if reified) replaces it on the stack.
      if (v instanceof Reify) { this.reinstate(v, 0, true); return true; }
      if (v instanceof Reenter) { this.throwTo(v.k, v.value); return true; }
      const stack = this.stack, fp = this.fp, cfp = stack[fp - 3] as number;
      if (cfp >= 0) {
        this.closure = stack[fp - 4] as Closure; this.pc = stack[fp - 2] as number;
        stack[cfp + (stack[fp - 1] as number)] = v;
        this.fp = cfp;
      } else {
        this.underflow(v);
        if (this.done) return true;
      }
    }
  }

  /**
   * The native frames a Reify carries are interpreter frames of the call at R[a] now (each
   * wrote itself in place, NativeRuntime.link): carry out its action at the innermost one.
   */
  private reinstate(r: Reify, a: number, tail: boolean, dst = a): void {
    this.jit!.reified(r);
    const action = r.action;
    if (action.kind === "call" && action.fn instanceof ContinuationProc && action.fn.winders === this.winders && r.captures === null) {
      // A continuation invoked from native code: the native frames are abandoned anyway.
      this.throwTo(action.fn, action.args.length === 1 ? action.args[0] : new MultipleValues(action.args));
      return;
    }
    if (r.count > 0) {
      // The frames are already on the stack (NativeRuntime.link): the outermost one at the
      // chain's start, which for a non-tail call still needs its link to this frame.
      if (!tail) {
        const stack = this.stack, nfp = this.fp + a + 5;
        stack[nfp - 4] = this.closure; stack[nfp - 3] = this.fp; stack[nfp - 2] = this.pc + 3; stack[nfp - 1] = dst;
      }
      if (r.captures !== null && !this.materialize(r)) {
        // The innermost frame is a capture point: its pending call runs at the bottom of a new
        // segment, as `capture` runs a receiver.
        a = 0; dst = 0; tail = true;
      } else {
        this.fp = r.fp;
        this.closure = r.clo;
        if (action.kind === "fault") { this.pc = r.pc; this.raiseFromHost(action.error); return; }
        if (action.kind === "resume") { this.pc = r.pc; return; }
        // The pending call of the innermost frame: callee slot at `base`, value to `dst`.
        a = r.base; dst = r.dst; tail = false;
        this.pc = r.pc - 3;
      }
    }
    if (r.action.kind === "call") this.applyValue(r.action.fn, r.action.args, a, tail, dst);
    else if (r.action.kind === "request") this.request(r.action.req, a, tail, this.pc + 3, dst);
    else if (r.action.kind === "fault") this.raiseFromHost(r.action.error);
    else throw new Error("interpreter: a deoptimization without a frame");
  }

  /**
   * A Reify passed the owners of lazy continuations (jit/lazy-capture.ts) on its way here. Now
   * that its frames are on the stack, split the segment at each capture point as call/cc in the
   * interpreter would have: the frames up to the capturing one freeze into the Cont the
   * continuation resolves to, and the receiver's frames continue on a new segment (copied;
   * they are the few above the innermost capture point). False when the innermost capture
   * point is the innermost frame: nothing of the receiver is left, and its pending call runs
   * at the bottom of the new segment.
   */
  private materialize(r: Reify): boolean {
    const stack = this.stack, caps = r.captures!, innermost = r.fp + r.base + 5;
    for (let i = caps.length - 1; i >= 0; i--) {
      const m = caps[i], c = m.callee, here = c === innermost;
      markShared(this.cont);
      this.cont = m.token.real = here
        ? new Cont(stack, r.fp, r.clo!, r.pc, r.dst, this.cont, true)
        : new Cont(stack, stack[c - 3] as number, stack[c - 4] as Closure, stack[c - 2] as number, stack[c - 1] as number, this.cont, true);
      if (!here) stack[m.receiver - 3] = UNDERFLOW;
    }
    const last = caps[0];
    let seg: Value[];
    if (last.callee === innermost) {
      seg = newSegment(CAPTURE_SEGMENT);
      this.fp = LINK; this.closure = r.clo; this.pc = -3;
    } else {
      const start = last.receiver - LINK, top = r.fp + r.clo!.code.frameSize, delta = -start;
      seg = newSegment(top - start + LINK + 8 > CAPTURE_SEGMENT ? INITIAL_SEGMENT : CAPTURE_SEGMENT);
      if (top - start + LINK + 8 >= seg.length) growSegment(seg, top - start + LINK + 8);
      for (let i = start; i < top; i++) seg[i + delta] = stack[i];
      for (let f = r.fp; f !== last.receiver;) {
        const cfp = stack[f - 3] as number;
        seg[f - 3 + delta] = cfp + delta;
        f = cfp;
      }
      r.fp += delta;
    }
    seg[0] = null; seg[1] = UNDERFLOW; seg[2] = 0; seg[3] = 0;
    this.stack = seg;
    return last.callee !== innermost;
  }

  private request(r: VmRequest, a: number, tail: boolean, retPc: number, dst = a): void {
    if (r instanceof TailCall) { this.applyValue(r.fn, r.args, a, tail, dst); return; }
    if (r instanceof Capture) { this.capture(r.receiver, tail, retPc, dst); return; }
    if (r instanceof Throw) { this.throwTo(r.k, r.value); return; }
    // From a tail call the current frame was replaced by the callee: it is not on the stack.
    if (r instanceof Uncaught) throw new UncaughtError(r.payload, this.backtrace(tail));
    if (r instanceof Exit) throw new ExitSignal(r.code);
    // (await p): the run ends here and returns the request; its driver resumes r.k later.
    if (r instanceof Suspend) { this.result = r; this.done = true; return; }
    throw new Error("interpreter: unknown request");
  }

  /** call/cc: freeze the stack as the continuation of this call, then call the receiver on a new segment. */
  private capture(receiver: Value, tail: boolean, retPc: number, dst: number): void {
    const stack = this.stack, fp = this.fp;
    let cont: Cont | null;
    markShared(this.cont);
    if (!tail) cont = new Cont(stack, fp, this.closure!, retPc, dst, this.cont, true);
    else {
      const cfp = stack[fp - 3] as number;
      cont = cfp >= 0
        ? new Cont(stack, cfp, stack[fp - 4] as Closure, stack[fp - 2] as number, stack[fp - 1] as number, this.cont, true)
        : this.cont;
    }
    const k = new ContinuationProc(cont, this.winders, this.handlers);
    const seg = newSegment(CAPTURE_SEGMENT);
    seg[0] = null; seg[1] = UNDERFLOW; seg[2] = 0; seg[3] = 0;
    this.stack = seg;
    this.fp = LINK;
    this.cont = cont;
    // The receiver runs as the bottom frame of the new segment; its return resumes `cont`.
    this.pc = -3;  // so that a primitive receiver's deliver() leaves pc consistent (unused)
    this.applyValue(receiver, [k], 0, true);
  }

  /** Reinstate continuation `k` with `v`: the current segment's frames are abandoned. */
  private throwTo(k: ContinuationProc, v: Value): void {
    this.handlers = k.handlers;
    this.winders = k.winders;
    this.cont = realCont(k.cont);
    this.stack[1] = UNDERFLOW;
    this.fp = LINK;
    this.underflow(v);
    if (!this.done && this.closure!.code.jit !== null) this.continueNative();
  }

  /** CALLK: an inline op whose builtin was redefined calls the cell's current value. */
  private callThroughCell(): void {
    const code = this.closure!.code, ins = code.code, pc = this.pc;
    const len = instructionLength(ins, pc);
    const nargs = len - 3;
    const cell = code.consts[ins[pc + len - 1]] as Cell;
    const args: Value[] = [];
    for (let i = 0; i < nargs; i++) args.push(this.stack[this.fp + ins[pc + 2 + i]]);
    // A call whose callee slot sits above this frame's registers, returning to the next
    // instruction with the value in R[A].
    const a = code.frameSize;
    growSegment(this.stack, this.fp + a + 5 + args.length + 1);
    this.pc = pc + len - 3;
    this.applyValue(cell.value, args, a, false, ins[pc + 1]);
  }

  /** Rewrite every inline op that read `cell` into the generic call of the same length. */
  deoptimizeInlines(cell: Cell): void {
    cell.inlined = false;
    for (const ref of this.inlineCodes) {
      const code = ref.deref();
      if (!code) continue;
      const ins = code.code;
      for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
        const info = OPCODES[ins[pc] as Op];
        if (info.inline !== undefined && code.consts[ins[pc + instructionLength(ins, pc) - 1]] === cell) {
          ins[pc] = info.generic!;
          if (code.jit !== null) {
            // Native code inlined the old builtin: drop it (running activations leave at their next loop).
            code.jit = null; code.resumes = null; code.resumeHeat = null;
            this.jit?.deoptimized(code, `inline builtin ${cell.name.name} redefined`);
          }
        }
      }
    }
  }

  /** A host exception inside the loop: raise it in Scheme from the faulting frame. */
  private raiseFromHost(e: unknown): void {
    if (e instanceof Interrupted) { if (e.backtrace.length === 0) e.backtrace = this.backtrace(); throw e; }
    const { payload, internal } = hostErrorPayload(e);
    if (internal && typeof process !== "undefined" && process.env?.KILN_DEBUG) console.error(e);
    const raise = this.hooks?.raise.value;
    if (!(raise instanceof Closure)) throw new UncaughtError(payload, this.backtrace());
    // Push a frame for (raise payload) above every register of the faulting frame.
    const code = this.closure!.code;
    const a = code.frameSize;
    // Backtraces read a caller's position at (return pc - 1): make that the faulting instruction.
    // raise never returns here.
    this.pc = this.pc + 1 - 3;
    this.pushClosure(raise, [payload], a, false);
  }

  // ---- Backtraces ---------------------------------------------------------------------------

  /** Frames from the innermost out: procedure name and source position of the active call. */
  backtrace(skipCurrent = false): BacktraceEntry[] {
    const out: BacktraceEntry[] = [];
    const add = (clo: Closure | null, pc: number, exact: boolean): void => {
      if (!clo) return;
      const code = clo.code;
      if (code.pos?.file.startsWith("kiln:")) return;  // runtime-internal procedures
      const pos = code.positionAt(exact ? pc : pc - 1);
      out.push({ name: code.name || "#<procedure>", file: pos?.file ?? null, line: pos?.line ?? 0, column: pos?.column ?? 0 });
    };
    let seg = this.stack, fp = this.fp, clo: Closure | null = this.closure, pc = this.pc, exact = true;
    let c = this.cont;
    for (let guard = 0; guard < 50_000_000; guard++) {
      if (guard > 0 || !skipCurrent) add(clo, pc, exact);
      exact = false;
      const cfp = seg[fp - 3] as number;
      if (cfp >= 0) { clo = seg[fp - 4] as Closure; pc = seg[fp - 2] as number; fp = cfp; continue; }
      if (c === null) break;
      seg = c.seg; fp = c.fp; clo = c.closure; pc = c.pc; c = c.next;
    }
    return out;
  }
}


/** The error of calling a procedure of `min` to `max` (-1: any number) arguments with `args`. */
export function arityError(name: string, min: number, max: number, args: Value[]): never {
  const expected = max < 0 ? `at least ${plural(min, "argument")}` : min === max ? plural(min, "argument") : `${min} to ${plural(max, "argument")}`;
  return wrongArgumentCount(`${name}: wrong number of arguments: expected ${expected}`, args);
}

/** The error of calling a closure with the wrong number of arguments (both tiers raise this). */
export function closureArityError(code: Code, args: Value[]): never {
  return arityError(code.name || "#<procedure>", code.nreq, code.rest ? -1 : code.nreq, args);
}

/** "..., got 3: (1 2 3)": the arguments as one list irritant (never spread: there may be 10^5). */
function wrongArgumentCount(message: string, args: Value[]): never {
  return schemeError(`${message}, got ${args.length}:`, arrayToList(args));
}

function plural(n: number, word: string): string { return `${n} ${word}${n === 1 ? "" : "s"}`; }

export function caseLambdaArityError(f: CaseLambda, args: Value[]): never {
  return schemeError(`${f.name || "case-lambda"}: no clause accepts ${plural(args.length, "argument")}:`, arrayToList(args));
}

export function stringIndexError(s: Value, i: Value): never {
  if (!(s instanceof MString)) typeError("string-ref", "a string", s);
  if (typeof i !== "number" || !Number.isInteger(i)) typeError("string-ref", "an exact integer index", i);
  return indexRangeError("string-ref", i, s.length);
}
