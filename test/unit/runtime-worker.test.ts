// src/host/worker: a Kiln runtime on a worker thread. Requests and events, the large native
// stack, interrupts from the host thread (both tiers), the exit code as outcome, and out of
// memory ending only the worker.

import { test } from "node:test";
import assert from "node:assert/strict";
import { RuntimeWorker } from "../../src/host/worker/runtime-worker.js";

const entry = new URL("./fixtures/probe-worker.js", import.meta.url);

function probe(limits: { stackMb?: number; heapMb?: number } = {}): RuntimeWorker<{ greeting: string }> {
  return new RuntimeWorker({ entry, data: { greeting: "hello" }, ...limits });
}

function firstEvent(w: RuntimeWorker): Promise<unknown> {
  return new Promise((resolve) => w.onEvent(resolve));
}

test("a runtime worker answers requests, sends events and ends with its exit code", async () => {
  const w = probe({ stackMb: 8 });
  const ready = await firstEvent(w) as { ready: string; limits: { stackMb: number } };
  assert.equal(ready.ready, "hello");
  assert.equal(ready.limits.stackMb, 8);
  assert.equal(await w.request({ op: "eval", text: "(define (sq x) (* x x)) (sq 12)" }), "144");
  assert.equal(await w.request({ op: "eval", text: "(sq 3)" }), "9", "definitions persist between requests");
  await assert.rejects(w.request({ op: "nonsense" }), /unknown op nonsense/);
  void w.request({ op: "exit", code: 7 }).catch(() => {});
  assert.deepEqual(await w.outcome, { kind: "exit", code: 7 });
  await assert.rejects(w.request({ op: "eval", text: "1" }), /ended/);
});

test("the worker's stack is as large as asked", async () => {
  const w = probe({ stackMb: 64 });
  const depth = await w.request<number>({ op: "depth" });
  assert.ok(depth > 400_000, `64 MB should hold well over 400,000 small JS frames, got ${depth}`);
  await w.terminate();
});

test("the host thread interrupts a running loop, in the interpreter and in native code", async () => {
  const w = probe({ stackMb: 8 });
  await firstEvent(w);
  for (const threshold of [1_000_000_000, 0]) {
    await w.request({ op: "eval", text: `(import (kiln jit)) (set-jit-threshold! ${threshold})` });
    w.clearInterrupt();
    const running = w.request<string>({ op: "eval", text: "(let loop ((i 0)) (loop (+ i 1)))" });
    setTimeout(() => w.interrupt(), 200);
    assert.match(await running, /user interrupt/);
    w.clearInterrupt();
    assert.equal(await w.request({ op: "eval", text: "(+ 1 2)" }), "3", "the runtime is usable after an interrupt");
  }
  await w.terminate();
});

test("running out of memory ends only the worker", async () => {
  const w = probe({ stackMb: 8, heapMb: 48 });
  await firstEvent(w);
  void w.request({ op: "eval", text: "(let loop ((l '())) (loop (cons (make-vector 64 l) l)))" }).catch(() => {});
  assert.deepEqual(await w.outcome, { kind: "out-of-memory", heapMb: 48 });
});
