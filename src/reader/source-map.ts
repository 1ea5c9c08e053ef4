// Source positions of read data, and the reader's error type.
//
// Input: the reader records positions as it builds pairs and vectors.
// Output: `positionOf(x)` for the expander and compiler (file:line:col in diagnostics).
// Invariants: line and column are 1-based; columns count code points, not UTF-16 units.
// Positions are kept in a WeakMap so read data carry no extra fields and can be collected.

import { SourcePos } from "../bytecode/code.js";
import { SchemeError } from "../runtime/errors.js";
import { ErrorObject, NIL, Value } from "../runtime/values.js";

export type { SourcePos };

/**
 * Pair -> position: the first pair of a list maps to its opening parenthesis (or to the quote
 * character of an abbreviation), every later pair to the start of its car. Vectors and
 * bytevectors map to their `#(` / `#u8(`.
 */
export const sourcePositions: WeakMap<object, SourcePos> = new WeakMap();

export function positionOf(x: Value): SourcePos | undefined {
  return x !== null && typeof x === "object" ? sourcePositions.get(x) : undefined;
}

export function formatPos(p: SourcePos): string {
  return `${p.file}:${p.line}:${p.column}`;
}

/**
 * A syntax error in read input. It is a SchemeError whose payload is an ErrorObject of kind
 * "read" (so `read-error?` holds); the message is plain and the position lives in `pos`.
 */
export class ReadError extends SchemeError {
  /**
   * @param incomplete the text ended inside a datum (an open list, string, block comment...):
   *   more text could complete it, so a REPL reads another line instead of reporting.
   */
  constructor(message: string, readonly pos: SourcePos, readonly incomplete = false) {
    super(new ErrorObject(message, NIL, "read"));
    this.name = "ReadError";
  }
}
