// Tier 1 code generation: one Code object -> the source of one JavaScript function.
//
// Shape of the output (registers are JS locals r0..rN; constants come from the constants
// array K, hoisted into k0..kN; nothing from the program is ever spliced into the text):
//
//   return function kiln_7(clo, depth, r0, r1) {     // the parameters are the registers
//     if (depth > MAX) return R.tooDeep(clo, [r0, r1]);
//     let r2, ...; let pc = 0, v, f, a, b, t;
//     try { for (;;) {                               // a self tail call is `continue`
//       L40: { L25: { ... break L25; ... } ... }     // forward jumps are breaks out of blocks
//     } } catch (e) { return R.fault(e, clo, pc, [r0, r1, ...]); }
//   }
//
// Bytecode has only forward jumps (every loop is a tail call), so labeled blocks that all open
// at the top and close at their targets express any jump. Each opcode has an emitter in
// EMIT, a table typed over every opcode, so a new opcode fails to type-check until it has one.

import { Code } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { MAX_NATIVE_DEPTH, nativeFrameWeight } from "./native-runtime.js";

interface Ctx {
  readonly code: Code;
  readonly ins: Uint32Array;
  readonly pc: number;
  readonly allRegs: string;
}

const r = (i: number): string => `r${i}`;
const k = (i: number): string => `k${i}`;
const args = (c: Ctx, a: number, n: number): string => Array.from({ length: n }, (_, i) => r(a + 5 + i)).join(", ");

/** A constant as an expression: safe integers as literals (our own formatting), anything else through k<i>. */
function constExpr(c: Ctx, i: number): string {
  const v = c.code.consts[i];
  return typeof v === "number" && Number.isSafeInteger(v) ? String(v) : k(i);
}

/** The non-tail call protocol: value in v, or return the Reify with this frame appended. */
function callTail(c: Ctx, retPc: number, dst: number, base: number): string {
  return `if (v instanceof Signal) { v = R.settle(v, depth + 1); ` +
    `if (v instanceof Reify) return R.pushFrame(v, clo, ${retPc}, ${dst}, ${base}, [${c.allRegs}]); }`;
}

/**
 * Inline arithmetic: two int32s give an exact result directly (+ and - cannot leave the safe
 * range); other pairs of JS numbers are exact only if both are integers and the result is safe,
 * and inexact (raw) when the result is not integral; everything else takes the generic path.
 */
function arith(op: string, generic: string, mul = false) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc;
    const int32 = mul
      ? `if ((a | 0) === a && (b | 0) === b && Number.isSafeInteger(t = a * b)) t = t + 0;`
      : `if ((a | 0) === a && (b | 0) === b) t = a ${op} b;`;
    const slow = `t = (pc = ${p}, N.${generic}(a, b));`;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (typeof a === "number" && typeof b === "number") { ${int32} else if (Number.isInteger(t = a ${op} b) && ` +
      `!(Number.isSafeInteger(t) && Number.isInteger(a) && Number.isInteger(b))) ${slow}${mul ? " else if (t === 0) t = 0;" : ""} } ` +
      `else ${slow} ${r(I[p + 1])} = t;`;
  };
}

function compare(op: string, generic: string) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `${r(I[p + 1])} = (typeof a === "number" && typeof b === "number") ? a ${op} b : (pc = ${p}, N.${generic}(a, b));`;
  };
}

/** CALLK1..3: an inline op whose builtin was redefined calls the cell's current value. */
function callk(n: number) {
  return (c: Ctx): string => {
    const I = c.ins, p = c.pc, len = instructionLength(I, p);
    const argList = Array.from({ length: n }, (_, i) => r(I[p + 2 + i])).join(", ");
    return `pc = ${p}; v = R.call(${k(I[p + len - 1])}.value, [${argList}], depth + 1); ` +
      callTail(c, p + len, I[p + 1], c.code.frameSize) + ` ${r(I[p + 1])} = v;`;
  };
}

const EMIT: { readonly [K in Op]: (c: Ctx) => string } = {
  [Op.MOV]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])};`,
  [Op.CONST]: (c) => `${r(c.ins[c.pc + 1])} = ${constExpr(c, c.ins[c.pc + 2])};`,
  [Op.GREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `v = ${k(I[p + 2])}.value; if (v === UNBOUND) { pc = ${p}; R.unbound(${k(I[p + 2])}); } ${r(I[p + 1])} = v;`;
  },
  [Op.GSET]: (c) => {
    const I = c.ins, p = c.pc, cell = k(I[p + 2]);
    return `if (${cell}.value === UNBOUND) { pc = ${p}; R.unbound(${cell}); } ${cell}.value = ${r(I[p + 1])}; if (${cell}.inlined) R.hooks.redefined(${cell});`;
  },
  [Op.GDEF]: (c) => {
    const I = c.ins, p = c.pc, cell = k(I[p + 2]);
    return `${cell}.value = ${r(I[p + 1])}; if (${cell}.inlined) R.hooks.redefined(${cell});`;
  },
  [Op.FREE]: (c) => `${r(c.ins[c.pc + 1])} = clo.free[${c.ins[c.pc + 2]}];`,
  [Op.FREEBOX]: (c) => `${r(c.ins[c.pc + 1])} = clo.free[${c.ins[c.pc + 2]}].v;`,
  [Op.SETFREEBOX]: (c) => `clo.free[${c.ins[c.pc + 2]}].v = ${r(c.ins[c.pc + 1])};`,
  [Op.BOX]: (c) => `${r(c.ins[c.pc + 1])} = new Box(${r(c.ins[c.pc + 1])});`,
  [Op.UNBOX]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])}.v;`,
  [Op.SETBOX]: (c) => `${r(c.ins[c.pc + 1])}.v = ${r(c.ins[c.pc + 2])};`,
  [Op.CLOSURE]: (c) => {
    const I = c.ins, p = c.pc, n = I[p + 3];
    const caps = Array.from({ length: n }, (_, i) => {
      const w = I[p + 4 + i];
      return w & 1 ? `clo.free[${w >> 1}]` : r(w >> 1);
    });
    return `${r(I[p + 1])} = new Closure(${k(I[p + 2])}, [${caps.join(", ")}]);`;
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
    return `f = ${r(a)}; ` +
      `if (f instanceof Closure && f.code.arity === ${n} && f.code.jit !== null && depth < ${MAX_NATIVE_DEPTH}) v = f.code.jit(f, depth + ${nativeFrameWeight(c.code.frameSize)}${n ? ", " + as : ""}); ` +
      `else { pc = ${p}; v = R.call(f, [${as}], depth + 1); } ` +
      callTail(c, p + 3, a, a) + ` ${r(a)} = v;`;
  },
  [Op.TAILCALL]: (c) => {
    const I = c.ins, p = c.pc, a = I[p + 1], n = I[p + 2], as = args(c, a, n);
    const code = c.code;
    const selfLoop = !code.rest && n === code.nreq
      ? `if (f instanceof Closure && f.code === CODE) { if (CODE.jit === null) return R.tail(f, [${as}]); clo = f; ` +
        Array.from({ length: n }, (_, i) => `${r(i)} = ${r(a + 5 + i)};`).join(" ") + ` continue; } `
      : "";
    return `pc = ${p}; f = ${r(a)}; ${selfLoop}` +
      `if (f instanceof Primitive) { if (f.max >= 0 && ${n} >= f.min && ${n} <= f.max) v = f.fn(${as}); else v = R.primitive(f, [${as}]); ` +
      `return v instanceof VmRequest ? R.tailRequest(v) : v; } ` +
      `return R.tail(f, [${as}]);`;
  },
  [Op.RET]: (c) => `return ${r(c.ins[c.pc + 1])};`,
  [Op.ADD]: arith("+", "add"),
  [Op.SUB]: arith("-", "sub"),
  [Op.MUL]: arith("*", "mul", true),
  [Op.NUMEQ]: compare("===", "numEq"),
  [Op.LT]: compare("<", "lt"),
  [Op.LE]: compare("<=", "le"),
  [Op.GT]: compare(">", "gt"),
  [Op.GE]: compare(">=", "ge"),
  [Op.CAR]: (c) => `a = ${r(c.ins[c.pc + 2])}; ${r(c.ins[c.pc + 1])} = a instanceof Pair ? a.car : (pc = ${c.pc}, R.carFail(a));`,
  [Op.CDR]: (c) => `a = ${r(c.ins[c.pc + 2])}; ${r(c.ins[c.pc + 1])} = a instanceof Pair ? a.cdr : (pc = ${c.pc}, R.cdrFail(a));`,
  [Op.NULLP]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === NIL;`,
  [Op.PAIRP]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} instanceof Pair;`,
  [Op.NOT]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === false;`,
  [Op.ZEROP]: (c) => `a = ${r(c.ins[c.pc + 2])}; ${r(c.ins[c.pc + 1])} = typeof a === "number" ? a === 0 : (pc = ${c.pc}, N.isZero(a));`,
  [Op.CONS]: (c) => `${r(c.ins[c.pc + 1])} = new Pair(${r(c.ins[c.pc + 2])}, ${r(c.ins[c.pc + 3])});`,
  [Op.EQ]: (c) => `${r(c.ins[c.pc + 1])} = ${r(c.ins[c.pc + 2])} === ${r(c.ins[c.pc + 3])};`,
  [Op.VREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(Array.isArray(a) && typeof b === "number" && (b >>> 0) === b && b < a.length)) { pc = ${p}; R.vectorIndexFail("vector-ref", a, b); } ` +
      `${r(I[p + 1])} = a[b];`;
  },
  [Op.VSET]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(Array.isArray(a) && typeof b === "number" && (b >>> 0) === b && b < a.length)) { pc = ${p}; R.vectorIndexFail("vector-set!", a, b); } ` +
      `a[b] = ${r(I[p + 4])}; ${r(I[p + 1])} = UNSPECIFIED;`;
  },
  [Op.VLEN]: (c) => `a = ${r(c.ins[c.pc + 2])}; ${r(c.ins[c.pc + 1])} = Array.isArray(a) ? a.length : (pc = ${c.pc}, R.vectorLengthFail(a));`,
  [Op.SREF]: (c) => {
    const I = c.ins, p = c.pc;
    return `a = ${r(I[p + 2])}; b = ${r(I[p + 3])}; ` +
      `if (!(a instanceof MString && typeof b === "number" && (b >>> 0) === b && b < a.length)) { pc = ${p}; R.stringIndexFail(a, b); } ` +
      `${r(I[p + 1])} = R.char(a.codePointAt(b));`;
  },
  [Op.SLEN]: (c) => `a = ${r(c.ins[c.pc + 2])}; ${r(c.ins[c.pc + 1])} = a instanceof MString ? a.length : (pc = ${c.pc}, R.stringLengthFail(a));`,
  [Op.CALLK1]: callk(1),
  [Op.CALLK2]: callk(2),
  [Op.CALLK3]: callk(3),
};

/** Source of the factory body: `new Function("R", "K", "CODE", source)` returns the native function. */
export function generateSource(code: Code, id: number): string {
  const ins = code.code;
  const nparams = code.nreq + (code.rest ? 1 : 0);
  const regs = Array.from({ length: code.frameSize }, (_, i) => r(i));
  const allRegs = regs.join(", ");
  const targets = new Set<number>();
  const usedConsts = new Set<number>();
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
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
    `I = R.interrupts;`);
  if (usedConsts.size) out.push(`const ${[...usedConsts].map((i) => `${k(i)} = K[${i}]`).join(", ")};`);
  out.push(`return function kiln_${id}(clo, depth${nparams ? ", " + regs.slice(0, nparams).join(", ") : ""}) {`);
  const locals = regs.slice(nparams);
  out.push(`  let ${[...locals, "pc = 0", "v", "f", "a", "b", "t"].join(", ")};`);
  out.push(`  try {`);
  out.push(`  for (;;) {`);
  // The interrupt poll: at entry and at every self tail call (runtime/interrupts.ts).
  out.push(`  if (--I.fuel < 0) I.poll();`);
  for (let i = sorted.length - 1; i >= 0; i--) out.push(`  L${sorted[i]}: {`);
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (targets.has(pc)) out.push(`  }`);
    out.push(`    ${EMIT[ins[pc] as Op]({ code, ins, pc, allRegs })}`);
  }
  if (targets.has(ins.length)) out.push(`  }`);
  out.push(`    throw new Error("native code ran off the end of ${"kiln_" + id}");`);
  out.push(`  }`);
  out.push(`  } catch (e) { return R.fault(e, clo, pc, [${allRegs}]); }`);
  out.push(`};`);
  return out.join("\n");
}
