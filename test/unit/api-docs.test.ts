// Every example of docs/embedding.md runs: each ```js block is run as an ES module (with
// "kiln-scheme" resolved to the built package root) and must print exactly the ```text block
// that follows it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../harness/kiln-cli.js";

const doc = readFileSync(path.join(repoRoot, "docs", "embedding.md"), "utf8");
const api = pathToFileURL(path.join(repoRoot, "dist", "src", "api", "index.js")).href;

interface Example { line: number; code: string; expected: string }

function examples(): Example[] {
  const out: Example[] = [];
  const re = /```js\n([\s\S]*?)```\s*```text\n([\s\S]*?)```/g;
  for (let m = re.exec(doc); m !== null; m = re.exec(doc)) {
    out.push({ line: doc.slice(0, m.index).split("\n").length, code: m[1], expected: m[2] });
  }
  return out;
}

function run(file: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? (typeof err.code === "number" ? err.code : 1) : 0 }));
  });
}

test("docs/embedding.md has examples, each followed by its output", () => {
  assert.ok(examples().length >= 8);
  assert.equal((doc.match(/```js\n/g) ?? []).length, examples().length, "every js block has a text block after it");
});

const dir = mkdtempSync(path.join(tmpdir(), "kiln-docs-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const ex of examples()) {
  test(`docs/embedding.md:${ex.line} prints what the doc says`, async () => {
    const file = path.join(dir, `example-${ex.line}.mjs`);
    writeFileSync(file, ex.code.replaceAll('from "kiln-scheme"', `from ${JSON.stringify(api)}`));
    const r = await run(file);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, ex.expected);
    assert.equal(r.code, 0);
  });
}
