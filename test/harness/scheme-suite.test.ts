// Runs every Scheme test file under test/scheme/ with the Kiln CLI, once per execution mode.
// Each file uses the prelude's test framework (src/lib/scheme/kiln-test.scm), which ends by
// printing "<passes> passed, <failures> failed" and exits 1 when anything failed.
//
// Environment knobs (all optional):
//   KILN_SUITE_FILTER=text       only files whose path contains text
//   KILN_SUITE_MODES=default,--no-jit   only these modes ("default" is no flag)
//   KILN_SUITE_CONCURRENCY=N     programs run at once (default 2: the machines have 2 cores)
//   KILN_SUITE_TIMEOUT_MS=N      per program (default 300000: generous, for a loaded machine)

import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { cliMissingReason, clip, findFiles, repoRoot, runKiln } from "./kiln-cli.js";

// The last mode sends every eligible procedure to the Wasm tier at once (issue 16).
const ALL_MODES: string[][] = [["--no-jit"], ["--jit-threshold=0"], [], ["--jit-threshold=0", "--wasm=all"]];
const modeName = (mode: string[]): string => (mode.length === 0 ? "default" : mode.join(" "));

const wantedModes = process.env.KILN_SUITE_MODES?.split(",").map((s) => s.trim()).filter(Boolean);
const modes = wantedModes ? ALL_MODES.filter((m) => wantedModes.includes(modeName(m))) : ALL_MODES;
const filter = process.env.KILN_SUITE_FILTER ?? "";
const concurrency = Number(process.env.KILN_SUITE_CONCURRENCY ?? 2) || 2;
const timeoutMs = Number(process.env.KILN_SUITE_TIMEOUT_MS ?? 300_000) || 300_000;

const files = findFiles(path.join(repoRoot, "test", "scheme"), ".scm").filter((f) => f.includes(filter));
const SUMMARY = /^(\d+) passed, 0 failed$/m;

test("scheme test suite", { concurrency }, async (t) => {
  const missing = cliMissingReason();
  if (missing) {
    t.skip(missing);
    return;
  }
  assert.ok(files.length > 0, "no test/scheme/**/*.scm files found");
  const subtests: Promise<void>[] = [];
  for (const file of files) {
    for (const mode of modes) {
      subtests.push(
        t.test(`${file} [${modeName(mode)}]`, async () => {
          const r = await runKiln([...mode, file], { timeoutMs });
          const detail =
            `\n--- command: node bin/kiln.js ${[...mode, file].join(" ")}` +
            `\n--- exit status: ${r.status}${r.signal ? ` (signal ${r.signal})` : ""}` +
            `${r.timedOut ? ` (killed after ${timeoutMs} ms)` : ""}, ${r.ms} ms` +
            `\n--- stdout:\n${clip(r.stdout)}\n--- stderr:\n${clip(r.stderr)}`;
          assert.ok(!r.timedOut, `timed out${detail}`);
          assert.equal(r.status, 0, `non-zero exit${detail}`);
          assert.match(r.stdout, SUMMARY, `no "N passed, 0 failed" line${detail}`);
          // A tier that failed to compile a procedure (generated JS that does not parse, a Wasm
          // module V8 rejects) ran it in a lower tier, correctly: a bug all the same.
          assert.doesNotMatch(r.stderr, /\[(jit|wasm)\] failed/, `a tier failed to compile${detail}`);
        }),
      );
    }
  }
  await Promise.all(subtests);
});
