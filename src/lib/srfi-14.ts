// SRFI 14 (character sets) over full Unicode: the CharSet value and every operation that does
// not call back into Scheme, installed as %-prefixed primitives that
// src/lib/libraries/srfi/14.sld exports under the SRFI's names (the iterating procedures,
// which call Scheme procedures, are Scheme there).
//
// A CharSet is an inversion list: a sorted array of disjoint, non-adjacent half-open code point
// ranges [lo0, hi0, lo1, hi1, ...]. Sets are immutable here (SRFI 14 allows the linear-update
// "!" procedures to return a new set instead of mutating). Surrogate code points
// (U+D800-U+DFFF) are not characters in Kiln, so no set holds them: char-set:full is
// [0, D800) and [E000, 110000), and complements are taken within it.
//
// The standard sets are defined by Unicode general categories, as SRFI 14 specifies for
// Unicode implementations, except lower-case and upper-case, which use the Lowercase and
// Uppercase properties so they agree with char-lower-case? and char-upper-case? (R7RS 6.6).
// Each is computed on first use, by running the engine's property regexp over a string of
// every code point (the engine carries the Unicode tables: nothing is embedded here).
//
// Cursors are code points: a cursor is the member it designates, and the end is 0x110000.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError, rangeError, schemeError } from "../runtime/errors.js";
import { Char, MString, NIL, Pair, Value, arrayToList, char, codePointsToString } from "../runtime/values.js";

const LIMIT = 0x110000;
const SURROGATES: readonly [number, number] = [0xd800, 0xe000];

export class CharSet {
  private computed: number[] | null;
  constructor(ranges: number[] | null, private readonly make: (() => number[]) | null = null) {
    this.computed = ranges;
  }
  get ranges(): number[] {
    if (this.computed === null) this.computed = this.make!();
    return this.computed;
  }
}

// ---- Inversion lists --------------------------------------------------------------------

/** Normalizes sorted-by-start ranges (possibly overlapping or adjacent) into an inversion list. */
function mergeSorted(pairs: [number, number][]): number[] {
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    if (lo >= hi) continue;
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]) { if (hi > out[n - 1]) out[n - 1] = hi; }
    else out.push(lo, hi);
  }
  return out;
}

function fromCodes(codes: number[]): number[] {
  const sorted = codes.slice().sort((a, b) => a - b);
  return mergeSorted(sorted.map((c) => [c, c + 1] as [number, number]));
}

/** Combines two inversion lists pointwise: keep(inA, inB) says whether a point stays. */
function combine(a: number[], b: number[], keep: (x: boolean, y: boolean) => boolean): number[] {
  const out: number[] = [];
  let i = 0, j = 0, inA = false, inB = false, inOut = false;
  while (i < a.length || j < b.length) {
    const p = Math.min(i < a.length ? a[i] : Infinity, j < b.length ? b[j] : Infinity);
    while (i < a.length && a[i] === p) { inA = !inA; i++; }
    while (j < b.length && b[j] === p) { inB = !inB; j++; }
    const now = keep(inA, inB);
    if (now !== inOut) { out.push(p); inOut = now; }
  }
  return out;
}

const FULL = [0, SURROGATES[0], SURROGATES[1], LIMIT];
const union = (a: number[], b: number[]) => combine(a, b, (x, y) => x || y);
const intersection = (a: number[], b: number[]) => combine(a, b, (x, y) => x && y);
const difference = (a: number[], b: number[]) => combine(a, b, (x, y) => x && !y);
const xor = (a: number[], b: number[]) => combine(a, b, (x, y) => x !== y);
const complement = (a: number[]) => difference(FULL, a);

/** Index of the range holding cp, or -1. */
function find(r: number[], cp: number): number {
  let lo = 0, hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]) hi = mid - 1;
    else if (cp >= r[2 * mid + 1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function size(r: number[]): number {
  let n = 0;
  for (let i = 0; i < r.length; i += 2) n += r[i + 1] - r[i];
  return n;
}

/** The least member >= cp, or LIMIT. */
function nextMember(r: number[], cp: number): number {
  let lo = 0, hi = r.length / 2 - 1, best = LIMIT;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]) { best = r[2 * mid]; hi = mid - 1; }
    else if (cp >= r[2 * mid + 1]) lo = mid + 1;
    else return cp;
  }
  return best;
}

// ---- The standard sets ------------------------------------------------------------------

/**
 * The code point ranges scanned for the standard sets. Everything outside them is unassigned
 * or private use (planes 4-13 and 15-16, the rest of plane 14), which no standard set holds,
 * so scanning them would only cost time.
 */
const SCANNED: readonly [number, number][] = [[0, SURROGATES[0]], [SURROGATES[1], 0x40000], [0xe0000, 0xe1000]];

/** Per scanned range: a string of all its code points, built on first use. */
let scanText: string[] | null = null;

/** The inversion list of the code points a regexp class (without its brackets) matches. */
function byProperty(cls: string): () => number[] {
  return () => {
    if (scanText === null) {
      scanText = SCANNED.map(([lo, hi]) => {
        const cps: number[] = [];
        for (let c = lo; c < hi; c++) cps.push(c);
        return codePointsToString(cps);
      });
    }
    const pairs: [number, number][] = [];
    const re = new RegExp(`[${cls}]+`, "gu");
    for (const text of scanText) {
      // Within one scanned range consecutive characters are consecutive code points, so a
      // match is the run from its first to its last code point.
      for (const m of text.matchAll(re)) {
        const run = m[0];
        const lastUnit = run.charCodeAt(run.length - 1);
        const last = lastUnit >= 0xdc00 && lastUnit <= 0xdfff ? run.codePointAt(run.length - 2)! : lastUnit;
        pairs.push([run.codePointAt(0)!, last + 1]);
      }
    }
    return mergeSorted(pairs);
  };
}

const ascii = (s: string): number[] => fromCodes([...s].map((c) => c.codePointAt(0)!));

const STANDARD: Record<string, CharSet> = {
  "lower-case": new CharSet(null, byProperty("\\p{Lowercase}")),
  "upper-case": new CharSet(null, byProperty("\\p{Uppercase}")),
  "title-case": new CharSet(null, byProperty("\\p{Lt}")),
  "letter": new CharSet(null, byProperty("\\p{L}")),
  "digit": new CharSet(null, byProperty("\\p{Nd}")),
  "letter+digit": new CharSet(null, byProperty("\\p{L}\\p{Nd}")),
  "graphic": new CharSet(null, byProperty("\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}")),
  "printing": new CharSet(null, byProperty("\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Zs}\\p{Zl}\\p{Zp}\\t-\\r")),
  "whitespace": new CharSet(null, byProperty("\\p{Zs}\\p{Zl}\\p{Zp}\\t-\\r")),
  "iso-control": new CharSet([0, 0x20, 0x7f, 0xa0]),
  "punctuation": new CharSet(null, byProperty("\\p{P}")),
  "symbol": new CharSet(null, byProperty("\\p{S}")),
  "hex-digit": new CharSet(ascii("0123456789abcdefABCDEF")),
  "blank": new CharSet(null, byProperty("\\p{Zs}\\t")),
  "ascii": new CharSet([0, 128]),
  "empty": new CharSet([]),
  "full": new CharSet(FULL),
};

// ---- Arguments --------------------------------------------------------------------------

function csArg(who: string, x: Value): number[] {
  if (x instanceof CharSet) return x.ranges;
  return typeError(who, "a char-set", x);
}

function charArg(who: string, x: Value): number {
  if (x instanceof Char) return x.code;
  return typeError(who, "a character", x);
}

function codesOfList(who: string, l: Value): number[] {
  const out: number[] = [];
  for (; l instanceof Pair; l = l.cdr) out.push(charArg(who, l.car));
  if (l !== NIL) typeError(who, "a list of characters", l);
  return out;
}

function codesOfString(who: string, s: Value): number[] {
  if (!(s instanceof MString)) return typeError(who, "a string", s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.codePointAt(i));
  return out;
}

/** An optional base set to add to (absent or #f: none). */
function baseOf(who: string, base: Value): number[] {
  return base === undefined ? [] : csArg(who, base);
}

function setsOf(who: string, xs: Value[]): number[][] { return xs.map((x) => csArg(who, x)); }

function member(who: string, cs: Value, c: Value): boolean {
  return find(csArg(who, cs), charArg(who, c)) >= 0;
}

function hashOf(r: number[]): number {
  let h = 0x811c9dc5;
  for (const v of r) { h = Math.imul(h ^ v, 0x01000193) >>> 0; h = (h ^ (h >>> 13)) >>> 0; }
  return h & 0x1fffffff;
}

function ucsRange(who: string, lower: Value, upper: Value, error: Value): number[] {
  const ok = (x: Value) => typeof x === "number" && Number.isInteger(x) && x >= 0;
  if (!ok(lower)) typeError(who, "an exact non-negative integer", lower);
  if (!ok(upper)) typeError(who, "an exact non-negative integer", upper);
  if (upper < lower) rangeError(who, "upper bound", upper);
  if (error !== undefined && error !== false && (upper > LIMIT || intersection([lower, upper], SURROGATES as unknown as number[]).length > 0)) {
    schemeError(`${who}: the range holds code points that are not characters`, lower, upper);
  }
  return intersection([lower, Math.max(lower, upper)], FULL);
}

const wrap = (r: number[]) => new CharSet(r);

export const charSetPrimitives: PrimSpec[] = [
  prim("%char-set?", 1, 1, (x: Value) => x instanceof CharSet),
  prim("%char-set-standard", 1, 1, (name: Value) => STANDARD[String(name)] ?? schemeError("char-set: no standard set", name)),
  prim("%char-set", 0, -1, (xs: Value[]) => wrap(fromCodes(xs.map((c) => charArg("char-set", c))))),
  prim("%list->char-set", 1, 2, (l: Value, base: Value) =>
    wrap(union(baseOf("list->char-set", base), fromCodes(codesOfList("list->char-set", l))))),
  prim("%string->char-set", 1, 2, (s: Value, base: Value) =>
    wrap(union(baseOf("string->char-set", base), fromCodes(codesOfString("string->char-set", s))))),
  prim("%ucs-range->char-set", 2, 4, (lo: Value, hi: Value, error: Value, base: Value) =>
    wrap(union(baseOf("ucs-range->char-set", base), ucsRange("ucs-range->char-set", lo, hi, error)))),
  prim("%->char-set", 1, 1, (x: Value) => {
    if (x instanceof CharSet) return x;
    if (x instanceof Char) return wrap([x.code, x.code + 1]);
    if (x instanceof MString) return wrap(fromCodes(codesOfString("->char-set", x)));
    return typeError("->char-set", "a string, character or char-set", x);
  }),
  prim("%char-set=", 0, -1, (xs: Value[]) => {
    const sets = setsOf("char-set=", xs);
    return sets.every((r) => r.length === sets[0].length && r.every((v, i) => v === sets[0][i]));
  }),
  prim("%char-set<=", 0, -1, (xs: Value[]) => {
    const sets = setsOf("char-set<=", xs);
    for (let i = 1; i < sets.length; i++) if (difference(sets[i - 1], sets[i]).length > 0) return false;
    return true;
  }),
  prim("%char-set-hash", 1, 2, (cs: Value, bound: Value) => {
    const h = hashOf(csArg("char-set-hash", cs));
    if (bound === undefined || bound === 0) return h;
    if (typeof bound === "number" && Number.isInteger(bound) && bound > 0) return h % bound;
    return typeError("char-set-hash", "an exact non-negative integer bound", bound);
  }),
  prim("%char-set-size", 1, 1, (cs: Value) => size(csArg("char-set-size", cs))),
  prim("%char-set-contains?", 2, 2, (cs: Value, c: Value) => member("char-set-contains?", cs, c)),
  prim("%char-set->list", 1, 1, (cs: Value) => {
    const r = csArg("char-set->list", cs);
    const out: Value[] = [];
    for (let i = 0; i < r.length; i += 2) for (let c = r[i]; c < r[i + 1]; c++) out.push(char(c));
    return arrayToList(out);
  }),
  prim("%char-set->string", 1, 1, (cs: Value) => {
    const r = csArg("char-set->string", cs);
    const cps: number[] = [];
    for (let i = 0; i < r.length; i += 2) for (let c = r[i]; c < r[i + 1]; c++) cps.push(c);
    return MString.fromCodePoints(cps);
  }),
  /** The ranges as a flat vector [lo0 hi0 lo1 hi1 ...], for the Scheme iterators. */
  prim("%char-set-ranges", 1, 1, (cs: Value) => csArg("char-set", cs).slice()),
  prim("%char-set-adjoin", 1, -1, (xs: Value[]) =>
    wrap(union(csArg("char-set-adjoin", xs[0]), fromCodes(xs.slice(1).map((c) => charArg("char-set-adjoin", c)))))),
  prim("%char-set-delete", 1, -1, (xs: Value[]) =>
    wrap(difference(csArg("char-set-delete", xs[0]), fromCodes(xs.slice(1).map((c) => charArg("char-set-delete", c)))))),
  prim("%char-set-complement", 1, 1, (cs: Value) => wrap(complement(csArg("char-set-complement", cs)))),
  prim("%char-set-union", 0, -1, (xs: Value[]) => wrap(setsOf("char-set-union", xs).reduce(union, []))),
  prim("%char-set-intersection", 0, -1, (xs: Value[]) => wrap(setsOf("char-set-intersection", xs).reduce(intersection, FULL))),
  prim("%char-set-difference", 1, -1, (xs: Value[]) => {
    const [first, ...rest] = setsOf("char-set-difference", xs);
    return wrap(rest.reduce(difference, first));
  }),
  prim("%char-set-xor", 0, -1, (xs: Value[]) => wrap(setsOf("char-set-xor", xs).reduce(xor, []))),
  prim("%char-set-cursor", 1, 1, (cs: Value) => nextMember(csArg("char-set-cursor", cs), 0)),
  prim("%char-set-cursor-next", 2, 2, (cs: Value, cur: Value) => {
    if (typeof cur !== "number" || !(cur >= 0 && cur < LIMIT)) return typeError("char-set-cursor-next", "a char-set cursor", cur);
    return nextMember(csArg("char-set-cursor-next", cs), cur + 1);
  }),
  prim("%char-set-ref", 2, 2, (cs: Value, cur: Value) => {
    if (typeof cur !== "number" || find(csArg("char-set-ref", cs), cur) < 0) return typeError("char-set-ref", "a cursor into the char-set", cur);
    return char(cur);
  }),
  prim("%end-of-char-set?", 1, 1, (cur: Value) => cur === LIMIT),
];
