// How host code signals Scheme errors. A primitive throws `SchemeError` carrying the raised
// Scheme object (usually an ErrorObject); the interpreter catches it and turns it into a
// `raise` in the calling Scheme frame, so handlers and backtraces see it like any other.

import { ErrorObject, NIL, Value, arrayToList } from "./values.js";

export class SchemeError extends Error {
  constructor(readonly payload: Value, readonly continuable = false) {
    super(payload instanceof ErrorObject ? payload.message : "non-error object raised");
  }
}

/** Raise `(error message irritant ...)`. */
export function schemeError(message: string, ...irritants: Value[]): never {
  throw new SchemeError(new ErrorObject(message, arrayToList(irritants)));
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
