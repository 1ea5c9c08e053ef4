// Tuning the JIT threshold: wall time of every benchmark under several thresholds (best of N),
// printed as a table with the total. Usage: node bench/threshold.js [--runs N] [--thresholds 0,50,500,5000]
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const kiln = path.join(benchDir, "..", "bin", "kiln.js");
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const runs = Number(arg("--runs", "2"));
const thresholds = arg("--thresholds", "0,50,500,5000").split(",").map(Number);
const programs = readdirSync(benchDir).filter((f) => f.endsWith(".scm")).map((f) => f.slice(0, -4)).sort();

const rows = [];
const totals = thresholds.map(() => 0);
for (const name of programs) {
  const cells = thresholds.map((t, i) => {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const start = process.hrtime.bigint();
      const p = spawnSync(process.execPath, [kiln, `--jit-threshold=${t}`, path.join(benchDir, `${name}.scm`)], { encoding: "utf8" });
      const s = Number(process.hrtime.bigint() - start) / 1e9;
      if (p.status === 0) best = Math.min(best, s);
    }
    totals[i] += best;
    return best;
  });
  rows.push([name, ...cells.map((s) => `${s.toFixed(3)}s`)]);
}
rows.push(["total", ...totals.map((s) => `${s.toFixed(3)}s`)]);
console.log(["program", ...thresholds.map((t) => `threshold ${t}`)].map((h) => h.padEnd(16)).join(""));
for (const r of rows) console.log(r.map((c) => c.padEnd(16)).join(""));
