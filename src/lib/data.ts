// Argument checks shared by the data-structure primitive tables (lists.ts, chars.ts,
// strings.ts, symbols.ts, vectors.ts, bytevectors.ts, predicates.ts).
//
// Each check either returns the argument in its JS form or raises the standard Scheme error
// through errors.ts: a wrong type gives "who: expected <what>", a bad index or size gives
// "who: <what> out of range", with the offending value as the irritant.
// Indexes are exact integers: raw JS numbers for which Number.isInteger holds. A bigint is an
// exact integer too, but always too large to be an index, so it is a range error.

import { typeError, rangeError, schemeError, indexRangeError } from "../runtime/errors.js";
import { Char, MString, Pair, NIL, Value, MAX_ARRAY_LENGTH, MAX_STRING_UNITS } from "../runtime/values.js";
import { arrayBytes, reserveHeap, stringBytes } from "../runtime/heap-room.js";

export { MAX_ARRAY_LENGTH, MAX_STRING_UNITS };
/** Longest bytevector (a Uint8Array; allocation may still fail earlier, as a Scheme error). */
export const MAX_BYTEVECTOR_LENGTH = 2 ** 32;
/** Longest list make-list builds (pairs need no contiguous storage; memory is the real bound). */
export const MAX_LIST_LENGTH = 2 ** 32;

/** Raise "who: result too long" when a structure of `n` elements would pass `max`. */
export function lengthCheck(who: string, n: number, max: number): void {
  if (n > max) schemeError(`${who}: result too long (the limit is ${max})`, n);
  reserveFor(who, n, max);
}

/** Room for `n` elements of the structure whose length limit is `max` (runtime/heap-room.ts). */
function reserveFor(who: string, n: number, max: number): void {
  if (max === MAX_ARRAY_LENGTH) reserveHeap(who, arrayBytes(n));
  else if (max === MAX_STRING_UNITS) reserveHeap(who, stringBytes(n));
}

function isExactInt(k: Value): boolean {
  return (typeof k === "number" && Number.isInteger(k)) || typeof k === "bigint";
}

/** A valid index of a sequence of length `len`: exact, 0 <= k < len. */
export function indexArg(who: string, k: Value, len: number): number {
  if (typeof k === "number" && Number.isInteger(k)) {
    if (k >= 0 && k < len) return k;
    return indexRangeError(who, k, len);
  }
  if (typeof k === "bigint") return indexRangeError(who, k, len);
  return typeError(who, "an exact integer index", k);
}

/** An exact nonnegative integer: a count or a size (at most `max`, the limit of what it sizes). */
export function sizeArg(who: string, k: Value, max: number): number {
  if (typeof k === "number" && Number.isInteger(k)) {
    if (k >= 0 && k <= max) {
      reserveFor(who, k, max);  // a structure of k elements follows
      return k;
    }
    return rangeError(who, "size", k);
  }
  if (typeof k === "bigint") return rangeError(who, "size", k);
  return typeError(who, "an exact nonnegative integer", k);
}

/** Optional start of a [start, end) range: defaults to 0; 0 <= start <= len. */
export function startArg(who: string, start: Value, len: number): number {
  if (start === undefined) return 0;
  if (typeof start === "number" && Number.isInteger(start)) {
    if (start >= 0 && start <= len) return start;
    return rangeError(who, "start index", start);
  }
  if (isExactInt(start)) return rangeError(who, "start index", start);
  return typeError(who, "an exact integer start index", start);
}

/** Optional end of a [start, end) range: defaults to len; start <= end <= len. */
export function endArg(who: string, end: Value, start: number, len: number): number {
  if (end === undefined) return len;
  if (typeof end === "number" && Number.isInteger(end)) {
    if (end >= start && end <= len) return end;
    return rangeError(who, "end index", end);
  }
  if (isExactInt(end)) return rangeError(who, "end index", end);
  return typeError(who, "an exact integer end index", end);
}

/**
 * The `at` of string-copy! / vector-copy! / bytevector-copy!: 0 <= at <= toLen, and the
 * `count` copied elements must fit in the destination from there.
 */
export function destArg(who: string, at: Value, toLen: number, count: number): number {
  if (typeof at === "number" && Number.isInteger(at)) {
    if (at >= 0 && at <= toLen && toLen - at >= count) return at;
    return rangeError(who, "destination index", at);
  }
  if (isExactInt(at)) return rangeError(who, "destination index", at);
  return typeError(who, "an exact integer index", at);
}

export function stringArg(who: string, s: Value): MString {
  if (s instanceof MString) return s;
  return typeError(who, "a string", s);
}

export function charArg(who: string, c: Value): number {
  if (c instanceof Char) return c.code;
  return typeError(who, "a character", c);
}

export function vectorArg(who: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  return typeError(who, "a vector", v);
}

export function bytevectorArg(who: string, b: Value): Uint8Array {
  if (b instanceof Uint8Array) return b;
  return typeError(who, "a bytevector", b);
}

/** An exact integer 0..255. */
export function byteArg(who: string, b: Value): number {
  if (typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255) return b;
  return typeError(who, "a byte", b);
}

/** The elements of a proper list, or a type error for an improper or circular one. */
export function listArg(who: string, x: Value): Value[] {
  const out: Value[] = [];
  let slow = x;
  let l = x;
  while (l instanceof Pair) {
    // Every 2^19 elements: the heap's room (heap-room.ts) for the array being built.
    if (out.length >= MAX_ARRAY_LENGTH || (out.length & 0x7ffff) === 0x7ffff) lengthCheck(who, out.length + 1, MAX_ARRAY_LENGTH);
    out.push(l.car);
    l = l.cdr;
    if ((out.length & 1) === 0) {
      slow = slow.cdr;
      if (slow === l && l instanceof Pair) return typeError(who, "a proper list", x);
    }
  }
  if (l !== NIL) return typeError(who, "a proper list", x);
  return out;
}
