// Tier 1 code generation: one Code object -> the source of one JavaScript function.
//
// Shape of the output (registers are JS locals r0..rN; constants come from the constants
// array K, hoisted into k0..kN; nothing from the program is ever spliced into the text):
//
//   return function kiln_7(clo, depth, r0, r1) {     // the parameters are the registers
//     let r2, ...; let v, f, a, b, t;
//     try { for (;;) {                               // a self tail call is `continue`
//       L40: { L25: { ... break L25; ... } ... }     // forward jumps are breaks out of blocks
//     } } catch (e) { ... throw e; }                 // the backstop (exits.ts)
//   }
//
// Each place that can fail leaves through an exit of its own (exits.ts), which records its pc
// and live registers and throws; a call that may throw has a try of its own.
//
// Bytecode has only forward jumps (every loop is a tail call), so labeled blocks that all open
// at the top and close at their targets express any jump. Each opcode has an emitter in
// EMIT, a table typed over every opcode, so a new opcode fails to type-check until it has one.

import { Closure, Code, caseLambdaClause, isSelfCapture } from "../bytecode/code.js";
import { CaseLambda, Flonum, Primitive } from "../runtime/values.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { jumpTargets, liveAcrossCalls, writesFirstRegister } from "../bytecode/flow.js";
import { arithPlan } from "./feedback.js";
import { UnboxPlan, planUnboxing } from "./unbox.js";
import { COLD_NATIVE_DEPTH, ENTRY_SLACK } from "./native-runtime.js";
import { BACKSTOP, Exits, INLINE_EXITS, exitsFor } from "./exits.js";

interface Ctx {
  readonly code: Code;
  readonly ins: Uint32Array;
  readonly pc: number;
  readonly allRegs: string;
  /** 0 for the procedure's entry; a return pc for a resume entry (its self tail calls cannot `continue`). */
  readonly entryPc: number;
  /** Direct-call targets by CALL pc (see directCalls). */
  readonly direct: ReadonlyMap<number, DirectCall>;
  /** Arithmetic sites with a Flonum constant operand: the constant index of operand B and/or C. */
  readonly flonumConsts: ReadonlyMap<number, { readonly b?: number; readonly c?: number }>;
  /** Tail calls to a closure made here, by TAILCALL pc: the constant index of its Code (closureTails). */
  readonly closureTails: ReadonlyMap<number, number>;
  /** CALL and TAILCALL pcs whose callee is this very closure, read from its self slot (selfCalls). */
  readonly selfCalls: ReadonlySet<number>;
  /** Unboxed flonum registers (unbox.ts), or null. */
  readonly unbox: UnboxPlan | null;
  /** The registers live across each CALL, by return pc (flow.ts liveAcrossCalls), or null: all of them. */
  readonly live: ReadonlyMap<number, number[]> | null;
  /** How code leaves native execution at an instruction (exits.ts). */
  readonly exits: Exits;
}

/**
 * What the code generator may ask of the JIT: the native function of a callee, compiling it
 * first if it is hot enough (null when it has none).
 */
// eslint-disable-next-line @typescript-eslint/ban-types
export type NativeOf = (code: Code) => Function | null;

// Register and constant names. Inlining (inlineBody) emits a callee's instructions with its
// registers named q<i> and its constants taken from the extras array instead.
let regPrefix = "r";
let constName = (i: number): string => `k${i}`;
const r = (i: number): string => regPrefix + i;
const k = (i: number): string => constName(i);
const args = (c: Ctx, a: number, n: number): string => Array.from({ length: n }, (_, i) => r(a + 5 + i)).join(", ");

/** A constant as an expression: safe integers as literals (our own formatting), anything else through k<i>. */
function constExpr(c: Ctx, i: number): string {
  const v = c.code.consts[i];
  return typeof v === "number" && Number.isSafeInteger(v) ? String(v) : k(i);
}

/**
 * The non-tail call protocol for a call with callee slot `base`: value in v, or (a Reify) this
 * frame stores its live registers (those below the callee slot; the interpreter's callee frame
 * overlaps the rest) where its interpreter frame goes, records itself and returns the Reify.
 * The callee's depth is depth + base + 5: its frame's place on the interpreter's stack.
 */
function callTail(c: Ctx, retPc: number, dst: number, base: number): string {
  // allRegs has one expression per register, unboxed ones boxed again (unbox.ts): take the
  // first `base` of them (none contains ", ").
  const live = c.allRegs.split(", ").slice(0, base).join(", ");
  return `if (v instanceof Signal) { v = R.settle(v, depth + ${base + 5}); ` +
    `if (v instanceof Reify) { ${base ? `SPILL${base}(R.S, R.B + depth, ${live}); ` : ""}return R.link(v, clo, depth, ${retPc}, ${dst}, ${base}); } ` +
    // An Escape (a lazy continuation invoked, lazy-capture.ts) passes to its owner unspilled.
    `if (v instanceof Signal) return v; }`;
}

/**
 * After assigning a global that inline code relied on (a builtin redefined): the code that
 * inlined it is dropped (R.hooks.redefined), and this activation and every native one below it
 * on the JS stack become interpreter frames (R.REDEFINED, NativeRuntime.fault), this one
 * going on at the next instruction: none of them goes on with the old inline code, and the
 * interpreter's (rewritten into calls) sees the new value at once. Activations below a
 * primitive that called back into Scheme (a nested run) are not reached.
 */
function redefining(c: Ctx, cell: string): string {
  return `if (${cell}.inlined) { R.hooks.redefined(${cell}); ${c.exits.fault(c.pc + instructionLength(c.ins, c.pc), "R.REDEFINED")} }`;
}

/**
 * A resume entry's return. Deep recursion spilled to the interpreter's stack comes back as a run
 * of frames of this same procedure waiting at this same return point: rather than return to
 * the interpreter's loop (Interpreter.continueNativeLoop), which pops the frame and calls this
 * entry again for the next one, pop it here and go on with the caller in the same activation
 * (R.B and R.resumed tell the interpreter which frame the entry ended in). Only within the
 * running segment (a caller beyond it is a continuation's), while the procedure keeps its
 * native code (a builtin it inlined may have been redefined meanwhile), and not while an
 * interrupt is pending or steps are counted, which the interpreter's loop attends to.
 */
function chainedReturn(c: Ctx): string {
  // Only the registers live across the call are reloaded, and the value goes to the call's
  // register (liveAcrossCalls; deep-recursion: 11 loads per frame became 1).
  const live = c.live?.get(c.entryPc);
  const reload = live
    ? [...live.map((i) => `${r(i)} = S[F + ${i}];`), `${r(c.ins[c.entryPc - 2])} = v;`].join(" ")
    : `S[F + S[t - 1]] = v; ` + Array.from({ length: c.code.frameSize }, (_, i) => `${r(i)} = S[F + ${i}];`).join(" ");
  return `v = ${r(c.ins[c.pc + 1])}; t = S[F - 3]; ` +
    `if (t >= 0 && S[F - 2] === ${c.entryPc} && (f = S[F - 4]) instanceof Closure && f.code === CODE && CODE.jit !== null && FLAG[0] === 0 && !I.counting) { ` +
    `t = F; F = S[F - 3]; clo = f; R.B = F; R.resumed = f; ${reload} continue; } ` +
    `return v;`;
}

/**
 * Inline arithmetic: two int32s give an exact result directly (+ and - cannot leave the safe
 * range); other pairs of JS numbers are exact only if both are integers and the result is safe,
 * and inexact (raw) when the result is not integral; everything else takes the generic path.
 */
function arith(op: string, generic: string, mul = false) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc;
    const load = `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; `, store = ` ${r(I[p + 1])} = t;`;
    const plan = arithPlan(c.code.feedback[p]);
    if (plan === "int32") {
      // Speculation (feedback.ts): this site saw only fixnums (int32 first, then the whole
      // safe-integer range). Anything else (flonum, bignum result, ...) deoptimizes: the
      // frame continues in the interpreter at this instruction (the exit, exits.ts, throws
      // DEOPT, which NativeRuntime.fault turns into the deoptimization).
      // The result stays int32 on the fast path (a product that leaves int32, or operands
      // beyond it, take the second test): if t could also be a double from another path, V8
      // would keep it as a double and allocate a heap number for every tagged store (measured:
      // a fixnum loop counter scavenged 16 times per million iterations that way). Past int32,
      // integers whose exact result is a safe integer add in doubles as they are (N.add's
      // call on that path cost a sum loop over 2^31 its third; `+ 0` turns a product's -0 into 0).
      const deopt = `{ ${c.exits.fault(p, "DEOPT")} }`;
      const int32 = mul
        ? `if ((a | 0) === a && (b | 0) === b && ((a * b) | 0) === a * b) t = (a * b) | 0;`
        : `if ((a | 0) === a && (b | 0) === b) t = a ${op} b;`;
      return load + `if (typeof a === "number" && typeof b === "number") { ${int32} ` +
        `else if (Number.isSafeInteger(t = a ${op} b) && Number.isInteger(a) && Number.isInteger(b)) ${mul ? "t = t + 0;" : "{}"} else ${deopt} } ` +
        `else ${deopt}` + store;
    }
    const int32 = mul
      ? `if ((a | 0) === a && (b | 0) === b && Number.isSafeInteger(t = a * b)) t = t + 0;`
      : `if ((a | 0) === a && (b | 0) === b) t = a ${op} b;`;
    const slow = `{ ${c.exits.guard(p, `t = N.${generic}(a, b);`)} }`;
    const fk = c.flonumConsts.get(p);
    if (fk) {
      // An operand is an integral inexact constant (a Flonum box, such as 2.0): with any JS
      // number the result is inexact, so raw double arithmetic, boxed only if integral.
      const x = fk.b !== undefined ? `${k(fk.b)}.v` : "a", y = fk.c !== undefined ? `${k(fk.c)}.v` : "b";
      const test = fk.b !== undefined && fk.c !== undefined ? "true" : fk.b !== undefined ? `typeof b === "number"` : `typeof a === "number"`;
      return load + `if (${test}) t = FLO(${x} ${op} ${y}); else ${slow}` + store;
    }
    return load +
      `if (typeof a === "number" && typeof b === "number") { ${int32} else if (Number.isInteger(t = a ${op} b) && ` +
      `!(Number.isSafeInteger(t) && Number.isInteger(a) && Number.isInteger(b))) ${slow}${mul ? " else if (t === 0) t = 0;" : ""} } ` +
      `else ${slow}` + store;
  };
}

function compare(op: string, generic: string) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (typeof a === "number" && typeof b === "number") ${r(I[p + 1])} = a ${op} b; else { ${c.exits.guard(p, `${r(I[p + 1])} = N.${generic}(a, b);`)} }`;
  };
}

/** CALLK1..3: an inline op whose builtin was redefined calls the cell's current value. */
function callk(n: number) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc, len = instructionLength(I, p);
    const argList = Array.from({ length: n }, (_, i) => r(I[p + 2 + i])).join(", ");
    return c.exits.guard(p, `v = R.call(${k(I[p + len - 1])}.value, [${argList}], depth + ${c.code.frameSize + 5}); ` +
      callTail(c, p + len, I[p + 1], c.code.frameSize)) + ` ${r(I[p + 1])} = v;`;
  };
}

/**
 * A loop (self tail call) looks at the interrupt flag every LOOP_POLL iterations, counted in a
 * local (lc): a read of the flag on every iteration cost 17% of a tight loop. With a budget the
 * iterations are counted LOOP_POLL at a time (a power of 2). The poll is the entry's poll, at
 * the top of the loop, which a self tail call `continue`s to: a poll of its own in the loop
 * ran first after 256 iterations, often in code V8 had already optimized with no type
 * feedback there, and deoptimized it (fft's butterfly loop).
 */
const LOOP_POLL = 256;

const EMIT: { readonly [K in Op]: (c: Ctx) => string } = {
  [Op.MOV]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])};`,
  [Op.CONST]: (c) => `${r(c.ins[c.pc + 1])} = ${constExpr(c, c.ins[c.pc + 2])};`,
  [Op.GREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `v = ${k(I[p + 2])}.value; if (v === UNBOUND) { ${c.exits.guard(p, `R.unbound(${k(I[p + 2])});`)} } ${r(I[p + 1])} = v;`;
  },
  [Op.GSET]: (c) => {
    const I = c.ins, p = c.pc, cell = k(I[p + 2]);
    return `if (${cell}.value === UNBOUND) { ${c.exits.guard(p, `R.unbound(${cell});`)} } ${cell}.value = ${r(I[p + 1])}; ${redefining(c, cell)}`;
  },
  [Op.GDEF]: (c) => `${k(c.ins[c.pc + 2])}.value = ${r(c.ins[c.pc + 1])}; ${redefining(c, k(c.ins[c.pc + 2]))}`,
  // The self slot (Code.selfSlot) always holds the closure itself: no load.
  [Op.FREE]: (c) => `${r(c.ins[c.pc + 1])} = ${c.ins[c.pc + 2] === c.code.selfSlot ? "clo" : `clo.free[${c.ins[c.pc + 2]}]`};`,
  [Op.FREEBOX]: (c) => `${r(c.ins[c.pc + 1])} = clo.free[${c.ins[c.pc + 2]}].v;`,
  [Op.SETFREEBOX]: (c) => `clo.free[${c.ins[c.pc + 2]}].v = ${r(c.ins[c.pc + 1])};`,
  [Op.BOX]: (c) => `${r(c.ins[c.pc + 1])} = new Box(${r(c.ins[c.pc + 1])});`,
  [Op.UNBOX]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])}.v;`,
  [Op.SETBOX]: (c) => `${r(c.ins[c.pc + 1])}.v = ${r(c.ins[c.pc + 2])};`,
  [Op.CLOSURE]: (c) => {
    const I = c.ins, p = c.pc, n = I[p + 3];
    if (isSelfCapture(I, p)) return `${r(I[p + 1])} = ${k(I[p + 2])}.self ?? R.selfClosure(${k(I[p + 2])});`;
    const caps = Array.from({ length: n }, (_, i) => {
      const w = I[p + 4 + i];
      return w & 1 ? (w >> 1 === c.code.selfSlot ? "clo" : `clo.free[${w >> 1}]`) : r(w >> 1);
    });
    return `${r(I[p + 1])} = new Closure(${k(I[p + 2])}, FREE(${caps.join(", ")}));`;
  },
  [Op.SETFREE]: (c) => `${r(c.ins[c.pc + 1])}.free[${c.ins[c.pc + 2]}] = ${r(c.ins[c.pc + 3])};`,
  [Op.CASELAMBDA]: (c) => {
    const I = c.ins, p = c.pc, n = I[p + 2];
    return `${r(I[p + 1])} = R.caseLambda([${Array.from({ length: n }, (_, i) => r(I[p + 3 + i])).join(", ")}]);`;
  },
  [Op.JMP]: (c) => `break L${c.ins[c.pc + 1]};`,
  [Op.JF]: (c) => `if (${r(c.ins[c.pc + 1])} === false) break L${c.ins[c.pc + 2]};`,
  [Op.JT]: (c) => `if (${r(c.ins[c.pc + 1])} !== false) break L${c.ins[c.pc + 2]};`,
  [Op.CALL]: (c) => {
    const I = c.ins, p = c.pc, a = I[p + 1], n = I[p + 2], as = args(c, a, n);
    // Kept small: V8 inlines small functions into their callers (and into themselves).
    // The call's exit catches a JS stack overflow entering the callee too: the call is then
    // handed to the interpreter (NativeRuntime.fault).
    const d = c.direct.get(p);
    // A direct call to the procedure the global held at compile time: no closure, arity or
    // native-code checks, and a constant callee V8 can inline; the guard makes it safe.
    // A primitive is called with its arguments as they are (no array, no spread), a known one
    // (the global's value at compile time) through a constant V8 can inline; a request it
    // returns (apply, call/cc, ...) is finished by the runtime.
    const request = `if (v instanceof VmRequest) v = R.request(v, depth + ${a + 5});`;
    const direct = !d ? ""
      : d.prim ? `if (${d.guard}) { v = ${d.fn}(${as}); ${request} } else `
      : `if (${d.guard}) v = ${d.fn}(${d.clo ?? "f"}, depth + ${a + 5}${n ? ", " + as : ""}); else `;
    // No depth check here: the callee's entry makes it (the entry check in generateSource).
    const call = `f = ${r(a)}; ` + c.exits.guard(p, direct +
      `if (f instanceof Closure && f.code.arity === ${n} && f.code.jit !== null) v = f.code.jit(f, depth + ${a + 5}${n ? ", " + as : ""}); ` +
      `else if (f instanceof Primitive && ${n} >= f.min && (${n} <= f.max || f.max < 0)) { v = f.positional(${as}); ${request} } ` +
      `else v = R.call(f, [${as}], depth + ${a + 5}); ` +
      callTail(c, p + 3, a, a)) + ` ${r(a)} = v;`;
    const inl = d?.inline;
    if (!inl) return call;
    // Inlined (inlineBody): the callee's body on q registers; whatever it throws, the call is made.
    const load = Array.from({ length: inl.params }, (_, i) => `q${i} = ${r(a + 5 + i)};`).join(" ");
    return `f = ${r(a)}; il = false; if (${d.guard}) { try { ${load} ${inl.body} ${r(a)} = ${inl.result}; il = true; } catch { /* the call below */ } } ` +
      `if (!il) { ${call} }`;
  },
  [Op.TAILCALL]: (c) => {
    const I = c.ins, p = c.pc, a = I[p + 1], n = I[p + 2];
    const as = c.unbox?.tailArgs.get(p)?.join(", ") ?? args(c, a, n);
    const code = c.code;
    const self = !code.rest && n === code.nreq;
    const assign = c.unbox?.selfAssign.get(p) ?? Array.from({ length: n }, (_, i) => `${r(i)} = ${r(a + 5 + i)};`).join(" ");
    // A self call (`callee` a closure of this Code): the loop in the procedure's entry; a resume
    // entry cannot loop back to the procedure's start, so it calls the procedure's entry in
    // place of its frame (same depth; one JS frame more, once per resumed frame).
    const again = (callee: string): string => c.entryPc === 0
      ? `if (CODE.jit === null) return R.tail(${callee}, [${as}]); ${callee === "clo" ? "" : `clo = ${callee}; `}${assign} lc++; continue;`
      : `if (CODE.jit !== null) return CODE.jit(${callee}, depth${n ? ", " + as : ""});`;
    // The callee is this closure (its self slot): no test of the callee. The loop has no exit
    // of its own (nothing in it throws); a resume entry's call has.
    if (self && c.selfCalls.has(p)) return c.entryPc === 0 ? again("clo") : c.exits.guard(p, `${again("clo")} return R.tail(clo, [${as}]);`);
    const selfLoop = self ? `if (f instanceof Closure && f.code === CODE) { ${again("f")} } ` : "";
    // A tail call to a closure this procedure just made (a named let's loop): its code is a
    // lambda nested in this one, so it is called as a plain JS call and its result (a value or
    // a signal) is this frame's. Chains of such calls are as long as the lexical nesting at
    // most, so the JS stack stays bounded; other tail calls go through the trampoline.
    const kc = c.closureTails.get(p);
    const made = kc !== undefined
      ? `if (${k(kc)}.jit !== null && depth < MAXD) return ${k(kc)}.jit(f, depth${n ? ", " + as : ""}); `
      : "";
    // Any other closure with native code is called as a JS call too, its frame at this frame's
    // depth (it replaces this one), while fewer than TMAX such calls are nested on the JS stack
    // (R.tc); past that the trampoline unwinds them, so the JS stack stays bounded.
    const jsTail = (fn: string, clo = "f"): string => `{ R.tc++; v = ${fn}(${clo}, depth${n ? ", " + as : ""}); R.tc--; return v; }`;
    const d = c.direct.get(p);
    const tailRequest = `return v instanceof VmRequest ? R.tailRequest(v) : v;`;
    const direct = !d ? ""
      : d.prim ? `if (${d.guard}) { v = ${d.fn}(${as}); ${tailRequest} } `
      : `if (${d.guard} && R.tc < TMAX) ${jsTail(d.fn, d.clo)} `;
    return `f = ${r(a)}; ` + c.exits.guard(p, `${selfLoop}${made}${direct}` +
      `if (f instanceof Closure && f.code.arity === ${n} && f.code.jit !== null && R.tc < TMAX) ${jsTail("f.code.jit")} ` +
      `if (f instanceof Primitive) { if (${n} >= f.min && (${n} <= f.max || f.max < 0)) v = f.positional(${as}); else v = R.primitive(f, [${as}]); ` +
      `${tailRequest} } ` +
      `return R.tail(f, [${as}]);`);
  },
  [Op.RET]: (c) => c.entryPc === 0 ? `return ${r(c.ins[c.pc + 1])};` : chainedReturn(c),
  [Op.ADD]: arith("+", "add"),
  [Op.SUB]: arith("-", "sub"),
  [Op.MUL]: arith("*", "mul", true),
  [Op.NUMEQ]: compare("===", "numEq"),
  [Op.LT]: compare("<", "lt"),
  [Op.LE]: compare("<=", "le"),
  [Op.GT]: compare(">", "gt"),
  [Op.GE]: compare(">=", "ge"),
  [Op.CAR]: (c) => `a = ${r(c.ins[c.pc + 2])}; if (!(a instanceof Pair)) { ${c.exits.guard(c.pc, "R.carFail(a);")} } ${r(c.ins[c.pc + 1])} = a.car;`,
  [Op.CDR]: (c) => `a = ${r(c.ins[c.pc + 2])}; if (!(a instanceof Pair)) { ${c.exits.guard(c.pc, "R.cdrFail(a);")} } ${r(c.ins[c.pc + 1])} = a.cdr;`,
  [Op.NULLP]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === NIL;`,
  [Op.PAIRP]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} instanceof Pair;`,
  [Op.NOT]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === false;`,
  [Op.ZEROP]: (c) => `a = ${r(c.ins[c.pc + 2])}; if (typeof a === "number") ${r(c.ins[c.pc + 1])} = a === 0; else { ${c.exits.guard(c.pc, `${r(c.ins[c.pc + 1])} = N.isZero(a);`)} }`,
  [Op.CONS]: (c) => `${r(c.ins[c.pc + 1])} = new Pair(${r(c.ins[c.pc + 2])}, ${r(c.ins[c.pc + 3])});`,
  [Op.EQ]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === ${r(c.ins[c.pc + 3])};`,
  [Op.VREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(Array.isArray(a) && typeof b === "number" && (b >>> 0) === b && b < a.length)) { ${c.exits.guard(p, `R.vectorIndexFail("vector-ref", a, b);`)} } ` +
      `${r(I[p + 1])} = a[b];`;
  },
  [Op.VSET]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(Array.isArray(a) && typeof b === "number" && (b >>> 0) === b && b < a.length)) { ${c.exits.guard(p, `R.vectorIndexFail("vector-set!", a, b);`)} } ` +
      `a[b] = ${r(I[p + 4])}; ${r(I[p + 1])} = UNSPECIFIED;`;
  },
  [Op.VLEN]: (c) => `a = ${r(c.ins[c.pc + 2])}; if (!Array.isArray(a)) { ${c.exits.guard(c.pc, "R.vectorLengthFail(a);")} } ${r(c.ins[c.pc + 1])} = a.length;`,
  [Op.SREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(a instanceof MString && typeof b === "number" && (b >>> 0) === b && b < a.length)) { ${c.exits.guard(p, "R.stringIndexFail(a, b);")} } ` +
      `${r(I[p + 1])} = R.char(a.codePointAt(b));`;
  },
  [Op.SLEN]: (c) => `a = ${r(c.ins[c.pc + 2])}; if (!(a instanceof MString)) { ${c.exits.guard(c.pc, "R.stringLengthFail(a);")} } ${r(c.ins[c.pc + 1])} = a.length;`,
  [Op.CALLK1]: callk(1),
  [Op.CALLK2]: callk(2),
  [Op.CALLK3]: callk(3),
  [Op.VALUE]: (c) => {
    // Inline: a MultipleValues of exactly the count (or one plain value for one formal);
    // anything else, a rest list and a wrong count (an error) go through the runtime.
    const I = c.ins, p = c.pc, i = I[p + 3], n = I[p + 4];
    const slow = c.exits.guard(p, `${r(I[p + 1])} = R.valueAt(a, ${i}, ${n}, ${I[p + 5]}, ${k(I[p + 6])});`);
    const fast = i >= n ? null
      : n === 1 && I[p + 5] === 0 ? [`!(a instanceof R.MultipleValues)`, "a"]
      : [`a instanceof R.MultipleValues && a.vals.length === ${n}`, `a.vals[${i}]`];
    return `a = ${r(I[p + 2])}; ` + (fast ? `if (${fast[0]}) ${r(I[p + 1])} = ${fast[1]}; else { ${slow} }` : slow);
  },
};

/**
 * Direct-call candidates: a CALL whose callee register was last written by a GREF of a global
 * holding a fixed-arity closure. The closure and its native function go into `extras` (the X
 * array); a call to the procedure being compiled uses the function's own name.
 */
interface DirectCall {
  readonly guard: string;
  readonly fn: string;
  readonly prim?: boolean;
  readonly inline?: InlineBody | null;
  /** The closure passed to fn when it is not the callee itself (a case-lambda's clause). */
  readonly clo?: string;
}

function directCalls(code: Code, id: number, entryPc: number, extras: unknown[], nativeOf?: NativeOf): Map<number, DirectCall> {
  const out = new Map<number, DirectCall>();
  if (!nativeOf) return out;
  const ins = code.code;
  const lastGref = new Map<number, number>();
  const extra = (v: unknown): string => { extras.push(v); return `x${extras.length - 1}`; };
  const targets = jumpTargets(code);
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (targets.has(pc)) lastGref.clear();
    if ((op === Op.CALL || op === Op.TAILCALL) && pc >= entryPc) {
      const a = ins[pc + 1], n = ins[pc + 2], ci = lastGref.get(a);
      const cell = ci !== undefined ? code.consts[ci] as { value?: unknown } : null;
      const e = cell?.value;
      const clause = e instanceof CaseLambda ? caseLambdaClause(e, n) : null;
      if (e instanceof Primitive && n >= e.min && (e.max < 0 || n <= e.max)) {
        out.set(pc, { guard: `f === ${extra(e)}`, fn: extra(e.positional), prim: true });
      } else if (clause !== null && clause.code.arity === n && !clause.code.rest) {
        // A case-lambda (map, for-each, member, ...): the clause for this many arguments,
        // chosen now, called through its native code of the moment (it may not be compiled
        // yet); the guard is on the case-lambda the global held.
        out.set(pc, { guard: `f === ${extra(e)} && (t = ${extra(clause.code)}.jit) !== null`, fn: "t", clo: extra(clause) });
      } else if (e instanceof Closure && e.code.arity === n && !(op === Op.TAILCALL && e.code === code)) {
        // (A self tail call is a loop: TAILCALL's emitter.)
        if (e.code === code && entryPc === 0) {
          out.set(pc, { guard: `f === ${extra(e)} && CODE.jit === kiln_${id}`, fn: `kiln_${id}` });
        } else {
          const fn = e.code === code ? code.jit : nativeOf(e.code);
          if (fn) {
            const xf = extra(fn);
            const inline = op === Op.CALL && e.code !== code ? inlineBody(e, extra) : null;
            out.set(pc, { guard: `f === ${extra(e)} && ${extra(e.code)}.jit === ${xf}`, fn: xf, inline });
          }
        }
      }
    }
    if (op === Op.GREF) lastGref.set(ins[pc + 1], ins[pc + 2]);
    else if (writesFirstRegister(op)) lastGref.delete(ins[pc + 1]);
  }
  return out;
}

/**
 * Inlining (issue 8): a call to a small known procedure is replaced by its instructions. The
 * candidates are straight-line leaves of pure instructions (no calls, jumps, closures, free
 * variables, globals or stores; at most INLINE_WORDS of bytecode) ending in RET: accessors,
 * predicates, `(define (square x) (* x x))`. At the call site, under the direct-call guard
 * (the global still holds the same closure, whose native code is still the one compiled
 * with: redefining a builtin the callee inlines drops that code), the body runs on registers
 * q0...; anything it throws (a failed speculation, a type error) abandons it, and the call is
 * made as usual: the body has no effects, so the callee runs again from the start and raises
 * the error itself, with its own frame in the backtrace and its own source position.
 */
interface InlineBody { readonly params: number; readonly regs: number; readonly body: string; readonly result: string }

const INLINE_WORDS = 40;
const INLINE_OPS = new Set<Op>([Op.MOV, Op.CONST, Op.ADD, Op.SUB, Op.MUL, Op.NUMEQ, Op.LT, Op.LE, Op.GT, Op.GE,
  Op.CAR, Op.CDR, Op.NULLP, Op.PAIRP, Op.NOT, Op.ZEROP, Op.CONS, Op.EQ, Op.VREF, Op.VLEN, Op.SREF, Op.SLEN]);

function inlineBody(callee: Closure, extra: (v: unknown) => string): InlineBody | null {
  const code = callee.code, ins = code.code;
  if (code.rest || callee.free.length > 0 || ins.length > INLINE_WORDS) return null;
  let last = -1;
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (last >= 0) return null;  // something after the RET
    const op = ins[pc] as Op;
    if (op === Op.RET) last = pc;
    else if (!INLINE_OPS.has(op)) return null;
  }
  if (last < 0) return null;
  const names = new Map<number, string>();
  const savedPrefix = regPrefix, savedConst = constName;
  regPrefix = "q";
  constName = (i) => { let x = names.get(i); if (x === undefined) names.set(i, x = extra(code.consts[i])); return x; };
  try {
    const ctx = { code, ins, allRegs: "", entryPc: 0, direct: new Map<number, DirectCall>(), flonumConsts: flonumConstants(code, 0), closureTails: new Map<number, number>(), selfCalls: new Set<number>(), unbox: null, live: null, exits: INLINE_EXITS };
    const body: string[] = [];
    for (let pc = 0; pc < last; pc += instructionLength(ins, pc)) body.push(EMIT[ins[pc] as Op]({ ...ctx, pc }));
    return { params: code.nreq, regs: code.frameSize, body: body.join(" "), result: r(ins[last + 1]) };
  } finally {
    regPrefix = savedPrefix; constName = savedConst;
  }
}

/** How many registers each call from entryPc on spills (callTail: those below its callee slot). */
function spillSizes(code: Code, entryPc: number): number[] {
  const ins = code.code, out: number[] = [];
  for (let pc = entryPc; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (op === Op.CALL && ins[pc + 1] > 0) out.push(ins[pc + 1]);
    else if ((op === Op.CALLK1 || op === Op.CALLK2 || op === Op.CALLK3) && code.frameSize > 0) out.push(code.frameSize);
  }
  return out;
}

/** The spill sizes of the calls from entryPc on: one spiller each. */
function spillCounts(code: Code, entryPc: number): Set<number> { return new Set(spillSizes(code, entryPc)); }

/**
 * The registers the calls from entryPc on name for their spills, in all: the generated text
 * grows with it (calls times the registers live across them). A procedure over MAX_SPILL_WEIGHT
 * stays interpreted, and out of the Wasm tier, whose frames grow the same way: a loop summing
 * 1,500 calls, `(+ s (f0 j) (f1 j) ...)`, keeps each result live across the later calls, and its
 * 25,527 words of bytecode became 8.5 MB of JS (3.3 s of our compilation, more of V8's) or a
 * 22 MB Wasm function (over V8's limit).
 */
export const MAX_SPILL_WEIGHT = 1 << 17;

export function spillWeight(code: Code, entryPc: number): number {
  return spillSizes(code, entryPc).reduce((a, n) => a + n, 0);
}

/**
 * A forward scan of each basic block from entryPc that follows the registers holding a value
 * `source` recognizes at the instruction writing it (copied by MOV; forgotten when overwritten,
 * at a jump target, and at a CALL, whose callee's frame may reuse the registers above it).
 * `use` sees each CALL and TAILCALL whose callee register holds such a value.
 */
function callsThroughHeld<T>(code: Code, entryPc: number, source: (op: Op, pc: number) => T | undefined,
  use: (op: Op, pc: number, held: T) => void): void {
  const ins = code.code, targets = jumpTargets(code), held = new Map<number, T>();
  for (let pc = entryPc; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (targets.has(pc)) held.clear();
    if (op === Op.CALL || op === Op.TAILCALL) {
      const h = held.get(ins[pc + 1]);
      if (h !== undefined) use(op, pc, h);
    }
    const v = source(op, pc);
    if (v !== undefined) held.set(ins[pc + 1], v);
    else if (op === Op.MOV && held.has(ins[pc + 2])) held.set(ins[pc + 1], held.get(ins[pc + 2])!);
    else if (op === Op.CALL) held.clear();
    else if (writesFirstRegister(op)) held.delete(ins[pc + 1]);
  }
}

/**
 * TAILCALLs whose callee register holds, on every path, the closure a CLOSURE instruction of
 * this procedure made in the same basic block (copied by MOV or not), with the arity of the call.
 */
function closureTailCalls(code: Code, entryPc: number): Map<number, number> {
  const ins = code.code, out = new Map<number, number>();
  callsThroughHeld(code, entryPc, (op, pc) => (op === Op.CLOSURE ? ins[pc + 2] : undefined), (op, pc, ci) => {
    const callee = code.consts[ci];
    if (op === Op.TAILCALL && callee instanceof Code && !callee.rest && callee.nreq === ins[pc + 2]) out.set(pc, ci);
  });
  return out;
}

/**
 * CALL and TAILCALL sites whose callee register holds this closure itself: read from its self
 * slot (Code.selfSlot, a letrec lambda calling itself by its own name) in the same block.
 */
function selfCalls(code: Code, entryPc: number): Set<number> {
  const out = new Set<number>();
  if (code.selfSlot < 0) return out;
  const ins = code.code;
  callsThroughHeld(code, entryPc, (op, pc) => (op === Op.FREE && ins[pc + 2] === code.selfSlot ? true : undefined), (_, pc) => out.add(pc));
  return out;
}

/**
 * ADD/SUB/MUL sites whose operand register was just loaded (same basic block) with a Flonum
 * constant. A resume entry starts its scan at its entry: a constant loaded before the call it
 * resumes after is a register like any other there (its k<i> is not declared in that function;
 * found by the differential test: `(+ 1e21 (f ...))` resumed after the call to f).
 */
function flonumConstants(code: Code, entryPc: number): Map<number, { b?: number; c?: number }> {
  const ins = code.code, out = new Map<number, { b?: number; c?: number }>();
  const targets = jumpTargets(code);
  const lastConst = new Map<number, number>();
  for (let pc = entryPc; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (targets.has(pc)) lastConst.clear();
    if (op === Op.ADD || op === Op.SUB || op === Op.MUL) {
      const kb = lastConst.get(ins[pc + 2]), kc = lastConst.get(ins[pc + 3]);
      const isFlo = (i: number | undefined): i is number => i !== undefined && code.consts[i] instanceof Flonum;
      if (isFlo(kb) || isFlo(kc)) out.set(pc, { b: isFlo(kb) ? kb : undefined, c: isFlo(kc) ? kc : undefined });
    }
    if (op === Op.CONST) lastConst.set(ins[pc + 1], ins[pc + 2]);
    else if (writesFirstRegister(op)) lastConst.delete(ins[pc + 1]);
  }
  return out;
}

/**
 * Source of the factory body: `new Function("R", "K", "CODE", "X", source)` returns the native
 * function (X: the values `extras` collected, such as direct-call targets).
 *
 * With `entryPc` > 0 it is a resume entry instead: the rest of the procedure from the return
 * point `entryPc` of one of its calls, as `function (clo, depth, S, F)` that loads its
 * registers from the interpreter frame at S[F...] (the call's value already stored there).
 * Bytecode jumps only forward, so the instructions from entryPc on are a complete procedure
 * body of their own (DESIGN.md: frames resumed after reification run native again).
 */
export function generateSource(code: Code, id: number, entryPc = 0, extras: unknown[] = [], nativeOf?: NativeOf,
  counts?: { inlined: number }): string {
  const direct = directCalls(code, id, entryPc, extras, nativeOf);
  const flonumConsts = flonumConstants(code, entryPc);
  const closureTails = closureTailCalls(code, entryPc);
  const self = selfCalls(code, entryPc);
  if (entryPc === 0 && !code.rest) {
    // A non-tail call of itself through its self slot: a plain recursive JS call.
    for (const pc of self) {
      if (code.code[pc] === Op.CALL && code.code[pc + 2] === code.nreq && !direct.has(pc)) {
        direct.set(pc, { guard: `CODE.jit === kiln_${id}`, fn: `kiln_${id}`, clo: "clo" });
      }
    }
  }
  // Unboxed flonum locals, in the procedure's entry function only (resume entries stay tagged).
  const unbox = entryPc === 0 ? planUnboxing(code, (v) => { extras.push(v); return `x${extras.length - 1}`; }) : null;
  const exits = unbox?.exits ?? exitsFor(code, new Set());
  const ins = code.code;
  // Resume entries load (and chainedReturn reloads) only the registers live across their call.
  const live = entryPc > 0 ? liveAcrossCalls(code) : null;
  const nparams = code.nreq + (code.rest ? 1 : 0);
  const regs = Array.from({ length: code.frameSize }, (_, i) => r(i));
  const allRegs = unbox?.allRegs ?? regs.join(", ");
  const targets = new Set<number>();
  const usedConsts = new Set<number>();
  for (let pc = entryPc; pc < ins.length; pc += instructionLength(ins, pc)) {
    const info = OPCODES[ins[pc] as Op];
    let p = pc + 1;
    for (const kind of info.operands) {
      if (kind === "label") targets.add(ins[p]);
      if (kind === "const") usedConsts.add(ins[p]);
      p += kind === "captures" || kind === "regs" ? 1 + ins[p] : 1;
    }
  }
  const sorted = [...targets].sort((x, y) => x - y);
  const out: string[] = [];
  out.push(`"use strict";`);
  out.push(`const Pair = R.Pair, NIL = R.NIL, Box = R.Box, Closure = R.Closure, Primitive = R.Primitive, VmRequest = R.VmRequest, ` +
    `UNBOUND = R.UNBOUND, UNSPECIFIED = R.UNSPECIFIED, Signal = R.Signal, Reify = R.Reify, N = R.N, MString = R.MString, ` +
    `Flonum = R.Flonum, DEOPT = R.DEOPT, FREE = R.freeOf, FLO = R.flo, ` +
    `I = R.interrupts${unbox ? ", HOLE = R.HOLE, UI = R.unboxInexact, UN = R.unboxNumber, UF = R.UNBOX_FAILED" : ""};`);
  out.push(`const MAXD = R.maxDepth, TMAX = R.maxTail, FLAG = R.interrupts.flag, MAXE = MAXD + ${ENTRY_SLACK}, CUT = Math.min(MAXE, ${COLD_NATIVE_DEPTH + 1});`);
  const spills = spillCounts(code, entryPc);
  if (spills.size) out.push(`const ${[...spills].map((n) => `SPILL${n} = R.spiller(${n})`).join(", ")};`);
  if (extras.length) out.push(`const ${extras.map((_, i) => `x${i} = X[${i}]`).join(", ")};`);
  if (usedConsts.size) out.push(`const ${[...usedConsts].map((i) => `${k(i)} = K[${i}]`).join(", ")};`);
  // The registers of inlined callees (q0...) and the flag of an inlined call that completed.
  const inlineRegs = Math.max(0, ...[...direct.values()].map((d) => d.inline?.regs ?? 0));
  const inlineDecls = inlineRegs > 0 ? ["il = false", ...Array.from({ length: inlineRegs }, (_, i) => `q${i}`)] : [];
  if (entryPc === 0) {
    out.push(`return function kiln_${id}(clo, depth${nparams ? ", " + regs.slice(0, nparams).join(", ") : ""}) {`);
    out.push(`  let ${[...regs.slice(nparams), "v", "f", "a", "b", "t", "u", "q", "xp", "xe", "lc = 0", ...(unbox?.decls ?? []), ...inlineDecls].join(", ")};`);
  } else {
    out.push(`return function kiln_${id}_at${entryPc}(clo, depth, S, F) {`);
    // Only the registers live across the call, and the call's value, are loaded.
    const loaded = live?.get(entryPc);
    const load = loaded ? new Set([...loaded, ins[entryPc - 2]]) : null;
    out.push(`  let ${[...regs.map((x, i) => load === null || load.has(i) ? `${x} = S[F + ${i}]` : x), "v", "f", "a", "b", "t", "u", "q", "xp", "xe", "lc = 0", ...inlineDecls].join(", ")};`);
  }
  out.push(`  try {`);
  // The exits' record blocks open here, once the body has named them all (exits.ts).
  const head = out.length;
  // The warm-up budget. V8 optimizes a procedure recursing deeply before the code after its
  // calls has ever run (no type feedback there); the first return then deoptimizes it, and
  // every optimized activation on the JS stack is deoptimized lazily when returned into, each
  // a search of the code's relocation info (deep-recursion: 101,000 lazy deoptimizations).
  // So until a native chain of this procedure begun by the interpreter has returned normally
  // (CODE.warm, set by the interpreter), it goes native only COLD_NATIVE_DEPTH slots deep: past that it asks
  // the interpreter to make the call (a Reify: the frames below are spilled and resumed, the
  // usual protocol), and a deoptimization while cold reaches few activations. One compare of
  // a parameter with a constant per entry; the rest is read only past COLD (CUT, which a
  // budget smaller than COLD lowers). A rest list is already packed here, so such
  // procedures are left out.
  //
  // The depth budget is checked here too, not at the call sites: a call site's path for a
  // callee past the budget would first run when a deep chain reaches it, in optimized code
  // with no type feedback there, and V8's deoptimization would then reach every optimized
  // activation of the procedure on the JS stack (sort-list: 100,000 lazy deoptimizations).
  // This check's path runs early, while cold, in unoptimized code. Every function stored in
  // Code.jit checks at entry: this one, and the Wasm tier's wrapper. (A rest procedure is
  // called only through R.call, which checks.)
  if (entryPc === 0 && !code.rest) {
    out.push(`  if (depth >= CUT && (depth >= MAXE || CODE.warm === false)) { ${exits.guard(0, `return R.enter(clo, depth, [${regs.slice(0, nparams).join(", ")}]);`)} }`);
  }
  // The interrupt poll at entry (runtime/interrupts.ts): two loads and no store. A procedure's
  // entry polls at the top of its loop, where a self tail call polls every LOOP_POLL
  // iterations too (LOOP_POLL); a resume entry's chained returns look at the flag themselves.
  // The top of the loop is the procedure's start with its parameters set (a self tail call
  // has just assigned them): its exit is at pc 0.
  if (entryPc !== 0) out.push(`  if (FLAG[0] !== 0 || I.counting) { ${exits.guard(entryPc, "I.attention(1);")} }`);
  if (unbox?.entry) out.push(`  ${unbox.entry}`);
  out.push(`  for (;;) {`);
  if (entryPc === 0) out.push(`  if ((lc & ${LOOP_POLL - 1}) === 0 && (FLAG[0] !== 0 || I.counting)) { ${exits.guard(0, `I.attention(lc === 0 ? 1 : ${LOOP_POLL});`)} }`);
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i] > entryPc) out.push(`  L${sorted[i]}: {`);
  for (let pc = entryPc; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (targets.has(pc) && pc > entryPc) out.push(`  }`);
    const pre = unbox?.prefix.get(pc), own = unbox?.replace.get(pc);
    out.push(`    ${pre ? pre + " " : ""}${own ?? EMIT[ins[pc] as Op]({ code, ins, pc, allRegs, entryPc, direct, flonumConsts, closureTails, selfCalls: self, unbox, live, exits })}`);
  }
  if (targets.has(ins.length)) out.push(`  }`);
  out.push(`    throw new Error("native code ran off the end of ${"kiln_" + id}");`);
  out.push(`  }`);
  out.splice(head, 0, `  ${exits.opening()}`);
  out.push(`  ${exits.closing()}`);
  // The backstop (exits.ts): what no exit caught. It names no register (so nothing is kept
  // alive for it) and calls nothing, so it works when the JS stack is exhausted.
  out.push(`  } ${BACKSTOP}`);
  out.push(`};`);
  // Call sites inlined (inlineBody), for the JIT's statistics.
  if (counts) for (const d of direct.values()) if (d.inline) counts.inlined++;
  return out.join("\n");
}
