// Value conversion (src/interop/convert.ts): property-tested round trips both ways, and the
// cases the table documents as one-way.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { createRuntime } from "../../src/api/index.js";
import { Value, MString, intern, char, Flonum, arrayToList, Record, RecordType } from "../../src/runtime/values.js";
import { makeRational } from "../../src/runtime/numbers.js";
import { equal } from "../../src/runtime/equivalence.js";

const k = createRuntime();
const runs = Number(process.env.KILN_PROPERTY_RUNS ?? 200);

// ---- JS -> Scheme -> JS ---------------------------------------------------------------------

const shared = { obj: {}, bytes: new Uint8Array([1, 2, 3]) };
const jsLeaf = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: false }),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 200n }),
  fc.bigInt({ min: -(2n ** 200n), max: -(2n ** 53n) }),
  fc.boolean(),
  fc.fullUnicodeString(),
  fc.string(),
  fc.constant(undefined),
  fc.constant(null),
  fc.string().map((s) => Symbol.for(s)),
  fc.constant(shared.obj),
  fc.constant(shared.bytes),
);
const jsValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, jsLeaf, fc.array(tie("value"), { maxLength: 4 })),
})).value;

test("JS -> Scheme -> JS gives back an equal value (deep)", () => {
  fc.assert(fc.property(jsValue, (x) => {
    const back = k.toJS(k.toScheme(x));
    assert.deepStrictEqual(back, x);
  }), { numRuns: runs });
});

test("JS -> Scheme -> JS with arrays as lists", () => {
  fc.assert(fc.property(jsValue, (x) => {
    assert.deepStrictEqual(k.toJS(k.toScheme(x, { arrays: "list" })), x);
  }), { numRuns: runs });
});

// ---- Scheme -> JS -> Scheme -----------------------------------------------------------------

const schemeLeaf: fc.Arbitrary<Value> = fc.oneof(
  fc.maxSafeInteger(),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 300n }),
  fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d) && !Object.is(d, -0)),
  fc.constant(new Flonum(-0)),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }))
    .map(([n, d]) => makeRational(n, d)),
  fc.boolean(),
  fc.fullUnicodeString().map((s) => new MString(s)),
  fc.string({ minLength: 1 }).map((s) => intern(s)),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => char(c)),
  fc.uint8Array({ maxLength: 8 }),
);

test("Scheme -> JS -> Scheme gives back an equal? value; vectors stay vectors", () => {
  const schemeVector = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, schemeLeaf, fc.array(tie("value"), { maxLength: 4 })),
  })).value;
  fc.assert(fc.property(schemeVector, (v) => {
    const back = k.toScheme(k.toJS(v));
    assert.ok(equal(back, v), `round trip of ${String(v)}`);
  }), { numRuns: runs });
});

test("Scheme -> JS -> Scheme: lists come back as lists with arrays: list", () => {
  const schemeList = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, schemeLeaf, fc.array(tie("value"), { maxLength: 4 }).map((xs) => arrayToList(xs))),
  })).value;
  fc.assert(fc.property(schemeList, (v) => {
    assert.ok(equal(k.toScheme(k.toJS(v), { arrays: "list" }), v));
  }), { numRuns: runs });
});

// ---- The table, case by case ----------------------------------------------------------------

test("numbers: fixnums, bignums, flonums, rationals", () => {
  assert.equal(k.evaluate("(expt 2 10)"), 1024);
  assert.equal(k.evaluate("(expt 2 100)"), 2n ** 100n);
  assert.equal(k.evaluate("1.5"), 1.5);
  assert.equal(k.evaluate("2.0"), 2);             // one-way: JS has one number type
  const r = k.evaluate("1/3") as { num: number; den: number };
  assert.equal(r.num, 1);
  assert.equal(r.den, 3);
  k.define("half", 0.5);
  assert.equal(k.evaluate("(inexact? half)"), true);
  k.define("two", 2);
  assert.equal(k.evaluate("(exact? two)"), true);
  k.define("big", 2n ** 64n);
  assert.equal(k.evaluate("(= big (expt 2 64))"), true);
});

test("strings are copied both ways; symbols are registered JS symbols; chars stay chars", () => {
  assert.equal(k.evaluate('(make-string 3 #\\x)'), "xxx");
  k.define("s", "héllo 🎉");
  assert.equal(k.evaluate("(string-length s)"), 7);
  assert.equal(k.evaluate("'foo"), Symbol.for("foo"));
  k.define("sym", Symbol.for("bar"));
  assert.equal(k.evaluate("(symbol? sym)"), true);
  const c = k.evaluate("#\\λ") as { code: number };
  assert.equal(c.code, 0x3bb);
});

test("lists and vectors deep and shallow; bytevectors are shared", () => {
  assert.deepEqual(k.evaluate("'(1 (2 3) #(4 \"five\"))"), [1, [2, 3], [4, "five"]]);
  const shallow = k.toJS(k.evaluate("'(1 (2 3))", { convert: "none" }), { depth: "shallow" }) as unknown[];
  assert.equal(shallow[0], 1);
  assert.ok(!Array.isArray(shallow[1]));   // the inner list is still a Scheme pair
  const bytes = new Uint8Array([9, 8]);
  k.define("bytes", bytes);
  k.evaluate("(bytevector-u8-set! bytes 0 1)");
  assert.equal(bytes[0], 1);
  assert.equal(k.evaluate("bytes"), bytes);
  // an improper list passes through as a pair
  const p = k.evaluate("'(1 . 2)");
  assert.equal(k.toScheme(p), p);
  assert.deepEqual(k.evaluate("(values 1 2)"), [1, 2]);
});

test("records are read-only live views; passed back they are the same record", () => {
  k.evaluate("(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y))");
  k.evaluate("(define p (make-point 1 \"two\"))");
  const view = k.evaluate("p") as { x: number; y: string };
  assert.equal(view.x, 1);
  assert.equal(view.y, "two");
  assert.deepEqual(Object.keys(view), ["x", "y"]);
  k.evaluate("(set-point-x! p 10)");
  assert.equal(view.x, 10);
  assert.equal(k.evaluate("p"), view);
  assert.throws(() => { "use strict"; (view as { x: number }).x = 3; }, TypeError);
  k.define("q", view);
  assert.equal(k.evaluate("(eq? p q)"), true);
  const r = new Record(new RecordType("thing", [intern("a")]), [new MString("z")]);
  assert.deepEqual({ ...(k.toJS(r) as object) }, { a: "z" });
});

test("hash tables become Maps; that Map passed back is the same table", () => {
  const m = k.evaluate(`(import (srfi 69)) (define t (make-hash-table equal?))
    (hash-table-set! t "a" 1) (hash-table-set! t '(k) 2) t`) as Map<unknown, unknown>;
  assert.ok(m instanceof Map);
  assert.equal(m.get("a"), 1);
  assert.deepEqual([...m.keys()][1], [Symbol.for("k")]);
  k.define("t2", m);
  assert.equal(k.evaluate("(eq? t t2)"), true);
});

test("procedures and functions keep their identity across round trips", () => {
  const sq = k.evaluate("(define (sq x) (* x x)) sq") as (x: number) => number;
  assert.equal(sq(7), 49);
  assert.equal(k.evaluate("sq"), sq);
  k.define("sq2", sq);
  assert.equal(k.evaluate("(eq? sq sq2)"), true);
  const js = (x: number): number => x + 1;
  k.define("inc", js);
  assert.equal(k.evaluate("inc"), js);
  assert.equal(k.evaluate("(inc 1)"), 2);
});
