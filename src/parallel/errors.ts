// Conditions raised by `touch` for a task that failed on a worker. The payload the worker raised
// is raised again (the same message and irritants, so `guard` and `error-object-message` see
// what sequential code would); the worker's backtrace is remembered beside an error object so
// that a report of the uncaught error can show where on the worker it happened
// (src/cli/report.ts prints it).

import { ErrorObject, NIL } from "../runtime/values.js";
import type { BacktraceEntry } from "../vm/requests.js";

const workerBacktraces = new WeakMap<object, BacktraceEntry[]>();

/** Remember where on a worker `payload` was raised. */
export function setWorkerBacktrace(payload: object, backtrace: BacktraceEntry[]): void {
  if (backtrace.length > 0) workerBacktraces.set(payload, backtrace);
}

/** Where on a worker `payload` was raised, when it came from one. */
export function workerBacktraceOf(payload: unknown): BacktraceEntry[] | undefined {
  return payload !== null && typeof payload === "object" ? workerBacktraces.get(payload) : undefined;
}

/** The condition for a task whose worker ended before it finished (or the pool stopped). */
export function lostTask(text: string): ErrorObject {
  return new ErrorObject(`touch: ${text}`, NIL);
}
