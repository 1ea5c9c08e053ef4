// Running what the command line asks for, in the current thread: a program file (or standard
// input for `-`), an expression (-e), or a view of a program (--disassemble, --expand). The
// launcher (launch.ts) calls this on the runtime worker thread (worker-entry.ts); `main(argv)`
// does the same in-thread (tests, --no-worker).
//
// Output: the exit status (options.ts EXIT). Standard output and error are written with
// fs.writeSync on fds 1 and 2 (host/node.ts), so they are complete when this returns; every
// buffered port (standard output, file output ports) is flushed before it returns, whether the
// program ended, called exit, raised, or was interrupted. `emergency-exit` skips dynamic-wind
// after-thunks but its output is flushed too (R7RS leaves that unspecified; losing it helps
// nobody).

import { Runtime } from "../api/runtime.js";
import { nodeHost, readStdinChunk, readStdinSync } from "../host/node.js";
import { Host } from "../host/host.js";
import { formatError, isInterrupted } from "./report.js";
import { ExitSignal, UncaughtError } from "../vm/requests.js";
import { setStandardInput, setStandardInputStream, setStandardOutput, flushStandardPorts } from "../lib/io.js";
import { processPorts } from "../runtime/ports.js";
import { readAll } from "../reader/reader.js";
import { ReadError } from "../reader/source-map.js";
import { writeString } from "../runtime/printer.js";
import { disassemble } from "../bytecode/disassembler.js";
import { Closure, Code } from "../bytecode/code.js";
import { Op } from "../bytecode/opcodes.js";
import { describeFeedback } from "../jit/feedback.js";
import { UNSPECIFIED, MultipleValues, Value, ErrorObject } from "../runtime/values.js";
import { SchemeError, hostErrorPayload, raisingFileErrors } from "../runtime/errors.js";
import { CliOptions, EXIT, UsageError, helpText, parseArgs } from "./options.js";
import { expandToScheme } from "./expand-view.js";
import { installWarnings } from "./warnings-hook.js";
import { nodeJsOptions } from "../interop/node-modules.js";
import { nodeParallel } from "../parallel/node.js";
import { diskStore } from "../cache/disk-store.js";
import { compileFile } from "../cache/compile-command.js";

/** What the thread running a program gets from its launcher. */
export interface RunContext {
  /** The interrupt flag the launcher sets on Ctrl-C (runtime/interrupts.ts). */
  interruptBuffer?: SharedArrayBuffer;
  /** The native stack of this thread in MB, for the JIT's depth budget. */
  stackMb?: number;
  /** How to read standard input's bytes (default: fs.readSync on fd 0). */
  stdin?: ((buf: Uint8Array) => number) | null;
}

/** Parse argv and run it in this thread; returns the exit status (-1: the REPL took over). */
export function main(argv: string[]): number {
  let o: CliOptions;
  try { o = parseArgs(argv, process.env); }
  catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`kiln: ${e.message}\nTry 'kiln --help'.\n`);
    return EXIT.usage.code;
  }
  if (o.action === "help") { process.stdout.write(helpText()); return 0; }
  if (o.action === "repl") {
    void import("./repl-terminal.js").then((m) => m.startLocalRepl(o));
    return -1;
  }
  const code = runCli(o, {});
  if (typeof code === "number") return code;
  void code.then((c) => { process.exitCode = c; });
  return -1;
}

/** The runtime for these options, with standard ports on the Node host. */
export function createRuntime(o: CliOptions, host: Host, ctx: RunContext): Runtime {
  setStandardOutput(host.stdout, host.stderr);
  const rt = new Runtime(host, {
    jit: o.jit, libraryPath: o.libraryPath, ports: processPorts, js: nodeJsOptions(),
    interruptBuffer: ctx.interruptBuffer, nativeStackMb: ctx.stackMb,
    parallel: nodeParallel(undefined, { heapMb: o.heapMb ?? undefined, stackMb: ctx.stackMb }),
    // The code cache (docs/cache.md): off with --no-cache or KILN_CACHE=0; `kiln compile` fills it.
    codeStore: o.cache || o.action === "compile" ? diskStore() : null,
    precompiled: process.env.KILN_PRECOMPILED === "0" ? null : undefined,
  });
  installWarnings(rt, o.warnings, host);
  return rt;
}

/** The program's name in (command-line) and in messages. */
function programName(o: CliOptions): string { return o.file === "-" ? "<stdin>" : o.file!; }

/** Run a file, `-`, or -e; or print a view of the program. Returns the exit status. */
export function runCli(o: CliOptions, ctx: RunContext): number | Promise<number> {
  const commandLine = o.file !== null ? [o.file, ...o.args] : ["kiln"];
  const host = unwritableAsFileError(nodeHost(commandLine));
  // The program text of `kiln -` is standard input: the program then reads end of input.
  const source = o.file === "-" ? readAllStdin(ctx) : null;
  if (source !== null) setStandardInput(() => "");
  else {
    // Output file ports are flushed before waiting for input, as standard output is.
    const next = readStdinChunk(ctx.stdin ?? undefined);
    setStandardInputStream(() => { flushStandardPorts(); return next(); });
  }
  let rt: Runtime;
  try {
    rt = createRuntime(o, host, ctx);
  } catch (e) {
    host.stderr("kiln: failed to start: " + formatError(e));
    return EXIT.error.code;
  }
  if (o.action === "compile") return compileFiles(rt, host, o.args);
  try {
    if (o.action === "eval") {
      const env = rt.newTopLevel();
      rt.interaction = env;
      const v = rt.evalForms(readAll(o.expr!, "<command line>"), env);
      flushStandardPorts();
      if (v === UNSPECIFIED) return 0;
      const failed = printValue(v, host.stdout);
      if (failed === null) return 0;
      host.stderr(`kiln: ${failed}\n`);
      return EXIT.error.code;
    }
    const file = programName(o);
    const text = source ?? host.readFile!(file);
    if (text === null) { host.stderr(`kiln: cannot read ${file}\n`); return EXIT.noInput.code; }
    if (o.show === "wasm") {
      // Run the program, then print every module the Wasm tier compiled for it.
      rt.jit.wasm.listing = [];
      try { rt.runProgramAwaiting(text, file); } finally { flushStandardPorts(); }
      host.stdout(rt.jit.wasm.listing.join("\n\n") + "\n");
      return rt.exitStatusAtEnd;
    }
    if (o.show === "feedback") {
      // Run the program, then print its bytecode with what the interpreter recorded at each site.
      const ran: { program: Closure | null } = { program: null };
      try { rt.runProgramAwaiting(text, file, rt.newTopLevel(), (p) => { ran.program = p; }); } finally { flushStandardPorts(); }
      const annotate = (c: Code, pc: number): string => describeFeedback(c.code[pc] as Op, c.feedback[pc]);
      host.stdout(disassemble(ran.program!.code, [], new Set(), undefined, annotate).join("\n") + "\n");
      return rt.exitStatusAtEnd;
    }
    if (o.show !== null) {
      rt.libraries.setProgramFile(file);  // its imports are found as when it runs
      const forms = readAll(text, file);
      if (o.show === "expand") { host.stdout(expandToScheme(rt, forms, rt.newTopLevel())); return 0; }
      const clo = rt.compile(forms, rt.newTopLevel());
      const jsOf = o.show === "js" ? (c: Code) => rt.jit.sourceOf(c) : undefined;
      host.stdout(disassemble(clo.code, [], new Set(), jsOf).join("\n") + "\n");
      return 0;
    }
    let result: unknown;
    try {
      result = rt.runProgramAwaiting(text, file);
    } finally {
      if (process.env.KILN_CACHE_DEBUG) host.stderr(`kiln: code cache ${JSON.stringify(rt.codeCache.stats)}\n`);
      if (o.jit.debug && !(result instanceof Promise)) host.stderr(rt.jit.summary() + "\n");
    }
    if (result instanceof Promise) {
      // The program awaits a promise (kiln js): it finishes on the event loop.
      return result.then(() => { flushStandardPorts(); return rt.exitStatusAtEnd; }, (e) => failed(e))
        .finally(() => { if (o.jit.debug) host.stderr(rt.jit.summary() + "\n"); });
    }
    flushStandardPorts();
    return rt.exitStatusAtEnd;
  } catch (e) {
    return failed(e);
  }

  function failed(e: unknown): number {
    flushStandardPorts();
    return reportFailure(e, host, o.file !== null ? programName(o) : undefined);
  }
}

function readAllStdin(ctx: RunContext): string {
  if (!ctx.stdin) return readStdinSync();
  const next = readStdinChunk(ctx.stdin);
  let text = "";
  for (let piece = next(); piece !== null; piece = next()) text += piece;
  return text;
}

/**
 * The host, its standard output and error raising a file error when they cannot be written (a
 * full disk): what the CLI writes itself (-e's value, --disassemble) ends as the program's own
 * output does (HostOutputPort), with a message and status 70.
 */
function unwritableAsFileError(host: Host): Host {
  return { ...host, stdout: raisingFileErrors(host.stdout, "standard output"), stderr: raisingFileErrors(host.stderr, "standard error") };
}

/** Print why a run ended early; returns its exit status. */
export function reportFailure(e: unknown, host: Host, file?: string): number {
  if (e instanceof ExitSignal) return e.code;
  host.stderr(formatError(e, file));
  if (isInterrupted(e)) return EXIT.interrupted.code;
  if (!(e instanceof UncaughtError) && !(e instanceof Error && "payload" in e)) {
    if (process.env.KILN_DEBUG) console.error(e);
  }
  if (e instanceof ReadError) return EXIT.syntax.code;
  // Raised outside the program's evaluation: its output could not be written at exit.
  const unwritten = e instanceof SchemeError && e.payload instanceof ErrorObject && e.payload.kind === "file";
  return e instanceof UncaughtError || unwritten ? EXIT.error.code : EXIT.syntax.code;
}

/** `kiln compile file...`: compile each file into the code cache without running it. */
function compileFiles(rt: Runtime, host: Host, files: string[]): number {
  let status = 0;
  for (const file of files) {
    const text = host.readFile!(file);
    if (text === null) { host.stderr(`kiln: cannot read ${file}\n`); status = EXIT.noInput.code; continue; }
    try {
      const r = compileFile(rt, file, text, host.resolvePath!);
      (r.ok ? host.stdout : host.stderr)(`kiln compile: ${r.message}\n`);
      if (!r.ok) status = EXIT.syntax.code;
    } catch (e) {
      host.stderr(formatError(e, file));
      status = e instanceof UncaughtError ? EXIT.error.code : EXIT.syntax.code;
    }
  }
  if (process.env.KILN_CACHE_DEBUG) host.stderr(`kiln: code cache ${JSON.stringify(rt.codeCache.stats)}\n`);
  return status;
}

/**
 * Write v with `write` (several values one per line) to `out` in pieces, then a newline, so a
 * value whose written form is longer than a JS string prints too; null, or why it could not
 * be printed (what was written before stays written).
 */
export function printValue(v: Value, out: (text: string) => void): string | null {
  try {
    const vals = v instanceof MultipleValues ? v.vals : [v];
    vals.forEach((x, i) => out(writeString(x, "write", out) + (i < vals.length - 1 ? "\n" : "")));
    out("\n");
    return null;
  } catch (e) {
    const { payload, internal } = hostErrorPayload(e);
    if (internal) throw e;
    return `cannot print the value: ${(payload as ErrorObject).message}`;
  }
}
