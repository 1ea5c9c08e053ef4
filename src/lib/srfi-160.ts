// SRFI 160 homogeneous numeric vectors: the host part. One table of element types (ELEMENTS)
// gives, for each tag (s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 c64 c128), the typed array that
// stores the elements and how a Scheme number goes in and comes out; every primitive is derived
// from it, named %TAGvector-ref and so on (the names are srfi-160-libraries.ts's table, which
// also makes the library texts). The vectors are typed arrays allocated in the Wasm vector
// memory (wasm/vector-memory.ts) so Wasm code works on them in place. u8vectors are
// bytevectors (Uint8Array), as SRFI 160 allows. c64/c128 vectors are subclasses of
// Float32Array/Float64Array holding (re, im) pairs interleaved: element i is at 2i, 2i+1 (the
// Wasm tier knows only the exact classes of its vector kinds, so it refuses them).
//
// The higher-order procedures (map, fold, index, unfold, ...) call Scheme procedures, so they
// are Scheme (src/lib/libraries/srfi/160/at.sld), written once over the tag with the generic
// %nv-... primitives at the end of this file.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError, indexRangeError, rangeError } from "../runtime/errors.js";
import { Value, Flonum, Sym, flo, UNSPECIFIED, arrayToList, listToArray } from "../runtime/values.js";
import { normBig, isReal, isNumber, toJSNumber } from "../runtime/numbers.js";
import { Compnum } from "../runtime/complex.js";
import { allocNumeric, NumericArray, NumericArrayCtor } from "../wasm/vector-memory.js";
import { fastRef, fastSet, fastTypeOf } from "./srfi-160-fast.js";

/** The storage of c64vectors and c128vectors (distinct classes: not f32/f64vectors). */
export class C64Array extends Float32Array {}
export class C128Array extends Float64Array {}

export interface ElementType {
  readonly tag: string;
  readonly ctor: NumericArrayCtor;
  /** Integer types: the inclusive range of an element. */
  readonly lo?: bigint;
  readonly hi?: bigint;
  /** 64-bit integer elements are stored as bigints. */
  readonly big?: boolean;
  /** Complex elements: two array slots each. */
  readonly complex?: boolean;
}

const int = (tag: string, ctor: unknown, bits: number, signed: boolean): ElementType => ({
  tag, ctor: ctor as NumericArrayCtor,
  lo: signed ? -(1n << BigInt(bits - 1)) : 0n,
  hi: signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n,
  big: bits === 64,
});

export const ELEMENTS: readonly ElementType[] = [
  int("s8", Int8Array, 8, true), int("u8", Uint8Array, 8, false),
  int("s16", Int16Array, 16, true), int("u16", Uint16Array, 16, false),
  int("s32", Int32Array, 32, true), int("u32", Uint32Array, 32, false),
  int("s64", BigInt64Array, 64, true), int("u64", BigUint64Array, 64, false),
  { tag: "f32", ctor: Float32Array as unknown as NumericArrayCtor },
  { tag: "f64", ctor: Float64Array as unknown as NumericArrayCtor },
  { tag: "c64", ctor: C64Array as unknown as NumericArrayCtor, complex: true },
  { tag: "c128", ctor: C128Array as unknown as NumericArrayCtor, complex: true },
];
const BY_TAG = new Map(ELEMENTS.map((e) => [e.tag, e]));

/** Whether x is a vector of type e: u8vectors are any Uint8Array, the others their exact class. */
function isOf(e: ElementType, x: unknown): x is NumericArray {
  return e.tag === "u8" ? x instanceof Uint8Array : ArrayBuffer.isView(x) && x.constructor === e.ctor;
}

const BY_CLASS = new Map<unknown, ElementType>(ELEMENTS.map((e) => [e.ctor, e]));

/** The element type of a typed array value, or undefined (used by the printer and equal?). */
export function elementTypeOf(x: unknown): ElementType | undefined {
  if (!ArrayBuffer.isView(x)) return undefined;
  return BY_CLASS.get(x.constructor) ?? (x instanceof Uint8Array ? BY_TAG.get("u8") : undefined);
}

/** Whether `x` can be an element of type `e`. */
function fits(e: ElementType, x: Value): boolean {
  if (e.complex) return isNumber(x);
  if (e.lo === undefined) return isReal(x);
  if (typeof x === "number") return Number.isInteger(x) && BigInt(x) >= e.lo && BigInt(x) <= e.hi!;
  return typeof x === "bigint" && x >= e.lo && x <= e.hi!;
}

const float = (x: Value): number => (typeof x === "number" ? x : x instanceof Flonum ? x.v : toJSNumber(x));

/** A Scheme number as the value stored in the typed array (a real's part, for reals). */
function toElement(e: ElementType, who: string, x: Value): number | bigint {
  if (!fits(e, x)) typeError(who, e.complex ? "a number" : e.lo === undefined ? "a real number" : `an exact integer in [${e.lo}, ${e.hi}]`, x);
  if (e.lo === undefined) return float(x instanceof Compnum ? x.re : x);
  return e.big ? BigInt(x as number | bigint) : Number(x);
}

/** Number of elements of a vector of type e. */
const count = (e: ElementType, a: NumericArray): number => (e.complex ? a.length >> 1 : a.length);

/** Element i of a vector of type e, as a Scheme number (complex: a real when im is +0.0). */
function get(e: ElementType, a: NumericArray, i: number): Value {
  if (e.complex) {
    const re = a[2 * i] as number, im = a[2 * i + 1] as number;
    return Object.is(im, 0) ? flo(re) : new Compnum(flo(re), flo(im));
  }
  const v = a[i];
  if (e.lo === undefined) return flo(v as number);
  return typeof v === "bigint" ? normBig(v) : v;
}

function put(e: ElementType, who: string, a: NumericArray, i: number, x: Value): void {
  const v = toElement(e, who, x);
  if (!e.complex) { a[i] = v as never; return; }
  a[2 * i] = v as number;
  a[2 * i + 1] = x instanceof Compnum ? float(x.im) : 0;
}

export function makeNumeric(e: ElementType, n: number): NumericArray {
  return allocNumeric(e.ctor, e.complex ? 2 * n : n, `make-${e.tag}vector`);
}

/** A new vector of type e holding elements [lo, hi) of a, reversed if asked. */
function slice(e: ElementType, a: NumericArray, lo: number, hi: number, reverse = false): NumericArray {
  const w = e.complex ? 2 : 1, out = makeNumeric(e, hi - lo);
  out.set(a.subarray(lo * w, hi * w) as never);
  if (reverse) reverseIn(e, out, 0, hi - lo);
  return out;
}

function reverseIn(e: ElementType, a: NumericArray, lo: number, hi: number): void {
  if (!e.complex) { a.subarray(lo, hi).reverse(); return; }
  for (let i = lo, j = hi - 1; i < j; i++, j--) {
    const [r, m] = [a[2 * i], a[2 * i + 1]];
    a[2 * i] = a[2 * j]; a[2 * i + 1] = a[2 * j + 1]; a[2 * j] = r; a[2 * j + 1] = m;
  }
}

function fromArray(e: ElementType, who: string, xs: Value[]): NumericArray {
  const v = makeNumeric(e, xs.length);
  for (let i = 0; i < xs.length; i++) put(e, who, v, i, xs[i]);
  return v;
}

function concat(e: ElementType, parts: NumericArray[]): NumericArray {
  const out = makeNumeric(e, parts.reduce((n, a) => n + count(e, a), 0));
  let at = 0;
  for (const a of parts) { out.set(a as never, at); at += a.length; }
  return out;
}

const isIndex = (i: Value): i is number => typeof i === "number" && Number.isInteger(i);

function index(who: string, n: number, i: Value): number {
  if (!isIndex(i)) typeError(who, "an exact integer index", i);
  if (i < 0 || i >= n) indexRangeError(who, i, n);
  return i;
}

/** An element count in [0, n] (take, drop). */
function amount(who: string, n: number, k: Value): number {
  if (!isIndex(k) || k < 0) typeError(who, "a non-negative exact integer", k);
  if (k > n) rangeError(who, "count", k);
  return k;
}

/** Optional [start, end) bounds, checked as vector-copy checks them. */
function bounds(who: string, len: number, start: Value, end: Value): [number, number] {
  const s = start === undefined ? 0 : start, t = end === undefined ? len : end;
  if (!isIndex(s) || s < 0 || s > len) rangeError(who, "start", s);
  if (!isIndex(t) || t < s || t > len) rangeError(who, "end", t);
  return [s, t];
}

const listArg = (who: string, l: Value): Value[] => listToArray(l) ?? typeError(who, "a list", l);

// eslint-disable-next-line @typescript-eslint/ban-types
const withFastRef = (e: ElementType, general: Function): Function => { const t = fastTypeOf(e); return t ? fastRef(t, general) : general; };
// eslint-disable-next-line @typescript-eslint/ban-types
const withFastSet = (e: ElementType, general: Function): Function => { const t = fastTypeOf(e); return t ? fastSet(t, general) : general; };

/** The primitives of one element type. */
function primitivesOf(e: ElementType): PrimSpec[] {
  const T = e.tag, V = `${T}vector`;
  const arg = (who: string, x: Value): NumericArray => (isOf(e, x) ? x : typeError(who, `a ${V}`, x));
  const n = (a: NumericArray): number => count(e, a);
  const toList = (a: NumericArray, lo: number, hi: number, reverse: boolean): Value => {
    const out: Value[] = [];
    for (let i = lo; i < hi; i++) out.push(get(e, a, i));
    return arrayToList(reverse ? out.reverse() : out);
  };
  const copyInto = (who: string, reverse: boolean) => (to: Value, at: Value, from: Value, s: Value, t: Value) => {
    const d = arg(who, to), src = arg(who, from), [lo, hi] = bounds(who, n(src), s, t);
    if (!isIndex(at) || at < 0 || at + (hi - lo) > n(d)) rangeError(who, "at", at);
    d.set(slice(e, src, lo, hi, reverse) as never, e.complex ? 2 * at : at);
    return UNSPECIFIED;
  };
  // [name, min, max, fn] with @ for the tag; names are srfi-160-libraries.ts's HOST_PROCEDURES.
  const specs: [string, number, number, Function][] = [
    ["@?", 1, 1, (x: Value) => fits(e, x)],
    ["@vector?", 1, 1, (x: Value) => isOf(e, x)],
    ["make-@vector", 1, 2, (k: Value, fill: Value) => {
      if (!isIndex(k) || k < 0) typeError(`make-${V}`, "a non-negative exact integer", k);
      const v = makeNumeric(e, k);
      if (fill !== undefined) for (let i = 0; i < k; i++) put(e, `make-${V}`, v, i, fill);
      return v;
    }],
    ["@vector", 0, -1, (xs: Value[]) => fromArray(e, V, xs)],
    ["@vector-ref", 2, 2, withFastRef(e, (v: Value, i: Value) => { const a = arg(`${V}-ref`, v); return get(e, a, index(`${V}-ref`, n(a), i)); })],
    ["@vector-set!", 3, 3, withFastSet(e, (v: Value, i: Value, x: Value) => {
      const a = arg(`${V}-set!`, v);
      put(e, `${V}-set!`, a, index(`${V}-set!`, n(a), i), x);
      return UNSPECIFIED;
    })],
    ["@vector-length", 1, 1, (v: Value) => n(arg(`${V}-length`, v))],
    ["@vector-empty?", 1, 1, (v: Value) => n(arg(`${V}-empty?`, v)) === 0],
    ["@vector->list", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}->list`, v);
      return toList(a, ...bounds(`${V}->list`, n(a), s, t), false);
    }],
    ["reverse-@vector->list", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`reverse-${V}->list`, v);
      return toList(a, ...bounds(`reverse-${V}->list`, n(a), s, t), true);
    }],
    ["list->@vector", 1, 1, (l: Value) => fromArray(e, `list->${V}`, listArg(`list->${V}`, l))],
    ["reverse-list->@vector", 1, 1, (l: Value) => fromArray(e, `reverse-list->${V}`, listArg(`reverse-list->${V}`, l).reverse())],
    ["@vector->vector", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}->vector`, v), [lo, hi] = bounds(`${V}->vector`, n(a), s, t), out: Value[] = [];
      for (let i = lo; i < hi; i++) out.push(get(e, a, i));
      return out;
    }],
    ["vector->@vector", 1, 3, (v: Value, s: Value, t: Value) => {
      if (!Array.isArray(v)) typeError(`vector->${V}`, "a vector", v);
      return fromArray(e, `vector->${V}`, v.slice(...bounds(`vector->${V}`, v.length, s, t)));
    }],
    ["@vector-copy", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}-copy`, v);
      return slice(e, a, ...bounds(`${V}-copy`, n(a), s, t));
    }],
    ["@vector-reverse-copy", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}-reverse-copy`, v), [lo, hi] = bounds(`${V}-reverse-copy`, n(a), s, t);
      return slice(e, a, lo, hi, true);
    }],
    ["@vector-copy!", 3, 5, copyInto(`${V}-copy!`, false)],
    ["@vector-reverse-copy!", 3, 5, copyInto(`${V}-reverse-copy!`, true)],
    ["@vector-fill!", 2, 4, (v: Value, x: Value, s: Value, t: Value) => {
      const a = arg(`${V}-fill!`, v), [lo, hi] = bounds(`${V}-fill!`, n(a), s, t);
      toElement(e, `${V}-fill!`, x);
      for (let i = lo; i < hi; i++) put(e, `${V}-fill!`, a, i, x);
      return UNSPECIFIED;
    }],
    ["@vector-reverse!", 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}-reverse!`, v);
      reverseIn(e, a, ...bounds(`${V}-reverse!`, n(a), s, t));
      return UNSPECIFIED;
    }],
    ["@vector-swap!", 3, 3, (v: Value, i: Value, j: Value) => {
      const a = arg(`${V}-swap!`, v), x = get(e, a, index(`${V}-swap!`, n(a), i));
      put(e, `${V}-swap!`, a, i as number, get(e, a, index(`${V}-swap!`, n(a), j)));
      put(e, `${V}-swap!`, a, j as number, x);
      return UNSPECIFIED;
    }],
    ["@vector-append", 0, -1, (vs: Value[]) => concat(e, vs.map((v) => arg(`${V}-append`, v)))],
    ["@vector-concatenate", 1, 1, (l: Value) => concat(e, listArg(`${V}-concatenate`, l).map((v) => arg(`${V}-concatenate`, v)))],
    ["@vector-append-subvectors", 0, -1, (xs: Value[]) => {
      const who = `${V}-append-subvectors`, parts: NumericArray[] = [];
      if (xs.length % 3 !== 0) typeError(who, "triples of vector, start and end", arrayToList(xs));
      for (let k = 0; k < xs.length; k += 3) {
        const a = arg(who, xs[k]);
        parts.push(slice(e, a, ...bounds(who, n(a), xs[k + 1], xs[k + 2])));
      }
      return concat(e, parts);
    }],
    ["@vector-take", 2, 2, (v: Value, k: Value) => { const a = arg(`${V}-take`, v); return slice(e, a, 0, amount(`${V}-take`, n(a), k)); }],
    ["@vector-take-right", 2, 2, (v: Value, k: Value) => { const a = arg(`${V}-take-right`, v); return slice(e, a, n(a) - amount(`${V}-take-right`, n(a), k), n(a)); }],
    ["@vector-drop", 2, 2, (v: Value, k: Value) => { const a = arg(`${V}-drop`, v); return slice(e, a, amount(`${V}-drop`, n(a), k), n(a)); }],
    ["@vector-drop-right", 2, 2, (v: Value, k: Value) => { const a = arg(`${V}-drop-right`, v); return slice(e, a, 0, n(a) - amount(`${V}-drop-right`, n(a), k)); }],
    ["@vector-segment", 2, 2, (v: Value, k: Value) => {
      const a = arg(`${V}-segment`, v), out: Value[] = [];
      if (!isIndex(k) || k < 1) typeError(`${V}-segment`, "a positive exact integer", k);
      for (let i = 0; i < n(a); i += k) out.push(slice(e, a, i, Math.min(i + k, n(a))));
      return arrayToList(out);
    }],
    ["@vector=", 0, -1, (vs: Value[]) => {
      const as = vs.map((v) => arg(`${V}=`, v));
      for (let j = 1; j < as.length; j++) {
        const a = as[j - 1], b = as[j];
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;  // NaN: unequal, as = does
      }
      return true;
    }],
  ];
  return specs.map(([name, min, max, fn]) => prim(`%${name.replace("@", T)}`, min, max, fn));
}

/** The element type a tag symbol names (the generic primitives' first arguments). */
function typeNamed(tag: Value): ElementType {
  const e = tag instanceof Sym ? BY_TAG.get(tag.name) : undefined;
  return e ?? typeError("srfi 160", "an element type tag", tag);
}

/** The element type of a vector the Scheme part has already checked. */
const typeOfChecked = (v: Value): ElementType => elementTypeOf(v) ?? typeError("srfi 160", "a numeric vector", v);

/**
 * Generic primitives for at.sld (who: the SRFI procedure's name, for errors):
 *   (%nv-check who tag vecs)  each of the list vecs is a TAGvector; the shortest length
 *   (%nv-make who tag n)      a new TAGvector of n elements
 *   (%nv-ref v i) (%nv-refs vecs i)   element i of v, or the list of element i of each vector
 *   (%nv-set! who v i x)      stores x (checked to fit)
 *   (%nv-copy v start end)    a new vector of v's type
 *   (%nv-list->vector who tag list)
 *   (%nv-is? tag x)   (%nv<? a b): ordering for the comparators (length, then elements)
 */
const genericPrimitives: PrimSpec[] = [
  prim("%nv-check", 3, 3, (who: Value, tag: Value, vs: Value) => {
    const e = typeNamed(tag), w = String(who);
    let min = Infinity;
    for (const v of listArg(w, vs)) min = Math.min(min, isOf(e, v) ? count(e, v) : typeError(w, `a ${e.tag}vector`, v));
    return min;
  }),
  prim("%nv-make", 3, 3, (who: Value, tag: Value, k: Value) => {
    if (!isIndex(k) || k < 0) typeError(String(who), "a non-negative exact integer", k);
    return makeNumeric(typeNamed(tag), k);
  }),
  prim("%nv-ref", 2, 2, (v: Value, i: Value) => get(typeOfChecked(v), v as NumericArray, i as number)),
  prim("%nv-refs", 2, 2, (vs: Value, i: Value) => arrayToList(listArg("srfi 160", vs).map((v) => get(typeOfChecked(v), v as NumericArray, i as number)))),
  prim("%nv-set!", 4, 4, (who: Value, v: Value, i: Value, x: Value) => {
    const e = typeOfChecked(v);
    put(e, String(who), v as NumericArray, index(String(who), count(e, v as NumericArray), i), x);
    return UNSPECIFIED;
  }),
  prim("%nv-copy", 3, 3, (v: Value, s: Value, t: Value) => {
    const e = typeOfChecked(v);
    return slice(e, v as NumericArray, ...bounds("srfi 160", count(e, v as NumericArray), s, t));
  }),
  prim("%nv-list->vector", 3, 3, (who: Value, tag: Value, l: Value) => fromArray(typeNamed(tag), String(who), listArg(String(who), l))),
  prim("%nv-is?", 2, 2, (tag: Value, x: Value) => isOf(typeNamed(tag), x)),
  prim("%nv<?", 2, 2, (x: Value, y: Value) => {
    typeOfChecked(x);
    const a = x as NumericArray, b = y as NumericArray;
    if (a.length !== b.length) return a.length < b.length;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];  // complex: re, then im
    return false;
  }),
];

export const srfi160Primitives: PrimSpec[] = [...ELEMENTS.flatMap(primitivesOf), ...genericPrimitives];

/** A numeric vector (bytevectors too) as its type's tag, its length and its elements: what the printer writes. */
export interface NumericElements { readonly tag: string; readonly n: number; at(i: number): Value }

export function numericVectorElements(x: unknown): NumericElements | undefined {
  const e = elementTypeOf(x);
  if (!e) return undefined;
  const a = x as NumericArray;
  return { tag: e.tag, n: count(e, a), at: (i) => get(e, a, i) };
}

/** equal? on two numeric vectors of one element type (same elements by eqv?). */
export function numericVectorsEqual(a: unknown, b: unknown): boolean | undefined {
  const e = elementTypeOf(a);
  if (!e || e.tag === "u8") return undefined;
  if (elementTypeOf(b) !== e) return false;
  const x = a as NumericArray, y = b as NumericArray;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}
