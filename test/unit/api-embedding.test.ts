// The typed embedding API (src/api/kiln.ts via the package root): evaluate to JS values, call
// Scheme from JS and JS from Scheme, errors both ways, options (sinks, libraries, JIT, access).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRuntime, KilnError, KilnExit } from "../../src/api/index.js";

test("evaluate returns the last value as a JS value; definitions persist", () => {
  const k = createRuntime();
  assert.deepEqual(k.evaluate("(define (sq x) (* x x)) (map sq '(1 2 3))"), [1, 4, 9]);
  assert.equal(k.evaluate("(sq 12)"), 144);
  assert.equal(k.evaluate('(string-append "a" "b")'), "ab");
  assert.equal(k.evaluate("(if #f #f)"), undefined);
});

test("evaluate with convert: shallow leaves elements as Scheme values, none gives the raw value", () => {
  const k = createRuntime();
  const shallow = k.evaluate('(list "a" (list 1))', { convert: "shallow" }) as unknown[];
  assert.equal(shallow.length, 2);
  assert.notEqual(typeof shallow[0], "string");
  assert.equal(String(shallow[0]), "a");
  const raw = k.evaluate('"x"', { convert: "none" });
  assert.equal(typeof raw, "object");
});

test("output and error sinks receive what the program writes", () => {
  let out = "", err = "";
  const k = createRuntime({ stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  k.evaluate('(display "hi") (newline) (write-string "oops" (current-error-port))');
  assert.equal(out, "hi\n");
  assert.equal(err, "oops");
});

test("a Scheme procedure is callable from JS, by name or as a function", () => {
  const k = createRuntime();
  k.evaluate("(define (greet name) (string-append \"hello \" name))");
  assert.equal(k.call("greet", "you"), "hello you");
  const greet = k.procedure("greet");
  assert.equal(greet("me"), "hello me");
  const add = k.evaluate("(lambda (a b) (+ a b))") as (a: unknown, b: unknown) => unknown;
  assert.equal(add(2, 3), 5);
  assert.equal(add(2n ** 70n, 1), 2n ** 70n + 1n);
  assert.throws(() => k.procedure("nope"), TypeError);
});

test("JS functions become Scheme procedures; JS values round-trip through Scheme", () => {
  const k = createRuntime({ define: { double: (x: number) => x * 2, config: { port: 8080 } } });
  assert.equal(k.evaluate("(double 21)"), 42);
  const cfg = k.evaluate("config") as { port: number };
  assert.equal(cfg.port, 8080);
  k.define("pair", (a: unknown, b: unknown) => [a, b], { arrays: "list" });
  assert.equal(k.evaluate("(length (pair 1 2))"), 2);
  k.define("vec", () => [1, 2]);
  assert.equal(k.evaluate("(vector? (vec))"), true);
  // Identity: a JS function defined into Scheme comes back as itself.
  const f = (): number => 1;
  k.define("f", f);
  assert.equal(k.get("f"), f);
});

test("a Scheme error reaches JS as a KilnError with message, irritants, position and backtrace", () => {
  const k = createRuntime();
  k.evaluate("(define (inner x) (error \"bad value:\" x 'sym))\n(define (outer) (inner 42) 1)", { file: "cfg.scm" });
  try {
    k.evaluate("(outer)", { file: "main.scm" });
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof KilnError);
    assert.equal(e.schemeMessage, "bad value:");
    assert.equal(e.message, "bad value: 42 sym");
    assert.equal(e.kind, "error");
    assert.equal(e.irritants.length, 2);
    assert.deepEqual(e.location, { file: "cfg.scm", line: 1, column: 19 });
    assert.deepEqual(e.backtrace.map((f) => f.name), ["inner", "outer"]);
    assert.match(e.stack ?? "", /at inner \(cfg\.scm:1:19\)/);
  }
});

test("syntax and read errors are KilnErrors of kind syntax / read, before anything runs", () => {
  const k = createRuntime();
  assert.throws(() => k.evaluate("(display 1) (if)", { file: "s.scm" }), (e: unknown) =>
    e instanceof KilnError && e.kind === "syntax" && e.location?.file === "s.scm");
  assert.throws(() => k.evaluate("(display 1", { file: "r.scm" }), (e: unknown) => e instanceof KilnError && e.kind === "read");
});

test("a JS exception raised in Scheme is a condition there, and the original error back in JS", () => {
  const k = createRuntime();
  const boom = new RangeError("out of fuel");
  k.define("boom", () => { throw boom; });
  assert.equal(k.evaluate("(guard (e ((error-object? e) (error-object-message e))) (boom))"), "out of fuel");
  assert.equal(k.evaluate("(guard (e ((error-object? e) (car (error-object-irritants e)))) (boom))"), boom);
  try {
    k.evaluate("(define (g) (boom) 1) (g)", { file: "g.scm" });
    assert.fail("no error");
  } catch (e) {
    assert.equal(e, boom);
    assert.deepEqual((e as unknown as { schemeBacktrace: { name: string }[] }).schemeBacktrace.map((f) => f.name), ["g"]);
  }
});

test("a KilnError thrown back into Scheme raises its original condition", () => {
  const k = createRuntime();
  k.evaluate("(define (check x) (if (< x 0) (raise 'negative) x))");
  const check = k.procedure("check");
  k.define("viaJs", (x: number) => check(x));
  assert.equal(k.evaluate("(guard (e ((symbol? e) (symbol->string e))) (viaJs -1))"), "negative");
  assert.equal(k.evaluate("(viaJs 5)"), 5);
});

test("(exit) ends the evaluation with KilnExit; the runtime stays usable", () => {
  const k = createRuntime();
  assert.throws(() => k.evaluate("(exit 4)"), (e: unknown) => e instanceof KilnExit && e.code === 4);
  assert.equal(k.evaluate("(+ 1 1)"), 2);
});

test("libraries: only the listed ones can be imported", () => {
  const k = createRuntime({ libraries: ["scheme base", "scheme write"] });
  assert.equal(k.evaluate("(import (scheme base)) 1"), 1);
  assert.throws(() => k.evaluate("(import (scheme file))"), /not available in this runtime/);
  assert.throws(() => k.evaluate("(import (kiln js))"), /not available in this runtime/);
});

test("JIT settings: interpreter only, or compile at once; same results", () => {
  const prog = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 20)";
  assert.equal(createRuntime({ jit: false }).evaluate(prog), 6765);
  assert.equal(createRuntime({ jit: { threshold: 0 } }).evaluate(prog), 6765);
});

test("the sandbox has no files; access: node reads them, and evaluateFile runs a file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-api-"));
  try {
    const file = path.join(dir, "prog.scm");
    writeFileSync(file, "(define answer 42)\n(* answer 2)\n");
    assert.throws(() => createRuntime().evaluateFile(file), (e: unknown) => e instanceof KilnError && e.kind === "file");
    const k = createRuntime({ access: "node" });
    assert.equal(k.evaluateFile(file), 84);
    assert.equal(k.get("answer"), 42);
    assert.equal(k.evaluate(`(file-exists? ${JSON.stringify(file)})`), true);
    assert.throws(() => createRuntime().evaluate(`(file-exists? ${JSON.stringify(file)})`), /no file system/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("two runtimes do not share definitions", () => {
  const a = createRuntime(), b = createRuntime();
  a.evaluate("(define x 1)");
  assert.equal(b.get("x"), undefined);
  assert.throws(() => b.evaluate("x"), /unbound variable/);
});
