// The REPL's terminal half, on the main thread: node:readline for line editing, history
// (a bounded file in the home directory), tab completion (names asked of the evaluating half),
// bracketed paste, and Ctrl-C. The evaluating half (repl.ts) runs on the runtime worker, so
// this thread's event loop is free while Scheme code runs: Ctrl-C then sets the interrupt
// flag, and the evaluation ends with "user interrupt", every definition kept. Ctrl-C while
// typing clears the input; Ctrl-D (end of input) leaves.
//
// Lines are handed over one at a time, in order; lines typed or piped while an evaluation
// runs wait their turn. With `--no-worker` the evaluating half runs on this thread (no
// interrupts).

import { createInterface, Interface } from "node:readline";
import { existsSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { CliOptions, EXIT } from "./options.js";
import { RuntimeWorker } from "../host/worker/runtime-worker.js";
import { colorsFor, exitStatus } from "./launch.js";
import type { CliJob } from "./launch.js";
import type { LineReply, ReplRequest } from "./repl.js";

/** The evaluating half, wherever it runs. */
interface ReplBackend {
  ask(req: ReplRequest): Promise<unknown>;
  /** Interrupt the running evaluation (false: not possible here). */
  interrupt(): boolean;
  /** Called before each evaluation: forget an interrupt that came too late for the last one. */
  clearInterrupt(): void;
}

const HISTORY_SIZE = 1000;
const PROMPT = "kiln> ";
const MORE = "  ... ";

function historyFile(): string | null {
  const v = process.env.KILN_HISTORY;
  if (v !== undefined) return v === "" ? null : v;
  try { return path.join(homedir(), ".kiln_history"); } catch { return null; }
}

function loadHistory(file: string | null): string[] {
  if (!file || !existsSync(file)) return [];
  try {
    // The file has the oldest line first; readline wants the newest first.
    return readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").slice(-HISTORY_SIZE).reverse();
  } catch { return []; }
}

function saveHistory(file: string | null, newestFirst: readonly string[]): void {
  if (!file) return;
  try { writeFileSync(file, [...newestFirst.slice(0, HISTORY_SIZE)].reverse().join("\n") + "\n", { mode: 0o600 }); }
  catch { /* history is a convenience: never an error */ }
}

/** The REPL with its evaluating half on the runtime worker. */
export function startWorkerRepl(o: CliOptions, first: RuntimeWorker<CliJob>): void {
  let worker = first;
  const backend: ReplBackend = {
    ask: (req) => worker.request(req),
    interrupt: () => { worker.interrupt(); return true; },
    clearInterrupt: () => worker.clearInterrupt(),
  };
  const term = new ReplTerminal(backend);
  const watch = (w: RuntimeWorker<CliJob>): void => {
    void w.outcome.then((outcome) => {
      if (term.closing) return;
      if (outcome.kind === "out-of-memory") {
        // Only the worker died: report, and go on with a fresh one (definitions are lost).
        exitStatus(outcome);
        writeSync(2, "kiln: the REPL starts afresh (every definition is lost)\n");
        worker = new RuntimeWorker<CliJob>({
          entry: new URL("./worker-entry.js", import.meta.url),
          data: { options: o, color: colorsFor(process.stdout.isTTY) },
          heapMb: o.heapMb ?? undefined, stackMb: o.stackMb ?? undefined,
        });
        watch(worker);
        term.restarted();
        return;
      }
      term.finish(exitStatus(outcome));
    });
  };
  watch(worker);
  term.start();
}

/** The REPL evaluating on this thread (`--no-worker`). */
export async function startLocalRepl(o: CliOptions): Promise<void> {
  const { createSession } = await import("./repl.js");
  const session = createSession(o, colorsFor(process.stdout.isTTY), {});
  const backend: ReplBackend = {
    ask: async (req) => session.handle(req),
    interrupt: () => false,
    clearInterrupt: () => {},
  };
  new ReplTerminal(backend).start();
}

class ReplTerminal {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private busy = false;
  private more = false;
  private ended = false;
  closing = false;
  private pasting = false;
  private readonly tty: boolean;
  private readonly history = historyFile();

  constructor(private readonly backend: ReplBackend) {
    this.tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
    this.rl = createInterface({
      input: process.stdin, output: process.stdout, terminal: this.tty,
      prompt: PROMPT, historySize: HISTORY_SIZE, removeHistoryDuplicates: true,
      history: this.tty ? loadHistory(this.history) : [],
      completer: (line: string, done: (err: null, result: [string[], string]) => void) => this.complete(line, done),
    } as Parameters<typeof createInterface>[0]);
  }

  start(): void {
    const rl = this.rl;
    if (this.tty) {
      writeSync(1, "\x1b[?2004h");  // bracketed paste: pasted text arrives marked
      process.stdin.on("keypress", (_s: unknown, key: { name?: string } | undefined) => {
        if (key?.name === "paste-start") this.pasting = true;
        else if (key?.name === "paste-end") this.pasting = false;
      });
      rl.on("history", (h: string[]) => saveHistory(this.history, h));
    }
    rl.on("line", (line) => { this.queue.push(line); void this.pump(); });
    rl.on("close", () => { this.ended = true; void this.pump(); });
    rl.on("SIGINT", () => this.onInterrupt());
    process.on("SIGINT", () => this.onInterrupt());
    rl.prompt();
  }

  /** Hand queued lines over one at a time; at end of input, finish once the queue is empty. */
  private async pump(): Promise<void> {
    if (this.busy || this.closing) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && !this.closing) {
        const line = this.queue.shift()!;
        this.backend.clearInterrupt();
        const reply = await this.ask({ op: "line", text: line }) as LineReply | null;
        if (reply === null) return;
        if (reply.quit !== undefined) { this.finish(reply.quit); return; }
        this.more = reply.more;
      }
      if (this.ended) {
        const reply = await this.ask({ op: "end" }) as LineReply | null;
        this.finish(reply?.quit ?? 0);
        return;
      }
    } finally { this.busy = false; }
    this.rl.setPrompt(this.more ? MORE : PROMPT);
    this.rl.prompt(true);
  }

  private async ask(req: ReplRequest): Promise<unknown> {
    try { return await this.backend.ask(req); }
    catch { return null; }  // the worker ended: its outcome decides what happens
  }

  private onInterrupt(): void {
    if (this.busy && this.backend.interrupt()) {
      this.queue.length = 0;  // type-ahead belongs to the interrupted evaluation
      return;
    }
    if (this.busy) return;
    // At the prompt: drop what is typed so far, on this line and in an open datum.
    const typed = this.rl.line !== "" || this.more;
    this.rl.write(null, { ctrl: true, name: "e" });
    this.rl.write(null, { ctrl: true, name: "u" });
    if (this.tty) writeSync(1, "^C\n");
    this.more = false;
    void this.ask({ op: "reset" });
    if (!typed && this.tty) writeSync(1, "(,quit or Ctrl-D leaves)\n");
    this.rl.setPrompt(PROMPT);
    this.rl.prompt();
  }

  private complete(line: string, done: (err: null, result: [string[], string]) => void): void {
    if (this.pasting || this.busy) { done(null, [[], ""]); return; }
    this.backend.ask({ op: "complete", line }).then(
      (r) => done(null, r as [string[], string]),
      () => done(null, [[], ""]));
  }

  /** The worker was replaced (out of memory): a fresh prompt. */
  restarted(): void {
    this.busy = false;
    this.more = false;
    this.queue.length = 0;
    this.rl.setPrompt(PROMPT);
    this.rl.prompt();
  }

  finish(code: number): void {
    if (this.closing) return;
    this.closing = true;
    if (this.tty) writeSync(1, "\x1b[?2004l");
    else if (code === EXIT.ok.code) writeSync(1, "\n");
    process.exit(code);
  }
}
