// `kiln`: run a program, evaluate an expression, disassemble, or start the REPL.
//
//   kiln [options] file.scm [args...]    run a program ((command-line) sees file and args)
//   kiln [options] -e '<expr>'           evaluate and print the result with write
//   kiln --disassemble file.scm          print the bytecode of every procedure
//   kiln                                 REPL
// Options: --no-jit, --jit-threshold=N, --jit-debug (also KILN_JIT, KILN_JIT_THRESHOLD,
// KILN_JIT_DEBUG); -I dir / -A dir put a library directory before / after the default search
// path (the program's directory, then KILN_LIBRARY_PATH). Exit status: (exit n), 0 at the end,
// 70 on an uncaught error, 65 on a syntax error, 66 when the file cannot be read.

import { Runtime } from "../api/runtime.js";
import { nodeHost, readStdinChunk } from "../host/node.js";
import { formatError } from "./report.js";
import { ExitSignal, UncaughtError } from "../vm/requests.js";
import { setStandardInput, setStandardInputStream, setStandardOutput, flushStandardPorts } from "../lib/io.js";
import { processPorts } from "../runtime/ports.js";
import { readAll } from "../reader/reader.js";
import { writeString } from "../runtime/printer.js";
import { disassemble } from "../bytecode/disassembler.js";
import { Code } from "../bytecode/code.js";
import { UNSPECIFIED, MultipleValues } from "../runtime/values.js";
import { startRepl } from "./repl.js";

interface Options {
  jit: { enabled: boolean; threshold: number; debug: boolean };
  expr: string | null;
  disassemble: false | "bytecode" | "js";
  file: string | null;
  args: string[];
  /** Library search directories from -I (searched first) and -A (searched last). */
  libraryPath: { prepend: string[]; append: string[] };
}

function usage(msg: string): never {
  process.stderr.write(`kiln: ${msg}\nusage: kiln [--no-jit] [--jit-threshold=N] [--jit-debug] [--disassemble] [-I dir] [-A dir] [-e expr | file.scm [args...]]\n`);
  process.exit(64);
}

function parseArgs(argv: string[]): Options {
  const env = process.env;
  const o: Options = {
    jit: {
      enabled: env.KILN_JIT !== "0" && env.KILN_JIT !== "off",
      threshold: env.KILN_JIT_THRESHOLD !== undefined ? Number(env.KILN_JIT_THRESHOLD) : 500,
      debug: env.KILN_JIT_DEBUG === "1",
    },
    expr: null, disassemble: false, file: null, args: [], libraryPath: { prepend: [], append: [] },
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-jit") o.jit.enabled = false;
    else if (a.startsWith("--jit-threshold=")) {
      const n = Number(a.slice("--jit-threshold=".length));
      if (!Number.isInteger(n) || n < 0) usage(`bad --jit-threshold: ${a}`);
      o.jit.threshold = n;
    } else if (a === "--jit-debug") o.jit.debug = true;
    else if (a === "--disassemble") o.disassemble = "bytecode";
    else if (a === "--disassemble=js") o.disassemble = "js";
    else if (a === "-I" || a === "-A") {
      if (i + 1 >= argv.length) usage(`${a} needs a directory`);
      (a === "-I" ? o.libraryPath.prepend : o.libraryPath.append).push(argv[++i]);
    } else if (/^-[IA]./.test(a)) (a[1] === "I" ? o.libraryPath.prepend : o.libraryPath.append).push(a.slice(2));
    else if (a === "-e") { if (i + 1 >= argv.length) usage("-e needs an expression"); o.expr = argv[++i]; }
    else if (a === "--help" || a === "-h") usage("help");
    else if (a.startsWith("-") && a !== "-") usage(`unknown option ${a}`);
    else { o.file = a; o.args = argv.slice(i + 1); break; }
  }
  return o;
}

export function main(argv: string[]): number {
  const o = parseArgs(argv);
  const commandLine = o.file ? [o.file, ...o.args] : ["kiln"];
  const host = nodeHost(commandLine);
  setStandardOutput(host.stdout, host.stderr);
  // The REPL reads standard input itself: there, (current-input-port) is at end of input.
  const repl = o.file === null && o.expr === null;
  if (repl) setStandardInput(() => "");
  else setStandardInputStream(readStdinChunk());
  let rt: Runtime;
  try {
    rt = new Runtime(host, { jit: o.jit, libraryPath: o.libraryPath, ports: processPorts });
  } catch (e) {
    host.stderr("kiln: failed to start: " + formatError(e));
    return 70;
  }
  if (o.file === null && o.expr === null) { startRepl(rt, host); return -1; }
  try {
    if (o.expr !== null) {
      const env = rt.newTopLevel();
      rt.interaction = env;
      const v = rt.evalForms(readAll(o.expr, "<command line>"), env);
      flushStandardPorts();
      if (v !== UNSPECIFIED) host.stdout(formatValue(v) + "\n");
      return 0;
    }
    const file = o.file!;
    const text = host.readFile!(file);
    if (text === null) { host.stderr(`kiln: cannot read ${file}\n`); return 66; }
    if (o.disassemble) {
      rt.libraries.setProgramFile(file);  // its imports are found as when it runs
      const clo = rt.compile(readAll(text, file), rt.newTopLevel());
      const jsOf = o.disassemble === "js" ? (c: Code) => rt.jit.sourceOf(c) : undefined;
      host.stdout(disassemble(clo.code, [], new Set(), jsOf).join("\n") + "\n");
      return 0;
    }
    try {
      rt.runProgram(text, file);
    } finally {
      if (o.jit.debug) host.stderr(rt.jit.summary() + "\n");
    }
    flushStandardPorts();
    return 0;
  } catch (e) {
    flushStandardPorts();
    if (e instanceof ExitSignal) return e.code;
    host.stderr(formatError(e, o.file ?? undefined));
    if (!(e instanceof UncaughtError) && !(e instanceof Error && "payload" in e)) {
      if (process.env.KILN_DEBUG) console.error(e);
    }
    return e instanceof UncaughtError ? 70 : 65;
  }
}

export function formatValue(v: unknown): string {
  if (v instanceof MultipleValues) return v.vals.map((x) => writeString(x, "write")).join("\n");
  return writeString(v, "write");
}
