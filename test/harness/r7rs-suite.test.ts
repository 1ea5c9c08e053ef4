// Runs the R7RS conformance suite (test/r7rs/*.scm, one file per section of the report) with
// the Kiln CLI in every execution mode, and compares the failures with the committed list
// test/r7rs/known-failures.txt.  The suite fails on
//   - a failing test that is not in the list (a regression, or a new test that fails), and
//   - a listed test that now passes (an unexpected pass: remove it from the list),
// so the list always says exactly what does not work yet.
//
// A file "crashes" when it exits with a status other than 0 or 1, times out, or prints no
// "N passed, M failed" summary; that counts as the failure `<file>: (file crashed)`.  Tests
// after the crash did not run, so the listed failures of a crashed file are not checked.
//
// known-failures.txt: one line per failing test, `<file>: <test name or expression>` as the
// framework's FAIL line prints it (src/lib/scheme/kiln-test.scm), optionally prefixed with
// `[mode,mode] ` when it fails only in those modes ("default" is no flag).  Lines starting with
// `#` are comments (say why the test fails above its lines); blank lines separate sections.
//
// Environment knobs (all optional):
//   KILN_UPDATE_KNOWN_FAILURES=1  rewrite the list from this run instead of checking it:
//                                 entries that pass are dropped (and a comment block left with
//                                 no entries), new failures are appended under a section to
//                                 be given a reason
//   KILN_R7RS_FILTER=text         only files whose name contains text
//   KILN_SUITE_MODES=default,--no-jit   only these modes
//   KILN_SUITE_CONCURRENCY=N      programs run at once (default 2)
//   KILN_SUITE_TIMEOUT_MS=N       per program (default 60000)

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cliMissingReason, clip, findFiles, repoRoot, runKiln, RunResult } from "./kiln-cli.js";

const ALL_MODES: string[][] = [["--no-jit"], ["--jit-threshold=0"], []];
const modeName = (mode: string[]): string => (mode.length === 0 ? "default" : mode.join(" "));
const ALL_MODE_NAMES = ALL_MODES.map(modeName);

const wantedModes = process.env.KILN_SUITE_MODES?.split(",").map((s) => s.trim()).filter(Boolean);
const modes = wantedModes ? ALL_MODES.filter((m) => wantedModes.includes(modeName(m))) : ALL_MODES;
const filter = process.env.KILN_R7RS_FILTER ?? "";
const concurrency = Number(process.env.KILN_SUITE_CONCURRENCY ?? 2) || 2;
const timeoutMs = Number(process.env.KILN_SUITE_TIMEOUT_MS ?? 60_000) || 60_000;
const updating = process.env.KILN_UPDATE_KNOWN_FAILURES === "1";

const suiteDir = path.join(repoRoot, "test", "r7rs");
const listPath = path.join(suiteDir, "known-failures.txt");
// Only the top level: data/ holds included files and libraries, not tests.
const files = findFiles(suiteDir, ".scm")
  .filter((f) => path.dirname(f) === path.relative(repoRoot, suiteDir))
  .filter((f) => path.basename(f).includes(filter));

export const CRASH = "(file crashed)";
const SUMMARY = /^(\d+) passed, (\d+) failed$/m;

// ---- the list -----------------------------------------------------------------------------

interface Entry {
  file: string; // base name, e.g. "6.4-pairs-and-lists.scm"
  key: string; // test name or written expression
  modes: Set<string>; // the modes it is listed for
}

type Line = { kind: "text"; text: string } | { kind: "entry"; entry: Entry };

function parseEntry(text: string): Entry | undefined {
  let rest = text.trim();
  let entryModes = new Set(ALL_MODE_NAMES);
  const prefix = /^\[([^\]]*)\]\s*/.exec(rest);
  if (prefix) {
    entryModes = new Set(prefix[1].split(",").map((s) => s.trim()).filter(Boolean));
    rest = rest.slice(prefix[0].length);
  }
  const colon = rest.indexOf(": ");
  if (colon <= 0) return undefined;
  return { file: rest.slice(0, colon), key: rest.slice(colon + 2), modes: entryModes };
}

function readList(): Line[] {
  if (!existsSync(listPath)) return [];
  return readFileSync(listPath, "utf8")
    .replace(/\n$/, "")
    .split("\n")
    .map((text): Line => {
      const trimmed = text.trim();
      if (trimmed === "" || trimmed.startsWith("#")) return { kind: "text", text };
      const entry = parseEntry(trimmed);
      if (!entry) throw new Error(`${listPath}: cannot parse line: ${text}`);
      return { kind: "entry", entry };
    });
}

function formatEntry(e: Entry): string {
  const all = ALL_MODE_NAMES.every((m) => e.modes.has(m));
  const prefix = all ? "" : `[${ALL_MODE_NAMES.filter((m) => e.modes.has(m)).join(",")}] `;
  return `${prefix}${e.file}: ${e.key}`;
}

// ---- one run ------------------------------------------------------------------------------

interface Outcome {
  failures: Set<string>; // keys of the FAIL lines, plus CRASH when the file crashed
  crashed: boolean;
  result: RunResult;
}

/** The test name or expression of a FAIL line: `FAIL <group>: <key> expected: ...`. */
export function failKey(line: string): string {
  const rest = line.slice("FAIL ".length);
  const colon = rest.indexOf(": ");
  const afterGroup = colon >= 0 ? rest.slice(colon + 2) : rest;
  const expected = afterGroup.indexOf(" expected: ");
  return (expected >= 0 ? afterGroup.slice(0, expected) : afterGroup).trim();
}

function outcomeOf(r: RunResult): Outcome {
  const failures = new Set<string>();
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith("FAIL ")) failures.add(failKey(line));
  }
  const crashed = r.timedOut || (r.status !== 0 && r.status !== 1) || !SUMMARY.test(r.stdout);
  if (crashed) failures.add(CRASH);
  return { failures, crashed, result: r };
}

// ---- the suite ----------------------------------------------------------------------------

test("r7rs conformance suite", { concurrency }, async (t) => {
  const missing = cliMissingReason();
  if (missing) {
    t.skip(missing);
    return;
  }
  assert.ok(files.length > 0, "no test/r7rs/*.scm files found");
  const lines = readList();
  const entries = lines.flatMap((l) => (l.kind === "entry" ? [l.entry] : []));
  const outcomes = new Map<string, Outcome>(); // `${file}\0${mode}`

  const subtests: Promise<void>[] = [];
  for (const file of files) {
    const base = path.basename(file);
    for (const mode of modes) {
      const name = modeName(mode);
      subtests.push(
        t.test(`${base} [${name}]`, async () => {
          const r = await runKiln([...mode, file], { timeoutMs });
          const outcome = outcomeOf(r);
          outcomes.set(`${base}\0${name}`, outcome);
          if (updating) return;
          const listed = new Set(entries.filter((e) => e.file === base && e.modes.has(name)).map((e) => e.key));
          const unexpected = [...outcome.failures].filter((k) => !listed.has(k));
          const passing = [...listed].filter(
            (k) => !outcome.failures.has(k) && (!outcome.crashed || k === CRASH),
          );
          if (unexpected.length === 0 && passing.length === 0) return;
          const detail =
            `\n--- command: node bin/kiln.js ${[...mode, file].join(" ")}` +
            `\n--- exit status: ${r.status}${r.signal ? ` (signal ${r.signal})` : ""}` +
            `${r.timedOut ? ` (killed after ${timeoutMs} ms)` : ""}, ${r.ms} ms` +
            `\n--- stdout:\n${clip(r.stdout)}\n--- stderr:\n${clip(r.stderr)}`;
          const report =
            (unexpected.length
              ? `failures not in test/r7rs/known-failures.txt:\n${unexpected.map((k) => `  ${base}: ${k}`).join("\n")}\n`
              : "") +
            (passing.length
              ? `listed in test/r7rs/known-failures.txt but passing now (remove it from the list):\n` +
                `${passing.map((k) => `  ${base}: ${k}`).join("\n")}\n`
              : "") +
            `(KILN_UPDATE_KNOWN_FAILURES=1 npm test rewrites the list)`;
          assert.fail(`${report}${detail}`);
        }),
      );
    }
  }
  await Promise.all(subtests);
  if (updating) writeList(lines, outcomes);
});

// ---- rewriting the list -------------------------------------------------------------------

function writeList(lines: Line[], outcomes: Map<string, Outcome>): void {
  // Does (file, key) fail in mode?  undefined when this run cannot tell.
  const status = (file: string, key: string, mode: string): boolean | undefined => {
    const o = outcomes.get(`${file}\0${mode}`);
    if (!o) return undefined;
    if (o.failures.has(key)) return true;
    return o.crashed && key !== CRASH ? undefined : false;
  };
  const listedKeys = new Set<string>();
  const kept: Line[] = [];
  for (const line of lines) {
    if (line.kind === "text") {
      kept.push(line);
      continue;
    }
    const e = line.entry;
    listedKeys.add(`${e.file}\0${e.key}`);
    const newModes = new Set(ALL_MODE_NAMES.filter((m) => status(e.file, e.key, m) ?? e.modes.has(m)));
    if (newModes.size > 0) kept.push({ kind: "entry", entry: { ...e, modes: newModes } });
  }

  // Drop comment blocks whose entries are all gone (the first block, the file's header, stays).
  const out: string[] = [];
  let i = 0;
  let first = true;
  while (i < kept.length) {
    const block: Line[] = [];
    while (i < kept.length && kept[i].kind === "text" && (kept[i] as { text: string }).text.trim() === "") {
      out.push("");
      i++;
    }
    while (i < kept.length && !(kept[i].kind === "text" && (kept[i] as { text: string }).text.trim() === "")) {
      block.push(kept[i]);
      i++;
    }
    if (block.length === 0) continue;
    const hasEntries = block.some((l) => l.kind === "entry");
    if (first || hasEntries) {
      for (const l of block) out.push(l.kind === "text" ? l.text : formatEntry(l.entry));
    }
    first = false;
  }

  const fresh: Entry[] = [];
  for (const [id, o] of outcomes) {
    const [file] = id.split("\0");
    for (const key of o.failures) {
      if (listedKeys.has(`${file}\0${key}`) || fresh.some((e) => e.file === file && e.key === key)) continue;
      const failModes = new Set(ALL_MODE_NAMES.filter((m) => status(file, key, m) === true));
      fresh.push({ file, key, modes: failModes });
    }
  }
  if (fresh.length > 0) {
    fresh.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
    while (out.length > 0 && out[out.length - 1].trim() === "") out.pop();
    out.push("", "# New failures: give them a reason (or fix them).");
    for (const e of fresh) out.push(formatEntry(e));
  }
  // Collapse runs of blank lines left by dropped blocks.
  const text = out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/\s*$/, "\n");
  writeFileSync(listPath, text);
}
