// How errors reach a person: `file:line:col: message irritants`, then a Scheme backtrace,
// innermost first, with long runs of the same frame folded. Never a JavaScript stack.

import { Value, ErrorObject, listToArray } from "../runtime/values.js";
import { writeString } from "../runtime/printer.js";
import { SchemeError, hostErrorPayload } from "../runtime/errors.js";
import { UncaughtError, BacktraceEntry } from "../vm/requests.js";
import { SourcePos } from "../bytecode/code.js";
import { Interrupted } from "../runtime/interrupts.js";
import { workerBacktraceOf } from "../parallel/errors.js";

/** Whether an evaluation was stopped by an interrupt or a budget (not by the program). */
export function isInterrupted(e: unknown): e is Interrupted { return e instanceof Interrupted; }

/** A long irritant (an arity error's list of 10^5 arguments) is shown by its head. */
function clipWritten(text: string): string {
  return text.length <= 1000 ? text : `${text.slice(0, 1000)} ... [${text.length - 1000} more characters]`;
}

/** The message of a raised object: an error object's message and irritants, or the object written. */
export function describeRaised(payload: Value): string {
  if (payload instanceof ErrorObject) {
    const irritants = listToArray(payload.irritants) ?? [];
    // An arity error carries every argument; a message shows the first few.
    const shown = irritants.slice(0, 20).map((x) => clipWritten(writeString(x, "write")));
    if (irritants.length > 20) shown.push(`... (${irritants.length - 20} more)`);
    return [payload.message, ...shown].join(" ");
  }
  return `uncaught exception: ${writeString(payload, "write")}`;
}

function where(file: string | null, line: number, column: number): string {
  return file ? `${file}:${line}:${column}` : "<unknown>";
}

export function formatBacktrace(frames: BacktraceEntry[]): string[] {
  // Fold runs of identical frames (deep recursion) into one line each.
  const folded: { e: BacktraceEntry; n: number }[] = [];
  for (const e of frames) {
    const last = folded[folded.length - 1];
    if (last && last.e.name === e.name && last.e.file === e.file && last.e.line === e.line && last.e.column === e.column) last.n++;
    else folded.push({ e, n: 1 });
  }
  const lines: string[] = [];
  const show = (f: { e: BacktraceEntry; n: number }): void => {
    lines.push(`  at ${f.e.name} (${where(f.e.file, f.e.line, f.e.column)})`);
    if (f.n > 1) lines.push(`  ... ${f.n - 1} more frames of ${f.e.name} ...`);
  };
  if (folded.length <= 40) folded.forEach(show);
  else {
    folded.slice(0, 30).forEach(show);
    const hidden = folded.slice(30, -10).reduce((s, f) => s + f.n, 0);
    lines.push(`  ... ${hidden} more frames ...`);
    folded.slice(-10).forEach(show);
  }
  return lines;
}

/** The text printed for an error that ended a run. */
export function formatError(e: unknown, file?: string): string {
  if (e instanceof UncaughtError || e instanceof Interrupted) {
    const top = e.backtrace[0];
    const head = top ? `${where(top.file, top.line, top.column)}: ` : "";
    const lines = [head + (e instanceof Interrupted ? e.message : describeRaised(e.payload))];
    if (e.backtrace.length) lines.push("Backtrace (innermost first):", ...formatBacktrace(e.backtrace));
    const onWorker = e instanceof UncaughtError ? workerBacktraceOf(e.payload) : undefined;
    if (onWorker) lines.push("Raised on a worker thread of (kiln parallel); its backtrace (innermost first):", ...formatBacktrace(onWorker));
    return lines.join("\n") + "\n";
  }
  if (e instanceof SchemeError) {
    const pos = (e as SchemeError & { pos?: SourcePos | null }).pos;
    // Without a position it was raised outside the program (output that could not be written at exit).
    const head = pos ? `${pos.file}:${pos.line}:${pos.column}: ` : "kiln: ";
    return head + describeRaised(e.payload) + "\n";
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return `${file ? file + ": " : ""}nesting too deep to compile (the JavaScript stack ran out)\n`;
  }
  const { payload } = hostErrorPayload(e);  // a size limit or failed allocation, else an internal error
  return describeRaised(payload) + "\n";
}
