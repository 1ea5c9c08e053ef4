#!/usr/bin/env node
// The parallel benchmark (docs/parallel.md): the n-queens job of nqueens.scm with 1 worker and
// with 2, in one run of this script; parallel fib with nested futures (pfib.scm), 1 and 2
// workers; and the overhead of an empty future. Prints wall time of the parallel part
// (measured inside the program, after a warm-up round), the CPU time of each whole process,
// the ratios of the best times, the scheduler's counters, and the machine's load average
// around the runs (the machine is shared).
//
//   node bench/parallel/run.mjs [--workers 1,2] [--runs N]

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const kiln = path.join(here, "..", "..", "bin", "kiln.js");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const counts = opt("--workers", "1,2").split(",").map(Number);
const runs = Number(opt("--runs", "1"));
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function run(file, workers) {
  const cmd = timeBin ? [timeBin, "-f", "CPU %U %S", process.execPath, kiln, file] : [process.execPath, kiln, file];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: here, encoding: "utf8", env: { ...process.env, KILN_WORKERS: String(workers) } });
  if (r.status !== 0) throw new Error(`${file} with ${workers} workers failed:\n${r.stdout}\n${r.stderr}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { out: r.stdout.trim(), cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN };
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
console.log(`load average before: ${load()} (${os.availableParallelism()} cores)`);
const best = {};
for (let i = 0; i < runs; i++) {
  for (const w of counts) {
    const { out, cpu } = run("nqueens.scm", w);
    const [first, stats] = out.split("\n");
    const [solutions, ms, median] = first.split(" ").map(Number);
    console.log(`nqueens job, ${w} worker${w === 1 ? "" : "s"}: best ${ms} ms, median ${median} ms of 5 rounds (solutions ${solutions}); whole process CPU ${cpu.toFixed(2)} s; ${stats}`);
    best[w] = Math.min(best[w] ?? Infinity, ms);
  }
}
if (best[1] && best[2]) console.log(`speed-up, 2 workers over 1: ${(best[1] / best[2]).toFixed(2)}x`);
const fibBest = {};
for (const w of counts) {
  const { out } = run("pfib.scm", w);
  const [first, stats] = out.split("\n");
  const [value, ms] = first.split(" ").map(Number);
  console.log(`parallel fib 32 (nested futures), ${w} worker${w === 1 ? "" : "s"}: best ${ms} ms of 3 (value ${value}); ${stats}`);
  fibBest[w] = ms;
}
if (fibBest[1] && fibBest[2]) console.log(`parallel fib, 2 workers over 1: ${(fibBest[1] / fibBest[2]).toFixed(2)}x`);
const empty = run("empty-future.scm", 1);
console.log(`empty future (1 worker): ${empty.out}`);
console.log(`load average after: ${load()}`);
