// The browser builds without a browser: present, within the size budget, free of Node modules,
// and working when loaded as a plain ES module.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./harness.js";

const dir = join(root, "dist/browser");
const BUDGET = 150 * 1024;

test("the build made the ES module, the classic script and the worker, each with a source map", () => {
  for (const f of ["kiln.mjs", "kiln.js", "kiln-worker.js"]) {
    assert.ok(existsSync(join(dir, f)), `${f} missing: run npm run build`);
    assert.ok(existsSync(join(dir, f + ".map")), `${f}.map missing`);
    assert.match(readFileSync(join(dir, f), "utf8"), new RegExp(`//# sourceMappingURL=${f.replace(".", "\\.")}\\.map\\s*$`));
  }
  for (const f of ["index.html", "playground.js", "style.css"]) assert.ok(existsSync(join(root, "dist/web", f)), `dist/web/${f} missing`);
});

test(`the whole runtime with its standard libraries is at most ${BUDGET / 1024} KB gzipped`, () => {
  const min = readFileSync(join(dir, "kiln.mjs"));
  const gz = gzipSync(min, { level: 9 }).length;
  assert.ok(gz <= BUDGET, `kiln.mjs is ${(gz / 1024).toFixed(1)} KB gzipped, over the budget of ${BUDGET / 1024} KB`);
  const size = JSON.parse(readFileSync(join(dir, "size.json"), "utf8"));
  assert.equal(size.minified, min.length, "size.json describes this kiln.mjs");
});

test("no Node module is referenced by the bundles", () => {
  for (const f of ["kiln.mjs", "kiln.js", "kiln-worker.js"]) {
    const text = readFileSync(join(dir, f), "utf8");
    assert.doesNotMatch(text, /\b(require\(|from\s*["']node:|import\(["']node:)/, `${f} refers to Node`);
  }
});

test("the ES module build evaluates Scheme (here in Node, as a browser would load it)", async () => {
  const Kiln = await import(pathToFileURL(join(dir, "kiln.mjs")).href);
  let out = "";
  const kiln = Kiln.createBrowserKiln({ stdout: (t: string) => { out += t; }, stdin: "typed line\n" });
  const r = kiln.evaluate(`(import (scheme base) (scheme write))
    (define (f n acc) (if (= n 0) acc (f (- n 1) (+ acc 1))))
    (display (read-line)) (newline)
    (f 100000 0)`);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.value, "100000");
  assert.equal(out, "typed line\n");
  const bad = kiln.evaluate("(define x 1)\n(car x)", "prog.scm");
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.position, { file: "prog.scm", line: 2, column: 1 });
  assert.match(bad.error, /^prog\.scm:2:1: .*car/);
});

test("the bundle compiles built-in libraries from their source (it has no code cache: src/cache/code-cache-off.ts)", async () => {
  const Kiln = await import(pathToFileURL(join(dir, "kiln.mjs")).href);
  const kiln = Kiln.createBrowserKiln({});
  const r = kiln.evaluate(`(import (scheme base) (srfi 1) (srfi 69))
    (define t (make-hash-table))
    (hash-table-set! t 'k (fold + 0 (iota 10)))
    (hash-table-ref/default t 'k #f)`);
  assert.equal(r.ok, true, r.error);
  assert.equal(r.value, "45");
});
