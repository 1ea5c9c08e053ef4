// SRFI 69 support: the hash functions and the storage behind hash tables, installed as
// %-prefixed primitives. src/lib/libraries/srfi/69.sld wraps a store in a Scheme record
// together with the table's equivalence and hash procedures, and does everything that calls
// back into Scheme (update!, walk, fold) in Scheme.
//
//   hash functions   %hash (consistent with equal?), %string-hash, %string-ci-hash,
//                    %hash-by-identity (consistent with eq?); each takes an optional bound
//                    and returns an exact integer in [0, bound).
//   stores           a HashStore of one of six kinds. For eq?, eqv?, equal?, string=? and
//                    string-ci=? tables the whole operation runs here (kinds 0-4): each key
//                    goes to a JS Map that finds it by identity or by a normalized key: keys
//                    the equivalence compares by identity (fixnums, symbols, chars, records,
//                    ...) as themselves; eqv? numbers that are boxes by their text; strings by
//                    their text (string=?, string-ci=?, and equal? tables); pairs, vectors and
//                    bytevectors of equal? tables bucketed by equalHash and compared with equal.
//                    Any other equivalence is "generic" (kind 5): Scheme calls the table's hash
//                    procedure and scans a bucket, a Scheme list of (key . value) pairs, that
//                    the store keeps under that hash.
//   %ht-fast-store   a table record's store when it is of kinds 0-4, else #f: the one call the
//                    libraries' hot procedures make before their fast path.
//
// Invariants: equalHash(a) === equalHash(b) whenever (equal? a b), including circular
// structures (it looks at a bounded prefix of the unfolding, the same for bisimilar ones);
// `size` is the number of associations; iteration is in insertion order within each map.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { schemeError, typeError } from "../runtime/errors.js";
import { Char, Flonum, MString, NIL, Pair, Record, RecordType, Sym, Value, arrayToList } from "../runtime/values.js";
import { Compnum, Ratnum, numberToString } from "../runtime/numbers.js";
import { equal } from "../runtime/equivalence.js";
import { stringFoldcase } from "../runtime/unicode.js";

// ---- Hashing ------------------------------------------------------------------------------

function combine(h: number, v: number): number {
  h = Math.imul((h ^ v) >>> 0, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashCodePoints(s: MString, seed: number): number {
  let h = seed;
  const n = s.length;
  for (let i = 0; i < n; i++) h = combine(h, s.codePointAt(i));
  return combine(h, n);
}

function hashText(s: string, seed: number): number {
  let h = seed, n = 0;
  for (const ch of s) { h = combine(h, ch.codePointAt(0)!); n++; }
  return combine(h, n);
}

const floatView = new DataView(new ArrayBuffer(8));
function hashFloat(v: number): number {
  floatView.setFloat64(0, v);
  return combine(combine(0x46, floatView.getUint32(0)), floatView.getUint32(4));
}

function hashNumber(x: Value): number {
  if (typeof x === "number") {
    if (!Number.isInteger(x)) return hashFloat(x);
    const lo = x % 4294967296, hi = Math.floor(x / 4294967296);
    return combine(combine(0x49, lo | 0), hi | 0);
  }
  if (typeof x === "bigint") return hashText(x.toString(16), 0x42);
  if (x instanceof Flonum) return hashFloat(x.v);
  if (x instanceof Compnum) return combine(combine(0x43, hashNumber(x.re)), hashNumber(x.im));
  const r = x as Ratnum;
  return combine(combine(0x52, hashNumber(r.num)), hashNumber(r.den));
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** A hash consistent with eq?: numbers by value (eq? on them is by value or unspecified). */
function identityHash(x: Value): number {
  switch (typeof x) {
    case "number": case "bigint": return hashNumber(x);
    case "boolean": return x ? 0x7401 : 0x6601;
  }
  if (x === null || (typeof x !== "object" && typeof x !== "function")) return 0;
  if (x instanceof Char) return combine(0x43, x.code);
  let id = identities.get(x);
  if (id === undefined) { id = combine(0x4f, nextIdentity++); identities.set(x, id); }
  return id;
}

/** Hash of a value that equal? compares without looking inside (everything but pairs and vectors). */
function leafHash(x: Value): number {
  if (typeof x === "number" || typeof x === "bigint" || x instanceof Flonum || x instanceof Ratnum || x instanceof Compnum) return hashNumber(x);
  if (x instanceof MString) return hashCodePoints(x, 0x53);
  if (x instanceof Sym) return x.interned ? hashText(x.name, 0x59) : identityHash(x);
  if (x instanceof Uint8Array) {
    let h = 0x55;
    for (let i = 0; i < x.length; i++) h = combine(h, x[i]);
    return combine(h, x.length);
  }
  if (ArrayBuffer.isView(x)) return numericVectorHash(x as unknown as ArrayLike<number | bigint>);
  return identityHash(x);
}

/** SRFI 160 vectors: equal? compares their elements with Object.is (all NaNs alike). */
function numericVectorHash(x: ArrayLike<number | bigint>): number {
  let h = 0x56;
  const n = Math.min(x.length, HASH_BUDGET);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    h = combine(h, typeof v === "bigint" ? hashNumber(v) : v !== v ? 0x7ff8 : hashFloat(v));
  }
  return combine(h, x.length);
}

/** Nodes of a structure that equalHash looks at. */
const HASH_BUDGET = 64;

/** A hash consistent with equal?: a bounded breadth of the structure, depth-first. */
export function equalHash(root: Value): number {
  let h = 0;
  let budget = HASH_BUDGET;
  const todo: Value[] = [root];
  while (todo.length > 0 && budget > 0) {
    const x = todo.pop();
    budget--;
    if (x instanceof Pair) {
      h = combine(h, 0x28);
      todo.push(x.cdr, x.car);
    } else if (Array.isArray(x)) {
      h = combine(h, combine(0x23, x.length));
      for (let i = Math.min(x.length, budget) - 1; i >= 0; i--) todo.push(x[i]);
    } else {
      h = combine(h, leafHash(x));
    }
  }
  return h;
}

function stringArg(who: string, s: Value): MString {
  if (s instanceof MString) return s;
  return typeError(who, "a string", s);
}

/** h reduced below the optional bound, an exact positive integer. */
function bounded(who: string, h: number, bound: Value): Value {
  // Keep unbounded hashes in the fixnum range of most Schemes (and in a small JS number).
  if (bound === undefined) return h & 0x1fffffff;
  if (typeof bound === "number" && Number.isInteger(bound) && bound > 0) return h % bound;
  if (typeof bound === "bigint" && bound > 0n) return h;
  return typeError(who, "an exact positive integer bound", bound);
}

// ---- Stores -------------------------------------------------------------------------------

const EQ = 0, EQV = 1, EQUAL = 2, STRING = 3, STRING_CI = 4, GENERIC = 5;

interface Entry { key: Value; value: Value }

/** Numbers that are boxes: eqv? compares them by value, so a Map needs a key made of their text. */
function isBoxedNumber(key: Value): boolean {
  return key instanceof Flonum || key instanceof Ratnum || key instanceof Compnum;
}

function boxedNumberText(key: Value): string {
  if (key instanceof Flonum) return Object.is(key.v, -0) ? "-0" : String(key.v);
  if (key instanceof Ratnum) return String(key.num) + "/" + String(key.den);
  return numberToString(key);
}

/** Keys that equal? compares by their contents (strings are kept apart, by their text). */
function isStructured(key: Value): boolean {
  return key instanceof Pair || Array.isArray(key) || ArrayBuffer.isView(key);
}

export class HashStore {
  /** GENERIC: hash -> Scheme list of (key . value) pairs. Every other kind: the keys that
   * the equivalence compares by identity (after interning; for string=? and string-ci=? the
   * normalized text), each to its entry. */
  map = new Map<Value, Value>();
  /** EQV and EQUAL: boxed numbers, by their text. */
  private boxed: Map<string, Entry> | null = null;
  /** EQUAL: strings, by their text. */
  private texts: Map<string, Entry> | null = null;
  /** EQUAL: pairs, vectors and bytevectors, bucketed by equalHash. */
  private deep: Map<number, Entry[]> | null = null;
  size = 0;
  constructor(readonly kind: number) {
    if (kind === EQV || kind === EQUAL) this.boxed = new Map();
    if (kind === EQUAL) { this.texts = new Map(); this.deep = new Map(); }
  }

  /** The entry of key, or undefined. */
  private find(key: Value): Entry | undefined {
    switch (this.kind) {
      case EQ: return this.map.get(key);
      case STRING: return this.map.get(stringArg("hash-table (string=?)", key).toString());
      case STRING_CI: return this.map.get(stringFoldcase(stringArg("hash-table (string-ci=?)", key).toString()));
    }
    if (typeof key !== "object" || key === null) return this.map.get(key);
    if (isBoxedNumber(key)) return this.boxed!.get(boxedNumberText(key));
    if (this.kind === EQUAL) {
      if (key instanceof MString) return this.texts!.get(key.toString());
      if (isStructured(key)) {
        const bucket = this.deep!.get(equalHash(key));
        if (bucket !== undefined) for (let i = 0; i < bucket.length; i++) if (equal(bucket[i].key, key)) return bucket[i];
        return undefined;
      }
    }
    return this.map.get(key);
  }

  ref(key: Value, dflt: Value): Value {
    const e = this.find(key);
    return e === undefined ? dflt : e.value;
  }

  set(key: Value, value: Value): void {
    const e = this.find(key);
    if (e !== undefined) { e.value = value; return; }
    this.size++;
    const entry: Entry = { key, value };
    switch (this.kind) {
      case EQ: this.map.set(key, entry); return;
      case STRING: this.map.set(key.toString(), entry); return;
      case STRING_CI: this.map.set(stringFoldcase(key.toString()), entry); return;
    }
    if (typeof key !== "object" || key === null) this.map.set(key, entry);
    else if (isBoxedNumber(key)) this.boxed!.set(boxedNumberText(key), entry);
    else if (this.kind === EQUAL && key instanceof MString) this.texts!.set(key.toString(), entry);
    else if (this.kind === EQUAL && isStructured(key)) {
      const h = equalHash(key);
      const bucket = this.deep!.get(h);
      if (bucket === undefined) this.deep!.set(h, [entry]);
      else bucket.push(entry);
    } else this.map.set(key, entry);
  }

  delete(key: Value): void {
    if (this.find(key) === undefined) return;
    this.size--;
    switch (this.kind) {
      case EQ: this.map.delete(key); return;
      case STRING: this.map.delete(key.toString()); return;
      case STRING_CI: this.map.delete(stringFoldcase(key.toString())); return;
    }
    if (typeof key !== "object" || key === null) this.map.delete(key);
    else if (isBoxedNumber(key)) this.boxed!.delete(boxedNumberText(key));
    else if (this.kind === EQUAL && key instanceof MString) this.texts!.delete(key.toString());
    else if (this.kind === EQUAL && isStructured(key)) {
      const h = equalHash(key);
      const bucket = this.deep!.get(h)!;
      bucket.splice(bucket.findIndex((e) => equal(e.key, key)), 1);
      if (bucket.length === 0) this.deep!.delete(h);
    } else this.map.delete(key);
  }

  /** Every entry of a non-generic store: identity keys in insertion order, then boxed
   * numbers, strings and structured keys (each in insertion order, bucket by bucket). */
  private *allEntries(): Generator<Entry> {
    yield* this.map.values() as Iterable<Entry>;
    if (this.boxed !== null) yield* this.boxed.values();
    if (this.texts !== null) yield* this.texts.values();
    if (this.deep !== null) for (const bucket of this.deep.values()) yield* bucket;
  }

  /** Every association (bucket by bucket for GENERIC). */
  entries(): [Value, Value][] {
    const out: [Value, Value][] = [];
    if (this.kind === GENERIC) {
      for (const bucket of this.map.values()) {
        for (let l = bucket; l instanceof Pair; l = l.cdr) out.push([l.car.car, l.car.cdr]);
      }
    } else {
      for (const e of this.allEntries()) out.push([e.key, e.value]);
    }
    return out;
  }

  /** The first association, or null when the store is empty. */
  first(): [Value, Value] | null {
    if (this.kind === GENERIC) {
      for (const bucket of this.map.values()) if (bucket instanceof Pair) return [bucket.car.car, bucket.car.cdr];
      return null;
    }
    for (const e of this.allEntries()) return [e.key, e.value];
    return null;
  }

  copy(): HashStore {
    const c = new HashStore(this.kind);
    if (this.kind === GENERIC) {
      c.size = this.size;
      for (const [k, v] of this.map) {
        const pairs: Value[] = [];
        for (let l = v; l instanceof Pair; l = l.cdr) pairs.push(new Pair(l.car.car, l.car.cdr));
        c.map.set(k, arrayToList(pairs));
      }
    } else {
      for (const e of this.allEntries()) c.set(e.key, e.value);
    }
    return c;
  }

  clear(): void {
    this.map.clear();
    this.boxed?.clear();
    this.texts?.clear();
    this.deep?.clear();
    this.size = 0;
  }
}

function storeArg(who: string, s: Value): HashStore {
  if (s instanceof HashStore) return s;
  return typeError(who, "a hash table store", s);
}

function fastStore(who: string, s: Value): HashStore {
  const st = storeArg(who, s);
  if (st.kind === GENERIC) schemeError(`${who}: a generic table has no direct lookup`);
  return st;
}

/** The store of a table record of type rtd when the store does its own lookups, else #f. The
 * libraries' hot procedures take this one primitive call before their fast path (the store
 * is the record's third field in (srfi 69) and (srfi 125)). */
function fastStoreOf(rtd: Value, table: Value): Value {
  if (table instanceof Record && table.rtd === rtd && rtd instanceof RecordType) {
    const store = table.fields[2];
    if (store instanceof HashStore && store.kind !== GENERIC) return store;
  }
  return false;
}

/** A generic table's bucket key: the exact integer its hash procedure returned. */
function hashKey(h: Value): Value {
  if ((typeof h === "number" && Number.isInteger(h)) || typeof h === "bigint") return h;
  return typeError("hash-table", "an exact integer from the hash function", h);
}

export const hashPrimitives: PrimSpec[] = [
  prim("%hash", 1, 2, (x: Value, bound: Value) => bounded("hash", equalHash(x), bound)),
  prim("%string-hash", 1, 2, (s: Value, bound: Value) =>
    bounded("string-hash", hashCodePoints(stringArg("string-hash", s), 0x53), bound)),
  prim("%string-ci-hash", 1, 2, (s: Value, bound: Value) =>
    bounded("string-ci-hash", hashText(stringFoldcase(stringArg("string-ci-hash", s).toString()), 0x53), bound)),
  prim("%hash-by-identity", 1, 2, (x: Value, bound: Value) => bounded("hash-by-identity", identityHash(x), bound)),

  prim("%ht-make", 1, 1, (kind: Value) => {
    if (typeof kind !== "number" || !(kind >= EQ && kind <= GENERIC)) return typeError("%ht-make", "a store kind", kind);
    return new HashStore(kind);
  }),
  prim("%ht-fast-store", 2, 2, fastStoreOf),
  prim("%ht-kind", 1, 1, (s: Value) => storeArg("%ht-kind", s).kind),
  prim("%ht-size", 1, 1, (s: Value) => storeArg("hash-table-size", s).size),
  prim("%ht-ref", 3, 3, (s: Value, key: Value, dflt: Value) => fastStore("hash-table-ref", s).ref(key, dflt)),
  prim("%ht-set!", 3, 3, (s: Value, key: Value, value: Value) => { fastStore("hash-table-set!", s).set(key, value); }),
  prim("%ht-delete!", 2, 2, (s: Value, key: Value) => { fastStore("hash-table-delete!", s).delete(key); }),
  prim("%ht-keys", 1, 1, (s: Value) => arrayToList(storeArg("hash-table-keys", s).entries().map((e) => e[0]))),
  prim("%ht-values", 1, 1, (s: Value) => arrayToList(storeArg("hash-table-values", s).entries().map((e) => e[1]))),
  prim("%ht->alist", 1, 1, (s: Value) =>
    arrayToList(storeArg("hash-table->alist", s).entries().map((e) => new Pair(e[0], e[1])))),
  prim("%ht-copy", 1, 1, (s: Value) => storeArg("hash-table-copy", s).copy()),
  prim("%ht-clear!", 1, 1, (s: Value) => { storeArg("hash-table-clear!", s).clear(); }),
  // Generic tables: the bucket under a hash, and replacing it (delta: the change in size).
  prim("%ht-bucket", 2, 2, (s: Value, h: Value) => storeArg("hash-table", s).map.get(hashKey(h)) ?? NIL),
  prim("%ht-bucket-set!", 4, 4, (s: Value, h: Value, bucket: Value, delta: Value) => {
    const st = storeArg("hash-table", s);
    if (bucket === NIL) st.map.delete(hashKey(h));
    else st.map.set(hashKey(h), bucket);
    st.size += delta as number;
  }),
];
