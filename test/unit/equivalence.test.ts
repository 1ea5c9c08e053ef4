// eq?, eqv? and equal? (runtime/equivalence.ts): numbers by exactness, structure, cycles,
// and lists long or deep enough to overflow a recursive implementation.

import { test } from "node:test";
import assert from "node:assert/strict";
import { eq, eqv, equal } from "../../src/runtime/equivalence.js";
import { Ratnum } from "../../src/runtime/numbers.js";
import {
  Flonum, MString, NIL, Pair, UNSPECIFIED, char, flo, intern, list, arrayToList, Sym,
} from "../../src/runtime/values.js";

test("eq? is identity; small integers and chars are eq?", () => {
  assert.equal(eq(1, 1), true);
  assert.equal(eq(char(97), char(97)), true);
  assert.equal(eq(intern("a"), intern("a")), true);
  assert.equal(eq(NIL, NIL), true);
  assert.equal(eq(new Pair(1, 2), new Pair(1, 2)), false);
  assert.equal(eq(new MString("a"), new MString("a")), false);
  assert.equal(eq(new Sym("a", false), intern("a")), false);
});

test("eqv? on numbers respects exactness", () => {
  assert.equal(eqv(2, 2), true);
  assert.equal(eqv(2, flo(2)), false);                        // exact 2 vs inexact 2.0
  assert.equal(eqv(flo(2), flo(2)), true);                    // two boxes, same value
  assert.equal(eqv(flo(0), flo(-0)), false);                  // 0.0 vs -0.0
  assert.equal(eqv(1.5, 1.5), true);
  assert.equal(eqv(NaN, NaN), true);
  assert.equal(eqv(Infinity, Infinity), true);
  assert.equal(eqv(Infinity, -Infinity), false);
  assert.equal(eqv(2n ** 70n, 2n ** 70n), true);
  assert.equal(eqv(2n ** 70n, 2n ** 70n + 1n), false);
  assert.equal(eqv(new Ratnum(1, 3), new Ratnum(1, 3)), true);
  assert.equal(eqv(new Ratnum(1, 3), new Ratnum(2, 3)), false);
  assert.equal(eqv(new Ratnum(1, 2), 0.5), false);
  assert.equal(eqv(new Flonum(1), 1), false);
  assert.equal(eqv(1, "1"), false);
});

test("eqv? on other values", () => {
  assert.equal(eqv(char(0x3bb), char(0x3bb)), true);
  assert.equal(eqv(true, true), true);
  assert.equal(eqv(true, false), false);
  assert.equal(eqv(UNSPECIFIED, UNSPECIFIED), true);
  assert.equal(eqv(new MString(""), new MString("")), false);
  assert.equal(eqv([], []), false);
  const p = new Pair(1, 2);
  assert.equal(eqv(p, p), true);
});

test("equal? compares structure", () => {
  assert.equal(equal(list(1, list(2, 3), [4, new MString("x")]), list(1, list(2, 3), [4, new MString("x")])), true);
  assert.equal(equal(list(1, 2), list(1, 3)), false);
  assert.equal(equal(list(1, 2), list(1, 2, 3)), false);
  assert.equal(equal(new Pair(1, 2), new Pair(1, 2)), true);
  assert.equal(equal(new Pair(1, 2), new Pair(1, 3)), false);
  assert.equal(equal([1, 2], [1, 2, 3]), false);
  assert.equal(equal([], []), true);
  assert.equal(equal(new MString("abc"), new MString("abc")), true);
  assert.equal(equal(new MString("abc"), new MString("abd")), false);
  assert.equal(equal(new MString("a😀"), MString.fromCodePoints([97, 0x1f600])), true);
  assert.equal(equal(new MString("ab"), MString.fromCodePoints([97, 98])), true);
  assert.equal(equal(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  assert.equal(equal(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(equal(2, flo(2)), false);
  assert.equal(equal(flo(2), flo(2)), true);
  assert.equal(equal(list(new Ratnum(1, 2)), list(new Ratnum(1, 2))), true);
  assert.equal(equal(new MString("a"), [new MString("a")]), false);
  assert.equal(equal(list(), NIL), true);
});

test("equal? on a million-element list and on deep nesting", () => {
  const n = 1_000_000;
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(i);
  assert.equal(equal(arrayToList(xs), arrayToList(xs)), true);
  const ys = xs.slice();
  ys[n - 1] = -1;
  assert.equal(equal(arrayToList(xs), arrayToList(ys)), false);
  let a: unknown = NIL, b: unknown = NIL;
  for (let i = 0; i < 200_000; i++) { a = new Pair(a, NIL); b = new Pair(b, NIL); }
  assert.equal(equal(a, b), true);
  let v: unknown = 0, w: unknown = 0;
  for (let i = 0; i < 200_000; i++) { v = [v]; w = [w]; }
  assert.equal(equal(v, w), true);
  const lists = arrayToList(xs.slice(0, 100_000).map((i) => list(i, i)));
  const lists2 = arrayToList(xs.slice(0, 100_000).map((i) => list(i, i)));
  assert.equal(equal(lists, lists2), true);
});

function circular(...xs: unknown[]): Pair {
  const l = list(...xs) as Pair;
  let last = l;
  while (last.cdr instanceof Pair) last = last.cdr;
  last.cdr = l;
  return l;
}

test("equal? terminates on circular structures", () => {
  assert.equal(equal(circular(1, 2), circular(1, 2)), true);
  assert.equal(equal(circular(1, 2), circular(1, 2, 1, 2)), true);   // same infinite list
  assert.equal(equal(circular(1, 2), circular(1, 3)), false);
  assert.equal(equal(circular(1), circular(1, 1, 1)), true);
  const v1: unknown[] = [1, null], v2: unknown[] = [1, null];
  v1[1] = v1; v2[1] = v2;
  assert.equal(equal(v1, v2), true);
  const p1 = new Pair(NIL, NIL), p2 = new Pair(NIL, NIL);
  p1.car = p1; p2.car = p2;                                         // cycle through the car
  assert.equal(equal(p1, p2), true);
  p2.cdr = 5;
  assert.equal(equal(p1, p2), false);
  // A long circular list: the mismatch comes after the cycle guard has engaged.
  const long1 = circular(...Array.from({ length: 5000 }, (_, i) => i));
  const long2 = circular(...Array.from({ length: 5000 }, (_, i) => (i === 4999 ? -1 : i)));
  assert.equal(equal(long1, long2), false);
  const long3 = circular(...Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(equal(long1, long3), true);
  // Every car a different circular list: fast stretches keep finding new work, so only
  // the guarded stretches make progress.
  const nested = (): Pair => circular(...Array.from({ length: 3000 }, () => circular(1, circular(2))));
  assert.equal(equal(nested(), nested()), true);
  const odd = nested();
  let q = odd;
  for (let i = 0; i < 2999; i++) q = q.cdr;
  q.car = circular(1, circular(3));
  assert.equal(equal(nested(), odd), false);
});
