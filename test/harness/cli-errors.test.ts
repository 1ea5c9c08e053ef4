// The command-line contract: error reports (message, irritants, file:line:col, backtrace),
// syntax errors, exit codes, -e, and (command-line). Each case writes a small program to a
// temporary directory and runs `node bin/kiln.js` on it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliMissingReason, clip, kilnBin, runKilnSync, RunResult } from "./kiln-cli.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-cli-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const missing = cliMissingReason();
const cliTest = (name: string, fn: () => void): void => {
  test(name, { skip: missing || false }, fn);
};

/** Write `source` to <tmp>/<name> and run it. */
function runProgram(name: string, source: string, extraArgs: string[] = [], flags: string[] = []): RunResult & { file: string } {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return { ...runKilnSync([...flags, file, ...extraArgs], { timeoutMs: 120_000 }), file };
}

function show(r: RunResult): string {
  return `\n--- exit status: ${r.status}\n--- stdout:\n${clip(r.stdout, 3000)}\n--- stderr:\n${clip(r.stderr, 3000)}`;
}

const firstLine = (s: string): string => s.split("\n").find((l) => l.trim() !== "") ?? "";
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The report names the file (as given, or by its base name), a line and a column. */
function assertLocation(r: RunResult & { file: string }, line: number | null): void {
  const head = firstLine(r.stderr);
  const base = escapeRe(path.basename(r.file));
  const lineRe = line === null ? "\\d+" : String(line);
  assert.match(head, new RegExp(`(^|[/\\\\])${base}:${lineRe}:\\d+: `), `first stderr line should be "file:${line ?? "N"}:col: ..."${show(r)}`);
}

/** No JavaScript implementation detail leaks into what the user sees. */
function assertNoJsLeak(r: RunResult): void {
  for (const text of [r.stderr, r.stdout]) {
    assert.doesNotMatch(text, /at Object\./, `JavaScript stack trace leaked${show(r)}`);
    assert.doesNotMatch(text, /\.js:\d+/, `JavaScript file position leaked${show(r)}`);
    assert.doesNotMatch(text, /\.js:/, `JavaScript file name leaked${show(r)}`);
    assert.doesNotMatch(text, /TypeError|ReferenceError|RangeError|SyntaxError: /, `JavaScript error class leaked${show(r)}`);
    assert.doesNotMatch(text, /Maximum call stack size exceeded/, `JavaScript stack overflow${show(r)}`);
    assert.doesNotMatch(text, /node:internal/, `Node internals leaked${show(r)}`);
  }
}

for (const flags of [[], ["--no-jit"]]) {
  const tag = flags.length ? ` [${flags.join(" ")}]` : "";

  cliTest(`unbound variable: file:line:col and the name${tag}`, () => {
    const r = runProgram("unbound.scm", `(define x 1)\n(display (+ x undefined-var-xyz))\n`, [], flags);
    assert.equal(r.status, 70, `exit status 70 for an uncaught error${show(r)}`);
    assertLocation(r, 2);
    assert.match(firstLine(r.stderr), /undefined-var-xyz/, `the message names the variable${show(r)}`);
    assertNoJsLeak(r);
  });

  cliTest(`(car 5) in f called from g: message, irritant and backtrace${tag}`, () => {
    const src = [
      "(define (f x)",
      "  (+ 1 (car x)))",
      "(define (g y)",
      "  (* 2 (f y)))",
      "(display \"start\")",
      "(newline)",
      "(g 5)",
      "(display \"not reached\")",
      "",
    ].join("\n");
    const r = runProgram("car.scm", src, [], flags);
    assert.equal(r.status, 70, `exit status 70${show(r)}`);
    assert.equal(r.stdout, "start\n", `output before the error is kept, nothing after it runs${show(r)}`);
    assertLocation(r, 2);
    const head = firstLine(r.stderr);
    assert.match(head, /car/, `the message mentions car${show(r)}`);
    assert.match(head, /\b5\b/, `the irritant 5 is shown${show(r)}`);
    const lines = r.stderr.split("\n");
    const bt = lines.findIndex((l) => l === "Backtrace (innermost first):");
    assert.ok(bt > 0, `a "Backtrace (innermost first):" line follows the message${show(r)}`);
    const frames = lines.slice(bt + 1);
    const fAt = frames.findIndex((l) => /^ {2}at f \(.*car\.scm:\d+:\d+\)$/.test(l));
    const gAt = frames.findIndex((l) => /^ {2}at g \(.*car\.scm:\d+:\d+\)$/.test(l));
    assert.ok(fAt >= 0, `the backtrace has "  at f (file:line:col)"${show(r)}`);
    assert.ok(gAt >= 0, `the backtrace has "  at g (file:line:col)"${show(r)}`);
    assert.ok(fAt < gAt, `innermost first: f before g${show(r)}`);
    assertNoJsLeak(r);
  });

  cliTest(`error at the bottom of a 100,000-deep recursion: folded backtrace${tag}`, () => {
    const src = "(define (down n)\n  (if (= n 0)\n      (car '())\n      (+ 1 (down (- n 1)))))\n(down 100000)\n";
    const r = runProgram("deep.scm", src, [], flags);
    assert.equal(r.status, 70, `exit status 70${show(r)}`);
    assertLocation(r, 3);
    assert.match(r.stderr, /Backtrace \(innermost first\):/, `has a backtrace${show(r)}`);
    assert.match(r.stderr, /^ {2}at down \(/m, `the backtrace shows down${show(r)}`);
    assert.match(r.stderr, /more frames/, `repeated frames are folded into a "more frames" line${show(r)}`);
    assert.ok(r.stderr.split("\n").length < 200, `the folded backtrace is short (${r.stderr.split("\n").length} lines)${show(r)}`);
    assertNoJsLeak(r);
  });

  cliTest(`(error "boom:" 'x "s" 42) prints the message and written irritants${tag}`, () => {
    const r = runProgram("boom.scm", `(error "boom:" 'x "s" 42)\n`, [], flags);
    assert.equal(r.status, 70, `exit status 70${show(r)}`);
    assertLocation(r, 1);
    assert.ok(firstLine(r.stderr).endsWith(`boom: x "s" 42`), `first line ends with: boom: x "s" 42${show(r)}`);
    assertNoJsLeak(r);
  });

  cliTest(`uncaught raise of a non-error object${tag}`, () => {
    const r = runProgram("raise.scm", `(define (h) (raise 'oops-symbol))\n(h)\n`, [], flags);
    assert.equal(r.status, 70, `exit status 70${show(r)}`);
    assert.match(r.stderr, /oops-symbol/, `the raised object is shown${show(r)}`);
    assertNoJsLeak(r);
  });

  cliTest(`syntax error: unclosed parenthesis, nothing runs${tag}`, () => {
    const r = runProgram("unclosed.scm", `(display "hi")\n(define (f x)\n  (+ x 1)\n`, [], flags);
    assert.notEqual(r.status, 0, `non-zero exit${show(r)}`);
    assert.equal(r.stdout, "", `nothing was printed: the program did not start${show(r)}`);
    assertLocation(r, null);
    assertNoJsLeak(r);
  });

  cliTest(`syntax error: (if), nothing runs${tag}`, () => {
    const r = runProgram("badif.scm", `(display "hi")\n(if)\n`, [], flags);
    assert.notEqual(r.status, 0, `non-zero exit${show(r)}`);
    assert.equal(r.stdout, "", `nothing was printed: the program did not start${show(r)}`);
    assertLocation(r, 2);
    assertNoJsLeak(r);
  });

  cliTest(`syntax error: unexpected close parenthesis${tag}`, () => {
    const r = runProgram("extra.scm", `(display "hi")\n(+ 1 2))\n`, [], flags);
    assert.notEqual(r.status, 0, `non-zero exit${show(r)}`);
    assert.equal(r.stdout, "", `nothing was printed${show(r)}`);
    assertLocation(r, 2);
    assertNoJsLeak(r);
  });

  cliTest(`(exit 3) gives exit code 3, after flushing output and running dynamic-wind afters${tag}`, () => {
    const r = runProgram(
      "exit3.scm",
      `(display "out")\n(dynamic-wind (lambda () #f) (lambda () (exit 3)) (lambda () (display " after")))\n(display " not reached")\n`,
      [],
      flags,
    );
    assert.equal(r.status, 3, `exit status 3${show(r)}`);
    assert.equal(r.stdout, "out after", `output flushed; the after thunk ran${show(r)}`);
    assert.equal(r.stderr, "", `nothing on stderr${show(r)}`);
  });

  cliTest(`(exit), (exit #t) and (exit #f)${tag}`, () => {
    assert.equal(runProgram("exit0.scm", `(exit)\n`, [], flags).status, 0);
    assert.equal(runProgram("exitt.scm", `(exit #t)\n`, [], flags).status, 0);
    const f = runProgram("exitf.scm", `(exit #f)\n`, [], flags);
    assert.notEqual(f.status, 0, `(exit #f) is an abnormal exit${show(f)}`);
    assert.notEqual(f.status, null);
  });

  cliTest(`a program that ends normally exits 0${tag}`, () => {
    const r = runProgram("ok.scm", `(import (scheme base) (scheme write))\n(write (list 1 "two" #\\3))\n(newline)\n`, [], flags);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stdout, `(1 "two" #\\3)\n`, show(r));
    assert.equal(r.stderr, "", show(r));
  });

  cliTest(`(command-line) sees the extra arguments${tag}`, () => {
    const r = runProgram("args.scm", `(write (command-line))\n`, ["a", "b c", "--flag"], flags);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout.trim(), /^\(".*" "a" "b c" "--flag"\)$/, `(command-line) is (program "a" "b c" "--flag")${show(r)}`);
  });
}

cliTest("-e prints the value with write", () => {
  const r = runKilnSync(["-e", "(+ 1 2)"]);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout.trim(), "3", show(r));
  const s = runKilnSync(["-e", `(string-append "a" "b")`]);
  assert.equal(s.stdout.trim(), `"ab"`, show(s));
  const l = runKilnSync(["-e", `(list 'a #\\b 1.5)`]);
  assert.equal(l.stdout.trim(), `(a #\\b 1.5)`, show(l));
});

cliTest("-e with an error exits 70 without a JavaScript trace", () => {
  const r = runKilnSync(["-e", "(car 1)"]);
  assert.equal(r.status, 70, show(r));
  assert.match(r.stderr, /car/, show(r));
  assertNoJsLeak(r);
});

cliTest("the JIT modes report errors the same way", () => {
  const src = "(define (f x) (+ 1 (car x)))\n(define (g y) (* 2 (f y)))\n(define (loop i) (if (< i 1000) (begin (f (list i)) (loop (+ i 1)))))\n(loop 0)\n(g 5)\n";
  const file = path.join(dir, "jit.scm");
  writeFileSync(file, src);
  const r = runKilnSync(["--jit-threshold=0", file]);
  assert.equal(r.status, 70, show(r));
  assert.match(firstLine(r.stderr), /car/, show(r));
  assert.match(r.stderr, /^ {2}at f \(/m, show(r));
  assert.match(r.stderr, /^ {2}at g \(/m, show(r));
  assertNoJsLeak(r);
});

// Issue 9: standard output on a full disk. The program's output, -e's value and what the CLI
// writes itself end in a file error with a message on standard error and status 70, never
// "internal error"; a program can catch it (file-error?).
for (const [name, args] of [
  ["a program's display", ["-e", '(display "x")']],
  ["-e's value", ["-e", "(+ 1 2)"]],
  ["a loop writing lines", ["-e", '(let loop () (display "line\\n") (loop))']],
] as const) {
  test(`standard output on a full disk: ${name}`, { skip: missing || (!existsSync("/dev/full") && "no /dev/full here") }, () => {
    const out = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [kilnBin, ...args], { encoding: "utf8", stdio: ["ignore", out, "pipe"], timeout: 60_000 });
      const shown = `\n--- exit status: ${r.status}\n--- stderr:\n${clip(r.stderr ?? "", 3000)}`;
      assert.equal(r.status, 70, shown);
      assert.match(r.stderr, /cannot write to the standard output: no space left on device/, shown);
      assert.doesNotMatch(r.stderr, /internal error|ENOSPC/, shown);
    } finally { closeSync(out); }
  });
}

test("standard output on a full disk: a program catches the file error", { skip: missing || (!existsSync("/dev/full") && "no /dev/full here") }, () => {
  const out = openSync("/dev/full", "w");
  try {
    const program = '(guard (e ((file-error? e) (write-string "caught\\n" (current-error-port)) (exit 3))) (display (make-string 100000 #\\a)) (flush-output-port))';
    const r = spawnSync(process.execPath, [kilnBin, "-e", program], { encoding: "utf8", stdio: ["ignore", out, "pipe"], timeout: 60_000 });
    assert.equal(r.status, 3, r.stderr);
    assert.equal(r.stderr, "caught\n");
  } finally { closeSync(out); }
});
