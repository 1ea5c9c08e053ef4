// How host code signals Scheme errors. A primitive throws `SchemeError` carrying the raised
// Scheme object (usually an ErrorObject); the interpreter catches it and turns it into a
// `raise` in the calling Scheme frame, so handlers and backtraces see it like any other.

import { ErrorObject, LimitError, NIL, Value, arrayToList } from "./values.js";
import { Interrupted } from "./interrupts.js";

export class SchemeError extends Error {
  constructor(readonly payload: Value, readonly continuable = false) {
    super(payload instanceof ErrorObject ? payload.message : "non-error object raised");
  }
}

/** Raise `(error message irritant ...)`. */
export function schemeError(message: string, ...irritants: Value[]): never {
  throw new SchemeError(new ErrorObject(message, arrayToList(irritants)));
}

/**
 * Why a host operation failed, when `e` is a system error (Node's errors with a `code`, such as
 * ENOSPC): "no space left on device", without the code and path decoration; else null.
 */
export function systemErrorReason(e: unknown): string | null {
  if (!(e instanceof Error) || typeof (e as { code?: unknown }).code !== "string") return null;
  const m = /^[A-Z]+: ([^,]+)/.exec(e.message);
  return m ? m[1] : e.message;
}

/**
 * `write`, raising a file error "cannot write to the <what>: <why>" when the host fails with a
 * system error (a full disk, a closed descriptor); other exceptions pass unchanged.
 */
export function raisingFileErrors(write: (text: string) => void, what: string): (text: string) => void {
  return (text) => {
    try { write(text); }
    catch (e) {
      const why = systemErrorReason(e);
      if (why === null) throw e;
      kindError("file", `cannot write to the ${what}: ${why}`);
    }
  };
}

/** Raise an error of kind file or read (file-error? / read-error?). */
export function kindError(kind: "file" | "read", message: string, ...irritants: Value[]): never {
  throw new SchemeError(new ErrorObject(message, arrayToList(irritants), kind));
}

/** The standard wrong-type error of a primitive: "car: expected a pair" with the value as irritant. */
export function typeError(who: string, expected: string, got: Value): never {
  throw new SchemeError(new ErrorObject(`${who}: expected ${expected}`, arrayToList([got])));
}

export function rangeError(who: string, what: string, got: Value): never {
  throw new SchemeError(new ErrorObject(`${who}: ${what} out of range`, arrayToList([got])));
}

/** An index past the end (or negative): "vector-ref: index out of range for length 3: 5". */
export function indexRangeError(who: string, index: Value, length: number): never {
  throw new SchemeError(new ErrorObject(`${who}: index out of range for length ${length}:`, arrayToList([index])));
}

export const noIrritants = NIL;

/**
 * The Scheme object to raise for a JS exception that escaped a primitive: its payload for a
 * SchemeError; a plain error saying what ran out for a size limit, a JS stack overflow or a
 * failed allocation (all catchable in JS, so the program sees a Scheme error); otherwise an
 * "internal error" (a bug in Kiln). `internal` is true only for the last.
 */
export function hostErrorPayload(e: unknown): { payload: Value; internal: boolean } {
  const plain = (message: string): { payload: Value; internal: boolean } =>
    ({ payload: new ErrorObject(message, NIL), internal: false });
  if (e instanceof SchemeError) return { payload: e.payload, internal: false };
  if (e instanceof LimitError || e instanceof Interrupted) return plain(e.message);
  // Node's decoders say so in an Error of their own.
  if (e instanceof Error && /string longer than/i.test(e.message)) return plain("string too long (the JavaScript string limit)");
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return plain("stack overflow inside a primitive (data nested too deeply)");
    if (/string length/i.test(e.message)) return plain("string too long (the JavaScript string limit)");
    if (/array length|allocation failed|typed array|buffer/i.test(e.message)) return plain(`out of memory: ${e.message}`);
    // A Map or Set of 2^24 entries (the printer's or equal?'s tables over huge data).
    if (/maximum size exceeded/i.test(e.message)) return plain(`data too large: ${e.message}`);
  }
  return { payload: new ErrorObject(`internal error: ${e instanceof Error ? e.message : String(e)}`, NIL), internal: true };
}
