// Tail calls in native code (codegen-js.ts, TAILCALL): a tail call to a closure with native
// code is a plain JS call while fewer than NativeRuntime.maxTail are nested on the JS stack,
// and goes through the trampoline past that, so chains of any length run in bounded JS stack.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { writeString } from "../../src/runtime/printer.js";
import { Host } from "../../src/host/host.js";
import { Primitive } from "../../src/runtime/values.js";
import { schemeError } from "../../src/runtime/errors.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
const eager = (): Runtime => new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false } });
const run = (rt: Runtime, src: string): string => writeString(rt.runProgram(src, "t.scm"), "write");

const PING = `(define (ping n) (if (= n 0) 'ping (pong (- n 1)))) (define (pong n) (if (= n 0) 'pong (ping (- n 1))))`;

test("mutual tail calls are JS calls, one trampoline bounce per maxTail of them", () => {
  const rt = eager();
  assert.equal(run(rt, `${PING} (ping 10000000)`), "ping");
  const bounces = rt.jit.native.trampolined;
  assert.ok(bounces > 0, "a chain of 10,000,000 cannot stay on the JS stack");
  assert.ok(bounces <= 10_000_000 / (rt.jit.native.maxTail / 2), `${bounces} trampolined`);
  assert.equal(rt.jit.stats.reifications, 0, "no JS stack overflow was caught");
  assert.equal(rt.jit.native.tc, 0);
});

test("continuation-passing style through closures in local variables", () => {
  const rt = eager();
  const src = `(define (count-cps n k) (if (= n 0) (k 0) (count-cps (- n 1) (lambda (v) (k (+ v 1))))))
    (count-cps 1000000 (lambda (v) v))`;
  assert.equal(run(rt, src), "1000000");
  assert.ok(rt.jit.native.trampolined < 1_000_000 / 16, `${rt.jit.native.trampolined} trampolined`);
  assert.equal(rt.jit.stats.reifications, 0);
});

test("the nested count starts again at each entry into native code", () => {
  // A JS exception that crosses a tail call made as a JS call skips its count down; the
  // interpreter sets the count back whenever it enters native code (such an exception always
  // ends there). Simulated here by a primitive that leaves the count exhausted and raises.
  const rt = eager();
  const spoil = new Primitive("spoil!", 0, 0, () => { rt.jit.native.tc = rt.jit.native.maxTail; return schemeError("spoiled"); });
  rt.defineValue("spoil!", spoil);
  assert.equal(run(rt, `${PING} (define (go) (guard (e (#t #f)) (spoil!)) (ping 1000000)) (go) (go)`), "ping");
  assert.ok(rt.jit.native.trampolined < 1_000_000 / 16, `${rt.jit.native.trampolined} trampolined`);
  assert.equal(rt.jit.native.tc, 0);
});

test("errors and escapes from the middle of chains leave nothing counted", () => {
  const rt = eager();
  const src = `${PING}
    (define (fail n) (if (= n 0) (car '()) (fail2 (- n 1)))) (define (fail2 n) (fail n))
    (define (esc n k) (if (= n 0) (k 'out) (esc2 (- n 1) k))) (define (esc2 n k) (esc n k))
    (let loop ((i 0) (acc 0))
      (if (= i 50) (list acc (call/cc (lambda (k) (esc 1000 k))) (ping 100000))
          (loop (+ i 1) (+ acc (guard (e (#t 1)) (fail 1000))))))`;
  assert.equal(run(rt, src), "(50 out ping)");
  assert.equal(rt.jit.native.tc, 0);
});
