// The opcode table's invariants: every opcode described once, names unique, inline ops
// well-formed, and their generic replacements the same length (patching relies on it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { OPCODES, OPCODE_COUNT, INLINE_OPS, Op, inlineArity, OpInfo } from "../../src/bytecode/opcodes.js";

const entries = Object.entries(OPCODES) as [string, OpInfo][];

test("opcodes are numbered 0..N-1 with unique names", () => {
  assert.deepEqual(entries.map(([k]) => Number(k)), [...Array(OPCODE_COUNT).keys()]);
  assert.equal(new Set(entries.map(([, i]) => i.name)).size, OPCODE_COUNT);
  assert.equal(OPCODES[Op.MOV].name, "MOV");
  assert.equal(OPCODES[Op.CALLK3].name, "CALLK3");
});

test("inline ops end in a cell operand and have a same-length generic form", () => {
  for (const [, info] of entries) {
    if (info.inline === undefined) continue;
    assert.equal(info.operands[info.operands.length - 1], "const", info.name);
    assert.ok(info.generic !== undefined, info.name);
    assert.deepEqual(OPCODES[info.generic!].operands, info.operands, info.name);
  }
});

test("inline table maps builtin names to ops of the right arity", () => {
  assert.equal(INLINE_OPS.get("+"), Op.ADD);
  assert.equal(inlineArity(Op.ADD), 2);
  assert.equal(inlineArity(Op.CAR), 1);
  assert.equal(inlineArity(Op.VSET), 3);
});
