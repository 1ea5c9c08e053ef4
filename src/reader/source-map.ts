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
 * A weak map from objects to positions that stays fast past a million entries. V8 gives an
 * object an identity hash of only 20 bits, so one WeakMap (an open-addressing table) holding
 * more than about 10^6 keys degrades to long probe sequences: 3,000,000 entries took 45 s and
 * reading a program of 10^6 forms 333 s. Entries go to the newest of several WeakMaps, each
 * holding at most SHARD entries; a lookup tries the newest first (the text being expanded is
 * usually the text just read). A program of ordinary size uses one WeakMap. Shards are never
 * dropped (a WeakMap cannot tell it is empty): a process reads about 500,000 pairs of program
 * text per shard it adds.
 */
export class PositionTable {
  static readonly SHARD = 1 << 19;
  private readonly shards: WeakMap<object, SourcePos>[] = [new WeakMap()];
  /** Entries put in the newest shard (counted when set: collected keys are not subtracted). */
  private count = 0;

  get(x: object): SourcePos | undefined {
    const shards = this.shards;
    for (let i = shards.length - 1; i >= 0; i--) {
      const p = shards[i].get(x);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  /** A key set again goes to the newest shard too: lookups find it there first. */
  set(x: object, p: SourcePos): void {
    if (this.count >= PositionTable.SHARD) { this.shards.push(new WeakMap()); this.count = 0; }
    this.shards[this.shards.length - 1].set(x, p);
    this.count++;
  }
}

/**
 * Pair -> position: the first pair of a list maps to its opening parenthesis (or to the quote
 * character of an abbreviation), every later pair to the start of its car. Vectors and
 * bytevectors map to their `#(` / `#u8(`.
 */
export const sourcePositions = new PositionTable();

/**
 * Top-level data the reader built from program text (positions on) with no datum label: fresh
 * pairs and vectors, nothing shared, no cycle. The circularity check (expander/acyclic.ts)
 * need not walk them: program text goes from the reader straight to the expander, and no
 * Scheme code holds such a datum before (`read` on a port keeps no positions, so a datum a
 * program reads and mutates is never in this set).
 */
export const treeShaped: WeakSet<object> = new WeakSet();

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
