// SRFI 128 (comparators) support: the hash functions src/lib/libraries/srfi/128.sld needs
// that are awkward in Scheme, installed as %-prefixed primitives.
//
//   %real-hash      a hash of a real number consistent with =: 1, 1.0 and 2/2 hash alike,
//                   because the default comparator compares numbers with =. Every real is
//                   hashed through its nearest double, which two =-equal reals share.
//   %hash-combine   mixes a hash into another (FNV-style), giving an exact integer below
//                   2^29 like every hash of srfi-hash.ts (so (hash-bound) is 2^29).

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { Value } from "../runtime/values.js";
import { isNumber, toJSNumber } from "../runtime/numbers.js";

/** The bound of every hash the comparator library makes: results are below 2^29. */
const HASH_MASK = 0x1fffffff;

function mix(h: number, v: number): number {
  h = Math.imul((h ^ v) >>> 0, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

const floatView = new DataView(new ArrayBuffer(8));

function realHash(x: Value): number {
  if (!isNumber(x)) return typeError("number-hash", "a real number", x);
  let v = toJSNumber(x, "number-hash");
  if (v === 0) v = 0;  // -0.0 = 0
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) return mix(0x49, v | 0) & HASH_MASK;
  floatView.setFloat64(0, v);
  return mix(mix(0x46, floatView.getUint32(0)), floatView.getUint32(4)) & HASH_MASK;
}

function hashArg(who: string, h: Value): number {
  if (typeof h === "number" && Number.isInteger(h)) return h;
  if (typeof h === "bigint") return Number(h & 0xffffffffn);
  return typeError(who, "an exact integer hash", h);
}

export const comparatorPrimitives: PrimSpec[] = [
  prim("%real-hash", 1, 1, realHash),
  prim("%hash-combine", 2, 2, (h: Value, v: Value) =>
    mix(hashArg("hash", h) >>> 0, hashArg("hash", v) >>> 0) & HASH_MASK),
];
