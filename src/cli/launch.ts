// `kiln` on the main thread: parse the command line, answer --help and --version, and start
// the runtime worker (src/host/worker) that runs the program or the REPL's evaluations. This
// thread stays idle while Scheme code runs, so Ctrl-C (SIGINT) is seen at once: it sets the
// shared interrupt flag that both tiers poll; the worker then reports where the program was
// and exits 130 (a read of standard input is interrupted too: this thread does the reading,
// src/host/worker/stdin-relay.ts). If the program has not stopped within a second, or on a
// second Ctrl-C, this thread ends the process with status 130 itself. Out of memory ends only the worker: this thread reports
// it and exits 70.
//
// Loads nothing of the runtime itself: start-up is the worker's.

import { writeSync, readFileSync } from "node:fs";
import { CliOptions, EXIT, UsageError, helpText, parseArgs } from "./options.js";
import { RuntimeWorker, WorkerOutcome, outOfMemoryMessage } from "../host/worker/runtime-worker.js";

/** What the runtime worker of the CLI is given. */
export interface CliJob {
  readonly options: CliOptions;
  /** Colours in REPL output (a terminal, NO_COLOR unset). */
  readonly color: boolean;
}

const GRACE_MS = 1000;

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    return pkg.version;
  } catch { return "unknown"; }
}

function say(fd: number, text: string): void {
  try { writeSync(fd, text); } catch { /* the reader went away */ }
}

/** Whether output to `fd` may use colours (a terminal, NO_COLOR unset or empty, TERM not dumb). */
export function colorsFor(isTTY: boolean | undefined): boolean {
  const noColor = process.env.NO_COLOR;
  return isTTY === true && (noColor === undefined || noColor === "") && process.env.TERM !== "dumb";
}

/**
 * Run the command line; resolves with the exit status (-1 when the REPL keeps the process).
 * `workerEntry` is the module the runtime worker runs: by default worker-entry.js beside this
 * module; the bundled CLI (scripts/bundle-cli.mjs) passes its own worker bundle's starter.
 */
export async function launch(argv: string[], workerEntry: URL = new URL("./worker-entry.js", import.meta.url)): Promise<number> {
  let o: CliOptions;
  try { o = parseArgs(argv, process.env); }
  catch (e) {
    if (!(e instanceof UsageError)) throw e;
    say(2, `kiln: ${e.message}\nTry 'kiln --help'.\n`);
    return EXIT.usage.code;
  }
  if (o.action === "help") { say(1, helpText()); return EXIT.ok.code; }
  if (o.action === "version") { say(1, `kiln ${version()} (Node ${process.version})\n`); return EXIT.ok.code; }
  if (!o.worker) {
    if (o.action === "repl") { (await import("./repl-terminal.js")).startLocalRepl(o); return -1; }
    return await (await import("./main.js")).runCli(o, {});
  }
  const worker = new RuntimeWorker<CliJob>({
    entry: workerEntry,
    data: { options: o, color: colorsFor(process.stdout.isTTY) },
    heapMb: o.heapMb ?? undefined, stackMb: o.stackMb ?? undefined,
    stdin: o.action !== "repl",  // the REPL's terminal half owns standard input
  });
  if (o.action === "repl") {
    (await import("./repl-terminal.js")).startWorkerRepl(o, worker);
    return -1;
  }
  return runProgram(worker);
}

/** A program on the worker: Ctrl-C interrupts it; resolves with its exit status. */
async function runProgram(worker: RuntimeWorker<CliJob>): Promise<number> {
  let forced: NodeJS.Timeout | null = null;
  const giveUp = (): void => {
    say(2, "\nkiln: interrupted\n");
    process.exit(EXIT.interrupted.code);
  };
  const onSigint = (): void => {
    if (forced !== null) giveUp();
    worker.interrupt();
    forced = setTimeout(giveUp, GRACE_MS);
    forced.unref();
  };
  process.on("SIGINT", onSigint);
  const outcome = await worker.outcome;
  process.off("SIGINT", onSigint);
  if (forced !== null) clearTimeout(forced);
  return exitStatus(outcome);
}

/** The exit status for how the worker ended, reporting out of memory and crashes. */
export function exitStatus(outcome: WorkerOutcome): number {
  switch (outcome.kind) {
    case "exit": return outcome.code;
    case "out-of-memory":
      say(2, `kiln: ${outOfMemoryMessage(outcome.heapMb)} (--max-heap=MB sets it)\n`);
      return EXIT.error.code;
    case "crash":
      say(2, `kiln: internal error: ${outcome.error.message}\n`);
      if (process.env.KILN_DEBUG) say(2, String(outcome.error.stack) + "\n");
      return EXIT.error.code;
  }
}
