// The REPL's evaluating half (it runs on the runtime worker; repl-terminal.ts is the half that
// owns the terminal). It takes input a line at a time and evaluates each datum as soon as the
// reader has all of it: whether input is complete is the reader's decision (a ReadError that
// is `incomplete` means "read another line"; any other read error, a stray `)` included, is
// reported and the pending input dropped). Lines starting with `,` are meta-commands
// (meta-commands.ts). Results are written with `write`, errors with their backtrace; every
// definition stays in one top-level environment across errors and interrupts.
//
// Positions in messages are `<repl>:LINE:COL`, LINE counting every line of the session.

import { Runtime } from "../api/runtime.js";
import { Host } from "../host/host.js";
import { nodeHost } from "../host/node.js";
import { Env, Identifier } from "../expander/environment.js";
import { Reader } from "../reader/reader.js";
import { ReadError } from "../reader/source-map.js";
import { EOF, Sym, UNBOUND, UNSPECIFIED, Value } from "../runtime/values.js";
import { flushStandardPorts, setStandardInput } from "../lib/io.js";
import { ExitSignal, BacktraceEntry, UncaughtError } from "../vm/requests.js";
import { formatError, isInterrupted } from "./report.js";
import { createRuntime, printValue, RunContext } from "./main.js";
import { CliOptions } from "./options.js";
import { META_COMMANDS, findMetaCommand } from "./meta-commands.js";
import type { WorkerContext } from "../host/worker/inside.js";
import type { CliJob } from "./launch.js";

/** What the terminal half asks. */
export type ReplRequest =
  | { readonly op: "line"; readonly text: string }
  | { readonly op: "reset" }
  | { readonly op: "complete"; readonly line: string }
  | { readonly op: "end" };

/** The answer to a line: whether a form is still open, and whether to leave (with a status). */
export interface LineReply { readonly more: boolean; readonly quit?: number }

const COLORS = { value: "\x1b[36m", error: "\x1b[31m", note: "\x1b[2m", off: "\x1b[0m" } as const;

export class ReplSession {
  readonly env: Env;
  /** Input not yet evaluated (an open datum, or the rest of a line after an open one). */
  private pending = "";
  /** Session line number of `pending`'s first line and column of its first character. */
  private pendingLine = 1;
  private pendingCol = 1;
  private nextLine = 1;
  /** Where the last error happened (`,bt`). */
  lastBacktrace: BacktraceEntry[] = [];

  constructor(readonly rt: Runtime, readonly host: Host, readonly color: boolean) {
    this.env = rt.newTopLevel("repl");
    rt.interaction = this.env;
  }

  handle(req: ReplRequest): unknown {
    switch (req.op) {
      case "line": return this.line(req.text);
      case "reset": this.pending = ""; return null;
      case "complete": return this.complete(req.line);
      case "end": return this.end();
    }
  }

  /** One line of input: evaluate what is complete; `more` when a datum is still open. */
  line(input: string): LineReply {
    const lineNo = this.nextLine++;
    if (this.pending === "") { this.pendingLine = lineNo; this.pendingCol = 1; }
    this.pending += input + "\n";
    if (/^\s*,/.test(this.pending)) return this.meta();
    const text = this.pending;
    const r = new Reader(text, "<repl>", { line: this.pendingLine, column: this.pendingCol });
    for (;;) {
      let datum: Value;
      try { datum = r.read(); }
      catch (e) {
        if (e instanceof ReadError && e.incomplete) return { more: true };  // pending: from the open datum on
        this.drop();
        this.error(e);
        return { more: false };
      }
      if (datum === EOF) { this.drop(); return { more: false }; }
      // What follows the datum stays pending while it runs (a later error drops it).
      this.pending = text.slice(r.offset);
      this.pendingLine = r.line;
      this.pendingCol = r.column;
      if (/^\s*$/.test(this.pending)) this.drop();
      const quit = this.evaluate(datum);
      if (quit !== undefined) return { more: false, quit };
      if (this.pending === "") return { more: false };
    }
  }

  private drop(): void { this.pending = ""; }

  /** Evaluate one datum and print its value; returns an exit status when the program exits. */
  evaluate(datum: Value): number | undefined {
    return this.guarded(() => {
      const v = this.rt.evalForms([datum], this.env);
      flushStandardPorts();
      this.printValue(v);
    });
  }

  /** Run `f`, reporting errors; an exit status when it called exit. */
  guarded(f: () => void): number | undefined {
    try {
      f();
      return undefined;
    } catch (e) {
      flushStandardPorts();
      if (e instanceof ExitSignal) return e.code;
      this.drop();
      this.error(e);
      return undefined;
    }
  }

  printValue(v: Value): void {
    if (v === UNSPECIFIED || v === undefined) return;
    const failed = printValue(v, (text) => this.host.stdout(text === "\n" ? text : this.paint("value", text)));
    if (failed !== null) this.host.stderr(this.paint("error", failed) + "\n");
  }

  /** Report an error (an interrupt in one line; its backtrace is kept for `,bt`). */
  error(e: unknown): void {
    if (e instanceof UncaughtError || isInterrupted(e)) this.lastBacktrace = e.backtrace;
    else this.lastBacktrace = [];
    if (isInterrupted(e)) {
      const at = e.backtrace[0];
      const where = at?.file ? ` in ${at.name} at ${at.file}:${at.line}:${at.column}` : "";
      this.host.stderr(this.paint("error", `${e.message}${where}`) + this.paint("note", " (,bt shows the backtrace)") + "\n");
      return;
    }
    this.host.stderr(this.paint("error", formatError(e).replace(/\n$/, "")) + "\n");
    if (!(e instanceof UncaughtError) && !(e instanceof Error && "payload" in e) && process.env.KILN_DEBUG) console.error(e);
  }

  note(text: string): void { this.host.stdout(this.paint("note", text) + "\n"); }

  paint(kind: keyof typeof COLORS, text: string): string {
    return this.color ? COLORS[kind] + text + COLORS.off : text;
  }

  /** A meta-command line (or lines, while its arguments are an open datum). */
  private meta(): LineReply {
    const m = /^\s*,(\S*)\s*/.exec(this.pending)!;
    const name = m[1];
    const cmd = findMetaCommand(name);
    const argText = this.pending.slice(m[0].length);
    if (!cmd) {
      this.drop();
      this.host.stderr(this.paint("error", `unknown command ,${name} (,help lists them)`) + "\n");
      return { more: false };
    }
    let datums: Value[] | null = null;
    const args = {
      text: argText.trim(),
      datums: (): Value[] => {
        if (datums) return datums;
        const r = new Reader(argText, "<repl>", { line: this.pendingLine });
        const out: Value[] = [];
        for (let d = r.read(); d !== EOF; d = r.read()) out.push(d);
        return (datums = out);
      },
    };
    try { args.datums(); }
    catch (e) {
      if (cmd.datums && e instanceof ReadError && e.incomplete) return { more: true };
      if (cmd.datums) { this.drop(); this.error(e); return { more: false }; }
    }
    this.drop();
    let quit: number | undefined;
    const q = this.guarded(() => { quit = cmd.run(this, args) ?? undefined; });
    return { more: false, quit: q ?? quit };
  }

  /** Names bound here (own definitions, imports and builtins), for completion and ,apropos. */
  boundNames(own = false): string[] {
    const names = new Set<string>();
    const add = (env: Env): void => {
      for (const [id, b] of env.map) {
        if (!(id instanceof Sym)) continue;
        if (b.kind === "global" && b.cell.value === UNBOUND) continue;
        names.add((id as Identifier as Sym).name);
      }
    };
    add(this.env);
    if (!own) for (let f = this.env.fallback; f; f = f.fallback) add(f);
    return [...names].sort();
  }

  /** Completions of the identifier that ends `line` (or of a meta-command's name). */
  complete(line: string): [string[], string] {
    const meta = /^\s*,(\S*)$/.exec(line);
    if (meta) return [META_COMMANDS.map((c) => "," + c.name).filter((n) => n.startsWith("," + meta[1])), "," + meta[1]];
    const word = /[^\s()[\]'`,"]*$/.exec(line)![0];
    if (word === "") return [[], ""];
    return [this.boundNames().filter((n) => n.startsWith(word)), word];
  }

  /** End of input: an open datum is reported as the reader reports it. */
  end(): LineReply {
    if (/^\s*$/.test(this.pending)) return { more: false, quit: 0 };
    const text = this.pending;
    this.drop();
    try { new Reader(text, "<repl>", { line: this.pendingLine, column: this.pendingCol }).read(); }
    catch (e) { this.error(e); }
    return { more: false, quit: 0 };
  }
}

/** A session on this thread, writing to the process's standard output and error. */
export function createSession(o: CliOptions, color: boolean, run: RunContext): ReplSession {
  const host = nodeHost(["kiln"]);
  // The terminal half owns standard input: here (current-input-port) is at end of input.
  setStandardInput(() => "");
  const rt = createRuntime(o, host, run);
  return new ReplSession(rt, host, color);
}

/** On the runtime worker: answer the terminal half's requests. */
export function serveRepl(ctx: WorkerContext<CliJob>, job: CliJob, run: RunContext): void {
  let session: ReplSession;
  try { session = createSession(job.options, job.color, run); }
  catch (e) {
    process.stderr.write("kiln: failed to start: " + formatError(e));
    process.exit(70);
  }
  ctx.serve((req) => session.handle(req as ReplRequest));
}
