// The REPL and the other CLI entry points: multi-line input, results printed with write,
// errors reported without leaving, (exit n); -e; --disassemble with source lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

test("syntax-error reports its message, irritants and the macro use's position", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-se-"));
  const file = path.join(dir, "se.scm");
  writeFileSync(file, '(display "no")\n(define-syntax m (syntax-rules () ((_ x) (syntax-error "m wants a pair" x))))\n(m 5)\n');
  const r = runKilnSync([file]);
  assert.equal(r.status, 65);
  assert.match(r.stderr, /se\.scm:3:1: m wants a pair 5/);
  assert.equal(r.stdout, "", "nothing runs before a syntax error is reported");
});
