// SRFI 151 (bitwise operations) on exact integers of any size: the first-order procedures,
// installed as %-prefixed primitives and exported under their SRFI names by
// src/lib/libraries/srfi/151.sld (which also defines the higher-order ones in Scheme).
//
// Integers are read as semi-infinite two's-complement bit strings. Arguments are exact
// integers: raw JS numbers (safe integers) or bigints. When every operand fits in 32 signed
// bits the JS int32 operators are used; otherwise the operation runs on BigInt, whose
// bitwise operators already have two's-complement semantics on negative values. Results go
// back through normBig, so an exact integer is a bigint only outside the safe range.
// Bit indexes (start, end, index, count) are exact non-negative integers small enough to be
// JS numbers.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError, rangeError } from "../runtime/errors.js";
import { Value, arrayToList, listToArray } from "../runtime/values.js";
import { normBig } from "../runtime/numbers.js";

type Int = number | bigint;

function isInt32(x: Int): x is number { return typeof x === "number" && (x | 0) === x; }

/** An exact integer argument. */
function intArg(who: string, x: Value): Int {
  if (typeof x === "number" ? Number.isInteger(x) : typeof x === "bigint") return x;
  return typeError(who, "an exact integer", x);
}

/** A bit index or field bound: an exact non-negative integer that is a JS number. */
function indexArg(who: string, x: Value): number {
  if (typeof x === "number" && Number.isInteger(x)) {
    if (x >= 0) return x;
    return rangeError(who, "bit index", x);
  }
  if (typeof x === "bigint") return rangeError(who, "bit index", x);
  return typeError(who, "an exact non-negative integer", x);
}

/** start and end of a bit field, start <= end. */
function fieldArgs(who: string, start: Value, end: Value): [number, number] {
  const s = indexArg(who, start), e = indexArg(who, end);
  if (e < s) rangeError(who, "end index", end);
  return [s, e];
}

const big = (x: Int): bigint => (typeof x === "bigint" ? x : BigInt(x));
const norm = (b: bigint): Value => normBig(b);

/** The mask with bits start..end-1 set. */
function fieldMask(start: number, end: number): bigint {
  return ((1n << BigInt(end - start)) - 1n) << BigInt(start);
}

// ---- Basic operations ---------------------------------------------------------------------

function not(i: Int): Value { return isInt32(i) ? ~i : norm(~big(i)); }

/** A variadic associative operation with an identity. */
function fold(who: string, identity: number, op32: (a: number, b: number) => number,
  opBig: (a: bigint, b: bigint) => bigint): (args: Value[]) => Value {
  return (args: Value[]) => {
    let acc: Int = identity;
    for (const a of args) {
      const x = intArg(who, a);
      acc = isInt32(acc) && isInt32(x) ? op32(acc, x) : opBig(big(acc), big(x));
    }
    return typeof acc === "bigint" ? norm(acc) : acc;
  };
}

/** A dyadic operation. */
function dyadic(who: string, op: (a: bigint, b: bigint) => bigint, op32: (a: number, b: number) => number) {
  return (a: Value, b: Value): Value => {
    const x = intArg(who, a), y = intArg(who, b);
    return isInt32(x) && isInt32(y) ? op32(x, y) : norm(op(big(x), big(y)));
  };
}

// ---- Integer operations -------------------------------------------------------------------

function arithmeticShift(i: Value, count: Value): Value {
  const x = intArg("arithmetic-shift", i);
  const c = intArg("arithmetic-shift", count);
  if (c === 0) return x;
  if (typeof c === "bigint") {
    if (c < 0n) return big(x) < 0n ? -1 : 0;
    return rangeError("arithmetic-shift", "shift count", count);
  }
  if (c < 0 && isInt32(x)) return c <= -32 ? (x < 0 ? -1 : 0) : x >> -c;
  return norm(c > 0 ? big(x) << BigInt(c) : big(x) >> BigInt(-c));
}

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Ones of a non-negative integer or zeros of a negative one. */
function bitCount(i: Value): number {
  const x = intArg("bit-count", i);
  if (isInt32(x)) return popcount32(x < 0 ? ~x : x);
  let b = big(x);
  if (b < 0n) b = ~b;
  let n = 0;
  for (const ch of b.toString(16)) n += popcount32(parseInt(ch, 16));
  return n;
}

/** Bits needed for a non-negative integer. */
function lengthOfNonNegative(b: bigint): number {
  return b === 0n ? 0 : b.toString(2).length;
}

function integerLength(i: Value, who = "integer-length"): number {
  const x = intArg(who, i);
  if (isInt32(x)) return 32 - Math.clz32(x < 0 ? ~x : x);
  const b = big(x);
  return lengthOfNonNegative(b < 0n ? ~b : b);
}

function bitwiseIf(mask: Value, i: Value, j: Value): Value {
  const m = intArg("bitwise-if", mask), x = intArg("bitwise-if", i), y = intArg("bitwise-if", j);
  if (isInt32(m) && isInt32(x) && isInt32(y)) return (m & x) | (~m & y);
  const bm = big(m);
  return norm((bm & big(x)) | (~bm & big(y)));
}

// ---- Single-bit operations ----------------------------------------------------------------

function bitSet(index: Value, i: Value, who = "bit-set?"): boolean {
  const k = indexArg(who, index), x = intArg(who, i);
  if (isInt32(x)) return k >= 31 ? x < 0 : ((x >> k) & 1) === 1;
  return ((big(x) >> BigInt(k)) & 1n) === 1n;
}

function copyBit(index: Value, i: Value, bit: Value): Value {
  const k = indexArg("copy-bit", index), x = big(intArg("copy-bit", i));
  const m = 1n << BigInt(k);
  return norm(bit !== false ? x | m : x & ~m);
}

function bitSwap(index1: Value, index2: Value, i: Value): Value {
  const a = bitSet(index1, i, "bit-swap"), b = bitSet(index2, i, "bit-swap");
  if (a === b) return i;
  const x = big(i), m = (1n << BigInt(index1 as number)) | (1n << BigInt(index2 as number));
  return norm(x ^ m);
}

function anyBitSet(test: Value, i: Value): boolean {
  const t = intArg("any-bit-set?", test), x = intArg("any-bit-set?", i);
  if (isInt32(t) && isInt32(x)) return (t & x) !== 0;
  return (big(t) & big(x)) !== 0n;
}

function everyBitSet(test: Value, i: Value): boolean {
  const t = intArg("every-bit-set?", test), x = intArg("every-bit-set?", i);
  if (isInt32(t) && isInt32(x)) return (t & x) === t;
  const bt = big(t);
  return (bt & big(x)) === bt;
}

function firstSetBit(i: Value): number {
  const x = intArg("first-set-bit", i);
  if (x === 0) return -1;
  if (isInt32(x)) return 31 - Math.clz32(x & -x);
  const b = big(x);
  return lengthOfNonNegative(b & -b) - 1;
}

// ---- Bit fields ---------------------------------------------------------------------------

function bitField(i: Value, start: Value, end: Value): Value {
  const x = intArg("bit-field", i);
  const [s, e] = fieldArgs("bit-field", start, end);
  if (isInt32(x) && e - s < 31 && s < 32) return (x >> s) & ((1 << (e - s)) - 1);
  return norm(BigInt.asUintN(e - s, big(x) >> BigInt(s)));
}

function bitFieldAny(i: Value, start: Value, end: Value): boolean {
  const x = big(intArg("bit-field-any?", i));
  const [s, e] = fieldArgs("bit-field-any?", start, end);
  return (x & fieldMask(s, e)) !== 0n;
}

function bitFieldEvery(i: Value, start: Value, end: Value): boolean {
  const x = big(intArg("bit-field-every?", i));
  const [s, e] = fieldArgs("bit-field-every?", start, end);
  const m = fieldMask(s, e);
  return (x & m) === m;
}

function bitFieldClear(i: Value, start: Value, end: Value): Value {
  const x = big(intArg("bit-field-clear", i));
  const [s, e] = fieldArgs("bit-field-clear", start, end);
  return norm(x & ~fieldMask(s, e));
}

function bitFieldSet(i: Value, start: Value, end: Value): Value {
  const x = big(intArg("bit-field-set", i));
  const [s, e] = fieldArgs("bit-field-set", start, end);
  return norm(x | fieldMask(s, e));
}

/** dest with bits start..end-1 taken from `bits`, which is already positioned there. */
function replaceField(dest: bigint, bits: bigint, s: number, e: number): bigint {
  const m = fieldMask(s, e);
  return (dest & ~m) | (bits & m);
}

function bitFieldReplace(dest: Value, source: Value, start: Value, end: Value): Value {
  const d = big(intArg("bit-field-replace", dest)), src = big(intArg("bit-field-replace", source));
  const [s, e] = fieldArgs("bit-field-replace", start, end);
  return norm(replaceField(d, src << BigInt(s), s, e));
}

function bitFieldReplaceSame(dest: Value, source: Value, start: Value, end: Value): Value {
  const d = big(intArg("bit-field-replace-same", dest)), src = big(intArg("bit-field-replace-same", source));
  const [s, e] = fieldArgs("bit-field-replace-same", start, end);
  return norm(replaceField(d, src, s, e));
}

function bitFieldRotate(i: Value, count: Value, start: Value, end: Value): Value {
  const x = big(intArg("bit-field-rotate", i));
  const c = intArg("bit-field-rotate", count);
  const [s, e] = fieldArgs("bit-field-rotate", start, end);
  const width = e - s;
  if (width === 0) return i;
  const shift = Number(((big(c) % BigInt(width)) + BigInt(width)) % BigInt(width));
  if (shift === 0) return i;
  const w = BigInt(width), field = BigInt.asUintN(width, x >> BigInt(s));
  const rotated = BigInt.asUintN(width, (field << BigInt(shift)) | (field >> (w - BigInt(shift))));
  return norm(replaceField(x, rotated << BigInt(s), s, e));
}

function bitFieldReverse(i: Value, start: Value, end: Value): Value {
  const x = big(intArg("bit-field-reverse", i));
  const [s, e] = fieldArgs("bit-field-reverse", start, end);
  const width = e - s;
  if (width < 2) return i;
  const digits = BigInt.asUintN(width, x >> BigInt(s)).toString(2).padStart(width, "0");
  const reversed = BigInt("0b" + digits.split("").reverse().join(""));
  return norm(replaceField(x, reversed << BigInt(s), s, e));
}

// ---- Conversion to and from booleans ------------------------------------------------------

/** Bits 0..len-1 of i as booleans; len defaults to (integer-length i). */
function bitsArray(who: string, i: Value, len: Value): boolean[] {
  const x = big(intArg(who, i));
  const n = len === undefined ? integerLength(i, who) : indexArg(who, len);
  const out: boolean[] = [];
  for (let k = 0; k < n; k++) out.push(((x >> BigInt(k)) & 1n) === 1n);
  return out;
}

/** The non-negative integer whose bit k is true when flags[k] is true. */
function fromFlags(who: string, flags: Value[]): Value {
  let b = 0n;
  for (let k = flags.length - 1; k >= 0; k--) {
    const f = flags[k];
    if (typeof f !== "boolean") typeError(who, "a boolean", f);
    b = (b << 1n) | (f ? 1n : 0n);
  }
  return norm(b);
}

function listToBits(l: Value): Value {
  const xs = listToArray(l);
  if (xs === null) return typeError("list->bits", "a proper list", l);
  return fromFlags("list->bits", xs);
}

function vectorToBits(v: Value): Value {
  if (!Array.isArray(v)) return typeError("vector->bits", "a vector", v);
  return fromFlags("vector->bits", v);
}

export const bitwisePrimitives: PrimSpec[] = [
  prim("%bitwise-not", 1, 1, (i: Value) => not(intArg("bitwise-not", i))),
  prim("%bitwise-and", 0, -1, fold("bitwise-and", -1, (a, b) => a & b, (a, b) => a & b)),
  prim("%bitwise-ior", 0, -1, fold("bitwise-ior", 0, (a, b) => a | b, (a, b) => a | b)),
  prim("%bitwise-xor", 0, -1, fold("bitwise-xor", 0, (a, b) => a ^ b, (a, b) => a ^ b)),
  prim("%bitwise-eqv", 0, -1, fold("bitwise-eqv", -1, (a, b) => ~(a ^ b), (a, b) => ~(a ^ b))),
  prim("%bitwise-nand", 2, 2, dyadic("bitwise-nand", (a, b) => ~(a & b), (a, b) => ~(a & b))),
  prim("%bitwise-nor", 2, 2, dyadic("bitwise-nor", (a, b) => ~(a | b), (a, b) => ~(a | b))),
  prim("%bitwise-andc1", 2, 2, dyadic("bitwise-andc1", (a, b) => ~a & b, (a, b) => ~a & b)),
  prim("%bitwise-andc2", 2, 2, dyadic("bitwise-andc2", (a, b) => a & ~b, (a, b) => a & ~b)),
  prim("%bitwise-orc1", 2, 2, dyadic("bitwise-orc1", (a, b) => ~a | b, (a, b) => ~a | b)),
  prim("%bitwise-orc2", 2, 2, dyadic("bitwise-orc2", (a, b) => a | ~b, (a, b) => a | ~b)),
  prim("%arithmetic-shift", 2, 2, arithmeticShift),
  prim("%bit-count", 1, 1, bitCount),
  prim("%integer-length", 1, 1, (i: Value) => integerLength(i)),
  prim("%bitwise-if", 3, 3, bitwiseIf),
  prim("%bit-set?", 2, 2, (k: Value, i: Value) => bitSet(k, i)),
  prim("%copy-bit", 3, 3, copyBit),
  prim("%bit-swap", 3, 3, bitSwap),
  prim("%any-bit-set?", 2, 2, anyBitSet),
  prim("%every-bit-set?", 2, 2, everyBitSet),
  prim("%first-set-bit", 1, 1, firstSetBit),
  prim("%bit-field", 3, 3, bitField),
  prim("%bit-field-any?", 3, 3, bitFieldAny),
  prim("%bit-field-every?", 3, 3, bitFieldEvery),
  prim("%bit-field-clear", 3, 3, bitFieldClear),
  prim("%bit-field-set", 3, 3, bitFieldSet),
  prim("%bit-field-replace", 4, 4, bitFieldReplace),
  prim("%bit-field-replace-same", 4, 4, bitFieldReplaceSame),
  prim("%bit-field-rotate", 4, 4, bitFieldRotate),
  prim("%bit-field-reverse", 3, 3, bitFieldReverse),
  prim("%bits->list", 1, 2, (i: Value, len: Value) => arrayToList(bitsArray("bits->list", i, len))),
  prim("%bits->vector", 1, 2, (i: Value, len: Value) => bitsArray("bits->vector", i, len)),
  prim("%list->bits", 1, 1, listToBits),
  prim("%vector->bits", 1, 1, vectorToBits),
  prim("%bits", 0, -1, (flags: Value[]) => fromFlags("bits", flags)),
];
