// Fast element access for the SRFI 160 vectors whose elements are one JS number each (f32, f64
// and the integer types up to 32 bits): @vector-ref and @vector-set! with the checks inline
// and everything else (errors, conversions, bigint and complex types) handed to the general
// procedure. Each type gets its own function, made from a fixed template, so that V8 keeps
// monomorphic feedback per type and inlines it into native code that calls it (the JIT calls
// a known primitive's function directly). Before: the general procedures, shared by all twelve
// types, cost about 150 ns an element in the JS tier (bench/axpy-f64.scm with --no-wasm).

import { Flonum, flo, UNSPECIFIED } from "../runtime/values.js";

/** What the template needs to know about one type: its class, and how its elements read and fit. */
export interface FastType {
  readonly ctor: unknown;
  /** Any Uint8Array is a u8vector (bytevectors too); other types are their exact class. */
  readonly anyInstance: boolean;
  readonly float: boolean;
  /** Integer types: the range of an element. */
  readonly lo?: number;
  readonly hi?: number;
}

// eslint-disable-next-line @typescript-eslint/ban-types
type Fn = Function;

function isVector(t: FastType): string {
  return t.anyInstance ? "v instanceof C" : "v instanceof C && v.constructor === C";
}
const INDEX = `typeof i === "number" && (i >>> 0) === i && i < v.length`;

/** `(v i) -> element`, falling back to `slow` for anything but a valid vector and index. */
export function fastRef(t: FastType, slow: Fn): Fn {
  const body = `return function ref(v, i) {\n` +
    `  if (${isVector(t)} && ${INDEX}) return ${t.float ? "FLO(v[i])" : "v[i]"};\n` +
    `  return SLOW(v, i);\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function("C", "FLO", "SLOW", body)(t.ctor, flo, slow) as Fn;
}

/** `(v i x) -> unspecified`, falling back to `slow` for anything it does not store as is. */
export function fastSet(t: FastType, slow: Fn): Fn {
  const fits = t.float
    ? `if (typeof x === "number") { v[i] = x; return U; } if (x instanceof FL) { v[i] = x.v; return U; }`
    : `if (typeof x === "number" && Number.isInteger(x) && x >= ${Number(t.lo)} && x <= ${Number(t.hi)}) { v[i] = x; return U; }`;
  const body = `return function set(v, i, x) {\n` +
    `  if (${isVector(t)} && ${INDEX}) { ${fits} }\n` +
    `  return SLOW(v, i, x);\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function("C", "FL", "U", "SLOW", body)(t.ctor, Flonum, UNSPECIFIED, slow) as Fn;
}

/** The fast type of a SRFI 160 element type, or null when it has none (64-bit, complex). */
export function fastTypeOf(e: { tag: string; ctor: unknown; lo?: bigint; hi?: bigint; big?: boolean; complex?: boolean }): FastType | null {
  if (e.big || e.complex) return null;
  if (e.lo === undefined) return { ctor: e.ctor, anyInstance: false, float: true };
  return { ctor: e.ctor, anyInstance: e.tag === "u8", float: false, lo: Number(e.lo), hi: Number(e.hi) };
}
