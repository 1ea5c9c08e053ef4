// What the JIT's one-pass analyses of a Code's bytecode need to know about its control and data
// flow: where jumps land (a basic block starts there) and which instructions write their first
// register operand. Derived from the opcode table.

import { Code } from "./code.js";
import { Op, OPCODES, instructionLength } from "./opcodes.js";

/** Ops whose first register operand is read, not written (every other op with one writes R[A]). */
export const NO_WRITE: ReadonlySet<Op> = new Set([Op.GSET, Op.GDEF, Op.SETFREEBOX, Op.SETBOX, Op.SETFREE, Op.JF, Op.JT, Op.RET, Op.TAILCALL]);

/** Whether the instruction at `op` writes the register named by its first operand. */
export function writesFirstRegister(op: Op): boolean {
  return OPCODES[op].operands[0] === "reg" && !NO_WRITE.has(op);
}

/** The pcs that some jump of `code` targets. */
export function jumpTargets(code: Code): Set<number> {
  const ins = code.code, out = new Set<number>();
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const info = OPCODES[ins[pc] as Op];
    let p = pc + 1;
    for (const kind of info.operands) {
      if (kind === "label") out.add(ins[p]);
      p += kind === "captures" || kind === "regs" ? 1 + ins[p] : 1;
    }
  }
  return out;
}

/**
 * The registers each instruction reads and whether it writes its first register operand,
 * derived from the operand kinds (CALL and TAILCALL read their callee and argument window,
 * CLOSURE its register captures, BOX the register it replaces).
 */
function readsOf(ins: Uint32Array, pc: number, out: number[]): void {
  const op = ins[pc] as Op, info = OPCODES[op];
  if (op === Op.CALL || op === Op.TAILCALL) {
    const a = ins[pc + 1], n = ins[pc + 2];
    out.push(a);
    for (let i = 0; i < n; i++) out.push(a + 5 + i);
    return;
  }
  let p = pc + 1, first = true;
  for (const kind of info.operands) {
    if (kind === "reg") {
      if (!first || !writesFirstRegister(op) || op === Op.BOX) out.push(ins[p]);
      p += 1;
    } else if (kind === "captures") {
      for (let i = 0; i < ins[p]; i++) { const w = ins[p + 1 + i]; if ((w & 1) === 0) out.push(w >> 1); }
      p += 1 + ins[p];
    } else if (kind === "regs") {
      for (let i = 0; i < ins[p]; i++) out.push(ins[p + 1 + i]);
      p += 1 + ins[p];
    } else p += 1;
    first = false;
  }
}

/** Bigger procedures are treated as if every register were live (the analysis is quadratic in the worst case). */
const LIVENESS_MAX_WORDS = 16_384;
const LIVENESS_MAX_REGISTERS = 1_024;

/**
 * The registers each instruction may read before writing them, from it on (live-in, one bit
 * per register), by pc. Bytecode jumps only forward, so one backward pass over the
 * instructions is exact. Null when the procedure is too big to analyse.
 */
export function liveIn(code: Code): Map<number, Uint32Array> | null {
  const ins = code.code, nregs = code.frameSize;
  if (ins.length > LIVENESS_MAX_WORDS || nregs > LIVENESS_MAX_REGISTERS) return null;
  const words = (nregs + 31) >>> 5;
  const pcs: number[] = [];
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) pcs.push(pc);
  const live = new Map<number, Uint32Array>();
  const empty = new Uint32Array(words);
  const at = (pc: number): Uint32Array => live.get(pc) ?? empty;
  const reads: number[] = [];
  for (let i = pcs.length - 1; i >= 0; i--) {
    const pc = pcs[i], op = ins[pc] as Op, next = i + 1 < pcs.length ? pcs[i + 1] : -1;
    const set = new Uint32Array(words);
    // Live after: the fall-through successor and the jump target.
    if (op !== Op.JMP && op !== Op.RET && op !== Op.TAILCALL && next >= 0) set.set(at(next));
    if (op === Op.JMP) set.set(at(ins[pc + 1]));
    else if (op === Op.JF || op === Op.JT) { const t = at(ins[pc + 2]); for (let w = 0; w < words; w++) set[w] |= t[w]; }
    if (writesFirstRegister(op) && op !== Op.BOX) { const r = ins[pc + 1]; set[r >>> 5] &= ~(1 << (r & 31)); }
    reads.length = 0;
    readsOf(ins, pc, reads);
    for (const r of reads) if (r < nregs) set[r >>> 5] |= 1 << (r & 31);
    live.set(pc, set);
  }
  return live;
}

/** Whether register `r` is in the live set `set` (liveIn). */
export function isLive(set: Uint32Array, r: number): boolean {
  return (set[r >>> 5] & (1 << (r & 31))) !== 0;
}

/**
 * For each return point of a CALL (pc + 3), the registers below the call's callee slot that the
 * code from there may read before writing them: all a frame must keep across the call (the
 * callee's frame overlaps the rest). Null when the procedure is too big to analyse.
 */
export function liveAcrossCalls(code: Code): Map<number, number[]> | null {
  const live = liveIn(code);
  if (live === null) return null;
  const ins = code.code, out = new Map<number, number[]>();
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (ins[pc] !== Op.CALL) continue;
    const after = live.get(pc + 3), a = ins[pc + 1], regs: number[] = [];
    if (after) for (let r = 0; r < a && r < code.frameSize; r++) if (isLive(after, r)) regs.push(r);
    out.set(pc + 3, regs);
  }
  return out;
}
