// A Code object is one compiled procedure (or top-level form): the unit the interpreter runs,
// the JIT compiles, and the disassembler prints. A Closure pairs a Code with its free values.

import { CaseLambda, Value, registerClosureClass } from "../runtime/values.js";
import { Op, instructionLength } from "./opcodes.js";

export interface SourcePos { file: string; line: number; column: number }

/**
 * The body of a Code still in a cache file (cache/lazy-code.ts): decoded and verified the first
 * time anything reads the Code's instructions, constants, line table or register names.
 * `materialize` fills them in (through Code.fill) or throws a SchemeError saying the file is damaged.
 */
export interface PendingBody { materialize(code: Code): void }

const NO_WORDS = new Uint32Array(0), NO_LINES = new Int32Array(0), NO_FEEDBACK = new Uint8Array(0);
/** A lazy Code's fields until its body is filled in (never read before: the accessors materialize first). */
const NOTHING: never[] = [];

export class Code {
  /** Times called plus loop back-edges taken; the JIT's heat measure. */
  heat = 0;
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
  /**
   * The one closure of a procedure whose only free variable is its own letrec name (a named
   * let, an internal define that captures nothing else): every evaluation of its lambda would
   * make the same closure, so it is made once (selfClosure) and a loop entered in a procedure
   * called again and again allocates nothing. R7RS leaves eqv? of such procedures unspecified.
   */
  self: Closure | null = null;
  /**
   * The free slot that always holds the closure itself (its letrec name, when it calls itself
   * by that name), or -1; -2 once a closure of it was seen made otherwise (markSelfSlots).
   * Native code reads the slot as `clo` and calls itself directly through it.
   */
  selfSlot = -1;
  /** Whether it may receive a lazy continuation as a call/cc receiver (jit/lazy-capture.ts); null: not asked yet. */
  captureVerdict: object | null = null;
  /** nreq for a fixed-arity procedure, -1 with a rest list: one compare decides the fast call path. */
  readonly arity: number;
  /** Set while the body is still in its cache file: read through the accessors below, which materialize it. */
  pending: PendingBody | null = null;
  /**
   * The instructions and constants as they are, without reading a pending body: for the
   * interpreter's dispatch loop only, which reads the body when it enters a procedure (and
   * finds nothing to run in a pending Code: its raw instructions are empty).
   */
  rawCode: Uint32Array;
  rawConsts: Value[];
  private pcs: Int32Array;
  private positions: SourcePos[];
  private names: string[];
  private fb: Uint8Array;

  constructor(
    /** Procedure name for backtraces, or "" for anonymous lambdas. */
    public name: string,
    /** Instruction words: opcode followed by its operands (see opcodes.ts). */
    code: Uint32Array,
    /** Constant pool: literals, Codes of inner lambdas, global cells. */
    consts: Value[],
    /** Required parameter count, and whether a rest list follows them. */
    readonly nreq: number,
    readonly rest: boolean,
    /** Registers used by a frame (parameters first). */
    readonly frameSize: number,
    /** pc -> source position: parallel arrays sorted by pc; an entry holds until the next. */
    linePcs: Int32Array,
    linePos: SourcePos[],
    /** Register names for debugging: regNames[i] is the variable living in register i, if any. */
    regNames: string[],
    /** Where the lambda itself was written. */
    readonly pos: SourcePos | null,
  ) {
    this.rawCode = code; this.rawConsts = consts; this.pcs = linePcs; this.positions = linePos; this.names = regNames;
    this.fb = code.length === 0 ? NO_FEEDBACK : new Uint8Array(code.length);
    if (code.length !== 0) markSelfSlots(code, consts);
    this.arity = rest ? -1 : nreq;
  }

  /** A Code whose body is still in a cache file: only its header is known until first use. */
  static lazy(name: string, nreq: number, rest: boolean, frameSize: number, pos: SourcePos | null, body: PendingBody): Code {
    const c = new Code(name, NO_WORDS, NOTHING, nreq, rest, frameSize, NO_LINES, NOTHING, NOTHING, pos);
    c.pending = body;
    return c;
  }

  /** Install the body of a lazy Code (cache/lazy-code.ts, before verifying it). */
  fill(code: Uint32Array, consts: Value[], linePcs: Int32Array, linePos: SourcePos[], regNames: string[]): void {
    this.rawCode = code; this.rawConsts = consts; this.pcs = linePcs; this.positions = linePos; this.names = regNames;
    this.fb = new Uint8Array(code.length);
    this.pending = null;
  }

  /** Mark the self slots of the Codes this body makes closures of (after a cache body is verified). */
  markSelfSlots(): void { markSelfSlots(this.rawCode, this.rawConsts); }

  /** Decode and verify a pending body now (a SchemeError if it is damaged); nothing if there is none. */
  materialize(): void { if (this.pending !== null) this.pending.materialize(this); }

  /** Instruction words: opcode followed by its operands (see opcodes.ts). */
  get code(): Uint32Array { this.materialize(); return this.rawCode; }
  /** (Tests damage code this way.) */
  set code(words: Uint32Array) { this.rawCode = words; }
  /** Constant pool: literals, Codes of inner lambdas, global cells. */
  get consts(): Value[] { this.materialize(); return this.rawConsts; }
  /** pc -> source position: parallel arrays sorted by pc; an entry holds until the next. */
  get linePcs(): Int32Array { this.materialize(); return this.pcs; }
  get linePos(): SourcePos[] { this.materialize(); return this.positions; }
  /** Register names for debugging: regNames[i] is the variable living in register i, if any. */
  get regNames(): string[] { this.materialize(); return this.names; }
  /** Type feedback recorded by the interpreter, one byte per instruction word (JIT input). */
  get feedback(): Uint8Array { this.materialize(); return this.fb; }

  /** Whether a call with `argc` arguments matches the parameter list. */
  accepts(argc: number): boolean { return argc === this.nreq || (this.rest && argc > this.nreq); }

  /** Source position of the instruction at pc (the closest entry at or before it). */
  positionAt(pc: number): SourcePos | null {
    // (A pending body has no line table yet: the lambda's own position, never an error.)
    const pcs = this.pcs;
    let lo = 0, hi = pcs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pcs[mid] <= pc) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return best >= 0 ? this.positions[best] : this.pos;
  }
}

export class Closure {
  constructor(readonly code: Code, readonly free: Value[]) {}
}

// Every closure's `free` array has one V8 elements kind, PACKED_ELEMENTS, whoever made it: the
// interpreter's `new Array(n)` was HOLEY, native code's literals PACKED_SMI, PACKED_DOUBLE or
// PACKED_ELEMENTS by their contents, so the loads `clo.free[i]` in native code met several
// maps, and a new one after V8 optimized them deoptimized the procedure (fft, interp, maze).
const FREE_TEMPLATE: Value[] = Array.from({ length: 64 }, () => null);
/** A free array of n slots (null until filled), PACKED_ELEMENTS. */
export function freeSlots(n: number): Value[] {
  return n <= FREE_TEMPLATE.length ? FREE_TEMPLATE.slice(0, n) : Array.from({ length: n }, () => null);
}
/** A free array of these values, PACKED_ELEMENTS (a rest parameter always is); native code's `FREE(...)`. */
export function freeOf(...values: Value[]): Value[] { return values; }
registerClosureClass(Closure);

/**
 * CLOSURE A K [A]: a lambda whose one capture is the register it is stored into can only be a
 * letrec name's own lambda (the register holds the name's placeholder, which the SETFREE right
 * after replaces with the closure itself), so the closure is the Code's one self closure.
 */
export function isSelfCapture(ins: Uint32Array, pc: number): boolean {
  return ins[pc + 3] === 1 && ins[pc + 4] === ins[pc + 1] * 2;
}

/**
 * Mark the Codes this body makes closures of whose free slot j is the closure itself:
 * CLOSURE A K captures register A as slot j (A holds the letrec name's placeholder while its
 * own lambda is made) and one of the SETFREEs right after stores A into slot j (letrec's fix-up,
 * compiler/codegen.ts). The name is never assigned (else it would be boxed, and the capture a
 * box), so every closure of K holds itself there from the moment it can be called. A Code
 * made anywhere without the pattern is marked -2 for good.
 */
function markSelfSlots(ins: Uint32Array, consts: Value[]): void {
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (ins[pc] !== Op.CLOSURE) continue;
    const child = consts[ins[pc + 2]];
    if (!(child instanceof Code) || child.selfSlot === -2) continue;
    const a = ins[pc + 1], n = ins[pc + 3];
    let slot = -1;
    for (let j = 0; j < n; j++) if (ins[pc + 4 + j] === a * 2) slot = j;
    let fixed = false;
    for (let q = pc + 4 + n; slot >= 0 && q < ins.length && ins[q] === Op.SETFREE; q += 4) {
      if (ins[q + 1] === a && ins[q + 2] === slot && ins[q + 3] === a) fixed = true;
    }
    child.selfSlot = !fixed || (child.selfSlot >= 0 && child.selfSlot !== slot) ? -2 : slot;
  }
}

export function selfClosure(code: Code): Closure {
  let c = code.self;
  if (c === null) { c = code.self = new Closure(code, [null]); c.free[0] = c; }
  return c;
}

/** The clause of a case-lambda that takes `argc` arguments (the first that does), or null. */
export function caseLambdaClause(f: CaseLambda, argc: number): Closure | null {
  const clauses = f.clauses as Closure[];
  for (let i = 0; i < clauses.length; i++) if (clauses[i].code.accepts(argc)) return clauses[i];
  return null;
}
