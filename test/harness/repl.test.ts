// The REPL and the other CLI entry points: multi-line input, results printed with write,
// errors reported without leaving, (exit n); -e; --disassemble with source lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { kilnBin, repoRoot, runKilnSync } from "./kiln-cli.js";

function repl(input: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [kilnBin], { cwd: repoRoot, input, encoding: "utf8", timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test("the REPL reads multi-line input, writes results and survives errors", () => {
  const r = repl('(define (sq x)\n  (* x x))\n(sq\n 12)\n(car 1)\n(string-append "a"\n "b")\n(exit 4)\n');
  assert.match(r.stdout, /144/);
  assert.match(r.stdout, /"ab"/);
  assert.match(r.stderr, /car: expected a pair 1/);
  assert.doesNotMatch(r.stderr, /\.js:\d/);
  assert.equal(r.status, 4);
});

test("the REPL reports syntax errors and goes on", () => {
  const r = repl("(if)\n(+ 1 2)\n");
  assert.match(r.stderr, /<repl>:1:1: if: expected/);
  assert.match(r.stdout, /3/);
  assert.equal(r.status, 0);
});

test("-e prints the value with write", () => {
  const r = runKilnSync(["-e", '(list 1.0 "s" #\\a (/ 1 3))']);
  assert.equal(r.stdout.trim(), '(1.0 "s" #\\a 1/3)');
});

test("--disassemble shows each procedure's bytecode with source lines", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-dis-"));
  const file = path.join(dir, "d.scm");
  writeFileSync(file, "(define (add1 x)\n  (+ x 1))\n(display (add1 2))\n");
  const r = runKilnSync(["--disassemble", file]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /procedure add1 at .*d\.scm:1:1: 1 required/);
  assert.match(r.stdout, /ADD .*line 2:3/);
  assert.doesNotMatch(r.stdout, /^3$/m, "disassembling does not run the program");
});

test("--disassemble=feedback runs the program, then shows the feedback its sites recorded", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-fb-"));
  const file = path.join(dir, "f.scm");
  writeFileSync(file, "(define (add x y)\n  (+ x y))\n(display (add 1.5 2))\n(display (add 1 2))\n(newline)\n");
  const r = runKilnSync(["--no-jit", "--disassemble=feedback", file]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^3\.53\n/, "the program ran first");
  assert.match(r.stdout, /ADD .*feedback: slow path saw fixnum, flonum.*line 2:3/);
});

test("syntax-error reports its message, irritants and the macro use's position", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-se-"));
  const file = path.join(dir, "se.scm");
  writeFileSync(file, '(display "no")\n(define-syntax m (syntax-rules () ((_ x) (syntax-error "m wants a pair" x))))\n(m 5)\n');
  const r = runKilnSync([file]);
  assert.equal(r.status, 65);
  assert.match(r.stderr, /se\.scm:3:1: m wants a pair 5/);
  assert.equal(r.stdout, "", "nothing runs before a syntax error is reported");
});

// ---- issue 11: the reader decides when input is complete; meta-commands; Ctrl-C -------------

test("a stray closer is reported and the REPL goes on; each datum of a line is evaluated", () => {
  const r = repl("(+ 1 2))\n(+ 3 4) (* 5 6)\n\"open\n string\"\n");
  assert.match(r.stdout, /3\n/);
  assert.match(r.stdout, /7\n30\n/);
  assert.match(r.stdout, /"open\\n string"/);
  assert.match(r.stderr, /<repl>:1:8: unexpected '\)'/);
  assert.equal(r.status, 0);
});

test("input that ends inside a datum is reported at end of input", () => {
  const r = repl("(define x 1)\n(list x\n");
  assert.match(r.stderr, /<repl>:3:1: expected '\)' to close '\(' at 2:1/);
});

test("meta-commands: ,help lists the table; ,expand ,disassemble ,time ,jit ,bt ,load ,import ,env ,apropos ,quit", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-meta-"));
  const lib = path.join(dir, "defs.scm");
  writeFileSync(lib, "(define (triple x) (* 3 x))\n");
  const r = repl([
    ",help",
    ",expand (when (> 1 0)",
    "  'yes)",
    "(define (add1 x) (+ x 1))",
    ",disassemble add1",
    ",time (add1 41)",
    ",jit threshold 7",
    "(car '())",
    ",bt",
    `,load ${lib}`,
    "(triple 5)",
    ",import (only (srfi 1) iota)",
    "(iota 3)",
    ",env",
    ",apropos string-up",
    ",nonsense",
    ",quit 5",
    "(display \"not reached\")",
  ].join("\n") + "\n");
  for (const name of ["help", "expand", "disassemble", "time", "jit", "bt", "load", "import", "env", "apropos", "quit"]) {
    assert.match(r.stdout, new RegExp(`  ,${name}\\b`), `,help lists ,${name}`);
  }
  assert.match(r.stdout, /\(if \(> 1 0\) \(quote yes\)\)/);
  assert.match(r.stdout, /procedure add1 at <repl>:4:1/);
  assert.match(r.stdout, /\b42\n; [\d.]+ s real time/);
  assert.match(r.stdout, /JIT on, threshold 7/);
  assert.match(r.stderr, /car: expected a pair/);
  assert.match(r.stdout, /Backtrace \(innermost first\):\n  at <top level> \(<repl>:8:1\)/);
  assert.match(r.stdout, /\b15$/m);
  assert.match(r.stdout, /\(0 1 2\)$/m);
  assert.match(r.stdout, /^add1 triple$/m);
  assert.match(r.stdout, /string-upcase/);
  assert.match(r.stderr, /unknown command ,nonsense/);
  assert.doesNotMatch(r.stdout, /not reached/);
  assert.equal(r.status, 5);
});

test("tab completion offers the names bound in the REPL's environment", async () => {
  const { ReplSession } = await import("../../src/cli/repl.js");
  const { Runtime } = await import("../../src/api/runtime.js");
  const { sandboxHost } = await import("../../src/host/sandbox.js");
  const host = sandboxHost();
  const s = new ReplSession(new Runtime(host), host, false);
  s.line("(define my-long-name 1) (define-syntax my-macro (syntax-rules () ((_) 1)))");
  assert.deepEqual(s.complete("(display my-"), [["my-long-name", "my-macro"], "my-"]);
  assert.ok(s.complete("(string-up")[0].includes("string-upcase"));
  assert.deepEqual(s.complete(",exp"), [[",expand"], ",exp"]);
  assert.deepEqual(s.complete("(car "), [[], ""]);
});

/** The REPL with stdin kept open: send lines, SIGINT while `(spin)` runs, then more lines. */
function replInterrupted(args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [kilnBin, ...args], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    const timer = setTimeout(() => c.kill("SIGKILL"), 60_000);
    c.stdout.on("data", (b: Buffer) => {
      stdout += b;
      if (stdout.includes("spinning")) {
        stdout = stdout.replace("spinning", "SPUN");
        setTimeout(() => {
          c.kill("SIGINT");
          setTimeout(() => c.stdin.end("(+ x 1)\n"), 500);
        }, 300);
      }
    });
    c.stderr.on("data", (b: Buffer) => { stderr += b; });
    c.on("close", (status) => { clearTimeout(timer); resolve({ stdout, stderr, status }); });
    c.stdin.write("(define x 41)\n(define (spin) (let loop ((i 0)) (loop (+ i 1))))\n(begin (display \"spinning\") (newline) (spin))\n");
  });
}

for (const tier of [["--no-jit"], ["--jit-threshold=0"], []]) {
  test(`Ctrl-C stops an evaluation and keeps every definition (${tier.join(" ") || "default"})`, async () => {
    const r = await replInterrupted(tier);
    assert.match(r.stderr, /user interrupt in loop at <repl>:2:\d+/, r.stderr);
    assert.match(r.stdout, /\b42$/m, r.stdout);
    assert.equal(r.status, 0);
  });
}
