// The first-order data primitives (src/lib: lists, chars, strings, symbols, vectors,
// bytevectors, predicates), called through their PrimSpec like the runtime does:
// positional arguments, or one array for a variadic primitive.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PrimSpec, toPrimitive } from "../../src/runtime/primitive.js";
import { SchemeError } from "../../src/runtime/errors.js";
import {
  Char, DEFAULT_OBJECT, ErrorObject, MString, NIL, Pair, Primitive, Sym, UNSPECIFIED, Value,
  arrayToList, char, flo, intern, list, listToArray,
} from "../../src/runtime/values.js";
import { equal } from "../../src/runtime/equivalence.js";
import { listPrimitives } from "../../src/lib/lists.js";
import { charPrimitives } from "../../src/lib/chars.js";
import { stringPrimitives } from "../../src/lib/strings.js";
import { symbolPrimitives } from "../../src/lib/symbols.js";
import { vectorPrimitives } from "../../src/lib/vectors.js";
import { bytevectorPrimitives } from "../../src/lib/bytevectors.js";
import { predicatePrimitives } from "../../src/lib/predicates.js";

const tables = [
  listPrimitives, charPrimitives, stringPrimitives, symbolPrimitives, vectorPrimitives,
  bytevectorPrimitives, predicatePrimitives,
];
const specs = new Map<string, PrimSpec>();
for (const t of tables) for (const p of t) specs.set(p.name, p);

function call(name: string, ...args: Value[]): Value {
  const p = specs.get(name);
  if (p === undefined) throw new Error(`no primitive ${name}`);
  assert.ok(args.length >= p.min && (p.max === -1 || args.length <= p.max), `${name}: arity`);
  if (p.max !== -1) return p.fn(...args);
  // A variadic primitive (all of them are pure) answers the same through the positional
  // entry native code calls (two-argument fast paths included), and raises the same error.
  const outcome = (f: () => Value): { value?: Value; error?: unknown } => {
    try { return { value: f() }; } catch (error) { return { error }; }
  };
  const viaArray = outcome(() => p.fn(args));
  const viaPositional = outcome(() => toPrimitive(p).positional(...args));
  if (viaArray.error !== undefined) {
    assert.ok(viaPositional.error instanceof SchemeError, `${name}: the positional entry raises too`);
    assert.equal((viaPositional.error as Error).message, (viaArray.error as Error).message);
    throw viaArray.error;
  }
  assert.ok(viaPositional.error === undefined, `${name}: the positional entry raised ${viaPositional.error}`);
  assert.ok(equal(viaPositional.value, viaArray.value), `${name}: the positional entry's answer`);
  return viaArray.value;
}

/** Asserts that the call raises a Scheme error with this message and first irritant. */
function raises(message: string, irritant: Value, name: string, ...args: Value[]): void {
  try {
    call(name, ...args);
  } catch (e) {
    assert.ok(e instanceof SchemeError, `${name}: not a SchemeError: ${e}`);
    const obj = e.payload as ErrorObject;
    assert.equal(obj.message, message);
    assert.ok(equal(obj.irritants.car, irritant), `${name}: irritant`);
    return;
  }
  assert.fail(`${name} did not raise`);
}

const s = (x: string): MString => new MString(x);
const str = (x: Value): string => { assert.ok(x instanceof MString); return x.toString(); };
const arr = (x: Value): Value[] => listToArray(x)!;
const iota = (n: number): Value[] => Array.from({ length: n }, (_, i) => i);

test("tables: names are unique, all 28 cxr accessors exist", () => {
  const names = tables.flat().map((p) => p.name);
  assert.equal(new Set(names).size, names.length);
  for (const n of ["caar", "cadr", "cdar", "cddr", "caddr", "cdddar", "cadddr", "cddddr", "caaaar"]) {
    assert.ok(specs.has(n), n);
  }
  assert.equal(names.filter((n) => /^c[ad]{2,4}r$/.test(n)).length, 28);
});

test("pairs and lists", () => {
  const l = list(1, 2, 3);
  assert.equal(call("car", l), 1);
  assert.equal(call("cadr", l), 2);
  assert.equal(call("caddr", l), 3);
  assert.equal(call("cdddr", l), NIL);
  assert.equal(call("caar", list(list(7))), 7);
  raises("car: expected a pair", 5, "car", 5);
  raises("cdr: expected a pair", NIL, "cdr", NIL);
  raises("caddr: expected a pair", list(1), "caddr", list(1));
  const p = call("cons", 1, 2);
  assert.equal(call("set-car!", p, 9), UNSPECIFIED);
  call("set-cdr!", p, 8);
  assert.deepEqual([p.car, p.cdr], [9, 8]);
  raises("set-car!: expected a pair", 1, "set-car!", 1, 2);
  assert.equal(call("pair?", p), true);
  assert.equal(call("pair?", NIL), false);
  assert.equal(call("null?", NIL), true);
  assert.equal(call("list?", l), true);
  assert.equal(call("list?", new Pair(1, 2)), false);
  const c = list(1, 2); c.cdr.cdr = c;
  assert.equal(call("list?", c), false);
  raises("length: expected a proper list", c, "length", c);
  raises("length: expected a proper list", new Pair(1, 2), "length", new Pair(1, 2));
  assert.equal(call("length", l), 3);
  assert.deepEqual(arr(call("make-list", 2, 0)), [0, 0]);
  assert.deepEqual(arr(call("list", 1, 2)), [1, 2]);
  assert.deepEqual(arr(call("reverse", l)), [3, 2, 1]);
  assert.deepEqual(arr(call("list-tail", l, 1)), [2, 3]);
  assert.equal(call("list-tail", l, 3), NIL);
  raises("list-tail: index out of range", 4, "list-tail", l, 4);
  assert.equal(call("list-ref", l, 2), 3);
  raises("list-ref: index out of range", 3, "list-ref", l, 3);
  raises("list-ref: expected an exact integer index", flo(1), "list-ref", l, flo(1));
  const m = list(1, 2);
  call("list-set!", m, 1, 5);
  assert.deepEqual(arr(m), [1, 5]);
  assert.equal(call("last-pair", l).car, 3);
});

test("append, reverse and length on a million-element list", () => {
  const big = arrayToList(iota(1_000_000));
  const both = call("append", big, big);
  assert.equal(call("length", both), 2_000_000);
  assert.equal(call("length", call("reverse", big)), 1_000_000);
  assert.equal(call("list-ref", both, 1_999_999), 999_999);
  assert.equal(call("length", call("list-copy", big)), 1_000_000);
});

test("append: sharing, improper tails, errors", () => {
  assert.equal(call("append"), NIL);
  assert.equal(call("append", 5), 5);
  const tail = list(3);
  const r = call("append", list(1), NIL, list(2), tail);
  assert.deepEqual(arr(r), [1, 2, 3]);
  assert.equal(r.cdr.cdr, tail);                  // the last argument is shared
  const imp = call("append", list(1), 2);
  assert.equal(imp.cdr, 2);
  raises("append: expected a proper list", new Pair(1, 2), "append", new Pair(1, 2), NIL);
});

test("memq memv member assq assv assoc", () => {
  const a = intern("a"), b = intern("b");
  assert.deepEqual(arr(call("memq", b, list(a, b, 1))), [b, 1]);
  assert.equal(call("memq", intern("z"), list(a, b)), false);
  assert.deepEqual(arr(call("memv", flo(1.5), list(1, 1.5, 2))), [1.5, 2]);
  assert.equal(call("memv", flo(2), list(1, 2)), false);
  assert.equal(call("memq", 2, list(1, 2)).car, 2);
  assert.deepEqual(arr(call("%member", list(1), list(2, list(1), 3))).length, 2);
  const al = list(new Pair(a, 1), new Pair(b, 2));
  assert.equal(call("assq", b, al).cdr, 2);
  assert.equal(call("assv", 5, al), false);
  assert.equal(call("%assoc", s("k"), list(new Pair(s("k"), 1))).cdr, 1);
  raises("assq: expected a pair", 7, "assq", a, list(7));
  const c = list(1, 2); c.cdr.cdr = c;
  raises("memq: expected a proper list", c, "memq", 3, c);
  assert.equal(call("memq", 2, c).car, 2);
});

test("list-copy", () => {
  const l = list(1, 2);
  const c = call("list-copy", l);
  assert.notEqual(c, l);
  assert.deepEqual(arr(c), [1, 2]);
  assert.equal(call("list-copy", 5), 5);
  const imp = call("list-copy", new Pair(1, new Pair(2, 3)));
  assert.equal(imp.cdr.cdr, 3);
});

test("symbols", () => {
  const x = call("string->symbol", s("hello"));
  assert.equal(x, intern("hello"));
  const name = call("symbol->string", x);
  assert.equal(str(name), "hello");
  assert.equal(call("symbol->string", x), name);        // made once, immutable
  raises("string-set!: a literal constant cannot be modified", name, "string-set!", name, 0, char(120));
  assert.equal(str(call("symbol->string", x)), "hello");
  assert.equal(call("symbol?", x), true);
  assert.equal(call("symbol?", name), false);
  assert.equal(call("symbol=?", x, intern("hello"), x), true);
  assert.equal(call("symbol=?", x, intern("bye")), false);
  assert.equal(call("symbol=?", x, new Sym("hello", false)), false);
  raises("symbol=?: expected a symbol", 1, "symbol=?", x, 1);
});

test("characters", () => {
  assert.equal(call("char->integer", char(0x3bb)), 0x3bb);
  assert.equal(call("integer->char", 97), char(97));
  raises("integer->char: scalar value out of range", 0xd800, "integer->char", 0xd800);
  raises("integer->char: scalar value out of range", 0x110000, "integer->char", 0x110000);
  assert.equal(call("char<?", char(97), char(98), char(99)), true);
  assert.equal(call("char<?", char(97), char(98), char(98)), false);
  assert.equal(call("char>=?", char(99), char(99), char(98)), true);
  assert.equal(call("char=?", char(97)), true);
  raises("char<?: expected a character", 1, "char<?", char(98), char(97), 1);
  raises("char=?: expected a character", 1, "char=?", 1, char(97));
  raises("char=?: expected a character", 1, "char=?", char(97), 1);
  assert.equal(call("char>?", char(98), char(97)), true);
  assert.equal(call("char-ci>=?", char(65), char(98)), false);
  assert.equal(call("char-ci=?", char(65), char(97)), true);
  assert.equal(call("char-ci=?", char(0x3a3), char(0x3c2), char(0x3c3)), true);   // Σ ς σ
  assert.equal(call("char-ci<?", char(97), char(66)), true);
  assert.equal(call("char-alphabetic?", char(0x3bb)), true);
  assert.equal(call("char-alphabetic?", char(49)), false);
  assert.equal(call("char-numeric?", char(0x664)), true);
  assert.equal(call("char-whitespace?", char(0x3000)), true);
  assert.equal(call("char-upper-case?", char(0x391)), true);
  assert.equal(call("char-lower-case?", char(0x3b1)), true);
  assert.equal(call("char-lower-case?", char(0x5d0)), false);   // Hebrew alef: no case
  assert.equal(call("digit-value", char(51)), 3);
  assert.equal(call("digit-value", char(0x664)), 4);
  assert.equal(call("digit-value", char(0xae6)), 0);
  assert.equal(call("digit-value", char(0xea6)), false);
  assert.equal(call("digit-value", char(0x1d7d8 + 7)), 7);       // mathematical double-struck digits
  assert.equal(call("char-upcase", char(0xdf)), char(0xdf));     // ß has no one-char uppercase
  assert.equal(call("char-upcase", char(0x3bb)), char(0x39b));
  assert.equal(call("char-downcase", char(0x130)), char(0x69));
  assert.equal(call("char-foldcase", char(0x3c2)), char(0x3c3));
  assert.equal(call("char-foldcase", char(0x17f)), char(0x73));  // long s
  assert.equal(call("char-foldcase", char(0x13f8)), char(0x13f0)); // Cherokee folds to upper
  assert.equal(call("char?", char(1)), true);
  assert.equal(call("char?", 1), false);
});

test("strings: construction, access, mutation", () => {
  assert.equal(str(call("make-string", 3, char(120))), "xxx");
  assert.equal(str(call("make-string", 2, char(0x1f600))), "😀😀");
  assert.equal(call("string-length", call("make-string", 2)), 2);
  raises("make-string: expected an exact nonnegative integer", flo(2), "make-string", flo(2));
  raises("make-string: size out of range", -1, "make-string", -1);
  const t = call("string", char(97), char(0x1f600), char(98));
  assert.equal(call("string-length", t), 3);
  assert.equal(call("string-ref", t, 1), char(0x1f600));
  raises("string-ref: index out of range for length 3:", 3, "string-ref", t, 3);
  raises("string-ref: expected a string", 5, "string-ref", 5, 0);
  raises("string: expected a character", 1, "string", char(97), 1);
  const u = s("abc");
  call("string-set!", u, 1, char(0x3bb));
  assert.equal(str(u), "aλc");
  call("string-fill!", u, char(122), 2);
  assert.equal(str(u), "aλz");
  raises("string-fill!: start index out of range", 4, "string-fill!", u, char(122), 4);
  raises("string-fill!: end index out of range", 1, "string-fill!", u, char(122), 2, 1);
});

test("strings: comparison", () => {
  assert.equal(call("string=?", s("a"), s("a"), s("a")), true);
  assert.equal(call("string=?", s("a"), s("ab")), false);
  assert.equal(call("string<?", s("a"), s("ab"), s("b")), true);
  assert.equal(call("string<?", s("b"), s("ab")), false);
  assert.equal(call("string>?", s("b"), s("ab")), true);
  assert.equal(call("string<=?", s("a"), s("a")), true);
  assert.equal(call("string>=?", s("a"), s("b")), false);
  // Code-point order, also against characters beyond the BMP (surrogates sort below U+FFFF).
  assert.equal(call("string<?", s("\uffff"), s("😀")), true);
  assert.equal(call("string=?", s("a😀"), call("string", char(97), char(0x1f600))), true);
  assert.equal(call("string-ci=?", s("Straße"), s("STRASSE")), true);
  assert.equal(call("string-ci=?", s("ΧΑΟΣ"), s("χαος"), s("χαοσ")), true);
  assert.equal(call("string-ci<?", s("apple"), s("Banana")), true);
  raises("string=?: expected a string", 1, "string=?", s("a"), 1);
  raises("string<?: expected a string", 1, "string<?", 1, s("a"));
  raises("string-ci=?: expected a string", 1, "string-ci=?", s("a"), 1);
  assert.equal(call("string=?", s("x")), true);
});

test("strings: substring, append, copy, conversions", () => {
  const h = s("hello");
  assert.equal(str(call("substring", h, 1, 3)), "el");
  assert.equal(str(call("string-copy", h, 2)), "llo");
  assert.notEqual(call("string-copy", h), h);
  raises("substring: end index out of range", 6, "substring", h, 0, 6);
  raises("string-copy: start index out of range", 6, "string-copy", h, 6);
  assert.equal(str(call("string-append", s("a"), s("😀"), s("b"))), "a😀b");
  assert.equal(str(call("string-append")), "");
  // Two arguments (the positional fast path): BMP, beyond it, fresh results, checks.
  assert.equal(str(call("string-append", s("ab"), s("c"))), "abc");
  assert.equal(call("string-length", call("string-append", s("😀"), s("b"))), 2);
  assert.equal(call("string-ref", call("string-append", s("a"), s("😀")), 1), char(0x1f600));
  assert.notEqual(call("string-append", h, s("")), h);
  raises("string-append: expected a string", char(98), "string-append", s("a"), char(98));
  raises("string-append: expected a string", 1, "string-append", 1, s("a"));
  assert.deepEqual(arr(call("string->list", s("abc"), 1)), [char(98), char(99)]);
  assert.equal(str(call("list->string", list(char(97), char(0x1f600)))), "a😀");
  raises("list->string: expected a character", 1, "list->string", list(char(97), 1));
  assert.deepEqual(call("string->vector", s("abc"), 0, 2), [char(97), char(98)]);
  assert.equal(str(call("vector->string", [char(97), char(98), char(99)], 1)), "bc");
  assert.equal(str(call("string-upcase", s("straße"))), "STRASSE");
  assert.equal(str(call("string-downcase", s("ΟΔΟΣ ΣΑΣ"))), "οδος σας");
  assert.equal(str(call("string-foldcase", s("Straße ΟΔΟΣ"))), "strasse οδοσ");
});

test("string-copy! handles overlapping ranges", () => {
  const a = s("abcdefg");
  call("string-copy!", a, 2, a, 0, 4);
  assert.equal(str(a), "ababcdg");
  const b = s("abcdefg");
  call("string-copy!", b, 0, b, 2, 6);
  assert.equal(str(b), "cdefefg");
  const c = s("xxxx");
  call("string-copy!", c, 1, s("😀😀"));
  assert.equal(str(c), "x😀😀x");
  raises("string-copy!: destination index out of range", 3, "string-copy!", c, 3, s("ab"));
});

test("vectors", () => {
  const v = call("vector", 1, 2, 3);
  assert.deepEqual(v, [1, 2, 3]);
  assert.equal(call("vector?", v), true);
  assert.equal(call("vector?", s("x")), false);
  assert.deepEqual(call("make-vector", 2, 0), [0, 0]);
  assert.equal(call("vector-length", v), 3);
  assert.equal(call("vector-ref", v, 2), 3);
  raises("vector-ref: index out of range for length 3:", 3, "vector-ref", v, 3);
  raises("vector-ref: index out of range for length 3:", -1, "vector-ref", v, -1);
  raises("vector-ref: index out of range for length 3:", 2n ** 80n, "vector-ref", v, 2n ** 80n);
  raises("vector-ref: expected an exact integer index", 1.5, "vector-ref", v, 1.5);
  raises("vector-ref: expected a vector", list(1), "vector-ref", list(1), 0);
  call("vector-set!", v, 0, 9);
  assert.deepEqual(arr(call("vector->list", v, 1)), [2, 3]);
  assert.deepEqual(call("list->vector", list(1, 2)), [1, 2]);
  assert.deepEqual(call("vector-copy", v, 1, 2), [2]);
  assert.deepEqual(call("vector-append", [1], [], [2, 3]), [1, 2, 3]);
  const f = [1, 2, 3, 4];
  call("vector-fill!", f, 0, 1, 3);
  assert.deepEqual(f, [1, 0, 0, 4]);
  const o = [1, 2, 3, 4, 5];
  call("vector-copy!", o, 1, o, 0, 3);
  assert.deepEqual(o, [1, 1, 2, 3, 5]);
  const o2 = [1, 2, 3, 4, 5];
  call("vector-copy!", o2, 0, o2, 2);
  assert.deepEqual(o2, [3, 4, 5, 4, 5]);
  raises("vector-copy!: destination index out of range", 4, "vector-copy!", o2, 4, [1, 2]);
});

test("bytevectors", () => {
  const b = call("bytevector", 1, 2, 255);
  assert.ok(b instanceof Uint8Array);
  raises("bytevector: expected a byte", 256, "bytevector", 256);
  assert.deepEqual([...call("make-bytevector", 2, 7)], [7, 7]);
  assert.equal(call("bytevector-u8-ref", b, 2), 255);
  raises("bytevector-u8-ref: index out of range for length 3:", 3, "bytevector-u8-ref", b, 3);
  call("bytevector-u8-set!", b, 0, 9);
  assert.equal(b[0], 9);
  raises("bytevector-u8-set!: expected a byte", -1, "bytevector-u8-set!", b, 0, -1);
  assert.equal(call("bytevector-length", b), 3);
  const c = call("bytevector-copy", b, 1);
  assert.deepEqual([...c], [2, 255]);
  assert.notEqual(c.buffer, b.buffer);
  const o = new Uint8Array([1, 2, 3, 4, 5]);
  call("bytevector-copy!", o, 1, o, 0, 3);
  assert.deepEqual([...o], [1, 1, 2, 3, 5]);
  assert.deepEqual([...call("bytevector-append", new Uint8Array([1]), new Uint8Array([2, 3]))], [1, 2, 3]);
  const u = call("string->utf8", s("aλ😀"));
  assert.deepEqual([...u], [0x61, 0xce, 0xbb, 0xf0, 0x9f, 0x98, 0x80]);
  assert.equal(str(call("utf8->string", u, 1)), "λ😀");
  assert.deepEqual([...call("string->utf8", s("aλ😀"), 1, 2)], [0xce, 0xbb]);
  assert.equal(call("bytevector?", u), true);
  assert.equal(call("bytevector?", [1]), false);
});

test("predicates: eq?, not, booleans, procedure?, default-object?", () => {
  assert.equal(call("eq?", intern("a"), intern("a")), true);
  assert.equal(call("eqv?", flo(1), flo(1)), true);
  assert.equal(call("equal?", list(s("a")), list(s("a"))), true);
  assert.equal(call("not", false), true);
  assert.equal(call("not", NIL), false);
  assert.equal(call("boolean?", false), true);
  assert.equal(call("boolean?", 0), false);
  assert.equal(call("boolean=?", true, true, true), true);
  assert.equal(call("boolean=?", false, true), false);
  raises("boolean=?: expected a boolean", 1, "boolean=?", true, 1);
  assert.equal(call("procedure?", new Primitive("car", 1, 1, () => 0)), true);
  assert.equal(call("procedure?", intern("car")), false);
  assert.equal(call("default-object?", DEFAULT_OBJECT), true);
  assert.equal(call("default-object?", UNSPECIFIED), false);
  assert.ok(char(1) instanceof Char);
});
