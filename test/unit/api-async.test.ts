// Promises: evaluateAsync suspends the Scheme computation at (await p) and resumes it when p
// settles; async JS procedures; Node's fetch against a local server; the CLI's top level.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRuntime, KilnError } from "../../src/api/index.js";
import { kilnBin } from "../harness/kiln-cli.js";

const delay = <T>(ms: number, v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));

test("evaluateAsync awaits a timer; the result is a Promise of the value", async () => {
  const k = createRuntime({ js: { globals: { delay } } });
  const p = k.evaluateAsync('(import (kiln js)) (+ 1 (await (js-invoke (js-global "delay") 10 41)))');
  assert.ok(p instanceof Promise);
  assert.equal(await p, 42);
});

test("an async JS procedure is awaited where Scheme calls it, in both tiers", async () => {
  for (const jit of [false, { threshold: 0 }] as const) {
    const k = createRuntime({ jit });
    k.defineAsync("fetchNumber", async (n: number) => { await delay(1, 0); return n * 10; });
    const v = await k.evaluateAsync(`
      (define (total n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc (fetchNumber i))))))
      (total 20)`);
    assert.equal(v, 1900);
  }
});

test("a rejection is raised as a Scheme condition; unhandled, it rejects with the JS error", async () => {
  const k = createRuntime();
  const failure = new Error("no such user");
  k.defineAsync("lookup", async () => { throw failure; });
  assert.equal(await k.evaluateAsync("(guard (e ((error-object? e) (error-object-message e))) (lookup))"), "no such user");
  await assert.rejects(k.evaluateAsync("(define (f) (lookup) 1) (f)"), (e: unknown) => e === failure);
  await assert.rejects(k.evaluateAsync("(car (lookup-missing))"), (e: unknown) => e instanceof KilnError);
});

test("await outside evaluateAsync, or inside a JS callback, is a clear error", async () => {
  const k = createRuntime();
  k.defineAsync("later", async () => 1);
  assert.throws(() => k.evaluate("(later)"), /await: not inside an asynchronous evaluation/);
  await assert.rejects(k.evaluateAsync('(import (kiln js)) (js-call (vector 1) "map" (lambda (x) (later)))'),
    /cannot suspend inside a call from JavaScript/);
  assert.equal(await k.evaluateAsync("(later)"), 1);   // still usable
});

test("several evaluations of one runtime can be in flight; each resumes its own continuation", async () => {
  const k = createRuntime();
  k.defineAsync("wait", (ms: number, v: unknown) => delay(ms, v));
  const [a, b] = await Promise.all([
    k.evaluateAsync("(list 'a (wait 20 1) (wait 1 2))"),
    k.evaluateAsync("(list 'b (wait 5 3))"),
  ]);
  assert.deepEqual(a, [Symbol.for("a"), 1, 2]);
  assert.deepEqual(b, [Symbol.for("b"), 3]);
});

test("fetch against a local HTTP server, from an embedded runtime granted fetch", async () => {
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ path: req.url, items: [1, 2, 3] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const port = (server.address() as AddressInfo).port;
    const k = createRuntime({ js: { globals: { fetch } } });
    const v = await k.evaluateAsync(`
      (import (kiln js))
      (define response (await (js-invoke (js-global "fetch") "http://127.0.0.1:${port}/users")))
      (define body (await (js-call response "json")))
      (list (js-ref response "status") (js-ref body "path") (apply + (vector->list (js-ref body "items"))))`);
    assert.deepEqual(v, [200, "/users", 6]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("the kiln command runs a program's top level so that await works (fetch, timer, fs/promises)", async () => {
  const server = createServer((_req, res) => res.end("pong"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-await-"));
  try {
    const port = (server.address() as AddressInfo).port;
    const file = path.join(dir, "prog.scm");
    writeFileSync(file, `(import (scheme base) (scheme write) (kiln js))
(define response (await (js-invoke (js-global "fetch") "http://127.0.0.1:${port}/ping")))
(display (await (js-call response "text")))
(newline)
(define fsp (js-import "node:fs/promises"))
(await (js-call fsp "writeFile" ${JSON.stringify(path.join(dir, "out.txt"))} "saved"))
(display (await (js-call fsp "readFile" ${JSON.stringify(path.join(dir, "out.txt"))} "utf8")))
(newline)
(await (js-new (js-global "Promise") (lambda (ok fail) (js-invoke (js-global "setTimeout") ok 5))))
(display "done")
(newline)
(exit 3)
`);
    // The server runs in this process: spawn asynchronously so it can answer.
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [kilnBin, file], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { err += d; });
    const code = await new Promise<number | null>((r) => child.on("close", r));
    assert.equal(err, "");
    assert.equal(out, "pong\nsaved\ndone\n");
    assert.equal(code, 3);
    // An unhandled rejection at the top level is reported like any uncaught error.
    writeFileSync(file, `(import (scheme base) (kiln js))
(display (await (js-call (js-global "Promise") "reject" (js-new (js-global "Error") "went wrong"))))`);
    const r = spawnSync(process.execPath, [kilnBin, file], { encoding: "utf8" });
    assert.equal(r.status, 70);
    assert.match(r.stderr, /prog\.scm:2:10: went wrong #<js Error>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => server.close(r));
  }
});
