// The bytecode verifier: code loaded from a file (a cache entry, the precompiled prelude) is
// checked before anything runs it, so a damaged or hostile file is rejected with a message
// instead of misbehaving. It reads only the opcode table (bytecode/opcodes.ts):
//   - every instruction decodes: a known opcode whose operands fit inside the code;
//   - registers lie inside the frame, a call's window (callee, link, arguments) too;
//   - constant indices lie inside the constant table, and constants the interpreter uses as a
//     global cell or as code hold one;
//   - free-variable indices lie inside the closure's free table, whose size is the number of
//     captures of the CLOSURE instructions that create it (all of them must agree);
//   - jump targets go forward to an instruction boundary, and control never runs off the end;
//   - the line table points inside the code, in order.
// Types of register contents stay dynamic (the interpreter checks them as it always does).

import { Code } from "../bytecode/code.js";
import { Op, OPCODES, OPCODE_COUNT, OpInfo } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { LIMITS } from "./code-serial.js";

export class VerifyError extends Error {
  constructor(message: string) { super(message); this.name = "VerifyError"; }
}

/** Link slots between a call's callee register and its first argument (frame layout, opcodes.ts). */
const LINK = 4;

/** What a constant operand must hold, for the opcodes whose constant is not plain data. */
const CONST_KIND: Partial<Record<string, "cell" | "code">> = { GREF: "cell", GSET: "cell", GDEF: "cell", CLOSURE: "code" };
/** Opcodes after which control does not fall through to the next instruction. */
export const TERMINAL = new Set(["RET", "TAILCALL", "JMP"]);
/** Opcodes whose `free` operand indexes another closure's free table (the letrec fix-up). */
const FOREIGN_FREE = new Set(["SETFREE"]);

const infoOf = (op: number): OpInfo | undefined => (op < OPCODE_COUNT ? OPCODES[op as Op] : undefined);
const GENERICS = new Set<number>();
for (let op = 0; op < OPCODE_COUNT; op++) { const g = infoOf(op)?.generic; if (g !== undefined) GENERICS.add(g); }

/** The kind a constant operand at operand index `i` of `info` must hold, if any. */
export function constKind(op: number, operandIndex: number): "cell" | "code" | null {
  const info = infoOf(op)!;
  const last = operandIndex === info.operands.length - 1;
  if ((info.inline !== undefined || GENERICS.has(op)) && last) return "cell";
  return CONST_KIND[info.name] ?? null;
}

/** Check a top-level Code (run with no arguments) and every Code reachable from its constants. */
export function verifyToplevel(root: Code, what: string): void {
  if (!(root instanceof Code)) throw new VerifyError(`${what}: expected compiled code`);
  if (root.nreq !== 0 || root.rest) throw new VerifyError(`${what}: top-level code must take no arguments`);
  const freeCount = new Map<Code, number>([[root, 0]]);
  const queue: Code[] = [root];
  const done = new Set<Code>();
  while (queue.length > 0) {
    const code = queue.pop()!;
    if (done.has(code)) continue;
    done.add(code);
    for (const inner of verifyOne(code, freeCount.get(code) ?? 0, what)) {
      const [c, n] = inner;
      const known = freeCount.get(c);
      if (known !== undefined && known !== n) {
        throw new VerifyError(`${what}: code ${c.name || "<anonymous>"} is closed over ${known} and over ${n} free variables`);
      }
      freeCount.set(c, n);
      queue.push(c);
    }
    for (const k of code.consts) if (k instanceof Code && !done.has(k) && !freeCount.has(k)) { freeCount.set(k, 0); queue.push(k); }
  }
}

/** Verify one Code; returns the Codes its CLOSURE instructions create, with their capture counts. */
function verifyOne(code: Code, nfree: number, what: string): [Code, number][] {
  const name = code.name || "<anonymous>";
  const fail = (pc: number, msg: string): never => { throw new VerifyError(`${what}: in ${name}, pc ${pc}: ${msg}`); };
  const ins = code.code, size = code.frameSize, nconst = code.consts.length;
  if (!(ins instanceof Uint32Array) || ins.length === 0) fail(0, "empty code");
  if (!Number.isInteger(size) || size < 1 || size > LIMITS.frameSize) fail(0, `bad frame size ${size}`);
  if (code.nreq + (code.rest ? 1 : 0) > size) fail(0, "parameters do not fit in the frame");
  const starts = new Set<number>();
  const jumps: [number, number][] = [];
  const created: [Code, number][] = [];
  const foreignFree: [number, number][] = [];
  let pc = 0, lastOp = -1;
  while (pc < ins.length) {
    const op = ins[pc];
    const info = infoOf(op) ?? fail(pc, `unknown opcode ${op}`);
    starts.add(pc);
    lastOp = op;
    const word = (i: number): number => (i < ins.length ? ins[i] : fail(pc, `${info.name}: instruction runs past the end of the code`));
    const reg = (r: number, role: string): void => { if (r >= size) fail(pc, `${info.name}: ${role} register ${r} outside the frame of ${size}`); };
    let at = pc + 1;
    let firstReg = -1;
    info.operands.forEach((kind, i) => {
      const x = word(at);
      switch (kind) {
        case "reg": reg(x, "operand"); if (firstReg < 0) firstReg = x; at++; break;
        case "const": {
          if (x >= nconst) fail(pc, `${info.name}: constant ${x} outside the table of ${nconst}`);
          const want = constKind(op, i), k = code.consts[x];
          if (want === "cell" && !(k instanceof Cell)) fail(pc, `${info.name}: constant ${x} is not a global cell`);
          if (want === "code" && !(k instanceof Code)) fail(pc, `${info.name}: constant ${x} is not code`);
          at++; break;
        }
        case "free":
          if (FOREIGN_FREE.has(info.name)) foreignFree.push([pc, x]);
          else if (x >= nfree) fail(pc, `${info.name}: free variable ${x} outside the table of ${nfree}`);
          at++; break;
        case "count":
          if (firstReg < 0) fail(pc, `${info.name}: a count with no call register`);
          if (firstReg + LINK + x >= size) fail(pc, `${info.name}: call window R${firstReg}..R${firstReg + LINK + x} outside the frame of ${size}`);
          at++; break;
        case "label":
          if (x <= pc || x >= ins.length) fail(pc, `${info.name}: jump target ${x} is not forward inside the code`);
          jumps.push([pc, x]); at++; break;
        case "captures": case "regs": {
          const n = word(at);
          word(at + n);
          for (let j = 1; j <= n; j++) {
            const c = ins[at + j];
            if (kind === "regs") reg(c, "listed");
            else if (c & 1) { if (c >>> 1 >= nfree) fail(pc, `${info.name}: captured free variable ${c >>> 1} outside the table of ${nfree}`); }
            else reg(c >>> 1, "captured");
          }
          if (kind === "captures" && info.name === "CLOSURE") created.push([code.consts[ins[pc + 2]] as Code, n]);
          at += 1 + n; break;
        }
      }
    });
    pc = at;
  }
  if (!TERMINAL.has(infoOf(lastOp)!.name)) fail(pc, "control runs off the end of the code");
  for (const [from, to] of jumps) if (!starts.has(to)) fail(from, `jump target ${to} is not an instruction boundary`);
  if (foreignFree.length > 0) {
    const most = created.reduce((m, [, n]) => Math.max(m, n), 0);
    for (const [at, x] of foreignFree) if (x >= most) fail(at, `free variable ${x} outside every closure this code creates`);
  }
  let prev = -1;
  for (let i = 0; i < code.linePcs.length; i++) {
    const lp = code.linePcs[i];
    if (lp < prev || lp >= ins.length) fail(lp, "line table out of order or outside the code");
    prev = lp;
  }
  if (code.linePos.length !== code.linePcs.length) fail(0, "line table columns differ in length");
  return created;
}
