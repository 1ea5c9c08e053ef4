// Embedded use: a sandboxed runtime evaluates code, captures output, and has no file or
// environment access.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createKiln } from "../../src/api/index.js";

test("evaluate returns the written value and the output", () => {
  const k = createKiln();
  const r = k.evaluate('(display "hi") (list 1 "two" #\\3)');
  assert.equal(r.ok, true);
  assert.equal(r.value, '(1 "two" #\\3)');
  assert.equal(r.output, "hi");
});

test("definitions persist between evaluations", () => {
  const k = createKiln();
  k.evaluate("(define (sq x) (* x x))");
  assert.equal(k.evaluate("(sq 12)").value, "144");
});

test("the sandbox has no files and no environment", () => {
  const k = createKiln();
  const r = k.evaluate('(include "/etc/passwd")');
  assert.equal(r.ok, false);
  assert.match(r.error, /cannot read/);
  assert.equal(k.evaluate('(get-environment-variable "HOME")').value, "#f");
});

test("errors come back as Scheme messages", () => {
  const k = createKiln();
  const r = k.evaluate("(vector-ref (vector 1 2) 5)");
  assert.equal(r.ok, false);
  assert.match(r.error, /vector-ref: index out of range for length \d+: 5/);
  assert.doesNotMatch(r.error, /\.js:/);
});
