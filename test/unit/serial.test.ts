// The value serializer (src/serial): every datum round-trips (property test over generated
// data: numbers of every kind incl. -0.0, NaN and infinities, strings with any code point,
// symbols, chars, lists, vectors, bytevectors, specials), shared and circular structure is kept,
// deep and long data do not recurse, what cannot be copied is refused by name, and damaged
// input is rejected with a SerialError, never another exception or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  Value, Pair, NIL, UNSPECIFIED, EOF, DEFAULT_OBJECT, Sym, intern, char, Char, MString, Flonum, flo, list,
  Primitive, ErrorObject, arrayToList, Record, RecordType,
} from "../../src/runtime/values.js";
import { Ratnum, makeRational } from "../../src/runtime/numbers.js";
import { serialize, deserialize } from "../../src/serial/values.js";
import { SerialError } from "../../src/serial/bytes.js";

const runs = Number(process.env.KILN_FUZZ_CASES ?? 300);

/** Structural sameness, exact about numbers (1 vs 1.0, -0.0, NaN) and symbols (identity). */
function same(a: Value, b: Value, seen = new Map<object, object>()): boolean {
  if (typeof a === "number" || typeof a === "bigint") return typeof a === typeof b && Object.is(a, b);
  if (a === null || typeof a !== "object") return a === b;
  if (a instanceof Sym && a.interned) return a === b;
  if (a instanceof Char) return a === b;
  if (typeof b !== "object" || b === null || a.constructor !== b.constructor) return false;
  // Numbers are immutable and compared by value (eqv?): they carry no identity across.
  if (a instanceof Flonum) return Object.is(a.v, b.v);
  if (a instanceof Ratnum) return same(a.num, b.num) && same(a.den, b.den);
  if (seen.has(a)) return seen.get(a) === b;
  seen.set(a, b);
  if (a instanceof MString) return a.toString() === b.toString();
  if (a instanceof Sym) return a.name === b.name && !b.interned;
  if (a instanceof Pair) return same(a.car, b.car, seen) && same(a.cdr, b.cdr, seen);
  if (a instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => same(x, b[i], seen));
  if (a instanceof ErrorObject) return a.message === b.message && a.kind === b.kind && same(a.irritants, b.irritants, seen);
  return a === b;
}

const number = fc.oneof(
  fc.integer(), fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }).filter((b) => b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)),
  fc.double().map((x) => flo(x)),
  fc.constantFrom(flo(-0), flo(NaN), flo(Infinity), flo(-Infinity), flo(2), 0.5),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n })).map(([n, d]) => makeRational(n, d)),
);
const atom = fc.oneof(
  number,
  fc.fullUnicodeString().map((s) => new MString(s)),
  fc.string().map((s) => intern(s)),
  fc.string().map((s) => new Sym(s, false)),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => char(c)),
  fc.uint8Array({ maxLength: 20 }),
  fc.constantFrom(true, false, NIL, UNSPECIFIED, EOF, DEFAULT_OBJECT),
);
const datum = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, atom, tie("pair"), tie("vector"), tie("list")),
  pair: fc.tuple(tie("value"), tie("value")).map(([a, d]) => new Pair(a, d)),
  vector: fc.array(tie("value"), { maxLength: 5 }),
  list: fc.array(tie("value"), { maxLength: 5 }).map((xs) => list(...xs)),
})).value;

test("every datum round-trips (property)", () => {
  fc.assert(fc.property(datum, (v) => same(v, deserialize(serialize(v)))), { numRuns: runs });
});

test("numbers keep their exactness and representation", () => {
  for (const v of [0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2n ** 64n, -(2n ** 64n), flo(-0), flo(1), 1.5, NaN, -Infinity, makeRational(1n, 3n), makeRational(-(2n ** 70n), 3n)]) {
    assert.ok(same(v, deserialize(serialize(v))), `round trip of ${String(v)}`);
  }
  assert.ok(deserialize(serialize(flo(-0))) instanceof Flonum);
  assert.ok(deserialize(serialize(makeRational(2n, 4n))) instanceof Ratnum);
});

test("a string or symbol starting with a byte-order mark keeps it", () => {
  for (const text of ["\uFEFFh", "\uFEFF", "a\uFEFF"]) {
    assert.equal((deserialize(serialize(new MString(text))) as MString).toString(), text);
    assert.equal(deserialize(serialize(intern(text))), intern(text));
  }
});

test("symbols are interned again; uninterned ones stay distinct but shared", () => {
  const u = new Sym("g1", false);
  const back = deserialize(serialize(list(intern("abc"), u, u)));
  assert.equal(back.car, intern("abc"));
  assert.notEqual(back.cdr.car, u);
  assert.equal(back.cdr.car, back.cdr.cdr.car);
});

test("shared and circular structure is kept", () => {
  const shared = new MString("s");
  const v = [shared, shared];
  const back = deserialize(serialize(v));
  assert.equal(back[0], back[1]);
  const cyc = list(1, 2, 3);
  cyc.cdr.cdr.cdr = cyc;
  const c2 = deserialize(serialize(cyc));
  assert.equal(c2.cdr.cdr.cdr, c2);
  const vec: Value[] = [1];
  vec.push(vec);
  const v2 = deserialize(serialize(vec));
  assert.equal(v2[1], v2);
});

test("long and deep data do not recurse on the JS stack", () => {
  const long = arrayToList(Array.from({ length: 200_000 }, (_, i) => i));
  let n = 0;
  for (let p = deserialize(serialize(long)); p instanceof Pair; p = p.cdr) n++;
  assert.equal(n, 200_000);
  let deep: Value = NIL;
  for (let i = 0; i < 200_000; i++) deep = new Pair(deep, NIL);
  let d = 0;
  for (let p = deserialize(serialize(deep)); p instanceof Pair; p = p.car) d++;
  assert.equal(d, 200_000);
});

test("procedures and other uncopyable values are refused by name", () => {
  const prim = new Primitive("car", 1, 1, () => 0);
  assert.throws(() => serialize(list(1, prim)), (e: Error) => e instanceof SerialError && /cannot copy a procedure/.test(e.message));
  const rtd = new RecordType("point", [intern("x")]);
  assert.throws(() => serialize(new Record(rtd, [1])), /record of type point/);
  const types = { keyOf: (t: RecordType) => (t === rtd ? "test point" : null), typeOf: (k: string) => (k === "test point" ? rtd : null) };
  const back = deserialize(serialize(new Record(rtd, [list(1, 2)]), { records: types }), { records: types });
  assert.ok(back instanceof Record && back.rtd === rtd && same(back.fields[0], list(1, 2)));
  const err = deserialize(serialize(new ErrorObject("boom", list(1, new MString("x")))));
  assert.ok(err instanceof ErrorObject && err.message === "boom");
});

test("damaged input is rejected with a SerialError (property: truncation and byte flips)", () => {
  fc.assert(fc.property(datum, fc.nat(), fc.nat(255), fc.boolean(), (v, at, byte, truncate) => {
    const bytes = serialize(v);
    const i = at % bytes.length;
    const bad = truncate ? bytes.slice(0, i) : Uint8Array.from(bytes, (b, j) => (j === i ? byte : b));
    try { deserialize(bad); } catch (e) {
      if (!(e instanceof SerialError)) throw e;
    }
  }), { numRuns: runs });
  assert.throws(() => deserialize(Uint8Array.from([0x4b, 0x53, 0x56, 1, 19, 0xff, 0xff, 0xff, 0x7f])), SerialError);
});
