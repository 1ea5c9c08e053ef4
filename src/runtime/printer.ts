// External representations of values: display, write, write-shared, write-simple (R7RS 6.13.3).
//
// Input: any Value and a mode. Output: a JS string.
//   display  strings and chars raw, symbols unescaped; datum labels for cycles (as write)
//   write    readable where a datum syntax exists; datum labels only on cycles
//   shared   datum labels on every pair/vector/record reached more than once
//   simple   never labels (loops forever on cycles, as R7RS allows)
// Invariants: both the label analysis and the printing are iterative (explicit work lists), so
// long lists and deep nesting use no JS stack. The printing walk visits children in the same
// order as the analysis walk, so a label is always defined (#n=) before it is referenced (#n#).

import { NumericElements, numericVectorElements } from "../lib/srfi-160.js";
import { Closure } from "../bytecode/code.js";
import { isDelimiter, looksNumeric, charNames } from "../reader/lexer.js";
import { isNumber, numberToString, parseNumber } from "./numbers.js";
import { Port } from "./ports.js";
import {
  Box, CaseLambda, Char, DEFAULT_OBJECT, EOF, ErrorObject, MString, MultipleValues, NIL, Pair,
  Parameter, Primitive, Record, RecordType, SPromise, Sym, UNBOUND, UNSPECIFIED, Value,
} from "./values.js";

export type WriteMode = "display" | "write" | "shared" | "simple";

/** Continue printing a list (or an error's irritants) from `rest`; `close` ends it. */
class ListRest {
  constructor(public rest: Value, readonly close: string) {}
}

// ---- Label analysis -----------------------------------------------------------------------

/** Values that can contain other values and so take part in sharing and cycles. */
function isCompound(x: Value): boolean {
  return x instanceof Pair || Array.isArray(x) || x instanceof Record || x instanceof Box ||
    x instanceof MultipleValues || x instanceof ErrorObject;
}

function childCount(x: Value): number {
  if (x instanceof Pair) return 2;
  if (Array.isArray(x)) return x.length;
  if (x instanceof Record) return x.fields.length;
  if (x instanceof MultipleValues) return x.vals.length;
  return 1; // Box, ErrorObject
}

function child(x: Value, i: number): Value {
  if (x instanceof Pair) return i === 0 ? x.car : x.cdr;
  if (Array.isArray(x)) return x[i];
  if (x instanceof Record) return x.fields[i];
  if (x instanceof MultipleValues) return x.vals[i];
  if (x instanceof Box) return x.v;
  return (x as ErrorObject).irritants;
}

/**
 * The compound values that need datum labels: with `all`, every one reached twice; otherwise
 * only the targets of back edges of a depth-first walk (exactly what breaks every cycle).
 * Returns null when nothing needs a label.
 */
function findLabelled(root: Value, all: boolean): Set<object> | null {
  if (!isCompound(root)) return null;
  const state = new Map<object, number>(); // 1 = on the walk's path, 2 = finished
  let out: Set<object> | null = null;
  const nodes: Value[] = [root];
  const next: number[] = [0];
  state.set(root, 1);
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const x = nodes[top];
    const i = next[top];
    if (i >= childCount(x)) {
      state.set(x, 2);
      nodes.pop(); next.pop();
      continue;
    }
    next[top] = i + 1;
    const c = child(x, i);
    if (!isCompound(c)) continue;
    const s = state.get(c);
    if (s === undefined) {
      state.set(c, 1);
      nodes.push(c); next.push(0);
      // A finished list spine pair stays on the path until its cdr chain ends; that is what
      // makes a cdr cycle a back edge. Memory is one stack slot per pending pair.
    } else if (s === 1 || all) {
      (out ??= new Set()).add(c);
    }
  }
  return out;
}

// ---- Atoms ------------------------------------------------------------------------------

function hex(cp: number): string { return cp.toString(16); }

const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
function isGraphic(cp: number): boolean {
  if (cp > 32 && cp < 127) return true;
  if (cp < 160) return false;
  return GRAPHIC.test(String.fromCodePoint(cp));
}

const charNameOf = new Map<number, string>();
for (const [name, cp] of charNames) charNameOf.set(cp, name);

export function writeChar(c: Char): string {
  const name = charNameOf.get(c.code);
  if (name !== undefined) return "#\\" + name;
  if (isGraphic(c.code)) return "#\\" + String.fromCodePoint(c.code);
  return "#\\x" + hex(c.code);
}

/** A string literal: quotes, with `"` `\` and control characters escaped. */
export function writeStringLiteral(s: string): string {
  let out = "\"";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92 && c !== 127) continue;
    out += s.slice(run, i);
    run = i + 1;
    switch (c) {
      case 34: out += "\\\""; break;
      case 92: out += "\\\\"; break;
      case 10: out += "\\n"; break;
      case 9: out += "\\t"; break;
      case 13: out += "\\r"; break;
      default: out += "\\x" + hex(c) + ";";
    }
  }
  return out + s.slice(run) + "\"";
}

/** True when `name`, written bare, would not read back as this symbol. */
export function symbolNeedsBars(name: string): boolean {
  if (name === "" || name === ".") return true;
  const c0 = name.charCodeAt(0);
  if (c0 === 0x23 /* # */) return true;
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (isDelimiter(cp) || !isGraphic(cp)) return true;
    if (cp > 0x7f) return true;  // R7RS 6.13.3: symbols with non-ASCII characters are written with bars
    // quote characters, backslash and the reserved braces
    if (cp === 0x27 || cp === 0x60 || cp === 0x2c || cp === 0x5c || cp === 0x7b || cp === 0x7d) return true;
  }
  return looksNumeric(name) || parseNumber(name, 10) !== false || INFNAN_PREFIX.test(name);
}
/** A symbol that starts like +inf.0 or -nan.0 (+NaN.0abc) reads back bare in Kiln, but not in
 * every reader; like Chibi, write it with bars. */
const INFNAN_PREFIX = /^[+-](inf|nan)\.0/i;

export function writeSymbol(name: string): string {
  if (!symbolNeedsBars(name)) return name;
  let out = "|";
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x7c) out += "\\|";
    else if (cp === 0x5c) out += "\\\\";
    else if (cp === 10) out += "\\n";
    else if (cp === 9) out += "\\t";
    else if (cp === 13) out += "\\r";
    else if (cp < 32 || cp === 127) out += "\\x" + hex(cp) + ";";
    else out += ch;
  }
  return out + "|";
}

function procedureName(x: Value): string | null {
  if (x instanceof Closure) return x.code.name;
  if (x instanceof Primitive) return x.name;
  if (x instanceof CaseLambda) return x.name;
  return null;
}

function recordTypeName(t: RecordType): string {
  const n = t.name;
  return n.length > 2 && n.startsWith("<") && n.endsWith(">") ? n.slice(1, -1) : n;
}

/** A JS value passed through from JavaScript (kiln js): `#<js Map>`, `#<js null>`, `#<js "text">`. */
function foreignText(x: Value): string {
  if (x === null) return "#<js null>";
  if (x === undefined) return "#<js undefined>";
  if (typeof x === "string") return `#<js ${JSON.stringify(x)}>`;
  if (typeof x === "symbol") return `#<js ${String(x)}>`;
  if (typeof x === "function") return `#<js function${x.name ? " " + x.name : ""}>`;
  const name = typeof x === "object" ? (x as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  return typeof name === "string" && name !== "" && name !== "Object" ? `#<js ${name}>` : "#<js object>";
}

/** Text of a value that has no parts to print (everything but compounds). */
function atomText(x: Value, display: boolean): string {
  switch (typeof x) {
    case "boolean": return x ? "#t" : "#f";
    case "number": case "bigint": return numberToString(x);
  }
  if (x instanceof Sym) return display ? x.name : writeSymbol(x.name);
  if (x instanceof MString) return display ? x.toString() : writeStringLiteral(x.toString());
  if (x instanceof Char) return display ? String.fromCodePoint(x.code) : writeChar(x);
  if (x === NIL) return "()";
  if (isNumber(x)) return numberToString(x);
  if (ArrayBuffer.isView(x)) { const v = numericVectorElements(x); if (v !== undefined) return vectorText(v, display); }
  if (x === EOF) return "#<eof>";
  if (x === UNSPECIFIED) return "#<unspecified>";
  if (x === DEFAULT_OBJECT) return "#<default>";
  if (x === UNBOUND) return "#<unbound>";
  if (x instanceof Parameter) return "#<parameter>";
  const pname = procedureName(x);
  if (pname !== null) return pname === "" ? "#<procedure>" : `#<procedure ${pname}>`;
  if (x instanceof SPromise) return "#<promise>";
  if (x instanceof RecordType) return `#<record-type ${recordTypeName(x)}>`;
  if (x instanceof Port) {
    const dir = x.input ? "input" : "output";
    return `#<${x.textual ? "textual" : "binary"}-${dir}-port${x.open ? "" : " (closed)"}>`;
  }
  return foreignText(x);
}

// ---- Printing ------------------------------------------------------------------------------

/** Output is handed to a sink (when there is one) in pieces of about this many UTF-16 units. */
const PIECE = 1 << 16;

/** A bytevector's or numeric vector's text; with a sink, all but the last piece go to it as they are made. */
function vectorText(v: NumericElements, display: boolean, sink?: (piece: string) => void): string {
  let out = `#${v.tag}(`;
  for (let i = 0; i < v.n; i++) {
    if (i > 0) out += " ";
    out += atomText(v.at(i), display);
    if (sink !== undefined && out.length >= PIECE) { sink(out); out = ""; }
  }
  return out + ")";
}

/** atomText, a bytevector's or numeric vector's elements going to the sink in pieces (the rest returned). */
function atomPieces(x: Value, display: boolean, sink: (piece: string) => void): string {
  const v = ArrayBuffer.isView(x) ? numericVectorElements(x) : undefined;
  return v === undefined ? atomText(x, display) : vectorText(v, display, sink);
}

/**
 * The written form of x. With a sink, the text goes to the sink in pieces as it is made and the
 * last piece is returned: a written form longer than the longest JS string still prints.
 */
export function writeString(x: Value, mode: WriteMode, sink?: (piece: string) => void): string {
  const display = mode === "display";
  if (!isCompound(x)) return sink !== undefined ? atomPieces(x, display, sink) : atomText(x, display);
  const labelled = mode === "simple" ? null : findLabelled(x, mode === "shared");
  const ids = labelled === null ? null : new Map<object, number>();
  let out = "";
  // Work list: JS strings are literal output (no Scheme value is a JS string), ListRest
  // continues a list, anything else is a value to print.
  const todo: Value[] = [x];
  while (todo.length > 0) {
    if (sink !== undefined && out.length >= PIECE) { sink(out); out = ""; }
    const t = todo.pop();
    if (typeof t === "string") { out += t; continue; }
    if (t instanceof ListRest) {
      const r = t.rest;
      if (r === NIL) { out += t.close; continue; }
      if (r instanceof Pair && (labelled === null || !labelled.has(r))) {
        out += " ";
        t.rest = r.cdr;
        todo.push(t, r.car);
      } else {
        out += " . ";
        todo.push(t.close, r);
      }
      continue;
    }
    if (!isCompound(t)) {
      if (sink !== undefined && ArrayBuffer.isView(t)) { sink(out); out = atomPieces(t, display, sink); } else out += atomText(t, display);
      continue;
    }
    if (labelled !== null && labelled.has(t)) {
      const id = ids!.get(t);
      if (id !== undefined) { out += `#${id}#`; continue; }
      const n = ids!.size;
      ids!.set(t, n);
      out += `#${n}=`;
    }
    if (t instanceof Pair) {
      out += "(";
      todo.push(new ListRest(t.cdr, ")"), t.car);
    } else if (Array.isArray(t)) {
      out += "#(";
      pushSpaced(todo, t, ")");
    } else if (t instanceof Record) {
      out += "#<" + recordTypeName(t.rtd);
      if (t.fields.length === 0) out += ">";
      else { out += " "; pushSpaced(todo, t.fields, ">"); }
    } else if (t instanceof MultipleValues) {
      pushSpaced(todo, t.vals, "");
    } else if (t instanceof Box) {
      out += "#<box ";
      todo.push(">", t.v);
    } else {
      const e = t as ErrorObject;
      out += "#<error " + writeStringLiteral(e.message);
      todo.push(new ListRest(e.irritants, ">"));
    }
  }
  return out;
}

/** Queue `items` separated by spaces, then `close`. */
function pushSpaced(todo: Value[], items: Value[], close: string): void {
  todo.push(close);
  for (let i = items.length - 1; i >= 0; i--) {
    todo.push(items[i]);
    if (i > 0) todo.push(" ");
  }
}

export function displayString(x: Value): string { return writeString(x, "display"); }
