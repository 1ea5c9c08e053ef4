// Unit tests for src/runtime/printer.ts (display / write / write-shared / write-simple),
// the ports of src/runtime/ports.ts, and read/write round trips.

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeString, symbolNeedsBars } from "../../src/runtime/printer.js";
import { readOne } from "../../src/reader/reader.js";
import {
  Box, CaseLambda, DEFAULT_OBJECT, EOF, ErrorObject, Flonum, MString, MultipleValues, NIL, Pair,
  Parameter, Primitive, Record, RecordType, SPromise, UNSPECIFIED, Value, char, intern, list,
} from "../../src/runtime/values.js";
import { Closure, Code } from "../../src/bytecode/code.js";
import {
  BytevectorInputPort, BytevectorOutputPort, HostOutputPort, StringInputPort, StringOutputPort,
} from "../../src/runtime/ports.js";
import { ioPrimitives } from "../../src/lib/io.js";
import { processPorts } from "../../src/runtime/ports.js";

const w = (x: Value) => writeString(x, "write");
const d = (x: Value) => writeString(x, "display");
const sh = (x: Value) => writeString(x, "shared");
const simple = (x: Value) => writeString(x, "simple");
const sym = intern;
const str = (s: string) => new MString(s);

test("atoms", () => {
  assert.equal(w(true), "#t");
  assert.equal(w(false), "#f");
  assert.equal(w(NIL), "()");
  assert.equal(w(42), "42");
  assert.equal(w(-1.5), "-1.5");
  assert.equal(w(new Flonum(2)), "2.0");
  assert.equal(w(12345678901234567890n), "12345678901234567890");
  assert.equal(w(EOF), "#<eof>");
  assert.equal(w(UNSPECIFIED), "#<unspecified>");
  assert.equal(w(DEFAULT_OBJECT), "#<default>");
  assert.equal(w(sym("abc")), "abc");
});

test("strings", () => {
  assert.equal(w(str("hi")), '"hi"');
  assert.equal(d(str("hi")), "hi");
  assert.equal(w(str('a"b\\c')), '"a\\"b\\\\c"');
  assert.equal(w(str("a\nb\tc\rd")), '"a\\nb\\tc\\rd"');
  assert.equal(w(str("\x07\x00\x7f")), '"\\x7;\\x0;\\x7f;"');
  assert.equal(w(str("λ😀")), '"λ😀"');
  assert.equal(d(str("a\nb")), "a\nb");
  assert.equal(w(str("")), '""');
});

test("characters", () => {
  assert.equal(w(char(97)), "#\\a");
  assert.equal(w(char(32)), "#\\space");
  assert.equal(w(char(10)), "#\\newline");
  assert.equal(w(char(0)), "#\\null");
  assert.equal(w(char(7)), "#\\alarm");
  assert.equal(w(char(8)), "#\\backspace");
  assert.equal(w(char(127)), "#\\delete");
  assert.equal(w(char(27)), "#\\escape");
  assert.equal(w(char(13)), "#\\return");
  assert.equal(w(char(9)), "#\\tab");
  assert.equal(w(char(1)), "#\\x1");
  assert.equal(w(char(0x3bb)), "#\\λ");
  assert.equal(w(char(0xa0)), "#\\xa0");
  assert.equal(w(char(40)), "#\\(");
  assert.equal(d(char(97)), "a");
  assert.equal(d(char(0x1f600)), "😀");
});

test("symbols needing bars", () => {
  assert.equal(w(sym("hello world")), "|hello world|");
  assert.equal(w(sym("")), "||");
  assert.equal(w(sym("123")), "|123|");
  assert.equal(w(sym("1+")), "|1+|");
  assert.equal(w(sym("+1")), "|+1|");
  assert.equal(w(sym(".")), "|.|");
  assert.equal(w(sym("a|b")), "|a\\|b|");
  assert.equal(w(sym("#foo")), "|#foo|");
  assert.equal(w(sym("a(b")), "|a(b|");
  assert.equal(w(sym("+inf.0")), "|+inf.0|");
  assert.equal(w(sym("a\nb")), "|a\\nb|");
  assert.equal(d(sym("hello world")), "hello world");
  assert.equal(w(sym("λ")), "|λ|");  // R7RS 6.13.3: non-ASCII symbols are written with bars
  for (const s of ["+", "-", "...", "->x", "a.b", "x1", "<=?", "Hello", "a#b"]) {
    assert.equal(symbolNeedsBars(s), false, s);
  }
});

test("lists, vectors, bytevectors", () => {
  assert.equal(w(list(1, 2, 3)), "(1 2 3)");
  assert.equal(w(new Pair(1, 2)), "(1 . 2)");
  assert.equal(w(new Pair(1, new Pair(2, 3))), "(1 2 . 3)");
  assert.equal(w(list(list(1), NIL, list(list()))), "((1) () (()))");
  assert.equal(w(list(sym("quote"), sym("x"))), "(quote x)");
  assert.equal(w(list(sym("quasiquote"), list(sym("unquote"), sym("x")))), "(quasiquote (unquote x))");
  assert.equal(w([]), "#()");
  assert.equal(w([1, str("a"), [char(98)]]), '#(1 "a" #(#\\b))');
  assert.equal(d([1, str("a"), [char(98)]]), "#(1 a #(b))");
  assert.equal(w(new Uint8Array(0)), "#u8()");
  assert.equal(w(Uint8Array.of(1, 2, 255)), "#u8(1 2 255)");
  assert.equal(w(list(str("x"), char(120))), '("x" #\\x)');
  assert.equal(d(list(str("x"), char(120))), "(x x)");
});

test("procedures and other objects", () => {
  const code = new Code("fact", new Uint32Array(0), [], 1, false, 1, new Int32Array(0), [], [], null);
  assert.equal(w(new Closure(code, [])), "#<procedure fact>");
  const anon = new Code("", new Uint32Array(0), [], 0, false, 0, new Int32Array(0), [], [], null);
  assert.equal(w(new Closure(anon, [])), "#<procedure>");
  assert.equal(w(new Primitive("car", 1, 1, () => 0)), "#<procedure car>");
  assert.equal(w(new CaseLambda([], "cl")), "#<procedure cl>");
  assert.equal(w(new CaseLambda([], "")), "#<procedure>");
  assert.equal(w(new Parameter(1, false)), "#<parameter>");
  assert.equal(w(new SPromise(false, 0)), "#<promise>");
  const point = new RecordType("<point>", [sym("x"), sym("y")]);
  assert.equal(w(new Record(point, [1, str("s")])), '#<point 1 "s">');
  assert.equal(d(new Record(point, [1, str("s")])), "#<point 1 s>");
  assert.equal(w(new Record(new RecordType("empty", []), [])), "#<empty>");
  assert.equal(w(new ErrorObject("bad thing", list(1, str("x")))), '#<error "bad thing" 1 "x">');
  assert.equal(w(new ErrorObject("no irritants", NIL)), '#<error "no irritants">');
  assert.equal(w(new MultipleValues([1, 2, str("s")])), '1 2 "s"');
  assert.equal(w(new MultipleValues([])), "");
  assert.equal(w(new Box(5)), "#<box 5>");
  assert.equal(w({}), "#<js object>");
  assert.equal(w(new StringInputPort("")), "#<textual-input-port>");
});

test("cycles get labels in write and display, not in simple", () => {
  const c: Pair = list(1, 2, 3);
  c.cdr.cdr.cdr = c;
  assert.equal(w(c), "#0=(1 2 3 . #0#)");
  assert.equal(d(c), "#0=(1 2 3 . #0#)");
  assert.equal(sh(c), "#0=(1 2 3 . #0#)");
  const v: Value[] = [1, null, 3];
  v[1] = v;
  assert.equal(w(v), "#0=#(1 #0# 3)");
  const carCycle = new Pair(null, NIL);
  carCycle.car = carCycle;
  assert.equal(w(carCycle), "#0=(#0#)");
  // mid-list cycle: only the cycle's entry is labelled
  const tail = list(2, 3);
  tail.cdr.cdr = tail;
  assert.equal(w(new Pair(1, tail)), "(1 . #0=(2 3 . #0#))");
  // two cycles
  const a = list(sym("a")); a.cdr = a;
  const b = list(sym("b")); b.cdr = b;
  assert.equal(w(list(a, b)), "(#0=(a . #0#) #1=(b . #1#))");
  // a cycle through a record
  const rt = new RecordType("node", [sym("next")]);
  const r = new Record(rt, [0]);
  r.fields[0] = r;
  assert.equal(w(r), "#0=#<node #0#>");
  // write-simple of a non-cyclic shared structure does not label
  const s = list(1);
  assert.equal(simple(list(s, s)), "((1) (1))");
});

test("shared structure: labels only with write-shared", () => {
  const s = list(1, 2);
  const x = list(s, s);
  assert.equal(w(x), "((1 2) (1 2))");
  assert.equal(sh(x), "(#0=(1 2) #0#)");
  const v = [str("x")];
  assert.equal(sh([v, v, v]), "#(#0=#(\"x\") #0# #0#)");
  // a shared tail is printed with dotted notation
  const t = list(2, 3);
  assert.equal(sh(list(new Pair(1, t), t)), "((1 . #0=(2 3)) #0#)");
  assert.equal(w(list(new Pair(1, t), t)), "((1 2 3) (2 3))");
});

test("long and deep structures print without stack overflow", () => {
  const n = 1_000_000;
  let l: Value = NIL;
  for (let i = 0; i < n; i++) l = new Pair(0, l);
  const out = w(l);
  assert.equal(out.length, 2 * n + 1);
  assert.equal(simple(l).length, 2 * n + 1);
  let deep: Value = NIL;
  for (let i = 0; i < 100_000; i++) deep = new Pair(deep, NIL);
  assert.equal(w(deep).length, 2 * 100_000 + 2);
  const big = new Array(100_000).fill(1);
  assert.equal(w(big).length, 2 + 2 * 100_000);
});

test("round trips: read(write(x)) is x", () => {
  const texts = [
    "42", "-7", "1.5", "2.0", "-0.0", "+inf.0", "1/3", "#t", "#f", "()", "abc", "|a b|", "||",
    "|1+|", "\"a\\nb\\\"c\\\\\"", "\"\\x7;\"", "#\\a", "#\\space", "#\\x1", "#\\λ", "#\\(",
    "(1 (2 #(3 \"four\" #\\5)) . six)", "#u8(0 127 255)", "(quote x)", "#(#() ())",
    "|a\\|b|", "|\\x0;|", "(\"\" || #\\null)", "12345678901234567890", "λx", "(a . b)",
  ];
  for (const t of texts) {
    const x = readOne(t);
    const written = w(x);
    const again = readOne(written);
    assert.equal(w(again), written, t);
  }
  for (const t of ["#0=(a . #0#)", "#0=#(1 #0#)", "(#0=(x) . #0#)", "#0=(#1=(#0# #1#))"]) {
    const x = readOne(t);
    assert.equal(sh(readOne(sh(x))), sh(x), t);
    assert.equal(w(readOne(w(x))), w(x), t);
  }
  assert.equal(w(readOne("#0=(a . #0#)")), "#0=(a . #0#)");
  assert.equal(sh(readOne("(#0=(x) . #0#)")), "(#0=(x) . #0#)");
  // every symbol reads back as itself
  for (const name of ["", " ", "a b", "1", "+1", ".5", "#t", "(", "a;b", "a\"b", "'", "x|y", "\\", "\t", "."]) {
    assert.equal(readOne(w(sym(name))), sym(name), JSON.stringify(name));
  }
  for (let cp = 0; cp < 300; cp++) {
    assert.equal(readOne(w(char(cp))), char(cp), `char ${cp}`);
    assert.equal(readOne(w(str(String.fromCodePoint(cp, 65)))).toString(), String.fromCodePoint(cp, 65), `string ${cp}`);
  }
});

// ---- ports and io primitives ---------------------------------------------------------------

const io = new Map(ioPrimitives(processPorts).map((p) => [p.name, p.fn]));
// eslint-disable-next-line @typescript-eslint/ban-types
const call = (name: string, ...args: Value[]) => (io.get(name) as Function)(...args);

test("string ports", () => {
  const p = new StringInputPort("ab😀\nline two\r\nlast");
  assert.equal(p.peekChar(), char(97));
  assert.equal(p.readChar(), char(97));
  assert.equal(p.readString(2).toString(), "b😀");
  assert.equal(p.readLine().toString(), "");
  assert.equal(p.readLine().toString(), "line two");
  assert.equal(p.readLine().toString(), "last");
  assert.equal(p.readLine(), EOF);
  assert.equal(p.readChar(), EOF);
  const q = new StringInputPort("(a b) foo #!fold-case BAR \"s\"");
  assert.equal(w(q.readDatum()), "(a b)");
  assert.equal(q.readChar(), char(32));
  assert.equal(q.readDatum(), sym("foo"));
  assert.equal(q.readDatum(), sym("bar"));
  assert.equal(q.readDatum().toString(), "s");
  assert.equal(q.readDatum(), EOF);
  const o = new StringOutputPort();
  o.putString("x"); o.putString("y");
  assert.equal(o.getString(), "xy");
});

test("host output port buffers by line and flushes", () => {
  const got: string[] = [];
  const p = new HostOutputPort((s) => got.push(s));
  p.putString("abc");
  assert.deepEqual(got, []);
  p.putString("d\nef");
  assert.deepEqual(got, ["abcd\n"]);
  p.flush();
  assert.deepEqual(got, ["abcd\n", "ef"]);
});

test("bytevector ports", () => {
  const i = new BytevectorInputPort(Uint8Array.of(1, 2, 3));
  assert.equal(i.peekU8(), 1);
  assert.equal(i.readU8(), 1);
  assert.deepEqual(i.readBytes(5), Uint8Array.of(2, 3));
  assert.equal(i.readU8(), EOF);
  const o = new BytevectorOutputPort();
  for (let k = 0; k < 100; k++) o.putU8(k);
  o.putBytes(Uint8Array.of(7, 8));
  assert.equal(o.getBytes().length, 102);
  assert.equal(o.getBytes()[101], 8);
});

test("io primitives", () => {
  const out = call("open-output-string");
  call("write", str("a\"b"), out);
  call("display", str(" c "), out);
  call("write-char", char(0x3bb), out);
  call("newline", out);
  call("write-string", str("hello"), out, 1, 3);
  call("write-shared", list(1), out);
  call("write-simple", list(2), out);
  assert.equal(call("get-output-string", out).toString(), "\"a\\\"b\" c λ\nel(1)(2)");
  const inp = call("open-input-string", str("(x y) 12 z"));
  assert.equal(w(call("read", inp)), "(x y)");
  assert.equal(call("read", inp), 12);
  assert.equal(call("read-char", inp), char(32));
  assert.equal(call("peek-char", inp), char(122));
  assert.equal(call("read-line", inp).toString(), "z");
  assert.equal(call("eof-object?", call("read-char", inp)), true);
  assert.equal(call("eof-object"), EOF);
  assert.equal(call("input-port?", inp), true);
  assert.equal(call("output-port?", inp), false);
  assert.equal(call("textual-port?", inp), true);
  assert.equal(call("binary-port?", inp), false);
  assert.equal(call("port?", 5), false);
  assert.equal(call("input-port-open?", inp), true);
  call("close-port", inp);
  assert.equal(call("input-port-open?", inp), false);
  assert.throws(() => call("read-char", inp), /read-char: port is closed/);
  assert.throws(() => call("write", 1, inp), /write: expected a textual output port/);
  const bo = call("open-output-bytevector");
  call("write-u8", 9, bo);
  call("write-bytevector", Uint8Array.of(1, 2, 3), bo, 1);
  assert.deepEqual(call("get-output-bytevector", bo), Uint8Array.of(9, 2, 3));
  const bi = call("open-input-bytevector", Uint8Array.of(5, 6));
  assert.equal(call("peek-u8", bi), 5);
  assert.equal(call("read-u8", bi), 5);
  assert.equal(call("u8-ready?", bi), true);
  assert.deepEqual(call("read-bytevector", 4, bi), Uint8Array.of(6));
  assert.equal(call("read-u8", bi), EOF);
  assert.throws(() => call("read-u8", call("open-input-string", str(""))), /read-u8: expected a binary input port/);
  assert.throws(() => call("write-u8", 256, bo), /write-u8: expected a byte/);
});

test("standard ports: host plugs stdin/stdout; primitives default to current ports", async () => {
  const { setStandardInput, setStandardOutput, flushStandardPorts, processPorts: ps } =
    await import("../../src/runtime/ports.js");
  const currentInputPort = ps.input, currentOutputPort = ps.output, currentErrorPort = ps.error;
  const savedIn = currentInputPort.value, savedOut = currentOutputPort.value, savedErr = currentErrorPort.value;
  try {
    let loads = 0;
    setStandardInput(() => { loads++; return "(1 2) rest"; });
    assert.equal(loads, 0);
    assert.equal(w(call("read")), "(1 2)");
    assert.equal(call("read-line").toString(), " rest");
    assert.equal(loads, 1);
    const events: string[] = [];
    const { err } = setStandardOutput((s) => events.push("out:" + s), (s) => events.push("err:" + s));
    call("display", str("partial"));
    err.putString("oops\n");
    call("write", list(1));
    call("newline");
    call("display", str("tail"));
    flushStandardPorts();
    assert.deepEqual(events, ["out:partial", "err:oops\n", "out:(1)\n", "out:tail"]);
  } finally {
    currentInputPort.value = savedIn; currentOutputPort.value = savedOut; currentErrorPort.value = savedErr;
  }
});

test("with a sink, a long written form comes in pieces whose concatenation is the whole text", () => {
  const items: Value[] = [];
  for (let i = 0; i < 40000; i++) items.push(i % 3 === 0 ? str("s" + i) : i % 3 === 1 ? sym("x" + i) : new Uint8Array([i & 255, 7]));
  const cyclic = list(1, 2, 3) as Pair;
  (cyclic.cdr as Pair).cdr = cyclic;
  const bytes = new Uint8Array(100000).fill(9);
  for (const [x, mode] of [[list(...items), "write"], [list(...items), "display"], [bytes, "write"], [list(bytes, cyclic, bytes), "write"]] as const) {
    const pieces: string[] = [];
    const last = writeString(x, mode, (p) => pieces.push(p));
    assert.ok(pieces.length > 2, "several pieces");
    assert.ok(pieces.every((p) => p.length < 70000), "each piece about 64K units");
    assert.equal(pieces.join("") + last, writeString(x, mode));
  }
});
