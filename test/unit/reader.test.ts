// Unit tests for src/reader: every R7RS lexical form, datum labels, source positions, errors.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Reader, ReadError, readAll, readOne, positionOf } from "../../src/reader/reader.js";
import {
  Char, EOF, Flonum, MString, NIL, Pair, Sym, Value, char, intern, list,
} from "../../src/runtime/values.js";
import { SchemeError } from "../../src/runtime/errors.js";
import { ErrorObject } from "../../src/runtime/values.js";
import { writeString } from "../../src/runtime/printer.js";

const sym = intern;
const str = (s: string) => new MString(s);
const r1 = (text: string) => readOne(text, "t.scm");

/** Structural equality on read data (equal?), with MString by content. */
function same(a: Value, b: Value): boolean {
  const todo: [Value, Value][] = [[a, b]];
  while (todo.length > 0) {
    const [x, y] = todo.pop()!;
    if (x === y) continue;
    if (x instanceof Pair && y instanceof Pair) { todo.push([x.car, y.car], [x.cdr, y.cdr]); continue; }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) todo.push([x[i], y[i]]);
      continue;
    }
    if (x instanceof MString && y instanceof MString) { if (x.toString() !== y.toString()) return false; continue; }
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
      continue;
    }
    if (x instanceof Flonum && y instanceof Flonum) { if (!Object.is(x.v, y.v)) return false; continue; }
    if (typeof x === "number" && typeof y === "number" && Number.isNaN(x) && Number.isNaN(y)) continue;
    return false;
  }
  return true;
}

function assertSame(actual: Value, expected: Value): void {
  assert.ok(same(actual, expected), `got ${writeString(actual, "write")}, expected ${writeString(expected, "write")}`);
}

function readErr(text: string): ReadError {
  try { readAll(text, "e.scm"); } catch (e) {
    assert.ok(e instanceof ReadError, `expected ReadError, got ${e}`);
    return e;
  }
  assert.fail(`no error reading ${JSON.stringify(text)}`);
}

test("booleans", () => {
  assert.deepEqual(readAll("#t #f #true #false #T #FALSE", "t"), [true, false, true, false, true, false]);
});

test("numbers delegate to parseNumber", () => {
  assert.equal(r1("42"), 42);
  assert.equal(r1("-17"), -17);
  assert.equal(r1("+5"), 5);
  assert.equal(r1("1.5"), 1.5);
  assert.equal(r1(".5"), 0.5);
  assert.equal(r1("#xff"), 255);
  assert.equal(r1("#XFF"), 255);
  assert.equal(r1("#b101"), 5);
  assert.equal(r1("#o17"), 15);
  assert.equal(r1("#d10"), 10);
  assert.equal(r1("#e1.5").constructor.name, "Ratnum");
  assertSame(r1("#i3"), new Flonum(3));
  assertSame(r1("#x#i10"), new Flonum(16));
  assert.equal(r1("+inf.0"), Infinity);
  assert.equal(r1("-inf.0"), -Infinity);
  assert.ok(Number.isNaN(r1("+nan.0")));
  assert.equal(r1("12345678901234567890"), 12345678901234567890n);
  assert.equal(r1("1/2").constructor.name, "Ratnum");
});

test("identifiers", () => {
  for (const s of ["foo", "a.b", "...", "+", "-", "->x", "<=?", "!$%&*/:<=>?^_~", "a1", "@x", "+a", "-.x", "..", "λ", "x->y"]) {
    assert.equal(r1(s), sym(s), s);
  }
  assert.equal(r1("Hello"), sym("Hello"));
  assert.equal(r1("|hello world|"), sym("hello world"));
  assert.equal(r1("||"), sym(""));
  assert.equal(r1("|a\\|b|"), sym("a|b"));
  assert.equal(r1("|\\x41;\\x3bb;|"), sym("Aλ"));
  assert.equal(r1("|a\\nb\\tc|"), sym("a\nb\tc"));
  assert.equal(r1("|\\\\|"), sym("\\"));
  assert.deepEqual(readAll("|a|b", "t"), [sym("a"), sym("b")]);
  assert.deepEqual(readAll("abc|def|", "t"), [sym("abc"), sym("def")]);
});

test("characters", () => {
  assert.equal(r1("#\\a"), char(97));
  assert.equal(r1("#\\A"), char(65));
  assert.equal(r1("#\\("), char(40));
  assert.equal(r1("#\\)"), char(41));
  assert.equal(r1("#\\ "), char(32));
  assert.equal(r1("#\\;"), char(59));
  assert.equal(r1("#\\\""), char(34));
  assert.equal(r1("#\\x"), char(120));
  assert.equal(r1("#\\x3bb"), char(0x3bb));
  assert.equal(r1("#\\X41"), char(65));
  assert.equal(r1("#\\x0"), char(0));
  assert.equal(r1("#\\λ"), char(0x3bb));
  assert.equal(r1("#\\😀"), char(0x1f600));
  const names: [string, number][] = [["alarm", 7], ["backspace", 8], ["delete", 127], ["escape", 27],
    ["newline", 10], ["null", 0], ["return", 13], ["space", 32], ["tab", 9]];
  for (const [n, cp] of names) assert.equal(r1(`#\\${n}`), char(cp), n);
  assertSame(r1("(#\\a #\\b)"), list(char(97), char(98)));
  assertSame(r1("(#\\))"), list(char(41)));
});

test("strings and escapes", () => {
  assert.equal(r1('"hello"').toString(), "hello");
  assert.equal(r1('""').toString(), "");
  assert.equal(r1('"a\\ab\\bc\\td\\ne\\rf"').toString(), "a\x07b\bc\td\ne\rf");
  assert.equal(r1('"q\\"q\\\\q\\|q"').toString(), 'q"q\\q|q');
  assert.equal(r1('"\\x3bb;\\x41;\\X42;"').toString(), "λAB");
  assert.equal(r1('"\\x1F600;"').toString(), "😀");
  assert.equal(r1('"ab\\   \n    cd"').toString(), "abcd");
  assert.equal(r1('"ab\\\n\tcd"').toString(), "abcd");
  assert.equal(r1('"ab\\\r\n  cd"').toString(), "abcd");
  assert.equal(r1('"line1\nline2"').toString(), "line1\nline2");
  const s = r1('"x😀y"');
  assert.ok(s instanceof MString);
  assert.equal(s.length, 3);
  assert.equal(s.codePointAt(1), 0x1f600);
});

test("comments and directives", () => {
  assert.deepEqual(readAll("; comment\n1 ; more\n2", "t"), [1, 2]);
  assert.deepEqual(readAll("#| block |# 1 #| nested #| inner |# still |# 2", "t"), [1, 2]);
  assert.deepEqual(readAll("#;1 2 #; (a b) 3", "t"), [2, 3]);
  assert.deepEqual(readAll("#;#;1 2 3", "t"), [3]);
  assertSame(r1("(a #;b c)"), list(sym("a"), sym("c")));
  assertSame(r1("(a #;(b c))"), list(sym("a")));
  assertSame(r1("(a . #;x b)"), new Pair(sym("a"), sym("b")));
  assertSame(r1("(a . b #;x)"), new Pair(sym("a"), sym("b")));
  assert.deepEqual(readAll("", "t"), []);
  assert.deepEqual(readAll("  ; only a comment", "t"), []);
  assert.deepEqual(readAll("#!/usr/bin/env kiln\n(x)", "t").length, 1);
});

test("fold-case", () => {
  assert.deepEqual(readAll("ABC #!fold-case ABC #\\SPACE #\\A |XY| #!no-fold-case ABC", "t"),
    [sym("ABC"), sym("abc"), char(32), char(65), sym("XY"), sym("ABC")]);
  const r = new Reader("#!fold-case FOO BAR", "t");
  assert.equal(r.read(), sym("foo"));
  assert.equal(r.foldCase, true);
  assert.equal(r.read(), sym("bar"));
  assert.equal(r.read(), EOF);
  assert.equal(new Reader("X", "t", { foldCase: true }).read(), sym("x"));
  assert.equal(r1("#!fold-case #T"), true);
});

test("lists, dotted pairs, brackets", () => {
  assert.equal(r1("()"), NIL);
  assert.equal(r1("[]"), NIL);
  assertSame(r1("(1 2 3)"), list(1, 2, 3));
  assertSame(r1("(1 . 2)"), new Pair(1, 2));
  assertSame(r1("(1 2 . 3)"), new Pair(1, new Pair(2, 3)));
  assertSame(r1("(1 . (2 3))"), list(1, 2, 3));
  assertSame(r1("((a) (b (c)))"), list(list(sym("a")), list(sym("b"), list(sym("c")))));
  assertSame(r1("[a (b)]"), list(sym("a"), list(sym("b"))));
  assertSame(r1("(a .b)"), list(sym("a"), sym(".b")));
});

test("vectors and bytevectors", () => {
  assertSame(r1("#()"), []);
  assertSame(r1("#(1 #(2) (3) \"s\")"), [1, [2], list(3), str("s")]);
  assertSame(r1("#u8()"), new Uint8Array(0));
  assertSame(r1("#u8(0 1 255)"), Uint8Array.of(0, 1, 255));
  assertSame(r1("#U8(7)"), Uint8Array.of(7));
  assert.ok(r1("#u8(1)") instanceof Uint8Array);
});

test("abbreviations", () => {
  const q = (name: string, x: Value) => list(sym(name), x);
  assertSame(r1("'a"), q("quote", sym("a")));
  assertSame(r1("`(a ,b ,@c)"), q("quasiquote", list(sym("a"), q("unquote", sym("b")), q("unquote-splicing", sym("c")))));
  assertSame(r1("''a"), q("quote", q("quote", sym("a"))));
  assertSame(r1("' a"), q("quote", sym("a")));
  assertSame(r1("'()"), q("quote", NIL));
  assertSame(r1("'#(1)"), q("quote", [1]));
  assert.equal(r1("'a").car, sym("quote"));
});

test("datum labels build shared and cyclic structure", () => {
  const x = r1("(#0=(a b) #0# #0#)");
  assert.equal(x.car, x.cdr.car);
  assert.equal(x.car, x.cdr.cdr.car);
  const c = r1("#0=(a . #0#)");
  assert.equal(c.cdr, c);
  const c2 = r1("#1=(a b . #1#)");
  assert.equal(c2.cdr.cdr, c2);
  const v = r1("#0=#(1 #0# 3)");
  assert.equal(v[1], v);
  const car = r1("#0=(#0#)");
  assert.equal(car.car, car);
  const nested = r1("#0=(#1=(x #0#) #1#)");
  assert.equal(nested.car.cdr.car, nested);
  assert.equal(nested.cdr.car, nested.car);
  const s = r1('(#5="str" #5#)');
  assert.equal(s.car, s.cdr.car);
  const q = r1("#0='#0#");
  assert.equal(q.cdr.car, q);
  // labels are scoped to one top-level datum
  const r = new Reader("#0=(a) #0=(b)", "t");
  assertSame(r.read(), list(sym("a")));
  assertSame(r.read(), list(sym("b")));
});

test("long and deep input", () => {
  const n = 1_000_000;
  const x = r1("(" + "1 ".repeat(n) + ")");
  let len = 0;
  for (let p = x; p !== NIL; p = p.cdr) len++;
  assert.equal(len, n);
  const depth = 100_000;
  let d = r1("(".repeat(depth) + ")".repeat(depth));
  let k = 0;
  while (d !== NIL) { d = d.car; k++; }
  assert.equal(k, depth - 1); // the innermost () is NIL
  const vq = r1("'".repeat(10000) + "x");
  assert.equal(vq.car, sym("quote"));
});

test("source positions", () => {
  const text = "; header\n(define (f x)\n  (g \"two\nlines\" #| c |# (h x)))\n  #(1 2)";
  const [form, vec] = readAll(text, "p.scm");
  assert.deepEqual(positionOf(form), { file: "p.scm", line: 2, column: 1 });
  assert.deepEqual(positionOf(form.cdr), { file: "p.scm", line: 2, column: 9 }); // (f x)
  assert.deepEqual(positionOf(form.cdr.car), { file: "p.scm", line: 2, column: 9 });
  assert.deepEqual(positionOf(form.cdr.car.cdr), { file: "p.scm", line: 2, column: 12 }); // x
  const g = form.cdr.cdr.car;
  assert.deepEqual(positionOf(g), { file: "p.scm", line: 3, column: 3 });
  assert.deepEqual(positionOf(g.cdr), { file: "p.scm", line: 3, column: 6 }); // "two...
  assert.deepEqual(positionOf(g.cdr.cdr), { file: "p.scm", line: 4, column: 16 }); // (h x)
  assert.deepEqual(positionOf(g.cdr.cdr.car), { file: "p.scm", line: 4, column: 16 });
  assert.deepEqual(positionOf(vec), { file: "p.scm", line: 5, column: 3 });
  assert.equal(positionOf(sym("x")), undefined);
  assert.equal(positionOf(42), undefined);
});

test("positions: code point columns, abbreviations, CRLF", () => {
  const [x] = readAll("(λ😀 b)", "u");
  assert.deepEqual(positionOf(x.cdr), { file: "u", line: 1, column: 5 });
  const [q] = readAll("  'foo", "u");
  assert.deepEqual(positionOf(q), { file: "u", line: 1, column: 3 });
  assert.deepEqual(positionOf(q.cdr), { file: "u", line: 1, column: 4 });
  const [, y] = readAll("a\r\n(b\rc)", "u");
  assert.deepEqual(positionOf(y), { file: "u", line: 2, column: 1 });
  assert.deepEqual(positionOf(y.cdr), { file: "u", line: 3, column: 1 });
  const [z] = readAll("(a\n (b . c))", "u");
  assert.deepEqual(positionOf(z.cdr), { file: "u", line: 2, column: 2 });
  assert.deepEqual(positionOf(z.cdr.car), { file: "u", line: 2, column: 2 });
});

test("read errors: messages and positions", () => {
  const cases: [string, string, number, number][] = [
    ["(a b", "expected ')' to close '(' at 1:1", 1, 5],
    ["\n  (a (b c)\n", "expected ')' to close '(' at 2:3", 3, 1],
    ["#(1 2", "expected ')' to close '#(' at 1:1", 1, 6],
    ["(a]", "expected ')' to close '(' at 1:1", 1, 3],
    [")", "unexpected ')'", 1, 1],
    ["  \"abc", "unterminated string", 1, 3],
    ["|abc", "unterminated |symbol|", 1, 1],
    ["#\\foo", "bad character name #\\foo", 1, 1],
    ["#\\Space", "bad character name #\\Space", 1, 1],
    ["#foo", "bad # syntax: #foo", 1, 1],
    ["1abc", "bad number or identifier: 1abc", 1, 1],
    ["#xzz", "bad number: #xzz", 1, 1],
    ["( . a)", "unexpected '.'", 1, 3],
    [".", "unexpected '.'", 1, 1],
    ["(a . )", "expected a datum after '.'", 1, 6],
    ["(a . b c)", "expected ')' after dotted tail (list opened at 1:1)", 1, 8],
    ["'", "expected a datum after ' at 1:1", 1, 2],
    ["#0=", "expected a datum after #0= at 1:1", 1, 4],
    ["(a #;)", "expected a datum after #; at 1:4", 1, 6],
    ["(a ,@)", "expected a datum after ,@ at 1:4", 1, 6],
    ["#u8(256)", "expected a byte (exact integer 0-255) in bytevector", 1, 5],
    ["#u8(a)", "expected a byte (exact integer 0-255) in bytevector", 1, 5],
    ["#1#", "undefined datum label #1#", 1, 1],
    ["(#0=a #0=b)", "duplicate datum label #0=", 1, 7],
    ["#0=#0#", "datum label #0= refers only to itself", 1, 1],
    ["#| open", "unterminated block comment '#|'", 1, 1],
    ["#!foo", "unknown directive #!foo", 1, 1],
    ['"a\\qb"', "bad escape \\q in string", 1, 3],
    ['"\\x41"', "bad \\x escape: expected hex digits and ';'", 1, 2],
    ['"a\\xD800;"', "bad \\x escape: #xD800 is not a Unicode scalar value (a surrogate or past #x10FFFF)", 1, 3],
    ['"\\x110000;"', "bad \\x escape: #x110000 is not a Unicode scalar value (a surrogate or past #x10FFFF)", 1, 2],
    ["#\\x110000", "bad character name #\\x110000", 1, 1],
  ];
  for (const [text, msg, line, column] of cases) {
    const e = readErr(text);
    assert.equal(e.message, msg, text);
    assert.deepEqual(e.pos, { file: "e.scm", line, column }, text);
  }
});

test("ReadError is a SchemeError with a read-kind ErrorObject", () => {
  const e = readErr("(");
  assert.ok(e instanceof SchemeError);
  assert.ok(e.payload instanceof ErrorObject);
  assert.equal(e.payload.kind, "read");
  assert.equal(e.payload.message, "expected ')' to close '(' at 1:1");
  assert.equal(e.payload.irritants, NIL);
});

test("streaming Reader continues after each datum", () => {
  const r = new Reader("1 (a) \"s\"  ", "t");
  assert.equal(r.read(), 1);
  assert.equal(r.offset, 1);
  assertSame(r.read(), list(sym("a")));
  assert.equal(r.read().toString(), "s");
  assert.equal(r.offset, 9);
  assert.equal(r.read(), EOF);
  assert.equal(r.read(), EOF);
  const r2 = new Reader("xx (b)", "t", { offset: 3, line: 7, column: 4 });
  const v = r2.read();
  assert.deepEqual(positionOf(v), { file: "t", line: 7, column: 4 });
});

test("symbols are interned, chars are interned", () => {
  const [a, b] = readAll("foo foo", "t");
  assert.equal(a, b);
  assert.ok(a instanceof Sym);
  const [c, d] = readAll("#\\a #\\a", "t");
  assert.ok(c instanceof Char);
  assert.equal(c, d);
});

test("positions of more pairs than one WeakMap shard holds; tree-shaped program text", async () => {
  const { PositionTable, treeShaped } = await import("../../src/reader/source-map.js");
  const table = new PositionTable();
  const n = PositionTable.SHARD + 1000;
  const keys: object[] = [];
  for (let i = 0; i < n; i++) { const k = {}; keys.push(k); table.set(k, { file: "f", line: 1, column: i }); }
  for (const i of [0, PositionTable.SHARD - 1, PositionTable.SHARD, n - 1]) assert.equal(table.get(keys[i])?.column, i);
  table.set(keys[0], { file: "f", line: 2, column: 0 });  // set again after the shard filled: the newest wins
  assert.equal(table.get(keys[0])?.line, 2);
  assert.equal(table.get({}), undefined);
  // A datum read from program text with no datum label is a tree (the circularity check skips it).
  const [plain, labelled] = readAll("(a (b c))\n(x #0=(y) #0#)", "t.scm");
  assert.ok(treeShaped.has(plain as object));
  assert.ok(!treeShaped.has(labelled as object));
  const r = new Reader("(a b)", "t.scm", { positions: false });
  assert.ok(!treeShaped.has(r.read() as object));
});
