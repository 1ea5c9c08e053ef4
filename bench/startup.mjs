// Start-up benchmark (issue 13): whole-process wall time of Kiln commands against `node -e 0`,
// measured side by side in one run, interleaved so machine load hits every command alike.
// Reports min and median of N runs per command and the ratio of medians to node's.
//
//   node bench/startup.mjs [--runs=N] [--only=name,...]
//
// Commands: kiln -e 1; a program importing five standard libraries and two SRFIs (cached and
// --no-cache); the generated 20,000-line program (bench/gen-big-program.mjs), first run with an
// empty cache against the second run. The code cache lives in a temporary KILN_CACHE_DIR.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { generateProgram } from "./gen-big-program.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const kiln = join(root, "bin/kiln.cjs");  // the `kiln` command (package.json "bin")
const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;
const runs = Number(arg("runs", 15));
const only = arg("only", null)?.split(",");
const dir = mkdtempSync(join(tmpdir(), "kiln-startup-"));
const cacheDir = join(dir, "cache");
const env = { ...process.env, KILN_CACHE_DIR: cacheDir };

const libsProgram = join(dir, "libs.scm");
writeFileSync(libsProgram, `(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme inexact)
        (srfi 1) (srfi 133))
(display (fold + 0 (iota 10))) (newline)
(display (vector-count even? #(1 2 3 4))) (newline)\n`);
const big = join(dir, "big.scm");
writeFileSync(big, generateProgram(20000));

// CPU time (user + system) of the child as well, through /usr/bin/time where it exists: on a
// loaded machine wall time mostly measures the load, CPU time the work.
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const cpu = new Map();
let current = "";
function time(cmd, args, extraEnv = {}) {
  const t0 = process.hrtime.bigint();
  const r = gnuTime
    ? spawnSync(gnuTime, ["-f", "KILNCPU %U %S", cmd, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8" })
    : spawnSync(cmd, args, { env: { ...env, ...extraEnv }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  const m = /KILNCPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (m && current) cpu.get(current)?.push((Number(m[1]) + Number(m[2])) * 1000);
  return ms;
}

const cases = [
  ["node -e 0", () => time(process.execPath, ["-e", "0"])],
  ["kiln -e 1", () => time(process.execPath, [kiln, "-e", "1"])],
  ["kiln -e 1 (source prelude)", () => time(process.execPath, [kiln, "-e", "1"], { KILN_PRECOMPILED: "0" })],
  ["libs program (cached)", () => time(process.execPath, [kiln, libsProgram])],
  ["libs program --no-cache", () => time(process.execPath, [kiln, "--no-cache", libsProgram])],
  ["20k-line program, first run", () => { rmSync(cacheDir, { recursive: true, force: true }); return time(process.execPath, [kiln, big]); }],
  ["20k-line program, second run", () => time(process.execPath, [kiln, big])],
].filter(([name]) => !only || only.some((o) => name.includes(o)));

const samples = new Map(cases.map(([n]) => [n, []]));
for (const [n] of cases) cpu.set(n, []);
time(process.execPath, [kiln, libsProgram]);  // warm the cache
for (let i = 0; i < runs; i++) for (const [name, fn] of cases) { current = name; samples.get(name).push(fn()); current = ""; }
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const nodeMed = median(samples.get("node -e 0") ?? [NaN]);
const nodeCpu = median(cpu.get("node -e 0") ?? [NaN]);
console.log(`runs: ${runs} each, interleaved; load average at end: ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
for (const [name, xs] of samples) {
  const c = cpu.get(name) ?? [];
  const cpuText = c.length ? `   cpu median ${median(c).toFixed(0).padStart(5)} ms ${(median(c) / nodeCpu).toFixed(2)}x` : "";
  console.log(`${name.padEnd(30)} wall min ${Math.min(...xs).toFixed(0).padStart(5)} ms median ${median(xs).toFixed(0).padStart(5)} ms ${(median(xs) / nodeMed).toFixed(2)}x node${cpuText}`);
}
const first = samples.get("20k-line program, first run"), second = samples.get("20k-line program, second run");
if (first && second) {
  const c1 = cpu.get("20k-line program, first run"), c2 = cpu.get("20k-line program, second run");
  console.log(`20k-line program: second run ${(median(first) / median(second)).toFixed(1)}x faster than the first (wall)` +
    (c1?.length && c2?.length ? `, ${(median(c1) / median(c2)).toFixed(1)}x (cpu)` : ""));
}
rmSync(dir, { recursive: true, force: true });
