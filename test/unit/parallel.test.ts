// src/parallel: the value transfer alone (no threads), the pool through the embedding API,
// the sandbox's local futures, a worker out of memory, and the kiln command around a pool:
// an error's worker backtrace, exit status kept, Ctrl-C stopping busy workers; libraries the
// embedding declares, its own stdout, untouched futures dropped.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Runtime } from "../../src/api/runtime.js";
import { createRuntime, stopPools } from "../../src/api/index.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { resolveWorkers } from "../../src/parallel/primitives.js";
import { nodeParallel } from "../../src/parallel/node.js";
import { readAll } from "../../src/reader/reader.js";
import { writeString } from "../../src/runtime/printer.js";
import { SchemeError } from "../../src/runtime/errors.js";
import { kilnBin, repoRoot, runKiln, RunResult } from "../harness/kiln-cli.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-parallel-")); });
after(() => { stopPools(); if (dir) rmSync(dir, { recursive: true, force: true }); });

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

const show = (r: RunResult): string => `\n--- exit status: ${r.status}\n--- stdout:\n${r.stdout}\n--- stderr:\n${r.stderr}`;

test("the number of workers: option, then KILN_WORKERS, then the cores", () => {
  assert.equal(resolveWorkers(3, "5", 2), 3);
  assert.equal(resolveWorkers(undefined, "5", 2), 5);
  assert.equal(resolveWorkers(undefined, "lots", 2), 2);
  assert.equal(resolveWorkers(undefined, undefined, 8), 8);
  assert.equal(resolveWorkers(0, undefined, 8), 1);
});

test("values cross by the transfer in one runtime: structure kept, closures refused", () => {
  const rt = new Runtime(sandboxHost());
  const env = rt.newTopLevel();
  const v = rt.evalForms(readAll(`(define c (list 1 2.0 2/3 "s" #\\a 'sym #u8(1 2) (expt 2 70)))
    (set-cdr! (list-tail c 7) c) c`, "t"), env);
  const back = rt.parallel.transfer.decode(rt.parallel.transfer.encode("test", v));
  assert.equal(writeString(back, "write"), writeString(v, "write"));
  const closure = rt.evalForms(readAll("(let ((n 1)) (lambda () n))", "t"), env);
  assert.throws(() => rt.parallel.transfer.encode("future", closure),
    (e: unknown) => e instanceof SchemeError && /closures over local state/.test(String((e.payload as { message: string }).message)));
});

test("a sandbox has no pool: futures run in the caller, after the same checks", () => {
  const k = createRuntime();
  assert.equal(k.evaluate("(import (scheme base) (kiln parallel)) (touch (future + 1 2))"), 3);
  assert.deepEqual(k.evaluate("(parallel-map - '(1 2 3))"), [-1, -2, -3]);
  assert.equal(k.evaluate("(parallel-workers)"), 1);
  assert.throws(() => k.evaluate("(let ((n 1)) (future (lambda () n)))"), /closure over 1 local variable/);
});

test("the embedding API with Node access runs futures on its workers", () => {
  const k = createRuntime({ access: "node", workers: 2, libraryPath: [path.join(repoRoot, "test", "scheme", "parallel")] });
  assert.equal(k.evaluate("(import (scheme base) (kiln parallel) (par work)) (parallel-workers)"), 2);
  assert.equal(k.evaluate("(touch (future fib 15))"), 610);
  assert.equal(k.evaluate("(pfib 16)"), 987);
  assert.throws(() => k.evaluate("(touch (future boom 1))"), /boom:/);
});

test("a worker out of memory fails its task and is replaced", async () => {
  file("hog.sld", `(define-library (hog) (export hog) (import (scheme base))
    (begin (define (hog) (let loop ((acc '())) (loop (cons (make-vector 1000 0) acc))))))`);
  const k = createRuntime({ access: "node", libraryPath: [dir], parallel: nodeParallel(1, { heapMb: 48 }) });
  k.evaluate("(import (scheme base) (kiln parallel) (hog))");
  assert.throws(() => k.evaluate("(touch (future hog))"), /ran out of memory \(its heap limit is 48 MB\)/);
  assert.equal(k.evaluate("(touch (future + 2 3))"), 5);
});

const LIB = `(define-library (w) (export spin boom) (import (scheme base))
  (begin (define (spin n) (if (< n 0) n (spin (+ n 1))))
         (define (inner x) (car x))
         (define (boom x) (+ 1 (inner x)))))
(import (scheme base) (scheme write) (scheme process-context) (w) (kiln parallel))
`;

test("an error on a worker is reported with the worker's backtrace; status 70", async () => {
  const r = await runKiln([file("err.scm", LIB + "(touch (future boom 5))\n")]);
  assert.equal(r.status, 70, show(r));
  assert.match(r.stderr, /car: expected a pair 5/, show(r));
  assert.match(r.stderr, /Raised on a worker thread[^\n]*\n\s+at inner \(.*err\.scm:3:/, show(r));
});

test("the exit status of a program is kept while its workers are busy", async () => {
  const r = await runKiln([file("exit.scm", LIB + "(define fs (list (future spin 0) (future spin 0)))\n(exit 3)\n")]);
  assert.equal(r.status, 3, show(r));
});

test("Ctrl-C stops the program and its busy workers", async () => {
  const f = file("spin.scm", LIB + `(define fs (list (future spin 0) (future spin 0) (future spin 0)))
(display "running") (newline)
(touch (car fs))\n`);
  const r = await new Promise<RunResult>((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [kilnBin, f], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sent = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (b: Buffer) => {
      stdout += b;
      if (!sent && stdout.includes("running")) { sent = true; setTimeout(() => child.kill("SIGINT"), 300); }
    });
    child.stderr.on("data", (b: Buffer) => { stderr += b; });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut: false, ms: Date.now() - start });
    });
  });
  assert.equal(r.status, 130, show(r));
  assert.match(r.stderr, /user interrupt/, show(r));
});

test("libraries declared by evaluated text reach the workers, before and after the pool starts", () => {
  const k = createRuntime({ access: "node", workers: 2 });
  k.evaluate(`(define-library (early) (export triple) (import (scheme base)) (begin (define (triple x) (* 3 x))))
    (import (scheme base) (kiln parallel) (early))`);
  assert.equal(k.evaluate("(touch (future triple 5))"), 15);
  k.evaluate(`(define-library (late) (export quad) (import (scheme base)) (begin (define (quad x) (* 4 x))))
    (import (late))`);
  assert.deepEqual(k.evaluate("(parallel-map quad '(1 2 3 4 5))"), [4, 8, 12, 16, 20]);
  // A redefinition reaches them too.
  k.evaluate(`(define-library (late) (export quad) (import (scheme base)) (begin (define (quad x) (+ 4 x))))
    (import (late))`);
  assert.equal(k.evaluate("(touch (future quad 1))"), 5);
});

test("an embedding's own stdout receives its workers' output, before touch returns", () => {
  let out = "";
  const k = createRuntime({ access: "node", workers: 1, stdout: (t) => { out += t; } });
  k.evaluate("(import (scheme base) (scheme write) (kiln parallel))");
  k.evaluate(`(display "owner ")`);
  k.evaluate(`(touch (future display "from-worker"))`);
  assert.equal(out, "owner from-worker");
});

test("futures never touched are dropped with their results once garbage", async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const k = createRuntime({ access: "node", workers: 1 });
  k.evaluate(`(import (scheme base) (kiln parallel))
    (define (held) (cdr (assq 'held (parallel-statistics))))
    (define kept (let loop ((i 0) (acc '())) (if (= i 100) acc (loop (+ i 1) (cons (future make-vector 1000 i) acc)))))
    (touch (car kept)) #t`);
  // One worker runs the tasks in order: the 99 other results arrived before the last one's.
  assert.equal(k.evaluate("(held)"), 99);
  k.evaluate("(set! kept #f) #t");
  for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); }
  const held = k.evaluate("(touch (future + 1 1)) (held)") as number;
  assert.ok(held < 10, `results still held: ${held}`);
});

test("the REPL's and kiln -'s own libraries reach the workers", () => {
  const text = `(define-library (r) (export dbl) (import (scheme base)) (begin (define (dbl x) (* 2 x))))
(import (scheme base) (scheme write) (kiln parallel) (r))
(display (parallel-map dbl (list 1 2 3)))
(newline)
`;
  for (const args of [["-"], []]) {
    const r = spawnSync(process.execPath, [kilnBin, ...args], { cwd: dir, input: text, encoding: "utf8", env: { ...process.env, KILN_WORKERS: "2" } });
    assert.equal(r.status, 0, `kiln ${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /\(2 4 6\)/, `kiln ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  }
});
