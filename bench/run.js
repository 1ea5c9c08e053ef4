#!/usr/bin/env node
// Kiln benchmarks: runs every bench/*.scm with Kiln (default and --no-jit), its plain-JS twin in
// bench/js/ (when there is one), and the peer Schemes found on PATH (Guile, Chez Scheme, CHICKEN),
// checks that every implementation printed the same (and the expected) result, and prints a table
// of the best wall time of N runs with the ratio to Kiln's default mode.
//
//   node bench/run.js [--runs N] [--only name[,name...]] [--impls id[,id...]] [--timeout SECONDS]
//
// Implementation ids: kiln, kiln-nojit, kiln-nowasm, kiln-nosimd, js, c, guile, chez, chicken.
// Plain Node ESM, no dependencies.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(benchDir);
const kilnBin = path.join(root, "bin", "kiln.js");

// ---- options ------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { runs: 3, only: null, impls: null, timeout: 600, cpu: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (a.includes("=")) return a.slice(a.indexOf("=") + 1);
      if (i + 1 >= argv.length) usage(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === "--runs" || a.startsWith("--runs=")) opts.runs = Math.max(1, parseInt(value(), 10) || 1);
    else if (a === "--only" || a.startsWith("--only=")) opts.only = value().split(",").map((s) => s.replace(/\.scm$/, ""));
    else if (a === "--impls" || a.startsWith("--impls=")) opts.impls = value().split(",");
    else if (a === "--timeout" || a.startsWith("--timeout=")) opts.timeout = Math.max(1, Number(value()) || 600);
    else if (a === "--cpu") opts.cpu = true;
    else if (a === "-h" || a === "--help") usage();
    else usage(`unknown argument ${a}`);
  }
  return opts;
}

function usage(problem) {
  if (problem) console.error(problem);
  console.error("usage: node bench/run.js [--runs N] [--only name[,name...]] [--impls id[,id...]] [--timeout SECONDS] [--cpu]");
  console.error("  --cpu: compare CPU time (user + system, via /usr/bin/time) instead of wall time (for a busy machine)");
  console.error("implementations: kiln, kiln-nojit, kiln-nowasm, kiln-nosimd, js, c, guile, chez, chicken");
  process.exit(problem ? 2 : 0);
}

// The results each program must print (checked against Guile and the JS twins).
const EXPECTED = {
  ack: "509 21",
  "ack-deep": "16381",
  ctak: "7",
  "deep-lists": "1749990000000",
  fibc: "75025",
  "callcc-generator": "(131072 8589869056)",
  "escape-loop": "7461000",
  cpstak: "7",
  hashtable: "(20000300000 (5000 60))",
  interp: "5000246418",
  matmul: "3546848",
  "matmul-f64": "4608565",
  "axpy-f64": "558996311",
  "nbody-f64": "-169075164\n-169092782",
  sumfp: "450000015000000",
  checksum: "956953719",
  maze: "1394995588",
  rewrite: "(300 117138)",
  "sort-list": "2288951716",
  tokenizer: "(66587 33030 33035 67348 630254)",
  "deep-recursion": "2500007500000",
  deriv:
    "(+ (* (* 3 x x) (+ (/ 0 3) (/ 1 x) (/ 1 x))) (* (* a x x) (+ (/ 0 a) (/ 1 x) (/ 1 x))) (* (* b x) (+ (/ 0 b) (/ 1 x))) 0)\n61",
  fft: "8191140",
  fib: "9227465",
  fibfp: "2178309",
  mbrot: "1907943",
  nbody: "(-169075164 -169083713)",
  nqueens: "92",
  "string-builder": "(1288890 #t 34010849 1000000 333322351)",
  "tail-loop": "40000000",
  tak: "7",
  "vector-sort": "(#t 50 502074 999997)",
};

// SRFI 69 for Chez Scheme, which has R6RS hash tables instead (only what bench/ uses).
const CHEZ_SRFI_69 = `
(define (make-hash-table . args)
  (if (null? args) (make-hashtable equal-hash equal?) (make-hashtable (cadr args) (car args))))
(define (hash-table-set! t k v) (hashtable-set! t k v))
(define (hash-table-ref/default t k d) (hashtable-ref t k d))
(define (hash-table-update!/default t k f d) (hashtable-update! t k f d))
(define (hash-table-size t) (hashtable-size t))
`;

// ---- finding implementations ----------------------------------------------------------------

function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

function probe(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 20_000 });
  return r.status === 0 || r.status === 1 ? `${r.stdout || ""}${r.stderr || ""}` : null;
}

const scratch = path.join(os.tmpdir(), "kiln-bench");

/** Write a transformed copy of a program for a peer; keep the file (and its mtime) when unchanged. */
function peerCopy(impl, name, text) {
  mkdirSync(scratch, { recursive: true });
  const file = path.join(scratch, `${impl}-${name}.scm`);
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  return file;
}

/** Remove the leading (import ...) forms, for Schemes without R7RS libraries. */
function stripImports(source) {
  let s = source;
  for (;;) {
    const m = /^((?:\s|;[^\n]*\n)*)\(import\b/.exec(s);
    if (!m) return s;
    let depth = 0;
    let i = m[1].length;
    for (; i < s.length; i++) {
      if (s[i] === "(") depth++;
      else if (s[i] === ")" && --depth === 0) break;
    }
    s = s.slice(0, m[1].length) + s.slice(i + 1);
  }
}

function findImplementations() {
  const impls = [];
  const kilnOk = existsSync(kilnBin);
  // Kiln in its modes: the default, and with a tier turned off.
  for (const [id, flags] of [["kiln", []], ["kiln-nojit", ["--no-jit"]], ["kiln-nowasm", ["--no-wasm"]], ["kiln-nosimd", ["--no-wasm-simd"]]]) {
    impls.push({
      id,
      label: ["kiln", ...flags].join(" "),
      available: kilnOk,
      why: kilnOk ? "" : "bin/kiln.js not found",
      command: (name, file) => [process.execPath, [kilnBin, ...flags, file]],
    });
  }
  impls.push({
    id: "js",
    label: "node (JS)",
    available: true,
    twinOnly: true,
    command: (name) => {
      const twin = path.join(benchDir, "js", `${name}.js`);
      return existsSync(twin) ? [process.execPath, [twin]] : null;
    },
  });

  // C twins (bench/c/NAME.c), compiled with gcc -O2 into the scratch folder: a reference for
  // the numeric kernels (issue 16), never needed by the tests.
  const gcc = onPath("gcc");
  if (gcc) {
    impls.push({
      id: "c",
      label: "C (gcc -O2)",
      available: true,
      twinOnly: true,
      command: (name) => {
        const src = path.join(benchDir, "c", `${name}.c`);
        if (!existsSync(src)) return null;
        mkdirSync(scratch, { recursive: true });
        const exe = path.join(scratch, `c-${name}`);
        const r = spawnSync(gcc, ["-O2", "-o", exe, src, "-lm"], { encoding: "utf8" });
        return r.status === 0 ? [exe, []] : null;
      },
    });
  }

  const guile = onPath("guile");
  if (guile) {
    const help = probe(guile, ["--help"]) || "";
    const r7rs = help.includes("--r7rs");
    const version = (probe(guile, ["--version"]) || "").split("\n")[0];
    impls.push({
      id: "guile",
      label: "guile",
      version,
      available: true,
      warmup: true, // the first run compiles the program into Guile's cache
      command: (name, file, source) => {
        if (r7rs) return [guile, ["--r7rs", file]];
        // An older Guile: drop the imports and hope the default environment has the rest.
        return [guile, [peerCopy("guile", name, stripImports(source))]];
      },
    });
  }

  for (const candidate of ["scheme", "chezscheme", "chez"]) {
    const exe = onPath(candidate);
    if (!exe) continue;
    const version = (probe(exe, ["--version"]) || "").trim();
    if (!/^\d+\.\d+/.test(version)) continue; // e.g. MIT Scheme is also called "scheme"
    impls.push({
      id: "chez",
      label: "chez",
      version: `Chez Scheme ${version}`,
      available: true,
      command: (name, file, source) =>
        [exe, ["--script", peerCopy("chez", name, (/\(srfi 69\)/.test(source) ? CHEZ_SRFI_69 : "") + stripImports(source))]],
    });
    break;
  }

  const csi = onPath("csi");
  if (csi) {
    const version = ((probe(csi, ["-version"]) || "").match(/Version [^\s]+/) || [""])[0];
    const shim =
      "(import (chicken process-context))\n" +
      "(define (command-line) (cons \"bench\" (command-line-arguments)))\n";
    impls.push({
      id: "chicken",
      label: "chicken csi",
      version: version ? `CHICKEN ${version}` : "CHICKEN",
      available: true,
      command: (name, file, source) => [csi, ["-s", peerCopy("chicken", name, shim + stripImports(source))]],
    });
  }
  return impls;
}

// ---- running ------------------------------------------------------------------------------

const normalize = (s) => s.replace(/\r\n/g, "\n").split("\n").map((l) => l.trimEnd()).join("\n").trim();

let cpuTime = false;
const TIME_BIN = "/usr/bin/time";

function runOnce(cmd, args, timeoutSec) {
  const start = process.hrtime.bigint();
  if (cpuTime) { args = ["-f", "__kiln_cpu %U %S", cmd, ...args]; cmd = TIME_BIN; }
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    timeout: timeoutSec * 1000,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (cpuTime) {
    const m = /__kiln_cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr || "");
    if (m) { seconds = Number(m[1]) + Number(m[2]); r.stderr = r.stderr.slice(0, m.index); }
  }
  const ok = r.status === 0 && !r.error;
  let problem = "";
  if (!ok) {
    if (r.error && r.error.code === "ETIMEDOUT") problem = `timed out after ${timeoutSec}s`;
    else if (r.error) problem = r.error.message;
    else problem = `exit status ${r.status}${r.signal ? ` (${r.signal})` : ""}: ${(r.stderr || "").trim().split("\n").slice(0, 3).join(" | ")}`;
  }
  return { ok, seconds, output: normalize(r.stdout || ""), problem };
}

function measure(impl, name, file, source, opts) {
  const c = impl.command(name, file, source);
  if (!c) return null; // no twin for this program
  const [cmd, args] = c;
  if (impl.warmup) runOnce(cmd, args, opts.timeout);
  let best = Infinity;
  let output = null;
  for (let i = 0; i < opts.runs; i++) {
    const r = runOnce(cmd, args, opts.timeout);
    if (!r.ok) return { ok: false, problem: r.problem };
    if (output === null) output = r.output;
    best = Math.min(best, r.seconds);
  }
  return { ok: true, seconds: best, output };
}

// ---- main ---------------------------------------------------------------------------------

function machineInfo(impls) {
  const cpus = os.cpus();
  const lines = [
    `cpu:     ${cpus.length ? cpus[0].model.trim() : "unknown"} (${cpus.length} logical cores)`,
    `memory:  ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `os:      ${os.type()} ${os.release()} ${os.arch()}`,
    `node:    ${process.version}`,
  ];
  for (const impl of impls) if (impl.version) lines.push(`${impl.id.padEnd(8)} ${impl.version}`);
  return lines.join("\n");
}

function pad(text, width, right = false) {
  return right ? text.padStart(width) : text.padEnd(width);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.cpu && !existsSync(TIME_BIN)) usage("--cpu needs /usr/bin/time (Debian package time)");
  cpuTime = opts.cpu;
  let impls = findImplementations();
  if (opts.impls) impls = impls.filter((i) => opts.impls.includes(i.id));

  let programs = readdirSync(benchDir)
    .filter((f) => f.endsWith(".scm"))
    .map((f) => f.slice(0, -4))
    .sort();
  if (opts.only) {
    const unknown = opts.only.filter((n) => !programs.includes(n));
    if (unknown.length) usage(`no such benchmark: ${unknown.join(", ")}`);
    programs = programs.filter((p) => opts.only.includes(p));
  }

  console.log("Kiln benchmarks");
  console.log(machineInfo(impls));
  console.log(`runs:    best of ${opts.runs}`);
  for (const impl of impls) if (!impl.available) console.log(`(${impl.label}: ${impl.why})`);
  console.log("");

  const results = {}; // name -> id -> result
  const notes = [];
  for (const name of programs) {
    const file = path.join(benchDir, `${name}.scm`);
    const source = readFileSync(file, "utf8");
    results[name] = {};
    for (const impl of impls) {
      if (!impl.available) continue;
      process.stderr.write(`  ${name} / ${impl.label} ...`);
      const r = measure(impl, name, path.relative(root, file), source, opts);
      process.stderr.write(r ? (r.ok ? ` ${r.seconds.toFixed(3)}s\n` : ` failed\n`) : " (no twin)\n");
      if (!r) continue;
      results[name][impl.id] = r;
      if (!r.ok) notes.push(`${name} / ${impl.label}: ${r.problem}`);
    }
    // every output must agree with the expected one (or, for a new program, with each other)
    const expected = EXPECTED[name] ?? Object.values(results[name]).find((r) => r.ok)?.output;
    for (const impl of impls) {
      const r = results[name][impl.id];
      if (r && r.ok && r.output !== expected) {
        r.wrong = true;
        notes.push(`${name} / ${impl.label}: printed ${JSON.stringify(r.output.slice(0, 200))}, expected ${JSON.stringify(expected)}`);
      }
    }
  }

  // table
  const shown = impls.filter((i) => i.available);
  const header = ["program", ...shown.map((i) => i.label)];
  const rows = programs.map((name) => {
    const base = results[name].kiln;
    const cells = shown.map((impl) => {
      const r = results[name][impl.id];
      if (!r || !r.ok) return "-";
      const time = `${r.seconds.toFixed(3)}s`;
      if (r.wrong) return `${time} WRONG`;
      if (impl.id === "kiln" || !base || !base.ok || base.wrong) return time;
      return `${time} (${(r.seconds / base.seconds).toFixed(2)}x)`;
    });
    return [name, ...cells];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) => pad(cell, widths[c], c > 0)).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log("");
  console.log(`Times are ${cpuTime ? "CPU seconds (user + system)" : "wall-clock seconds"}, best of the runs; (Nx) is the time relative to Kiln's default mode.`);
  console.log('"-" means the implementation is missing, failed, or has no twin for that program.');
  if (notes.length) {
    console.log("");
    console.log("Notes:");
    for (const n of notes) console.log(`  ${n}`);
  }
  reportRatios(programs, results);
  const has = (id) => !opts.impls || opts.impls.includes(id);
  const startup = has("kiln") ? bestOf(opts, process.execPath, [kilnBin, "-e", "1"]) : Infinity;
  if (has("kiln") && has("kiln-nojit")) reportNetOfStartup(programs, results, startup);
  if (has("kiln") && has("js")) reportNetVsJs(programs, results, startup, bestOf(opts, process.execPath, ["-e", "0"]));
  if (!opts.impls || opts.impls.includes("kiln")) reportCompileTimes(programs, opts);
  const wrong = programs.some((n) => Object.values(results[n]).some((r) => r.wrong));
  const kilnFailed = programs.some((n) => results[n].kiln && !results[n].kiln.ok);
  process.exitCode = wrong || kilnFailed ? 1 : 0;
}

/** Kiln against Chez, plain JS and --no-jit: per-program ratios, geometric mean and worst case. */
function reportRatios(programs, results) {
  for (const [id, label] of [["chez", "Chez Scheme"], ["js", "plain JS"], ["kiln-nojit", "kiln --no-jit"]]) {
    const ratios = [];
    for (const name of programs) {
      const k = results[name].kiln, p = results[name][id];
      if (k && k.ok && !k.wrong && p && p.ok && !p.wrong) ratios.push([name, k.seconds / p.seconds]);
    }
    if (!ratios.length) continue;
    const geo = Math.exp(ratios.reduce((a, [, r]) => a + Math.log(r), 0) / ratios.length);
    const worst = ratios.reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log("");
    console.log(`Kiln (default) / ${label}: geometric mean ${geo.toFixed(2)}x over ${ratios.length} programs, worst ${worst[0]} ${worst[1].toFixed(2)}x`);
    console.log("  " + ratios.map(([n, r]) => `${n} ${r.toFixed(2)}x`).join(", "));
  }
}

/**
 * What the JIT itself gains: Kiln's start-up (an empty program: Node, module loading and the
 * prelude) is the same in both modes, so the speedup of the compiled code is the ratio of the
 * times with it subtracted.
 */
function reportNetOfStartup(programs, results, startup) {
  console.log("");
  console.log(`Kiln start-up (an empty program): ${startup.toFixed(3)}s. Net of it, default vs --no-jit:`);
  for (const name of programs) {
    const k = results[name].kiln, n = results[name]["kiln-nojit"];
    if (!k || !k.ok || !n || !n.ok) continue;
    const jit = k.seconds - startup, interp = n.seconds - startup;
    const ratio = jit > 0.005 ? `${(interp / jit).toFixed(1)}x faster` : "(too short to tell)";
    console.log(`  ${name.padEnd(18)} ${jit.toFixed(3)}s vs ${interp.toFixed(3)}s: ${ratio}`);
  }
}

/** The best time of an empty run (at least 3 runs): a start-up to take off. */
function bestOf(opts, cmd, args) {
  let best = Infinity;
  for (let i = 0; i < Math.max(3, opts.runs); i++) {
    const r = runOnce(cmd, args, opts.timeout);
    if (r.ok) best = Math.min(best, r.seconds);
  }
  return best;
}

/**
 * Kiln against the plain-JS twins net of start-up (issue 8's fib and tak target): Kiln's
 * empty-program time taken off Kiln's, Node's (`node -e 0`) off the twin's, so what remains is
 * the work, the JIT's warm-up and compilation included.
 */
function reportNetVsJs(programs, results, kilnStartup, nodeStartup) {
  const ratios = [];
  for (const name of programs) {
    const k = results[name].kiln, j = results[name].js;
    if (!k || !k.ok || k.wrong || !j || !j.ok || j.wrong) continue;
    const kn = k.seconds - kilnStartup, jn = j.seconds - nodeStartup;
    if (kn > 0.005 && jn > 0.005) ratios.push([name, kn, jn]);
  }
  if (!ratios.length) return;
  console.log("");
  console.log(`Net of start-up (Kiln ${kilnStartup.toFixed(3)}s, Node ${nodeStartup.toFixed(3)}s), Kiln / plain JS:`);
  for (const [name, kn, jn] of ratios) console.log(`  ${name.padEnd(18)} ${kn.toFixed(3)}s vs ${jn.toFixed(3)}s: ${(kn / jn).toFixed(2)}x`);
  const geo = Math.exp(ratios.reduce((a, [, kn, jn]) => a + Math.log(kn / jn), 0) / ratios.length);
  console.log(`  geometric mean ${geo.toFixed(2)}x over ${ratios.length} programs`);
}

/** JIT compile time per procedure: every procedure compiled (--jit-threshold=0), from --jit-debug's log. */
function reportCompileTimes(programs, opts) {
  const all = [];
  const lines = [];
  for (const name of programs) {
    const r = spawnSync(process.execPath, [kilnBin, "--jit-threshold=0", "--jit-debug", path.join(benchDir, `${name}.scm`)], {
      encoding: "utf8", timeout: opts.timeout * 1000, maxBuffer: 64 << 20,
    });
    const times = [...(r.stderr ?? "").matchAll(/^\[jit\] compiled .* ([0-9.]+) ms$/gm)].map((m) => Number(m[1]));
    all.push(...times);
    lines.push(`  ${name.padEnd(18)} ${String(times.length).padStart(4)} procedures, median ${median(times).toFixed(3)} ms`);
  }
  console.log("");
  console.log("JIT compile time per procedure (--jit-threshold=0):");
  for (const l of lines) console.log(l);
  console.log(`  all programs: ${all.length} procedures, median ${median(all).toFixed(3)} ms, max ${Math.max(0, ...all).toFixed(3)} ms`);
}

function median(xs) {
  if (!xs.length) return 0;
  const t = [...xs].sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}

main();
