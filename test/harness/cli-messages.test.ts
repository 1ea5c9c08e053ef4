// Error reports from the command line, in every tier: an unbound variable is reported at the
// name's own position; the arity error's shape as printed; an uncaught raise in tail position
// (at top level and in a procedure) gets its position and backtrace, as `error` does; a failing
// (srfi 64) suite makes the program exit 1 at its end (after running to it), a passing one 0.
// The message shapes themselves are pinned in test/scheme/control/error-messages.scm.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { clip, runKiln, RunResult } from "./kiln-cli.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-msg-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

const show = (r: RunResult): string => `\n--- exit status: ${r.status}\n--- stdout:\n${clip(r.stdout, 2000)}\n--- stderr:\n${clip(r.stderr, 2000)}`;

const TIERS = [["--no-jit"], ["--jit-threshold=0"], []];

for (const tier of TIERS) {
  const label = tier.join(" ") || "default";

  test(`an unbound variable is reported at its own position (${label})`, async () => {
    const f = file(`unbound-${TIERS.indexOf(tier)}.scm`, "(define (f x)\n  (+ x   undefined-thing))\n(display (f 1))\n");
    const r = await runKiln(["-Wnone", ...tier, f]);
    assert.equal(r.status, 70, show(r));
    assert.match(r.stderr, /^\S*unbound-\d\.scm:2:10: unbound variable: undefined-thing\n/, show(r));
  });

  test(`the arity error shows the count in words and the arguments as a list (${label})`, async () => {
    const f = file(`arity-${TIERS.indexOf(tier)}.scm`, "(define (two a b) a)\n(display (two 1 2 3))\n");
    const r = await runKiln(["-Wnone", ...tier, f]);
    assert.equal(r.status, 70, show(r));
    assert.match(r.stderr, /arity-\d\.scm:2:10: two: wrong number of arguments: expected 2 arguments, got 3: \(1 2 3\)\n/, show(r));
  });

  test(`an uncaught raise in tail position names its position and backtrace (${label})`, async () => {
    const n = TIERS.indexOf(tier);
    const inProc = await runKiln([...tier, file(`raise-proc-${n}.scm`, "(define (f x)\n  (raise (list x 1)))\n(f 2)\n")]);
    assert.equal(inProc.status, 70, show(inProc));
    assert.match(inProc.stderr, /raise-proc-\d\.scm:2:3: uncaught exception: \(2 1\)\nBacktrace \(innermost first\):\n  at f \(\S*raise-proc-\d\.scm:2:3\)\n/, show(inProc));
    const top = await runKiln([...tier, file(`raise-top-${n}.scm`, "(display 1)\n(raise 'oops)\n")]);
    assert.equal(top.status, 70, show(top));
    assert.match(top.stderr, /raise-top-\d\.scm:2:1: uncaught exception: oops\nBacktrace \(innermost first\):\n  at <top level> /, show(top));
    const cont = await runKiln([...tier, file(`raise-cont-${n}.scm`, "(define (g)\n  (raise-continuable 5))\n(+ 1 (g))\n")]);
    assert.equal(cont.status, 70, show(cont));
    assert.match(cont.stderr, /raise-cont-\d\.scm:2:3: uncaught exception: 5\nBacktrace \(innermost first\):\n  at g /, show(cont));
    // Handled, a raise in tail position behaves as before: the handler's escape, guard's reraise.
    const handled = await runKiln([...tier, file(`raise-handled-${n}.scm`,
      "(define (f x) (raise x))\n(define (g x) (raise-continuable x))\n(display (guard (e ((symbol? e) (list 'caught e))) (f 'a)))\n" +
      "(display (with-exception-handler (lambda (e) (* e 10)) (lambda () (+ 1 (g 4)))))\n(guard (e ((string? e) 1)) (f 7))\n")]);
    assert.equal(handled.status, 70, show(handled));
    assert.equal(handled.stdout, "(caught a)41", show(handled));
    assert.match(handled.stderr, /uncaught exception: 7\n/, show(handled));
  });
}

test("a failing (srfi 64) suite exits 1 after running to its end; a passing one exits 0", async () => {
  const suite = (ok: boolean): string => `(import (scheme base) (scheme write) (srfi 64))
(test-begin "s")
(test-equal 1 ${ok ? 1 : 2})
(test-end "s")
(display "after")
`;
  const bad = await runKiln([file("s64-bad.scm", suite(false))]);
  assert.equal(bad.status, 1, show(bad));
  assert.match(bad.stdout, /# of unexpected failures +1[\s\S]*after$/, show(bad));
  const good = await runKiln([file("s64-good.scm", suite(true))]);
  assert.equal(good.status, 0, show(good));
});
