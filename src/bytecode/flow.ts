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
