// SRFI 132 (sorting) fast path: sorting a vector range whose ordering is one of Scheme's own
// comparison primitives (<, >, string<?, string>?, char<?, char>?) and whose elements are all
// of the plain kind that primitive compares (JS-number reals other than NaN, strings,
// characters). Such a sort calls no Scheme procedure, so running it in JavaScript cannot hide
// a Scheme frame from call/cc or tail calls (DESIGN.md); every other sort is the Scheme merge
// sort of src/lib/libraries/srfi/132.sld, which calls this first and falls back when it
// answers #f. Array.prototype.sort is stable, as the Scheme sort is, and a descending order
// compares the other way round, so both paths give the same result.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { Char, MString, Value } from "../runtime/values.js";
import { compareStrings } from "./strings.js";

/** The orderings, by the code 132.sld passes: [element test, ascending comparison]. */
const ORDERINGS: readonly [(x: Value) => boolean, (a: Value, b: Value) => number][] = [
  [(x) => typeof x === "number" && x === x, (a, b) => (a < b ? -1 : a > b ? 1 : 0)], // 0: <
  [(x) => x instanceof MString, (a, b) => compareStrings(a, b)],              // 1: string<?
  [(x) => x instanceof Char, (a, b) => a.code - b.code],                      // 2: char<?
];

/** Sorts v[lo, hi) in place when the ordering code and the elements allow; whether it did. */
function fastSort(v: Value, lo: Value, hi: Value, code: Value, descending: Value): boolean {
  const ordering = ORDERINGS[code as number];
  if (!Array.isArray(v) || ordering === undefined) return false;
  const [test, compare] = ordering;
  const part = v.slice(lo, hi);
  for (const x of part) if (!test(x)) return false;
  part.sort(descending === false ? compare : (a, b) => compare(b, a));
  for (let i = 0; i < part.length; i++) v[lo + i] = part[i];
  return true;
}

export const sortPrimitives: PrimSpec[] = [
  prim("%sort-fast!", 5, 5, fastSort),
];
