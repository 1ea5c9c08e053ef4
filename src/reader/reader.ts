// The reader: text -> Scheme data (R7RS sections 2 and 7.1.2).
//
// Input: source text and a file name. Output: Scheme values (Pair/NIL lists, interned symbols,
// Char, MString, JS arrays for vectors, Uint8Array for bytevectors, numbers from numbers.ts),
// with source positions recorded in `sourcePositions` (see source-map.ts).
// Invariants: parsing is iterative (an explicit frame stack), so neither list length nor nesting
// depth uses the JS stack. Datum labels are scoped to one top-level datum; a reference to a
// label whose datum is still being read gets a placeholder that is patched, in place, once the
// datum is complete, so `#0=(a . #0#)` builds a real cycle. Errors are ReadErrors.

import { NIL, Pair, Sym, Value, EOF, intern, MAX_ARRAY_LENGTH } from "../runtime/values.js";
import { Lexer, Tok } from "./lexer.js";
import { ReadError, SourcePos, sourcePositions, treeShaped } from "./source-map.js";

export { ReadError, sourcePositions, positionOf, formatPos } from "./source-map.js";
export type { SourcePos } from "./source-map.js";

const enum F { List, Vector, Bytes, Abbrev, Label, Comment }

/** Stand-in for a labelled datum referenced before it is complete. */
class Placeholder {
  value: Value = undefined;
  resolved = false;
  used = false;
  constructor(readonly n: number) {}
}

/** One open construct on the parse stack. All kinds share one shape to keep access monomorphic. */
class Frame {
  head: Pair | null = null;
  tail: Pair | null = null;
  /** List: 0 reading elements, 1 just saw '.', 2 have the dotted tail. */
  state = 0;
  items: Value[] | null = null;
  sym: Sym | null = null;
  placeholder: Placeholder | null = null;
  constructor(readonly kind: F, readonly line: number, readonly col: number,
              /** Closing character expected (lists, vectors, bytevectors). */
              readonly close: number, readonly what: string) {}
}

const QUOTE = intern("quote");
const QUASIQUOTE = intern("quasiquote");
const UNQUOTE = intern("unquote");
const UNQUOTE_SPLICING = intern("unquote-splicing");

export interface ReaderOptions {
  /** UTF-16 offset to start at, with its line and column (defaults: 0, 1, 1). */
  offset?: number;
  line?: number;
  column?: number;
  foldCase?: boolean;
  /** Record source positions (default true). */
  positions?: boolean;
}

export class Reader {
  private lx: Lexer;
  private stack: Frame[] = [];
  private labels = new Map<number, Placeholder>();
  private readonly positions: boolean;

  constructor(text: string, readonly file: string, opts: ReaderOptions = {}) {
    this.lx = new Lexer(text, file, opts.offset ?? 0, opts.line ?? 1, opts.column ?? 1, opts.foldCase ?? false);
    this.positions = opts.positions ?? true;
  }

  /** UTF-16 offset just past the last datum read (its closing delimiter, not what follows). */
  get offset(): number { return this.lx.i; }
  get line(): number { return this.lx.line; }
  get column(): number { return this.lx.col; }
  get foldCase(): boolean { return this.lx.foldCase; }
  set foldCase(on: boolean) { this.lx.foldCase = on; }

  private pos(line: number, col: number): SourcePos {
    return { file: this.file, line, column: col };
  }

  /** The next datum, or the EOF object when only atmosphere remains. */
  read(): Value {
    const lx: Lexer = this.lx;
    this.stack.length = 0;
    this.labels.clear();
    for (;;) {
      const tok = lx.next();
      let v: Value;
      switch (tok) {
        case Tok.EOF:
          if (this.stack.length === 0) return EOF;
          this.eofError();
        // eslint-disable-next-line no-fallthrough
        case Tok.Datum:
          v = lx.tokValue;
          break;
        case Tok.Open:
          if (this.stack.length >= MAX_ARRAY_LENGTH) lx.error(`nesting too deep (the limit is ${MAX_ARRAY_LENGTH} levels)`, lx.tokLine, lx.tokCol);
          this.stack.push(new Frame(F.List, lx.tokLine, lx.tokCol, lx.tokBracket, lx.tokBracket === 0x29 ? "(" : "["));
          continue;
        case Tok.OpenVector: {
          const f = new Frame(F.Vector, lx.tokLine, lx.tokCol, 0x29, "#(");
          f.items = [];
          this.stack.push(f);
          continue;
        }
        case Tok.OpenBytes: {
          const f = new Frame(F.Bytes, lx.tokLine, lx.tokCol, 0x29, "#u8(");
          f.items = [];
          this.stack.push(f);
          continue;
        }
        case Tok.Close: {
          v = this.close();
          if (v === undefined) continue;
          break;
        }
        case Tok.Dot: {
          const f = this.top();
          if (f === null || f.kind !== F.List || f.state !== 0 || f.head === null) lx.error("unexpected '.'");
          f.state = 1;
          continue;
        }
        case Tok.Quote: this.pushAbbrev(QUOTE, "'"); continue;
        case Tok.Quasiquote: this.pushAbbrev(QUASIQUOTE, "`"); continue;
        case Tok.Unquote: this.pushAbbrev(UNQUOTE, ","); continue;
        case Tok.UnquoteSplicing: this.pushAbbrev(UNQUOTE_SPLICING, ",@"); continue;
        case Tok.DatumComment:
          this.stack.push(new Frame(F.Comment, lx.tokLine, lx.tokCol, 0, "#;"));
          continue;
        case Tok.LabelDef: {
          const n = lx.tokLabel;
          if (this.labels.has(n)) lx.error(`duplicate datum label #${n}=`);
          const ph = new Placeholder(n);
          this.labels.set(n, ph);
          const f = new Frame(F.Label, lx.tokLine, lx.tokCol, 0, `#${n}=`);
          f.placeholder = ph;
          this.stack.push(f);
          continue;
        }
        case Tok.LabelRef: {
          const ph = this.labels.get(lx.tokLabel);
          if (ph === undefined) lx.error(`undefined datum label #${lx.tokLabel}#`);
          if (ph.resolved) v = ph.value;
          else { ph.used = true; v = ph; }
          break;
        }
      }
      const done = this.deliver(v, lx.tokLine, lx.tokCol);
      if (done) {
        const x = this.result;
        if (this.positions && this.labels.size === 0 && x !== null && typeof x === "object") treeShaped.add(x);
        return x;
      }
    }
  }

  private result: Value = undefined;

  private top(): Frame | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
  }

  private pushAbbrev(sym: Sym, what: string): void {
    const f = new Frame(F.Abbrev, this.lx.tokLine, this.lx.tokCol, 0, what);
    f.sym = sym;
    this.stack.push(f);
  }

  private eofError(): never {
    const f = this.top()!;
    if (f.kind === F.List || f.kind === F.Vector || f.kind === F.Bytes) {
      this.lx.endOfInput(`expected '${String.fromCharCode(f.close)}' to close '${f.what}' at ${f.line}:${f.col}`);
    }
    this.lx.endOfInput(`expected a datum after ${f.what} at ${f.line}:${f.col}`);
  }

  /** A closing bracket: finish the innermost list/vector/bytevector; undefined if none completes. */
  private close(): Value {
    const lx: Lexer = this.lx;
    const f = this.top();
    const got = String.fromCharCode(lx.tokBracket);
    if (f === null) lx.error(`unexpected '${got}'`);
    if (f.kind === F.Abbrev || f.kind === F.Label || f.kind === F.Comment) {
      lx.error(`expected a datum after ${f.what} at ${f.line}:${f.col}`);
    }
    if (f.close !== lx.tokBracket) {
      lx.error(`expected '${String.fromCharCode(f.close)}' to close '${f.what}' at ${f.line}:${f.col}`);
    }
    if (f.state === 1) lx.error("expected a datum after '.'");
    this.stack.pop();
    let v: Value;
    if (f.kind === F.List) v = f.head ?? NIL;
    else if (f.kind === F.Vector) {
      v = f.items!;
      if (this.positions) sourcePositions.set(v, this.pos(f.line, f.col));
    } else {
      v = Uint8Array.from(f.items!);
      if (this.positions) sourcePositions.set(v, this.pos(f.line, f.col));
    }
    // The datum starts at the opening bracket.
    lx.tokLine = f.line; lx.tokCol = f.col;
    return v;
  }

  /**
   * Hand a complete datum starting at (line, col) to the innermost frame, completing as many
   * frames as that finishes. Returns true when a top-level datum is complete (in `result`).
   */
  private deliver(v: Value, line: number, col: number): boolean {
    const stack = this.stack;
    for (;;) {
      if (stack.length === 0) { this.result = v; return true; }
      const f = stack[stack.length - 1];
      switch (f.kind) {
        case F.List: {
          if (f.state === 0) {
            const p = new Pair(v, NIL);
            if (f.tail === null) {
              f.head = p;
              if (this.positions) sourcePositions.set(p, this.pos(f.line, f.col));
            } else {
              f.tail.cdr = p;
              if (this.positions) sourcePositions.set(p, this.pos(line, col));
            }
            f.tail = p;
          } else if (f.state === 1) {
            f.tail!.cdr = v;
            f.state = 2;
          } else {
            this.lx.error(`expected '${String.fromCharCode(f.close)}' after dotted tail (list opened at ${f.line}:${f.col})`, line, col);
          }
          return false;
        }
        case F.Vector:
          if (f.items!.length >= MAX_ARRAY_LENGTH) this.lx.error(`vector literal too long (the limit is ${MAX_ARRAY_LENGTH})`, line, col);
          f.items!.push(v);
          return false;
        case F.Bytes:
          if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 255) {
            this.lx.error("expected a byte (exact integer 0-255) in bytevector", line, col);
          }
          if (f.items!.length >= MAX_ARRAY_LENGTH) this.lx.error(`bytevector literal too long (the limit is ${MAX_ARRAY_LENGTH})`, line, col);
          f.items!.push(v);
          return false;
        case F.Abbrev: {
          stack.pop();
          const rest = new Pair(v, NIL);
          const p = new Pair(f.sym, rest);
          if (this.positions) {
            sourcePositions.set(p, this.pos(f.line, f.col));
            sourcePositions.set(rest, this.pos(line, col));
          }
          v = p; line = f.line; col = f.col;
          continue;
        }
        case F.Label: {
          stack.pop();
          const ph = f.placeholder!;
          if (v === ph) this.lx.error(`datum label #${ph.n}= refers only to itself`, f.line, f.col);
          ph.value = v;
          ph.resolved = true;
          if (ph.used) patch(v, ph);
          line = f.line; col = f.col;
          continue;
        }
        case F.Comment:
          stack.pop();
          return false;
      }
    }
  }
}

/** Replace every occurrence of `ph` inside `root` (pairs and vectors) by its value, iteratively. */
function patch(root: Value, ph: Placeholder): void {
  const seen = new Set<object>();
  const todo: Value[] = [root];
  while (todo.length > 0) {
    let x = todo.pop();
    // Walk cdr chains in a loop so long lists do not grow the work list.
    while (x !== null && typeof x === "object" && !seen.has(x)) {
      if (x instanceof Pair) {
        seen.add(x);
        if (x.car === ph) x.car = ph.value; else todo.push(x.car);
        if (x.cdr === ph) { x.cdr = ph.value; break; }
        x = x.cdr;
      } else if (Array.isArray(x)) {
        seen.add(x);
        for (let i = 0; i < x.length; i++) {
          if (x[i] === ph) x[i] = ph.value; else todo.push(x[i]);
        }
        break;
      } else break;
    }
  }
}

/** Every datum in `text`, in order. */
export function readAll(text: string, file: string): Value[] {
  const r = new Reader(text, file);
  const out: Value[] = [];
  for (;;) {
    const v = r.read();
    if (v === EOF) return out;
    out.push(v);
  }
}

/** Exactly one datum from `text` (EOF if none); errors if anything but atmosphere follows. */
export function readOne(text: string, file = "<string>"): Value {
  const r = new Reader(text, file);
  const v = r.read();
  if (v !== EOF && r.read() !== EOF) {
    throw new ReadError("expected only one datum", { file, line: r.line, column: r.column });
  }
  return v;
}
