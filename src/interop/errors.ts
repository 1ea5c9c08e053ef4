// Errors across the boundary, each side getting its natural kind of error.
//
// Scheme to JS: a condition nobody handled (or a syntax error, or a read error) becomes a
// `KilnError`: an Error whose message is the Scheme message with its irritants written, and
// which keeps the raw condition (`payload`), the message and irritants apart, the source
// position and the Scheme backtrace; its `stack` is the Scheme backtrace, so Node prints that.
//
// JS to Scheme: an exception thrown by a JS function called from Scheme is raised as a Scheme
// error object with the JS message and the JS error as its one irritant. When that condition
// comes back out to JS unhandled, JS gets its own original error again (the Scheme backtrace
// attached as `schemeBacktrace`). A KilnError thrown back into Scheme raises its original
// condition, so a round trip is invisible.

import { Value, ErrorObject, listToArray, list } from "../runtime/values.js";
import { SchemeError } from "../runtime/errors.js";
import { BacktraceEntry, ExitSignal, UncaughtError } from "../vm/requests.js";
import { describeRaised, formatBacktrace } from "../cli/report.js";
import { writeString } from "../runtime/printer.js";
import { SourcePos } from "../bytecode/code.js";
import { Interrupted, InterruptReason } from "../runtime/interrupts.js";

export interface SchemeLocation { file: string; line: number; column: number }

export type KilnErrorKind = "error" | "file" | "read" | "syntax" | "raise" | "interrupted";

export class KilnError extends Error {
  override name = "KilnError";
  /** The Scheme message without irritants (for a non-error object raised: its written form). */
  readonly schemeMessage: string;
  /** The irritants, as Scheme values (convert them with `toJS` if needed). */
  readonly irritants: Value[];
  /** What was raised, as a Scheme value. */
  readonly payload: Value;
  /**
   * error (error / a primitive's error), file, read, syntax (found before running), raise (a
   * non-error object), interrupted (a time or step limit, an abort: see `reason`).
   */
  readonly kind: KilnErrorKind;
  /** Where it happened: the innermost Scheme frame, or the form a syntax error is about. */
  readonly location: SchemeLocation | null;
  /** Scheme frames, innermost first. */
  readonly backtrace: readonly BacktraceEntry[];

  /** For kind "interrupted": why ("timeout", "steps", "abort", "interrupt"). */
  readonly reason: InterruptReason | null = null;

  constructor(payload: Value, backtrace: readonly BacktraceEntry[], location: SchemeLocation | null, syntax = false,
              interrupted: InterruptReason | null = null) {
    super(describeRaised(payload));
    this.payload = payload;
    this.backtrace = backtrace;
    this.location = location;
    if (payload instanceof ErrorObject) {
      this.schemeMessage = payload.message;
      this.irritants = listToArray(payload.irritants) ?? [];
      this.kind = interrupted ? "interrupted" : syntax ? "syntax" : payload.kind;
      this.reason = interrupted;
    } else {
      this.schemeMessage = writeString(payload, "write");
      this.irritants = [];
      this.kind = syntax ? "syntax" : "raise";
    }
    const where = location ? `${location.file}:${location.line}:${location.column}: ` : "";
    this.stack = [`KilnError: ${where}${this.message}`, ...formatBacktrace([...backtrace])].join("\n");
  }
}

/** `(exit n)` ran: the evaluation ended with this status. */
export class KilnExit extends Error {
  override name = "KilnExit";
  constructor(readonly code: number) { super(`exit ${code}`); }
}

/** Scheme conditions made from JS errors, mapped back to the original error. */
const originalError = new WeakMap<object, unknown>();

/** The Scheme condition to raise for an exception thrown by JS code called from Scheme. */
export function schemeConditionOf(e: unknown, who: string): Value {
  if (e instanceof KilnError) return e.payload;
  const message = e instanceof Error ? e.message : `${who}: ${typeof e === "string" ? e : "a JavaScript exception"}`;
  const payload = new ErrorObject(message, list(e));
  originalError.set(payload, e);
  return payload;
}

/** Rethrow a JS exception into Scheme: a SchemeError the interpreter raises where the call was. */
export function throwIntoScheme(e: unknown, who: string): never {
  if (e instanceof SchemeError) throw e;
  throw new SchemeError(schemeConditionOf(e, who));
}

/** Errors that must cross every boundary untouched (interrupts, exits). */
export function passesThrough(e: unknown): boolean {
  return e instanceof ExitSignal || e instanceof Interrupted;
}

/** The JS error for an exception that came out of a Scheme evaluation. */
export function jsErrorOf(e: unknown): unknown {
  if (e instanceof UncaughtError) {
    const original = typeof e.payload === "object" && e.payload !== null ? originalError.get(e.payload) : undefined;
    if (original !== undefined) {
      try { (original as { schemeBacktrace?: unknown }).schemeBacktrace = e.backtrace; } catch { /* frozen */ }
      return original;
    }
    const top = e.backtrace[0];
    return new KilnError(e.payload, e.backtrace, top?.file ? { file: top.file, line: top.line, column: top.column } : null);
  }
  if (e instanceof ExitSignal) return new KilnExit(e.code);
  if (e instanceof Interrupted) {
    const top = e.backtrace[0];
    return new KilnError(new ErrorObject(e.message, list()), e.backtrace,
      top?.file ? { file: top.file, line: top.line, column: top.column } : null, false, e.reason);
  }
  if (e instanceof SchemeError) {
    // Raised before anything ran: a syntax error from the expander or a read error.
    const pos = (e as SchemeError & { pos?: SourcePos | null }).pos ?? null;
    return new KilnError(e.payload, [], pos ? { file: pos.file, line: pos.line, column: pos.column } : null, e.constructor.name === "SyntaxError");
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new KilnError(new ErrorObject("nesting too deep to compile (the JavaScript stack ran out)", list()), [], null, true);
  }
  return e;
}
