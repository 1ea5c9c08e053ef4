// Error reports from the command line, in every tier: an unbound variable is reported at the
// name's own position; the arity error's shape as printed. The message shapes
// themselves are pinned in test/scheme/control/error-messages.scm.

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
}
