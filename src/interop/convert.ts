// Value conversion between Scheme and JavaScript: the one place that decides how a value looks
// on the other side. The embedding API (src/api) and the (kiln js) library both use it.
//
//   Scheme                          JavaScript (toJS)                 back to Scheme (toScheme)
//   exact integer (safe range)      number                            integral number -> exact integer
//   exact integer (beyond 2^53)     bigint                            bigint -> exact integer
//   inexact real                    number (2.0 gives 2)              non-integral number, NaN, ±Infinity,
//                                                                     -0 and integers beyond 2^53 -> inexact
//   exact rational (1/3)            the Ratnum itself (num, den)      Ratnum -> itself
//   #t / #f                         true / false                      boolean -> boolean
//   string                          string (a copy)                   string -> a fresh mutable string
//   symbol                          Symbol.for(name)                  registered Symbol -> symbol
//   char                            the Char itself (.code)           Char -> itself
//   proper list                     array (deep: elements too)        array -> vector (or list: arrays: "list")
//   vector                          array (a copy)                    array -> vector
//   bytevector                      the same Uint8Array (shared)      Uint8Array -> bytevector (shared)
//   record                          read-only live view object        the view -> the same record
//                                   (fields by name)
//   hash table (srfi 69)            Map (a snapshot)                  that Map -> the same table
//   procedure                       function (a call is a nested      function -> procedure (arguments
//                                   run: a continuation barrier)      converted toJS, result toScheme)
//   unspecified / default object    undefined                         undefined -> unspecified
//   several values                  array of the values
//   anything else (pairs that are   passed through as is              anything else (null, objects,
//   not proper lists, ports, ...)                                     promises, ...) passed through
//
// "deep" converts the elements of lists and vectors (and hash-table entries) too; "shallow"
// converts only the outer value and leaves the elements as Scheme values. Conversions
// remember the objects they make (a function for a procedure, a Map for a table, a view for a
// record) so that passing one back gives the original, and converting twice gives the same one.

import {
  Value, Pair, NIL, UNSPECIFIED, DEFAULT_OBJECT, MString, Sym, intern, Char, Flonum, Record, MultipleValues,
  isProcedure, listToArray, arrayToList, Primitive, CaseLambda, char, EOF, Box, RecordType, SPromise, ErrorObject,
} from "../runtime/values.js";
import { Ratnum, normBig } from "../runtime/numbers.js";
import { HashStore } from "../lib/srfi-hash.js";
import { Port } from "../runtime/ports.js";

export type Depth = "deep" | "shallow";

export interface ToJSOptions {
  /** Convert elements of lists, vectors and tables too ("deep", the default) or only the outer value. */
  depth?: Depth;
}

export interface ToSchemeOptions {
  depth?: Depth;
  /** What a JS array becomes: a vector (default; a vector is a JS array inside Kiln) or a list. */
  arrays?: "vector" | "list";
}

/** What conversion needs from a runtime: calling Scheme from JS, and JS from Scheme. */
export interface Bridge {
  /** Call a Scheme procedure with Scheme arguments (a nested run) and return its Scheme value. */
  callScheme(proc: Value, args: Value[]): Value;
  /** Call a JS function with JS arguments on behalf of Scheme; errors become Scheme conditions. */
  callJS(fn: (...args: unknown[]) => unknown, self: unknown, args: unknown[], name: string): unknown;
}

// Identity caches: the JS face of a Scheme object, and the Scheme object behind a JS face.
const jsFaceOf = new WeakMap<object, object>();
const schemeBehind = new WeakMap<object, Value>();

function remember(scheme: object, js: object): void {
  jsFaceOf.set(scheme, js);
  schemeBehind.set(js, scheme);
}

/** The Scheme object a JS value stands for when it was made by toJS (a function, Map or view). */
export function schemeObjectBehind(x: unknown): Value | undefined {
  return typeof x === "object" || typeof x === "function" ? schemeBehind.get(x as object) : undefined;
}

/** A hash table of (srfi 69): a record whose store field is a HashStore. */
function hashStoreOf(x: Value): HashStore | null {
  if (!(x instanceof Record)) return null;
  for (const f of x.fields) if (f instanceof HashStore) return f;
  return null;
}

export function toJS(v: Value, bridge: Bridge, options: ToJSOptions = {}): unknown {
  const deep = (options.depth ?? "deep") === "deep";
  const inner = (x: Value): unknown => deep ? toJS(x, bridge, options) : x;
  switch (typeof v) {
    case "number": case "boolean": case "bigint": case "string": case "undefined": return v;
  }
  if (v instanceof MString) return v.toString();
  if (v instanceof Flonum) return v.v;
  if (v === UNSPECIFIED || v === DEFAULT_OBJECT) return undefined;
  if (v instanceof Sym) return v.interned ? Symbol.for(v.name) : v;
  if (v === NIL) return [];
  if (v instanceof Pair) {
    const xs = listToArray(v);
    return xs === null ? v : xs.map(inner);
  }
  if (Array.isArray(v)) return v.map(inner);
  if (v instanceof MultipleValues) return v.vals.map(inner);
  if (v === null || typeof v !== "object" && typeof v !== "function") return v;
  const cached = jsFaceOf.get(v);
  if (cached !== undefined) return cached;
  if (isProcedure(v)) {
    if (v instanceof Primitive && schemeBehind.has(v.fn)) return v.fn;  // a JS function we wrapped
    const fn = procedureToFunction(v, bridge);
    remember(v, fn);
    return fn;
  }
  const store = hashStoreOf(v);
  if (store !== null) {
    const m = new Map<unknown, unknown>();
    for (const [k, x] of store.entries()) m.set(inner(k), inner(x));
    remember(v, m);  // a snapshot: a later conversion of the same table gives this Map
    return m;
  }
  if (v instanceof Record) {
    const view = recordView(v, bridge, options);
    remember(v, view);
    return view;
  }
  return v;
}

export function toScheme(x: unknown, bridge: Bridge, options: ToSchemeOptions = {}): Value {
  const deep = (options.depth ?? "deep") === "deep";
  switch (typeof x) {
    case "number":
      if (Number.isSafeInteger(x) && !Object.is(x, -0)) return x;
      if (Number.isInteger(x) || Object.is(x, -0)) return new Flonum(x);
      return x;
    case "bigint": return normBig(x);
    case "boolean": return x;
    case "string": return new MString(x);
    case "undefined": return UNSPECIFIED;
    case "symbol": {
      const key = Symbol.keyFor(x);
      return key !== undefined ? intern(key) : x;
    }
    case "function": {
      const behind = schemeBehind.get(x);
      if (behind !== undefined) return behind;
      return functionToProcedure(x as (...args: unknown[]) => unknown, bridge);
    }
  }
  if (x === null) return x;
  const behind = schemeBehind.get(x as object);
  if (behind !== undefined) return behind;
  if (Array.isArray(x)) {
    const xs = deep ? x.map((e) => toScheme(e, bridge, options)) : x.slice();
    return options.arrays === "list" ? arrayToList(xs) : xs;
  }
  return x;
}

/**
 * A Scheme procedure as a JS function: arguments go toScheme, the result comes back toJS. As
 * JS functions do, it ignores arguments beyond those the procedure accepts, so a one-argument
 * lambda works as the callback of Array.prototype.map (which passes three).
 */
function procedureToFunction(proc: Value, bridge: Bridge): (...args: unknown[]) => unknown {
  const max = maxArguments(proc);
  const f = function (this: unknown, ...args: unknown[]): unknown {
    const used = args.length > max ? args.slice(0, max) : args;
    return toJS(bridge.callScheme(proc, used.map((a) => toScheme(a, bridge))), bridge);
  };
  return f;
}

/** The most arguments a procedure accepts (Infinity when it takes a rest list). */
function maxArguments(proc: Value): number {
  if (proc instanceof Primitive) return proc.max < 0 ? Infinity : proc.max;
  if (proc instanceof CaseLambda) return Math.max(...proc.clauses.map(maxArguments));
  const code = (proc as { code?: { nreq?: unknown; rest?: unknown } }).code;
  if (code && typeof code.nreq === "number") return code.rest ? Infinity : code.nreq;
  return Infinity;
}

/** A JS function as a Scheme procedure; `this` is undefined (use js-call for methods). */
export function functionToProcedure(fn: (...args: unknown[]) => unknown, bridge: Bridge, name = fn.name || "js-function"): Value {
  const existing = schemeBehind.get(fn);
  if (existing !== undefined) return existing;
  const p = new Primitive(name, 0, -1, (args: Value[]) =>
    toScheme(bridge.callJS(fn, undefined, args.map((a) => toJS(a, bridge)), name), bridge));
  remember(p, fn);
  return p;
}

/** A read-only object whose properties are the record's fields, read live. */
function recordView(r: Record, bridge: Bridge, options: ToJSOptions): object {
  const names = r.rtd.fields.map((s) => s.name);
  const target = Object.create(null) as object;
  const typeName = r.rtd.name.replace(/^<(.*)>$/, "$1");
  return new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.toStringTag) return typeName;
      if (typeof key !== "string") return undefined;
      const i = names.indexOf(key);
      return i < 0 ? undefined : toJS(r.fields[i], bridge, options);
    },
    has(_t, key) { return typeof key === "string" && names.includes(key); },
    ownKeys() { return names; },
    getOwnPropertyDescriptor(_t, key) {
      const i = typeof key === "string" ? names.indexOf(key) : -1;
      if (i < 0) return undefined;
      return { value: toJS(r.fields[i], bridge, options), writable: false, enumerable: true, configurable: true };
    },
    set() { return false; },
    defineProperty() { return false; },
    deleteProperty() { return false; },
  });
}

/** The JS function a Scheme procedure wraps (made by functionToProcedure), or null. */
export function jsFunctionBehind(p: Primitive): ((...args: unknown[]) => unknown) | null {
  const f = jsFaceOf.get(p);
  return typeof f === "function" ? f as (...args: unknown[]) => unknown : null;
}

/** Is x a value of Scheme's own domain (as opposed to a JS object passed through)? */
export function isSchemeValue(x: unknown): boolean {
  if (typeof x !== "object" || x === null) return typeof x !== "function" && typeof x !== "symbol" && x !== null && x !== undefined;
  if (x === NIL || x === UNSPECIFIED || x === DEFAULT_OBJECT || x === EOF) return true;
  if (Array.isArray(x) || x instanceof Uint8Array) return true;
  return x instanceof Pair || x instanceof Sym || x instanceof Char || x instanceof MString || x instanceof Flonum ||
    x instanceof Box || x instanceof MultipleValues || x instanceof Ratnum || x instanceof Record || x instanceof RecordType ||
    x instanceof SPromise || x instanceof ErrorObject || x instanceof Port || isProcedure(x);
}

/** The record type name of a record view or record, for messages. */
export function isRecordView(x: unknown): boolean {
  return schemeObjectBehind(x) instanceof Record;
}

/** Scheme character from a one-character JS string (for API users building chars). */
export function charOf(s: string): Char {
  const cp = s.codePointAt(0);
  if (cp === undefined || String.fromCodePoint(cp) !== s) throw new TypeError("charOf: expected a string of one character");
  return char(cp);
}

/** An exact rational as a JS number (nearest double), for display or arithmetic in JS. */
export function rationalToNumber(r: Ratnum): number {
  return Number(r.num) / Number(r.den);
}
