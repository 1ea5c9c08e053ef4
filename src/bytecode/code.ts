// A Code object is one compiled procedure (or top-level form): the unit the interpreter runs,
// the JIT compiles, and the disassembler prints. A Closure pairs a Code with its free values.

import { Value, registerClosureClass } from "../runtime/values.js";

export interface SourcePos { file: string; line: number; column: number }

export class Code {
  /** Times called plus loop back-edges taken; the JIT's heat measure. */
  heat = 0;
  /** Type feedback recorded by the interpreter, one byte per instruction word (JIT input). */
  feedback: Uint8Array;
  /** Native entry installed by the JIT; null until then. */
  // eslint-disable-next-line @typescript-eslint/ban-types
  jit: Function | null = null;
  /**
   * Whether its native code may go past the warm-up budget (jit/codegen-js.ts): once a native
   * call of it that the interpreter began has returned a value (its code after calls has run)
   * and once a chain of it has been spilled at the warm-up budget (its calls' spill paths
   * have run, while few of its activations were on the stack). Cleared when new native code
   * is installed.
   */
  warm = false;
  private returned = false;
  private spilledCold = false;

  /** A native call of it begun by the interpreter returned a value. */
  markReturned(): void { this.returned = true; if (this.spilledCold) this.warm = true; }
  /** A chain of it was spilled at the warm-up budget. */
  markSpilledCold(): void { this.spilledCold = true; if (this.returned) this.warm = true; }
  /** New native code: its V8 feedback starts empty. */
  resetWarmth(): void { this.warm = this.returned = this.spilledCold = false; }
  /** Set when compiling this code failed or was refused: never try again. */
  noJit = false;
  /**
   * Resume entries, by return pc: native code for the rest of the procedure after one of its
   * calls, used when a frame of this Code (reified from native code, or begun in the
   * interpreter) is returned into (null: compiling it failed). Dropped with `jit`.
   */
  // eslint-disable-next-line @typescript-eslint/ban-types
  resumes: (Function | null | undefined)[] | null = null;
  /** Returns into frames of this Code at each pc, counted while `jit` is set. */
  resumeHeat: Uint16Array | null = null;
  /** Whether it may receive a lazy continuation as a call/cc receiver (jit/lazy-capture.ts); null: not asked yet. */
  captureVerdict: object | null = null;
  /** nreq for a fixed-arity procedure, -1 with a rest list: one compare decides the fast call path. */
  readonly arity: number;

  constructor(
    /** Procedure name for backtraces, or "" for anonymous lambdas. */
    public name: string,
    /** Instruction words: opcode followed by its operands (see opcodes.ts). */
    readonly code: Uint32Array,
    /** Constant pool: literals, Codes of inner lambdas, global cells. */
    readonly consts: Value[],
    /** Required parameter count, and whether a rest list follows them. */
    readonly nreq: number,
    readonly rest: boolean,
    /** Registers used by a frame (parameters first). */
    readonly frameSize: number,
    /** pc -> source position: parallel arrays sorted by pc; an entry holds until the next. */
    readonly linePcs: Int32Array,
    readonly linePos: SourcePos[],
    /** Register names for debugging: regNames[i] is the variable living in register i, if any. */
    readonly regNames: string[],
    /** Where the lambda itself was written. */
    readonly pos: SourcePos | null,
  ) {
    this.feedback = new Uint8Array(code.length);
    this.arity = rest ? -1 : nreq;
  }

  /** Whether a call with `argc` arguments matches the parameter list. */
  accepts(argc: number): boolean { return argc === this.nreq || (this.rest && argc > this.nreq); }

  /** Source position of the instruction at pc (the closest entry at or before it). */
  positionAt(pc: number): SourcePos | null {
    const pcs = this.linePcs;
    let lo = 0, hi = pcs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pcs[mid] <= pc) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return best >= 0 ? this.linePos[best] : this.pos;
  }
}

export class Closure {
  constructor(readonly code: Code, readonly free: Value[]) {}
}
registerClosureClass(Closure);
