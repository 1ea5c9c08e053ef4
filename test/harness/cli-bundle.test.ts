// The `kiln` command's fast start (scripts/bundle-cli.mjs, docs/cache.md "Start-up"): the
// package's bin/kiln.cjs and bin/kiln.js both run the launcher and the runtime worker from
// their bundles through V8's code caches, and give the same results as the ES modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliMissingReason, repoRoot } from "./kiln-cli.js";

const bundles = path.join(repoRoot, "dist", "cli");

function run(bin: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin", bin), ...args], {
    encoding: "utf8", env: { ...process.env, KILN_CODE_CACHE_DEBUG: "1", ...env }, timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("both bin files run the bundles through their code caches", (t) => {
  const missing = cliMissingReason();
  if (missing || !existsSync(path.join(bundles, "kiln-worker.cjs"))) { t.skip(missing || "no bundles built"); return; }
  for (const bin of ["kiln.cjs", "kiln.js"]) {
    const r = run(bin, ["-e", "(list (+ 1 2) (string->symbol \"a\"))"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "(3 a)\n");
    assert.match(r.stderr, /kiln-main: V8 code cache used/);
    assert.match(r.stderr, /kiln-worker: V8 code cache used/);
  }
});

test("a program with imports, an error and an exit status from the bundles", (t) => {
  const missing = cliMissingReason();
  if (missing || !existsSync(path.join(bundles, "kiln-worker.cjs"))) { t.skip(missing || "no bundles built"); return; }
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-bundle-"));
  try {
    const prog = path.join(dir, "p.scm");
    writeFileSync(prog, "(import (scheme base) (scheme write) (srfi 1))\n(display (fold + 0 (iota 5)))\n(newline)\n(car '())\n");
    const r = run("kiln.cjs", ["--no-cache", prog]);
    assert.equal(r.stdout, "10\n");
    assert.equal(r.status, 70);
    assert.match(r.stderr, /p\.scm:4:1/);
    const e = run("kiln.cjs", ["-e", "(exit 3)"]);
    assert.equal(e.status, 3);
    const v = run("kiln.cjs", ["--version"]);
    assert.match(v.stdout, /^kiln \d/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("the REPL and --no-worker, which the launcher bundle imports as ES modules", (t) => {
  const missing = cliMissingReason();
  if (missing || !existsSync(path.join(bundles, "kiln-main.cjs"))) { t.skip(missing || "no bundles built"); return; }
  const nw = run("kiln.cjs", ["--no-worker", "-e", "(* 6 7)"]);
  assert.equal(nw.status, 0, nw.stderr);
  assert.equal(nw.stdout, "42\n");
  const repl = spawnSync(process.execPath, [path.join(repoRoot, "bin", "kiln.cjs")], { input: "(* 6 7)\n", encoding: "utf8", timeout: 60_000 });
  assert.equal(repl.status, 0, repl.stderr);
  assert.match(repl.stdout, /42/);
});
