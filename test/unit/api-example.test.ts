// examples/embedding/app.mjs runs and prints what its README promises: prices from the Scheme
// rules (with an async lookup), a JS error with its Scheme backtrace, a runaway rule stopped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../harness/kiln-cli.js";

test("examples/embedding/app.mjs", async () => {
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(process.execPath, [path.join(repoRoot, "examples", "embedding", "app.mjs")], { timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(err) : resolve({ stdout, stderr }))));
  assert.equal(stderr, "");
  assert.equal(stdout, [
    "ada pays 57.57",
    "alan pays 30",
    "error: unknown item spoon in line-total (rules.scm:14) <- price-order (rules.scm:26)",
    "stopped: interrupted time limit exceeded",
    "bulk discount on tea",
    "customer ada subtotal 60.6 loyalty discount % 5",
    "customer alan subtotal 30 loyalty discount % 0",
    "",
  ].join("\n"));
});
