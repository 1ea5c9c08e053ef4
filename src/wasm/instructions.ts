// The one table of WebAssembly instructions Kiln emits (core spec 5.4, plus the tail-call,
// non-trapping conversion, bulk-memory and fixed-width SIMD proposals that Node 20 ships):
// name, opcode (with its 0xFC/0xFD prefix), and the kinds of its immediates. The encoder
// (module-builder.ts), the disassembler (disassemble.ts) and the unit test that validates every
// form all read this table, so an instruction is described once.

export type ValType = "i32" | "i64" | "f32" | "f64" | "v128";

export const VALTYPE_CODE: { readonly [K in ValType]: number } = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };
export const VALTYPE_OF_CODE: ReadonlyMap<number, ValType> = new Map(
  (Object.entries(VALTYPE_CODE) as [ValType, number][]).map(([t, c]) => [c, t]));

/**
 * Immediate kinds: a block type; a label depth; a br_table's label vector then default; a
 * function, local, global or type index; a memory access (alignment exponent and offset); a
 * reserved zero byte (memory index); constants; a SIMD lane index; a 16-byte vector constant.
 */
export type Imm = "block" | "label" | "labels" | "func" | "local" | "global" | "type" | "table" | "memarg" | "zero" |
  "i32" | "i64" | "f32" | "f64" | "lane" | "v128";

export interface InstrInfo {
  readonly name: string;
  /** 0 for one-byte opcodes, else the prefix byte (0xFC, 0xFD). */
  readonly prefix: number;
  readonly code: number;
  readonly imms: readonly Imm[];
  /** The natural alignment exponent of a memory access (its default `align`). */
  readonly align?: number;
}

const table: InstrInfo[] = [];
function def(code: number, name: string, imms: readonly Imm[] = [], prefix = 0, align?: number): void {
  table.push({ name, prefix, code, imms, align });
}
/** Consecutive opcodes without immediates, named in order. */
function run(start: number, names: string, prefix = 0): void {
  names.trim().split(/\s+/).forEach((n, i) => def(start + i, n, [], prefix));
}

// Control (5.4.1) and parametric instructions.
def(0x00, "unreachable"); def(0x01, "nop");
def(0x02, "block", ["block"]); def(0x03, "loop", ["block"]); def(0x04, "if", ["block"]);
def(0x05, "else"); def(0x0b, "end");
def(0x0c, "br", ["label"]); def(0x0d, "br_if", ["label"]); def(0x0e, "br_table", ["labels"]);
def(0x0f, "return"); def(0x10, "call", ["func"]); def(0x11, "call_indirect", ["type", "table"]);
def(0x12, "return_call", ["func"]); def(0x13, "return_call_indirect", ["type", "table"]);
def(0x1a, "drop"); def(0x1b, "select");
// Variables.
def(0x20, "local.get", ["local"]); def(0x21, "local.set", ["local"]); def(0x22, "local.tee", ["local"]);
def(0x23, "global.get", ["global"]); def(0x24, "global.set", ["global"]);
// Memory: loads and stores with their natural alignment.
const mem: [number, string, number][] = [
  [0x28, "i32.load", 2], [0x29, "i64.load", 3], [0x2a, "f32.load", 2], [0x2b, "f64.load", 3],
  [0x2c, "i32.load8_s", 0], [0x2d, "i32.load8_u", 0], [0x2e, "i32.load16_s", 1], [0x2f, "i32.load16_u", 1],
  [0x30, "i64.load8_s", 0], [0x31, "i64.load8_u", 0], [0x32, "i64.load16_s", 1], [0x33, "i64.load16_u", 1],
  [0x34, "i64.load32_s", 2], [0x35, "i64.load32_u", 2],
  [0x36, "i32.store", 2], [0x37, "i64.store", 3], [0x38, "f32.store", 2], [0x39, "f64.store", 3],
  [0x3a, "i32.store8", 0], [0x3b, "i32.store16", 1], [0x3c, "i64.store8", 0], [0x3d, "i64.store16", 1], [0x3e, "i64.store32", 2],
];
for (const [c, n, a] of mem) def(c, n, ["memarg"], 0, a);
def(0x3f, "memory.size", ["zero"]); def(0x40, "memory.grow", ["zero"]);
// Constants.
def(0x41, "i32.const", ["i32"]); def(0x42, "i64.const", ["i64"]); def(0x43, "f32.const", ["f32"]); def(0x44, "f64.const", ["f64"]);
// Numeric (5.4.7): comparisons, arithmetic, conversions, in opcode order.
run(0x45, "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u");
run(0x50, "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u");
run(0x5b, "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge");
run(0x61, "f64.eq f64.ne f64.lt f64.gt f64.le f64.ge");
run(0x67, "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u " +
  "i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr");
run(0x79, "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u " +
  "i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr");
run(0x8b, "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign");
run(0x99, "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign");
run(0xa7, "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u " +
  "i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s " +
  "f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 " +
  "i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64");
run(0xc0, "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s");
// 0xFC: saturating conversions and bulk memory.
run(0, "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u " +
  "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u", 0xfc);
def(10, "memory.copy", ["zero", "zero"], 0xfc); def(11, "memory.fill", ["zero"], 0xfc);
// 0xFD: the SIMD subset for f64x2 kernels.
def(0, "v128.load", ["memarg"], 0xfd, 4); def(11, "v128.store", ["memarg"], 0xfd, 4);
def(12, "v128.const", ["v128"], 0xfd);
def(20, "f64x2.splat", [], 0xfd);
def(33, "f64x2.extract_lane", ["lane"], 0xfd); def(34, "f64x2.replace_lane", ["lane"], 0xfd);
def(83, "v128.any_true", [], 0xfd);
def(71, "f64x2.eq", [], 0xfd); def(72, "f64x2.ne", [], 0xfd); def(73, "f64x2.lt", [], 0xfd);
def(116, "f64x2.ceil", [], 0xfd); def(117, "f64x2.floor", [], 0xfd); def(122, "f64x2.trunc", [], 0xfd);
def(148, "f64x2.nearest", [], 0xfd);
def(236, "f64x2.abs", [], 0xfd); def(237, "f64x2.neg", [], 0xfd); def(239, "f64x2.sqrt", [], 0xfd);
run(240, "f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max", 0xfd);

export const INSTRUCTIONS: readonly InstrInfo[] = table;

export type InstrName = string;

/** By name, for the encoder. */
export const BY_NAME: ReadonlyMap<string, InstrInfo> = new Map(table.map((i) => [i.name, i]));
/** By (prefix << 16 | code), for the disassembler. */
export const BY_CODE: ReadonlyMap<number, InstrInfo> = new Map(table.map((i) => [i.prefix * 65536 + i.code, i]));

if (BY_NAME.size !== table.length || BY_CODE.size !== table.length) throw new Error("wasm instruction table has duplicates");
