// The command line around the runtime worker: Ctrl-C (SIGINT) stops a running program in every
// tier and exits 130, also while it waits for input (and output file ports are flushed);
// out of memory exits 70 with a message; --help lists every option, environment variable and
// exit status of the tables in src/cli/options.ts; --version; `kiln -`; shebang scripts;
// --expand; compile-time warnings and -W.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { clip, kilnBin, repoRoot, runKiln, runKilnSync, RunResult } from "./kiln-cli.js";
import { ENVIRONMENT, EXIT, OPTIONS } from "../../src/cli/options.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-worker-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

function show(r: { status: number | null; stdout: string; stderr: string }): string {
  return `\n--- exit status: ${r.status}\n--- stdout:\n${clip(r.stdout, 3000)}\n--- stderr:\n${clip(r.stderr, 3000)}`;
}

/** Run kiln, send SIGINT once `ready` appears on stdout, and collect the result. */
function interrupted(args: string[], ready: string, stdin: "pipe" | "ignore" = "ignore"): Promise<RunResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kilnBin, ...args], { cwd: repoRoot, stdio: [stdin, "pipe", "pipe"] });
    let stdout = "", stderr = "", sent = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout!.on("data", (b: Buffer) => {
      stdout += b;
      if (!sent && stdout.includes(ready)) { sent = true; setTimeout(() => child.kill("SIGINT"), 300); }
    });
    child.stderr!.on("data", (b: Buffer) => { stderr += b; });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut: false, ms: Date.now() - start });
    });
  });
}

const LOOP = `(define (spin n) (if (< n 0) n (spin (+ n 1))))
(display "running") (newline)
(spin 0)
`;

for (const tier of [["--no-jit"], ["--jit-threshold=0"], []]) {
  test(`Ctrl-C stops a running program with status 130 and its position (${tier.join(" ") || "default"})`, async () => {
    const r = await interrupted([...tier, file("spin.scm", LOOP)], "running");
    assert.equal(r.status, EXIT.interrupted.code, show(r));
    assert.match(r.stderr, /spin\.scm:1:\d+: user interrupt/, show(r));
    assert.match(r.stderr, /at spin/, show(r));
  });
}

test("Ctrl-C while a program waits for input exits 130 with its file output flushed", async () => {
  const out = path.join(dir, "partial.txt");
  const prog = file("wait.scm", `(define p (open-output-file ${JSON.stringify(out)}))
(write-string "saved" p)
(display "waiting") (newline)
(read-line)
`);
  const r = await interrupted([prog], "waiting", "pipe");
  assert.equal(r.status, EXIT.interrupted.code, show(r));
  assert.ok(r.ms < 20_000, `should end promptly, took ${r.ms} ms`);
  assert.equal(readFileSync(out, "utf8"), "saved");
});

test("Ctrl-C stops a runaway macro expansion with status 130, naming the macro", async () => {
  // eval compiles while the program runs, so "expanding" is printed before the expansion starts.
  const prog = file("macro.scm", `(display "expanding") (newline)
(eval '(begin (define-syntax m (syntax-rules () ((_ x) (m (x))))) (m 1)) (interaction-environment))
`);
  const r = await interrupted([prog], "expanding");
  assert.equal(r.status, EXIT.interrupted.code, show(r));
  assert.match(r.stderr, /user interrupt\nBacktrace \(innermost first\):\n  at expansion of m /, show(r));
});

test("one allocation too big for the heap limit is an out-of-memory Scheme error, not a fatal one", async () => {
  const r = await runKiln(["--max-heap=100", "-e", "(guard (e (#t (display (error-object-message e)) (newline))) (make-vector 20000000 0))"]);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /^make-vector: out of memory: \d+ MB more do not fit under the heap limit of 100 MB\n$/, show(r));
});

// Each of these aborted the whole process (exit 134) or, for bytevectors, went past the limit
// without bound: a Map's rehash, a rope flattened, and buffers outside V8's heap.
for (const [what, expr, who] of [
  ["a hash table growing", "(define h (make-hash-table equal?)) (let loop ((i 0)) (hash-table-set! h i i) (loop (+ i 1)))", "hash-table-set!"],
  ["a string doubled by string-append", "(let loop ((s \"ab\")) (loop (string-append s s)))", "string-append"],
  ["many 1 MB bytevectors kept", "(let loop ((l '())) (loop (cons (make-bytevector 1000000 0) l)))", "make-bytevector"],
  ["a bytevector output port growing", "(define p (open-output-bytevector)) (let loop () (write-bytevector (make-bytevector 100000 1) p) (loop))", "(write|make)-bytevector"],
  // SRFI 160 vectors live in the Wasm tier's WebAssembly.Memory, which the heap statistics do not see.
  ["many 8 MB f64vectors kept", "(let loop ((l '())) (loop (cons (make-f64vector 1000000 0.) l)))", "make-f64vector"],
] as const) {
  test(`past the heap limit, ${what} is a catchable out-of-memory error`, async () => {
    const text = `(import (scheme base) (scheme write) (srfi 69) (srfi 160 f64)) (guard (e (#t (display (error-object-message e)) (newline))) ${expr})`;
    const r = await runKiln(["--max-heap=100", file(`oom-${who.replace(/\W/g, "")}.scm`, text + "\n")]);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, new RegExp(`^${who}: out of memory: \\d+ MB more do not fit under the heap limit of 100 MB\\n$`), show(r));
  });
}

test("-e prints a value's written form in pieces (a form longer than a JS string prints too)", async () => {
  // 2,000,000 elements: 4 MB of text, about 60 pieces through the worker. (600,000,000 elements,
  // 1.2 GB, past V8's longest string, printed in 23 s on the project machine.)
  const r = await runKiln(["-e", "(list (make-bytevector 2000000 7) 'end)"]);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout.length, "(#u8(".length + 2 * 2000000 - 1 + ") end)\n".length, show(r));
  assert.ok(r.stdout.startsWith("(#u8(7 7 7 ") && r.stdout.endsWith(" 7 7) end)\n"), show(r));
});

test("running out of memory ends the program with a message and status 70", async () => {
  const r = await runKiln(["--max-heap=64", file("oom.scm", "(let loop ((l '())) (loop (cons (make-vector 64 l) l)))\n")]);
  assert.equal(r.status, EXIT.error.code, show(r));
  assert.match(r.stderr, /out of memory/, show(r));
  assert.doesNotMatch(r.stderr, /FATAL|heap limit Allocation failed|\.js:\d/, show(r));
});

test("--help lists every option, environment variable and exit status, on stdout, status 0", () => {
  const r = runKilnSync(["--help"]);
  assert.equal(r.status, 0, show(r));
  for (const o of OPTIONS) for (const n of o.names) assert.ok(r.stdout.includes(n), `--help mentions ${n}`);
  for (const e of ENVIRONMENT) assert.ok(r.stdout.includes(e.name), `--help mentions ${e.name}`);
  for (const s of Object.values(EXIT)) assert.match(r.stdout, new RegExp(`^\\s+${s.code}\\s`, "m"));
  assert.equal(r.stderr, "");
});

test("--version, and a bad option exits 64 pointing at --help", () => {
  const v = runKilnSync(["--version"]);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^kiln \d+\.\d+\.\d+/);
  const bad = runKilnSync(["--frobnicate"]);
  assert.equal(bad.status, EXIT.usage.code);
  assert.match(bad.stderr, /unknown option --frobnicate[\s\S]*kiln --help/);
});

test("kiln - runs the program on standard input; a shebang script runs as a program", async () => {
  const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const c = spawn(process.execPath, [kilnBin, "-", "a", "b"], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    c.stdout.on("data", (b: Buffer) => { stdout += b; });
    c.stderr.on("data", (b: Buffer) => { stderr += b; });
    c.on("close", (status) => resolve({ status, stdout, stderr }));
    c.stdin.end("(write (command-line)) (write (read-line)) (car '())\n");
  });
  assert.equal(r.status, EXIT.error.code, show(r));
  assert.equal(r.stdout, '("-" "a" "b")#<eof>');
  assert.match(r.stderr, /^<stdin>:1:\d+: car: expected a pair/, show(r));
  const script = file("script", `#!/usr/bin/env -S node ${kilnBin}\n(display "from a script")\n(exit 3)\n`);
  chmodSync(script, 0o755);
  const s = runKilnSync([script]);
  assert.equal(s.status, 3, show(s));
  assert.equal(s.stdout, "from a script");
});

test("--expand prints the program after macro expansion, as Scheme that runs the same", () => {
  const prog = file("expand.scm", `(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1) (define other 2)
(swap! tmp other)
(when (> tmp other) (display (list tmp other)))
`);
  const r = runKilnSync(["--expand", prog]);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /\(let \(\(tmp\.2 tmp\)\) \(set! tmp other\) \(set! other tmp\.2\)\)/, show(r));
  assert.match(r.stdout, /\(if \(> tmp other\) \(display \(list tmp other\)\)\)/, show(r));
  const again = runKilnSync([file("expanded.scm", r.stdout)]);
  assert.equal(again.stdout, "(2 1)", show(again));
});

test("compile-time warnings: arity and unbound on by default, unused locals with -W, -Wno- turns off", () => {
  const prog = file("warn.scm", `(define (f a b) (+ a b))
(define (g) (f 1))
(define (h x) (lenght x))
(define (k) (car 1 2))
(let ((unused 1)) (display (f 1 2)))
`);
  const r = runKilnSync([prog]);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, "3", "warnings never stop the program");
  assert.match(r.stderr, /warn\.scm:2:13: warning: wrong number of arguments to `f': expected 2 arguments, got 1/, show(r));
  assert.match(r.stderr, /warn\.scm:3:15: warning: possibly unbound variable `lenght'/, show(r));
  assert.match(r.stderr, /warn\.scm:4:13: warning: wrong number of arguments to `car': expected 1 argument, got 2/, show(r));
  assert.doesNotMatch(r.stderr, /unused/);
  const all = runKilnSync(["-Wunused-variable", "-Wno-arity-mismatch", prog]);
  assert.match(all.stderr, /warning: unused variable `unused'/, show(all));
  assert.doesNotMatch(all.stderr, /wrong number/, show(all));
  const none = runKilnSync(["-Wnone", prog]);
  assert.equal(none.stderr, "", show(none));
  assert.equal(runKilnSync(["-Wfrob", prog]).status, EXIT.usage.code);
});
