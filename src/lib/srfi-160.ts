// SRFI 160 homogeneous numeric vectors: the host part. One table of element types (ELEMENTS)
// gives, for each tag (s8 u8 s16 u16 s32 u32 s64 u64 f32 f64), the typed array that stores the
// elements and how a Scheme number goes in and comes out; every primitive is derived from it,
// named %TAGvector-ref and so on, and src/lib/libraries/srfi/160/*.sld export them under the
// SRFI's names. The vectors are typed arrays allocated in the Wasm vector memory
// (wasm/vector-memory.ts) so Wasm code works on them in place. u8vectors are bytevectors
// (Uint8Array), as SRFI 160 allows.
//
// Not here (yet): the c64/c128 complex vectors and the higher-order and searching procedures
// of SRFI 160 (map, fold, for-each, unfold, index, ...).

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError, indexRangeError, rangeError } from "../runtime/errors.js";
import { Value, Flonum, flo, UNSPECIFIED, arrayToList, listToArray } from "../runtime/values.js";
import { normBig, isReal, toJSNumber } from "../runtime/numbers.js";
import { allocNumeric, NumericArray, NumericArrayCtor } from "../wasm/vector-memory.js";

export interface ElementType {
  readonly tag: string;
  readonly ctor: NumericArrayCtor;
  /** Integer types: the inclusive range of an element. */
  readonly lo?: bigint;
  readonly hi?: bigint;
  /** 64-bit integer elements are stored as bigints. */
  readonly big?: boolean;
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
];

/** The element type of a typed array value, or undefined (used by the printer and equal?). */
export function elementTypeOf(x: unknown): ElementType | undefined {
  if (!ArrayBuffer.isView(x)) return undefined;
  for (const e of ELEMENTS) if (x instanceof (e.ctor as unknown as typeof Uint8Array)) return e;
  return undefined;
}

/** Whether `x` can be an element of type `e`. */
function fits(e: ElementType, x: Value): boolean {
  if (e.lo === undefined) return isReal(x);
  if (typeof x === "number") return Number.isInteger(x) && BigInt(x) >= e.lo && BigInt(x) <= e.hi!;
  return typeof x === "bigint" && x >= e.lo && x <= e.hi!;
}

/** A Scheme number as the value stored in the typed array. */
function toElement(e: ElementType, who: string, x: Value): number | bigint {
  if (!fits(e, x)) typeError(who, e.lo === undefined ? "a real number" : `an exact integer in [${e.lo}, ${e.hi}]`, x);
  if (e.lo === undefined) return typeof x === "number" ? x : x instanceof Flonum ? x.v : toJSNumber(x, who);
  return e.big ? BigInt(x as number | bigint) : Number(x);
}

/** A stored element as a Scheme number. */
function fromElement(e: ElementType, v: number | bigint): Value {
  if (e.lo === undefined) return flo(v as number);
  return typeof v === "bigint" ? normBig(v) : v;
}

function index(who: string, v: NumericArray, i: Value): number {
  if (typeof i !== "number" || !Number.isInteger(i)) typeError(who, "an exact integer index", i);
  if (i < 0 || i >= v.length) indexRangeError(who, i, v.length);
  return i;
}

/** Optional [start, end) bounds, checked as vector-copy checks them. */
function bounds(who: string, len: number, start: Value, end: Value): [number, number] {
  const s = start === undefined ? 0 : start, t = end === undefined ? len : end;
  if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > len) rangeError(who, "start", s);
  if (typeof t !== "number" || !Number.isInteger(t) || t < (s as number) || t > len) rangeError(who, "end", t);
  return [s as number, t as number];
}

export function makeNumeric(e: ElementType, n: number): NumericArray {
  return allocNumeric(e.ctor, n);
}

/** The primitives of one element type. */
function primitivesOf(e: ElementType): PrimSpec[] {
  const T = e.tag, V = `${T}vector`;
  // instanceof of its own class: what elementTypeOf finds, without trying the other types first.
  const is = (x: Value): x is NumericArray => x instanceof (e.ctor as unknown as typeof Uint8Array);
  const arg = (who: string, x: Value): NumericArray => (is(x) ? x : typeError(who, `a ${V}`, x));
  const fromArray = (who: string, xs: Value[]): NumericArray => {
    const v = makeNumeric(e, xs.length);
    for (let i = 0; i < xs.length; i++) v[i] = toElement(e, who, xs[i]) as never;
    return v;
  };
  return [
    prim(`%${T}?`, 1, 1, (x: Value) => fits(e, x)),
    prim(`%${V}?`, 1, 1, (x: Value) => is(x)),
    prim(`%make-${V}`, 1, 2, (n: Value, fill: Value) => {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0) typeError(`make-${V}`, "a non-negative exact integer", n);
      const v = makeNumeric(e, n);
      if (fill !== undefined) v.fill(toElement(e, `make-${V}`, fill) as never);
      return v;
    }),
    prim(`%${V}`, 0, -1, (xs: Value[]) => fromArray(V, xs)),
    prim(`%${V}-ref`, 2, 2, (v: Value, i: Value) => {
      const a = arg(`${V}-ref`, v);
      return fromElement(e, a[index(`${V}-ref`, a, i)]);
    }),
    prim(`%${V}-set!`, 3, 3, (v: Value, i: Value, x: Value) => {
      const a = arg(`${V}-set!`, v);
      a[index(`${V}-set!`, a, i)] = toElement(e, `${V}-set!`, x) as never;
      return UNSPECIFIED;
    }),
    prim(`%${V}-length`, 1, 1, (v: Value) => arg(`${V}-length`, v).length),
    prim(`%${V}->list`, 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}->list`, v), [lo, hi] = bounds(`${V}->list`, a.length, s, t);
      const out: Value[] = [];
      for (let i = lo; i < hi; i++) out.push(fromElement(e, a[i]));
      return arrayToList(out);
    }),
    prim(`%list->${V}`, 1, 1, (l: Value) => fromArray(`list->${V}`, listToArray(l) ?? typeError(`list->${V}`, "a list", l))),
    prim(`%${V}->vector`, 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}->vector`, v), [lo, hi] = bounds(`${V}->vector`, a.length, s, t);
      const out: Value[] = [];
      for (let i = lo; i < hi; i++) out.push(fromElement(e, a[i]));
      return out;
    }),
    prim(`%vector->${V}`, 1, 3, (v: Value, s: Value, t: Value) => {
      if (!Array.isArray(v)) typeError(`vector->${V}`, "a vector", v);
      const [lo, hi] = bounds(`vector->${V}`, v.length, s, t);
      return fromArray(`vector->${V}`, v.slice(lo, hi));
    }),
    prim(`%${V}-copy`, 1, 3, (v: Value, s: Value, t: Value) => {
      const a = arg(`${V}-copy`, v), [lo, hi] = bounds(`${V}-copy`, a.length, s, t);
      const out = makeNumeric(e, hi - lo);
      out.set(a.subarray(lo, hi) as never);
      return out;
    }),
    prim(`%${V}-copy!`, 3, 5, (to: Value, at: Value, from: Value, s: Value, t: Value) => {
      const d = arg(`${V}-copy!`, to), src = arg(`${V}-copy!`, from), [lo, hi] = bounds(`${V}-copy!`, src.length, s, t);
      if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at + (hi - lo) > d.length) rangeError(`${V}-copy!`, "at", at);
      d.set(src.subarray(lo, hi) as never, at as number);
      return UNSPECIFIED;
    }),
    prim(`%${V}-fill!`, 2, 4, (v: Value, x: Value, s: Value, t: Value) => {
      const a = arg(`${V}-fill!`, v), [lo, hi] = bounds(`${V}-fill!`, a.length, s, t);
      a.fill(toElement(e, `${V}-fill!`, x) as never, lo, hi);
      return UNSPECIFIED;
    }),
    prim(`%${V}-append`, 0, -1, (vs: Value[]) => {
      const as = vs.map((v) => arg(`${V}-append`, v));
      const out = makeNumeric(e, as.reduce((n, a) => n + a.length, 0));
      let at = 0;
      for (const a of as) { out.set(a as never, at); at += a.length; }
      return out;
    }),
    prim(`%${V}=`, 0, -1, (vs: Value[]) => {
      const as = vs.map((v) => arg(`${V}=`, v));
      for (let j = 1; j < as.length; j++) {
        const a = as[j - 1], b = as[j];
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;  // NaN: unequal, as = does
      }
      return true;
    }),
  ];
}

export const srfi160Primitives: PrimSpec[] = ELEMENTS.flatMap(primitivesOf);

/** `#f64(1.0 2.5)` and so on, for the printer (u8vectors print as bytevectors there). */
export function numericVectorText(x: unknown, elementText: (v: Value) => string): string | undefined {
  const e = elementTypeOf(x);
  if (!e || e.tag === "u8") return undefined;
  const a = x as NumericArray, parts: string[] = [];
  for (let i = 0; i < a.length; i++) parts.push(elementText(fromElement(e, a[i])));
  return `#${e.tag}(${parts.join(" ")})`;
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
