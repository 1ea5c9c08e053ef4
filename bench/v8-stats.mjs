// What V8 does with the JavaScript the JIT generates: TurboFan compile time, optimizations and
// deoptimizations (eager: a guard of V8's own failed; lazy: activations of invalidated code)
// of the kiln_* functions, per program and summed, from `node --trace-opt --trace-deopt`.
// A deoptimization means V8 compiles the function again; docs/jit.md "The optimizing
// compiler's own time" says what these figures found.
//   node bench/v8-stats.mjs [kiln-binary] [program.scm ...]   (default: bin/kiln.cjs, all of bench/)
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const bin = args[0]?.endsWith(".scm") || args.length === 0 ? path.join(here, "..", "bin", "kiln.cjs") : args.shift();
const programs = args.length ? args : readdirSync(here).filter((f) => f.endsWith(".scm")).sort().map((f) => path.join(here, f));

const total = { ms: 0, compilations: 0, eager: 0, lazy: 0 };
for (const program of programs) {
  const run = spawnSync(process.execPath, ["--trace-opt", "--trace-deopt", bin, program], { encoding: "utf8", maxBuffer: 1 << 30 });
  const row = { ms: 0, compilations: 0, eager: 0, lazy: 0 };
  for (const line of (run.stdout + run.stderr).split("\n")) {
    if (!line.includes("<JSFunction kiln_")) continue;
    const took = /completed compiling .*took ([0-9.]+), ([0-9.]+), ([0-9.]+) ms/.exec(line);
    if (took) { row.ms += Number(took[1]) + Number(took[2]) + Number(took[3]); row.compilations++; continue; }
    const kind = /\[bailout \(kind: deopt-(eager|lazy|soft)/.exec(line);
    if (kind) row[kind[1] === "lazy" ? "lazy" : "eager"]++;
  }
  for (const k of Object.keys(total)) total[k] += row[k];
  console.log(`${path.basename(program, ".scm").padEnd(18)} TurboFan ${row.ms.toFixed(0).padStart(5)} ms, ` +
    `${String(row.compilations).padStart(3)} optimizations, deoptimizations ${row.eager} eager, ${row.lazy} lazy`);
}
console.log(`${"all".padEnd(18)} TurboFan ${total.ms.toFixed(0).padStart(5)} ms, ${String(total.compilations).padStart(3)} optimizations, ` +
  `deoptimizations ${total.eager} eager, ${total.lazy} lazy (${programs.length} programs)`);
