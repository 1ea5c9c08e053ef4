// The bytecode verifier: code loaded from a file (a cache entry, the precompiled prelude) is
// checked before anything runs it, so a damaged or hostile file is rejected with a message
// instead of misbehaving. It reads only the opcode table (bytecode/opcodes.ts):
//   - every instruction decodes: a known opcode whose operands fit inside the code;
//   - registers lie inside the frame, a call's window (callee, link, arguments) too;
//   - constant indices lie inside the constant table, and constants the interpreter uses as a
//     global cell, as code or as a name (VALUE's form, in its error) hold one;
//   - free-variable indices lie inside the closure's free table, whose size is the number of
//     captures of the CLOSURE instructions that create it (all of them must agree);
//   - jump targets go forward to an instruction boundary, and control never runs off the end;
//   - the line table points inside the code, in order.
// Types of register contents stay dynamic (the interpreter checks them as it always does).

import { Code } from "../bytecode/code.js";
import { Op, OPCODES, OPCODE_COUNT, OpInfo } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { Sym } from "../runtime/values.js";
import { LIMITS } from "./code-serial.js";

export class VerifyError extends Error {
  constructor(message: string) { super(message); this.name = "VerifyError"; }
}

/** Link slots between a call's callee register and its first argument (frame layout, opcodes.ts). */
const LINK = 4;

/** What a constant operand must hold, for the opcodes whose constant is not plain data. */
const CONST_KIND: Partial<Record<string, ConstKind>> = { GREF: "cell", GSET: "cell", GDEF: "cell", CLOSURE: "code", VALUE: "symbol" };
/** Opcodes after which control does not fall through to the next instruction. */
export const TERMINAL = new Set(["RET", "TAILCALL", "JMP"]);
/** Opcodes whose `free` operand indexes another closure's free table (the letrec fix-up). */
const FOREIGN_FREE = new Set(["SETFREE"]);

const infoOf = (op: number): OpInfo | undefined => (op < OPCODE_COUNT ? OPCODES[op as Op] : undefined);
const GENERICS = new Set<number>();
for (let op = 0; op < OPCODE_COUNT; op++) { const g = infoOf(op)?.generic; if (g !== undefined) GENERICS.add(g); }

/** What a constant operand must hold: a global cell, code, or a symbol. */
export type ConstKind = "cell" | "code" | "symbol";

/** The kind a constant operand at operand index `i` of `info` must hold, if any. */
export function constKind(op: number, operandIndex: number): ConstKind | null {
  const info = infoOf(op)!;
  const last = operandIndex === info.operands.length - 1;
  if ((info.inline !== undefined || GENERICS.has(op)) && last) return "cell";
  return CONST_KIND[info.name] ?? null;
}

/** Instructions of verified code that inline a builtin: the code, the pc, and the cell's constant index. */
export type InlineSite = [code: Code, pc: number, cellIndex: number];

/**
 * Check a top-level Code (run with no arguments) and every Code reachable from its constants;
 * returns the inline primitive sites found (the loader re-checks them against the live builtins).
 */
export function verifyToplevel(root: Code, what: string): InlineSite[] {
  if (!(root instanceof Code)) throw new VerifyError(`${what}: expected compiled code`);
  if (root.nreq !== 0 || root.rest) throw new VerifyError(`${what}: top-level code must take no arguments`);
  const freeCount = new Map<Code, number>([[root, 0]]);
  const queue: Code[] = [root];
  const done = new Set<Code>();
  const inlines: InlineSite[] = [];
  while (queue.length > 0) {
    const code = queue.pop()!;
    if (done.has(code)) continue;
    done.add(code);
    for (const [c, n] of verifyOne(code, freeCount.get(code) ?? 0, what, inlines)) {
      const known = freeCount.get(c);
      if (known !== undefined && known !== n) {
        throw new VerifyError(`${what}: code ${c.name || "<anonymous>"} is closed over ${known} and over ${n} free variables`);
      }
      freeCount.set(c, n);
      queue.push(c);
    }
    for (const k of code.consts) if (k instanceof Code && !done.has(k) && !freeCount.has(k)) { freeCount.set(k, 0); queue.push(k); }
  }
  return inlines;
}

/**
 * Check one Code of a loaded unit (lazy-code.ts verifies each body when it is first used),
 * given the size of its closures' free table; returns the Codes its CLOSURE instructions
 * create, with their capture counts, for the caller to hold them to.
 */
export function verifyCode(code: Code, nfree: number, what: string, inlines: InlineSite[]): [Code, number][] {
  return verifyOne(code, nfree, what, inlines);
}

// The table in the shape the hot loop wants: per opcode, operand kinds as small integers and
// what each constant operand must hold (derived once from OPCODES).
const R_REG = 0, R_CONST = 1, R_COUNT = 2, R_LABEL = 3, R_FREE = 4, R_FOREIGN_FREE = 5, R_CAPTURES = 6, R_REGS = 7, R_IMM = 8;
const KIND_CODE: Record<string, number> = { reg: R_REG, const: R_CONST, count: R_COUNT, label: R_LABEL, free: R_FREE, imm: R_IMM, captures: R_CAPTURES, regs: R_REGS };
/** Constant operand requirements: 0 any datum, 1 a cell, 2 a cell of an inline op, 3 code, 4 a symbol. */
const C_ANY = 0, C_CELL = 1, C_INLINE_CELL = 2, C_CODE = 3, C_SYMBOL = 4;
const OPERANDS: (Int8Array | undefined)[] = [];
const CONSTS: (Int8Array | undefined)[] = [];
const IS_CLOSURE: boolean[] = [];
for (let op = 0; op < 256; op++) {
  const info = infoOf(op);
  if (info === undefined) continue;
  OPERANDS[op] = Int8Array.from(info.operands, (k) => (k === "free" && FOREIGN_FREE.has(info.name) ? R_FOREIGN_FREE : KIND_CODE[k]));
  CONSTS[op] = Int8Array.from(info.operands, (_, i) => {
    const kind = constKind(op, i);
    return kind === "code" ? C_CODE : kind === "symbol" ? C_SYMBOL : kind === "cell" ? (info.inline !== undefined ? C_INLINE_CELL : C_CELL) : C_ANY;
  });
  IS_CLOSURE[op] = info.name === "CLOSURE";
}
const TERMINAL_OP: boolean[] = Array.from({ length: 256 }, (_, op) => TERMINAL.has(infoOf(op)?.name ?? ""));

function failAt(code: Code, what: string, pc: number, op: number, msg: string): never {
  const info = op >= 0 ? infoOf(op) : undefined;
  throw new VerifyError(`${what}: in ${code.name || "<anonymous>"}, pc ${pc}: ${info ? info.name + ": " : ""}${msg}`);
}

/** Scratch for instruction starts, reused from one Code to the next. */
let starts = new Uint8Array(1024);

/** Verify one Code; returns the Codes its CLOSURE instructions create, with their capture counts. */
function verifyOne(code: Code, nfree: number, what: string, inlines: InlineSite[]): [Code, number][] {
  const ins = code.code, size = code.frameSize, consts = code.consts, nconst = consts.length, len = ins.length;
  let pc = 0, op = -1;
  if (!(ins instanceof Uint32Array) || len === 0) failAt(code, what, pc, op, "empty code");
  if (!Number.isInteger(size) || size < 1 || size > LIMITS.frameSize) failAt(code, what, pc, op, `bad frame size ${size}`);
  if (code.nreq + (code.rest ? 1 : 0) > size) failAt(code, what, pc, op, "parameters do not fit in the frame");
  if (starts.length < len) starts = new Uint8Array(Math.max(len, starts.length * 2));
  else starts.fill(0, 0, len);
  const jumps: number[] = [];
  const created: [Code, number][] = [];
  let foreignFree: number[] | null = null;
  while (pc < len) {
    op = ins[pc];
    const kinds = op < 256 ? OPERANDS[op] : undefined;
    if (kinds === undefined) { const bad = op; op = -1; failAt(code, what, pc, op, `unknown opcode ${bad}`); }
    const want = CONSTS[op]!;
    starts[pc] = 1;
    let at = pc + 1, firstReg = -1;
    for (let i = 0; i < kinds!.length; i++) {
      if (at >= len) failAt(code, what, pc, op, "instruction runs past the end of the code");
      const x = ins[at];
      switch (kinds![i]) {
        case R_REG:
          if (x >= size) failAt(code, what, pc, op, `operand register ${x} outside the frame of ${size}`);
          if (firstReg < 0) firstReg = x;
          at++; break;
        case R_CONST: {
          if (x >= nconst) failAt(code, what, pc, op, `constant ${x} outside the table of ${nconst}`);
          const w = want[i];
          if (w !== C_ANY) {
            const k = consts[x];
            if (w === C_CODE) { if (!(k instanceof Code)) failAt(code, what, pc, op, `constant ${x} is not code`); }
            else if (w === C_SYMBOL) { if (!(k instanceof Sym)) failAt(code, what, pc, op, `constant ${x} is not a symbol`); }
            else if (!(k instanceof Cell)) failAt(code, what, pc, op, `constant ${x} is not a global cell`);
            else if (w === C_INLINE_CELL) inlines.push([code, pc, x]);
          }
          at++; break;
        }
        case R_FREE:
          if (x >= nfree) failAt(code, what, pc, op, `free variable ${x} outside the table of ${nfree}`);
          at++; break;
        case R_FOREIGN_FREE:
          (foreignFree ??= []).push(pc, x);
          at++; break;
        case R_COUNT:
          if (firstReg < 0) failAt(code, what, pc, op, "a count with no call register");
          if (firstReg + LINK + x >= size) failAt(code, what, pc, op, `call window R${firstReg}..R${firstReg + LINK + x} outside the frame of ${size}`);
          at++; break;
        case R_LABEL:
          if (x <= pc || x >= len) failAt(code, what, pc, op, `jump target ${x} is not forward inside the code`);
          jumps.push(pc, x); at++; break;
        case R_IMM: at++; break;
        default: {  // captures, regs: a count, then that many operands
          const n = x, regs = kinds![i] === R_REGS;
          if (at + n >= len) failAt(code, what, pc, op, "instruction runs past the end of the code");
          for (let j = 1; j <= n; j++) {
            const c = ins[at + j];
            if (regs) { if (c >= size) failAt(code, what, pc, op, `listed register ${c} outside the frame of ${size}`); }
            else if (c & 1) { if (c >>> 1 >= nfree) failAt(code, what, pc, op, `captured free variable ${c >>> 1} outside the table of ${nfree}`); }
            else if (c >>> 1 >= size) failAt(code, what, pc, op, `captured register ${c >>> 1} outside the frame of ${size}`);
          }
          if (!regs && IS_CLOSURE[op]) created.push([consts[ins[pc + 2]] as Code, n]);
          at += 1 + n; break;
        }
      }
    }
    // VALUE: value C of D (E = 1: at least D), C = D the rest list or the count check only.
    if (op === Op.VALUE && (ins[pc + 3] > ins[pc + 4] || ins[pc + 5] > 1)) failAt(code, what, pc, op, "value index past the count, or a bad rest flag");
    if (at >= len && !TERMINAL_OP[op]) { pc = at; op = -1; failAt(code, what, pc, op, "control runs off the end of the code"); }
    pc = at;
  }
  op = -1;
  for (let i = 0; i < jumps.length; i += 2) if (!starts[jumps[i + 1]]) failAt(code, what, jumps[i], -1, `jump target ${jumps[i + 1]} is not an instruction boundary`);
  if (foreignFree !== null) {
    const most = created.reduce((m, [, n]) => Math.max(m, n), 0);
    for (let i = 0; i < foreignFree.length; i += 2) if (foreignFree[i + 1] >= most) failAt(code, what, foreignFree[i], -1, `free variable ${foreignFree[i + 1]} outside every closure this code creates`);
  }
  let prev = -1;
  for (let i = 0; i < code.linePcs.length; i++) {
    const lp = code.linePcs[i];
    if (lp < prev || lp >= ins.length) failAt(code, what, lp, -1, "line table out of order or outside the code");
    prev = lp;
  }
  if (code.linePos.length !== code.linePcs.length) failAt(code, what, 0, -1, "line table columns differ in length");
  return created;
}
