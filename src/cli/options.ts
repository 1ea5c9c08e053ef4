// The command line of `kiln`: one table of options, one of environment variables and one of
// exit statuses. The parser, `--help` and docs/cli.md (checked by a test) all come from them.
//
// Input: argv after `node bin/kiln.js`, and process.env. Output: `CliOptions`, plain data (it
// is sent to the runtime worker). This module imports nothing heavy: it runs on the main
// thread before the worker starts.

import type { WasmMode } from "../wasm/tier.js";
import { WARNINGS, WarningName, defaultWarnings } from "../compiler/warning-names.js";
import { DEFAULT_JIT_THRESHOLD } from "../jit/policy.js";

export interface CliOptions {
  jit: { enabled: boolean; threshold: number; debug: boolean; wasm: WasmMode; wasmSimd: boolean; wasmInduction: boolean };
  /**
   * What to do: run a file (or "-" for standard input), evaluate -e, print, start the REPL, or
   * (`kiln compile FILE...`, the files in `args`) fill the code cache.
   */
  action: "run" | "eval" | "repl" | "help" | "version" | "compile";
  expr: string | null;
  /** `--disassemble`, `--disassemble=js` and `--expand` print instead of running. */
  show: null | "bytecode" | "js" | "feedback" | "expand" | "wasm";
  file: string | null;
  args: string[];
  /** Library search directories from -I (searched first) and -A (searched last). */
  libraryPath: { prepend: string[]; append: string[] };
  warnings: Record<WarningName, boolean>;
  /** Worker thread limits in MB (null: the defaults of src/host/worker/limits.ts). */
  heapMb: number | null;
  stackMb: number | null;
  /** Run on the main thread (no interrupts, no heap limit; for debugging and measuring). */
  worker: boolean;
  /** Use the persistent code cache (docs/cache.md): off with --no-cache or KILN_CACHE=0. */
  cache: boolean;
}

/** Exit statuses (sysexits.h where one fits), as --help and docs/cli.md list them. */
export const EXIT = {
  ok: { code: 0, help: "the program ran to its end, or called (exit) / (exit #t)" },
  failure: { code: 1, help: "(exit #f); (exit n) exits with n; a failing (kiln test) or (srfi 64) suite" },
  usage: { code: 64, help: "bad command line" },
  syntax: { code: 65, help: "a syntax error (read or expand) in the program; nothing ran" },
  noInput: { code: 66, help: "the program file cannot be read" },
  error: { code: 70, help: "an uncaught error or raise, or out of memory" },
  interrupted: { code: 130, help: "interrupted by Ctrl-C (SIGINT)" },
} as const;

export class UsageError extends Error {}

interface OptionSpec {
  /** Spellings; the first is the one --help shows. */
  readonly names: readonly string[];
  /** The argument's name: `-I DIR` (or `-IDIR`), `--jit-threshold=N`; absent for a flag. */
  readonly arg?: string;
  readonly help: string;
  readonly apply: (o: CliOptions, value: string) => void;
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (text === "" || !Number.isInteger(n) || n < min) throw new UsageError(`bad ${name}: ${text} (expected an integer, at least ${min})`);
  return n;
}

function warningSwitch(o: CliOptions, spec: string): void {
  const on = !spec.startsWith("no-");
  const name = on ? spec : spec.slice(3);
  if (spec === "all" || spec === "none" || spec === "0") {
    for (const w of Object.keys(WARNINGS) as WarningName[]) o.warnings[w] = spec === "all";
    return;
  }
  if (!Object.hasOwn(WARNINGS, name)) {
    throw new UsageError(`unknown warning ${name} (known: ${Object.keys(WARNINGS).join(", ")}, all, none)`);
  }
  o.warnings[name as WarningName] = on;
}

export const OPTIONS: readonly OptionSpec[] = [
  { names: ["-e"], arg: "EXPR", help: "evaluate EXPR and print its value with write", apply: (o, v) => { o.expr = v; o.action = "eval"; } },
  { names: ["-I"], arg: "DIR", help: "search DIR for libraries first", apply: (o, v) => { o.libraryPath.prepend.push(v); } },
  { names: ["-A"], arg: "DIR", help: "search DIR for libraries last", apply: (o, v) => { o.libraryPath.append.push(v); } },
  {
    names: ["-W"], arg: "WARNING",
    help: `turn a compile-time warning on (-Wname) or off (-Wno-name); -Wall, -Wnone. Warnings: ${
      Object.entries(WARNINGS).map(([n, w]) => `${n} (${w.byDefault ? "on" : "off"})`).join(", ")}`,
    apply: warningSwitch,
  },
  { names: ["--no-jit"], help: "interpret only (no compilation to JavaScript)", apply: (o) => { o.jit.enabled = false; } },
  { names: ["--jit-threshold"], arg: "N", help: `compile a procedure after N calls or loop iterations (default ${DEFAULT_JIT_THRESHOLD}; 0: at once)`,
    apply: (o, v) => { o.jit.threshold = count("--jit-threshold", v, 0); } },
  { names: ["--jit-debug"], help: "report what the JIT compiles, on standard error", apply: (o) => { o.jit.debug = true; } },
  { names: ["--disassemble"], help: "print the program's bytecode instead of running it", apply: (o) => { o.show = "bytecode"; } },
  { names: ["--disassemble=js"], help: "print the bytecode and the JavaScript the JIT makes of it", apply: (o) => { o.show = "js"; } },
  { names: ["--disassemble=feedback"], help: "run the program, then print its bytecode with the type feedback the run recorded", apply: (o) => { o.show = "feedback"; } },
  { names: ["--disassemble=wasm"], help: "run the program with every eligible procedure in Wasm, then print the Wasm modules",
    apply: (o) => { o.show = "wasm"; o.jit.wasm = "all"; o.jit.threshold = 0; } },
  { names: ["--no-wasm"], help: "no WebAssembly tier (hot numeric code stays JavaScript)", apply: (o) => { o.jit.wasm = "off"; } },
  { names: ["--no-wasm-simd"], help: "Wasm code without SIMD (element-wise f64vector loops one element at a time)", apply: (o) => { o.jit.wasmSimd = false; } },
  { names: ["--wasm=all"], help: "send every eligible procedure to Wasm at its first compilation (testing)", apply: (o) => { o.jit.wasm = "all"; } },
  { names: ["--expand"], help: "print the program after macro expansion, as Scheme, instead of running it", apply: (o) => { o.show = "expand"; } },
  { names: ["--max-heap"], arg: "MB", help: "heap limit; past it the program ends with \"out of memory\" (default: Node's)",
    apply: (o, v) => { o.heapMb = count("--max-heap", v, 16); } },
  { names: ["--stack-size"], arg: "MB", help: "native stack of the thread running the program (default 1024)",
    apply: (o, v) => { o.stackMb = count("--stack-size", v, 1); } },
  { names: ["--no-cache"], help: "neither read nor write the code cache (docs/cache.md)", apply: (o) => { o.cache = false; } },
  { names: ["--no-worker"], help: "run on the main thread: no Ctrl-C interrupt, no heap limit (for debugging)", apply: (o) => { o.worker = false; } },
  { names: ["--help", "-h"], help: "print this help and exit", apply: (o) => { o.action = "help"; } },
  { names: ["--version", "-v"], help: "print the version and exit", apply: (o) => { o.action = "version"; } },
];

/** Environment variables Kiln reads. */
export const ENVIRONMENT: readonly { name: string; help: string }[] = [
  { name: "KILN_JIT", help: "0 or off: like --no-jit" },
  { name: "KILN_JIT_THRESHOLD", help: "like --jit-threshold=N" },
  { name: "KILN_JIT_DEBUG", help: "1: like --jit-debug" },
  { name: "KILN_WASM", help: "0 or off: like --no-wasm; all: like --wasm=all" },
  { name: "KILN_WASM_SIMD", help: "0 or off: like --no-wasm-simd" },
  { name: "KILN_WASM_RANGES", help: "0 or off: Wasm loops keep every guard of their index (for measurements)" },
  { name: "KILN_LIBRARY_PATH", help: "directories (separated by :) searched for libraries after the program's own" },
  { name: "KILN_WORKERS", help: "worker threads of (kiln parallel) (default: one per core)" },
  { name: "KILN_CACHE", help: "0 or off: like --no-cache" },
  { name: "KILN_CACHE_DIR", help: "the code cache folder (default $XDG_CACHE_HOME/kiln, else ~/.cache/kiln)" },
  { name: "KILN_CACHE_DEBUG", help: "1: report the code cache's hits, misses and rejections on standard error" },
  { name: "KILN_PRECOMPILED", help: "0: compile the prelude and built-in libraries from source instead of the image" },
  { name: "KILN_HISTORY", help: "the REPL's history file (default ~/.kiln_history; empty: no history)" },
  { name: "NO_COLOR", help: "set and not empty: the REPL uses no colours" },
  { name: "KILN_DEBUG", help: "1: print JavaScript stacks of internal errors" },
];

export function defaultOptions(env: NodeJS.ProcessEnv = {}): CliOptions {
  const threshold = env.KILN_JIT_THRESHOLD !== undefined ? Number(env.KILN_JIT_THRESHOLD) : DEFAULT_JIT_THRESHOLD;
  return {
    jit: {
      enabled: env.KILN_JIT !== "0" && env.KILN_JIT !== "off",
      threshold: Number.isInteger(threshold) && threshold >= 0 ? threshold : DEFAULT_JIT_THRESHOLD,
      debug: env.KILN_JIT_DEBUG === "1",
      wasm: env.KILN_WASM === "0" || env.KILN_WASM === "off" ? "off" : env.KILN_WASM === "all" ? "all" : "on",
      wasmSimd: env.KILN_WASM_SIMD !== "0" && env.KILN_WASM_SIMD !== "off",
      wasmInduction: env.KILN_WASM_RANGES !== "0" && env.KILN_WASM_RANGES !== "off",
    },
    action: "repl", expr: null, show: null, file: null, args: [],
    libraryPath: { prepend: [], append: [] }, warnings: defaultWarnings(),
    heapMb: null, stackMb: null, worker: true,
    cache: env.KILN_CACHE !== "0" && env.KILN_CACHE !== "off",
  };
}

/** Parse argv; throws UsageError for a bad command line. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const o = defaultOptions(env);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { if (i + 1 < argv.length) runFile(o, argv[i + 1], argv.slice(i + 2)); break; }
    if (a === "compile" && o.action === "repl" && i + 1 < argv.length) {
      o.action = "compile";
      o.args = argv.slice(i + 1);
      break;
    }
    if (a === "-" || !a.startsWith("-")) { runFile(o, a, argv.slice(i + 1)); break; }
    const exact = OPTIONS.find((s) => s.names.includes(a));
    if (exact && !exact.arg) { exact.apply(o, ""); continue; }
    if (exact) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs ${exact.arg!.toLowerCase() === "n" ? "a number" : `an argument (${exact.arg})`}`);
      exact.apply(o, argv[++i]);
      continue;
    }
    const eq = a.indexOf("=");
    const long = eq > 0 ? OPTIONS.find((s) => s.arg && s.names.includes(a.slice(0, eq))) : undefined;
    if (long) { long.apply(o, a.slice(eq + 1)); continue; }
    // Short options with the argument attached: -Idir, -Wunused-variable.
    const short = OPTIONS.find((s) => s.arg && s.names.some((n) => n.length === 2 && a.startsWith(n)));
    if (short && !a.startsWith("--")) { short.apply(o, a.slice(2)); continue; }
    throw new UsageError(`unknown option ${a}`);
  }
  if (o.action === "repl" && o.show !== null) throw new UsageError(`${o.show === "expand" ? "--expand" : "--disassemble"} needs a file`);
  return o;
}

function runFile(o: CliOptions, file: string, args: string[]): void {
  if (o.action === "help" || o.action === "version") return;
  if (o.action === "eval") throw new UsageError(`-e and a program file (${file}) cannot be combined`);
  o.action = "run";
  o.file = file;
  o.args = args;
}

/** The text of `kiln --help`. */
export function helpText(): string {
  const optionLines = OPTIONS.map((s) => {
    const name = s.names[0] + (s.arg ? (s.names[0].startsWith("--") ? `=${s.arg}` : ` ${s.arg}`) : "");
    const also = s.names.length > 1 ? ` (also ${s.names.slice(1).join(", ")})` : "";
    return [name, s.help + also] as const;
  });
  const width = Math.max(...optionLines.map(([n]) => n.length), ...ENVIRONMENT.map((e) => e.name.length)) + 2;
  const pad = (s: string): string => "  " + s.padEnd(width);
  return [
    "usage: kiln [options] [file.scm | -] [arguments...]",
    "       kiln [options] -e EXPR",
    "       kiln [options]                 (the REPL; ,help there lists its commands)",
    "       kiln [options] compile FILE... (compile programs and .sld libraries into the code cache)",
    "",
    "A file runs as a program; (command-line) is the file and its arguments. `-` reads the",
    "program from standard input. A first line starting with #! is ignored (shebang scripts).",
    "",
    "Options:",
    ...optionLines.map(([n, h]) => pad(n) + h),
    "",
    "Environment:",
    ...ENVIRONMENT.map((e) => pad(e.name) + e.help),
    "",
    "Exit status:",
    ...Object.values(EXIT).map((e) => pad(String(e.code)) + e.help),
    "",
  ].join("\n");
}
