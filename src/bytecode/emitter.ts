// Builds one Code object: appends instructions (checked against the opcode table's operand
// count), interns constants, records the pc -> source position table, patches jump labels.

import { Value } from "../runtime/values.js";
import { Code, SourcePos } from "./code.js";
import { Op, OPCODES } from "./opcodes.js";

export class Emitter {
  private readonly words: number[] = [];
  private readonly consts: Value[] = [];
  private readonly constIndex = new Map<Value, number>();
  private readonly linePcs: number[] = [];
  private readonly linePos: SourcePos[] = [];
  private pending: SourcePos | null = null;

  get pc(): number { return this.words.length; }

  /** The next instruction comes from source position `pos`. */
  mark(pos: SourcePos | null): void { if (pos) this.pending = pos; }

  emit(op: Op, ...operands: number[]): void {
    const info = OPCODES[op];
    const fixed = info.operands.filter((k) => k !== "captures" && k !== "regs").length;
    const variable = info.operands.length - fixed;
    if (variable === 0 ? operands.length !== fixed : operands.length !== fixed + 1 + operands[fixed]) {
      throw new Error(`emitter: ${info.name} given ${operands.length} operands`);
    }
    if (this.pending) {
      const last = this.linePos[this.linePos.length - 1];
      if (last !== this.pending) { this.linePcs.push(this.words.length); this.linePos.push(this.pending); }
      this.pending = null;
    }
    this.words.push(op, ...operands);
  }

  /** Emit a jump whose target is patched later; returns the operand's index. */
  emitJump(op: Op.JMP | Op.JF | Op.JT, reg?: number): number {
    if (op === Op.JMP) this.emit(op, 0); else this.emit(op, reg!, 0);
    return this.words.length - 1;
  }
  patch(operandIndex: number, target = this.words.length): void { this.words[operandIndex] = target; }

  constant(v: Value): number {
    // Numbers and other immutable atoms are shared; a Map keyed by value keeps 1 and 1.0
    // apart because integral inexacts are Flonum boxes.
    let i = this.constIndex.get(v);
    if (i === undefined) { i = this.consts.length; this.consts.push(v); this.constIndex.set(v, i); }
    return i;
  }

  finish(name: string, nreq: number, rest: boolean, frameSize: number, regNames: string[], pos: SourcePos | null): Code {
    return new Code(name, Uint32Array.from(this.words), this.consts, nreq, rest, frameSize,
      Int32Array.from(this.linePcs), this.linePos, regNames, pos);
  }
}
