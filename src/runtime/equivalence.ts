// The equivalence predicates of R7RS 6.1: eq?, eqv? and equal?.
//
//   eq?     identity (===). Small exact integers are raw JS numbers and chars are interned,
//           so eq? agrees with eqv? on them; on other numbers it is unspecified by R7RS.
//   eqv?    eq?, or two numbers of the same exactness that no procedure can tell apart:
//           exact integers by value, flonums bit-for-bit by Object.is (so 0.0 and -0.0 differ
//           and NaN is eqv? to NaN), ratnums by numerator and denominator (they are normalized),
//           complex numbers by their two parts.
//   equal?  structural on pairs, vectors, strings (by characters) and bytevectors (by bytes);
//           eqv? on everything else.
//
// equal? never recurses on the JS stack: it walks the two structures with an explicit stack,
// along cdrs in a loop, so a list of a million elements or a deeply nested one is fine. It
// terminates on circular structures (Adams and Dybvig, "Efficient Nondestructive Equality
// Checking for Trees and Graphs", 2008): past a budget of compound comparisons it alternates
// fast stretches with guarded ones, which record in a union-find the pairs of objects assumed
// equal and skip a comparison whose two objects are already in one class. The answer is then
// bisimilarity, as R7RS asks; small acyclic structures never touch the union-find.

import { numericVectorsEqual } from "../lib/srfi-160.js";
import { Char, Flonum, MString, Pair, Value } from "./values.js";
import { Compnum, Ratnum, numEqv } from "./numbers.js";

export function eq(a: Value, b: Value): boolean {
  return a === b;
}

export function eqv(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === "number") return a !== a && b !== b;   // NaN is eqv? to NaN
  if (a instanceof Flonum) return b instanceof Flonum && Object.is(a.v, b.v);
  if (a instanceof Ratnum) return b instanceof Ratnum && a.num === b.num && a.den === b.den;
  if (a instanceof Compnum) return numEqv(a, b);
  if (a instanceof Char) return b instanceof Char && a.code === b.code;
  return false;
}

function stringEqual(a: MString, b: MString): boolean {
  if (a.length !== b.length) return false;
  if (a.str !== null && b.str !== null) return a.str === b.str;
  for (let i = 0; i < a.length; i++) if (a.codePointAt(i) !== b.codePointAt(i)) return false;
  return true;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** equal? on values that are not pairs or vectors (they have no elements to walk). */
function leafEqual(a: Value, b: Value): boolean {
  if (a instanceof MString) return b instanceof MString && stringEqual(a, b);
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (ArrayBuffer.isView(a)) { const r = numericVectorsEqual(a, b); if (r !== undefined) return r; }
  return eqv(a, b);
}

function isCompound(x: Value): boolean {
  return x instanceof Pair || Array.isArray(x);
}

/** Compound comparisons of a fast (unguarded) stretch; the first stretch is the whole
 * comparison of any small structure. */
const FAST_STEPS = 1000;
/** Consecutive guarded comparisons that find nothing already assumed before going fast again. */
const SLOW_STEPS = 100;

/** Union-find over objects; a root has no entry. Path halving keeps the trees shallow. */
class Classes {
  private readonly parent = new Map<object, object>();
  private find(o: object): object {
    let r = o;
    for (;;) {
      const p = this.parent.get(r);
      if (p === undefined) return r;
      const gp = this.parent.get(p);
      if (gp !== undefined) this.parent.set(r, gp);
      r = p;
    }
  }
  /** Puts a and b in one class; true if they already were. */
  unite(a: object, b: object): boolean {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return true;
    this.parent.set(ra, rb);
    return false;
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (!isCompound(a)) return leafEqual(a, b);
  const pending: Value[] = [];   // pairs of values still to compare, flattened: x0, y0, x1, y1...
  let slow = false;              // in a guarded stretch: record every compound pair compared
  let fuel = FAST_STEPS;         // comparisons left in the current stretch
  let classes: Classes | null = null;
  let x: Value = a, y: Value = b;
  for (;;) {
    // Compare x with y: along the cdrs in this loop, into cars and elements via `pending`.
    while (x !== y) {
      const isPair = x instanceof Pair;
      if (isPair) {
        if (!(y instanceof Pair)) return false;
      } else if (Array.isArray(x)) {
        if (!Array.isArray(y) || x.length !== y.length) return false;
      } else {
        if (!leafEqual(x, y)) return false;
        break;
      }
      // Cycle guard (Adams and Dybvig's interleaving): fast stretches compare without
      // recording; guarded stretches record x ~ y and skip a pair already assumed equal.
      // A skip restarts the guarded stretch, so one ends only after SLOW_STEPS merges in a
      // row; merges are finitely many, hence so are fast stretches, and the walk terminates.
      if (!slow && --fuel < 0) { slow = true; fuel = SLOW_STEPS; }
      if (slow) {
        if (classes === null) classes = new Classes();
        if (classes.unite(x, y)) { fuel = SLOW_STEPS; break; }
        if (--fuel <= 0) { slow = false; fuel = FAST_STEPS; }
      }
      if (isPair) {
        const xa = (x as Pair).car, ya = (y as Pair).car;
        if (xa !== ya) {
          if (isCompound(xa)) pending.push(xa, ya);
          else if (!leafEqual(xa, ya)) return false;
        }
        x = (x as Pair).cdr;
        y = (y as Pair).cdr;
      } else {
        const xv = x as Value[];
        for (let i = xv.length - 1; i >= 0; i--) {
          const xe = xv[i], ye = (y as Value[])[i];
          if (xe === ye) continue;
          if (isCompound(xe)) pending.push(xe, ye);
          else if (!leafEqual(xe, ye)) return false;
        }
        break;
      }
    }
    if (pending.length === 0) return true;
    y = pending.pop();
    x = pending.pop();
  }
}
