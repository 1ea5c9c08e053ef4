// Compiled code as bytes: a unit's Codes as a table of records, each readable on its own, so a
// loaded unit decodes a procedure's body only when something first uses it (lazy-code.ts).
//
// A unit's code section (docs/cache.md) holds
//   - the shared data: one value (a vector, serial/values.ts) of the objects that the constant
//     tables of two or more Codes hold (a quoted list a macro put in several procedures, an
//     uninterned symbol): each body refers to them by their ids in that value, so they stay one
//     object after loading, whatever order the bodies are read in;
//   - the string table of the records (names, symbols, file names: one table, since records
//     are read in any order, each string written once);
//   - the code count N and each record's offset, then the records (4-byte aligned), the root
//     (top-level) Code first. A record is a header (name, arity, frame size, position: what a
//     Code needs before it runs) and a body (instructions, line table, register names,
//     constants). Inside a body's constants another Code is
//     its index in the table and a global cell is its name: the key of the environment that
//     owns it ("core", a library's key, "program") and its symbol. On load the caller's
//     resolver returns the live cell, so loaded code reads and writes the same globals that
//     source-compiled code would.
// Loaded code is untrusted until verify.ts has checked it.

import {
  Value, Pair, Sym, MString, Record, ErrorObject, intern, NIL, UNSPECIFIED,
} from "../runtime/values.js";
import { Code, SourcePos } from "../bytecode/code.js";
import { Cell } from "../expander/environment.js";
import { ByteReader, ByteWriter, SerialError, StringPool } from "../serial/bytes.js";
import { SerialExtension, TAG, readValue, writeValue } from "../serial/values.js";

const NONE: Value[] = [];

const EXT_CODE = 1, EXT_CELL = 2;

/** Names the owner of a cell when writing, finds the live cell when reading. */
export interface CellNaming {
  /** The key of the environment owning `cell`, or null when it has none that can be named. */
  ownerOf(cell: Cell): string | null;
  /** The live cell `name` of environment `owner` (created unbound when new); null if impossible. */
  resolve(owner: string, name: Sym): Cell | null;
}

/** Upper bounds that keep a hostile file from asking for absurd allocations. */
export const LIMITS = { frameSize: 1 << 16, codeWords: 1 << 24, codes: 1 << 24 };

// ---- writing -------------------------------------------------------------------------------

/** Write the code section of `root` and every Code reachable from its constants. */
export function writeCodeTable(w: ByteWriter, root: Code, cells: CellNaming): void {
  const codes = collectCodes(root);
  const index = new Map<Code, number>(codes.map((c, i) => [c, i]));
  const shared = sharedData(codes);
  const sharedIds = new Map<object, number>();
  writeValue(w, shared, { ids: sharedIds });
  const ext = constExtension(cells, (c) => index.get(c)!, () => { throw new SerialError("no code to read"); });
  // The records go into a writer of their own, written after the strings they use (one table
  // for all, read in any order) and their offsets; they start 4-byte aligned, as the unit does
  // in its image entry.
  const sec = new ByteWriter(1 << 16);
  sec.pool = new StringPool();
  const offsets: number[] = [];
  for (const c of codes) {
    offsets.push(sec.length);
    writeRecord(sec, c, ext, sharedIds);
  }
  const strings = sec.pool.list;
  w.uint(strings.length);
  for (const s of strings) w.rawStr(s);
  w.uint(codes.length);
  for (const o of offsets) w.uint(o);
  while (w.length % 4 !== 0) w.u8(0);
  w.bytes(sec.finish());
}

/** Root first, then every Code its constants reach, each once (shared Codes stay shared). */
function collectCodes(root: Code): Code[] {
  const out: Code[] = [];
  const seen = new Set<Code>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    out.push(c);
    const consts = c.consts;
    for (let i = consts.length - 1; i >= 0; i--) {
      const k = consts[i];
      if (k instanceof Code && !seen.has(k)) { seen.add(k); stack.push(k); }
    }
  }
  return out;
}

/** The objects with identity that the constants of two or more Codes reach (interned symbols re-intern by themselves). */
function sharedData(codes: Code[]): Value[] {
  const owner = new Map<object, number>();
  const shared: Value[] = [];
  const isShared = new Set<object>();
  const stack: Value[] = [];
  for (let i = 0; i < codes.length; i++) {
    for (const k of codes[i].consts) if (typeof k === "object" && k !== null && !(k instanceof Code) && !(k instanceof Cell)) stack.push(k);
    while (stack.length > 0) {
      const v = stack.pop();
      if (!(v instanceof Pair || v instanceof MString || (v instanceof Sym && !v.interned) || Array.isArray(v) ||
        v instanceof Uint8Array || v instanceof Record || v instanceof ErrorObject)) continue;
      const o = owner.get(v);
      if (o === i) continue;
      if (o !== undefined) { if (!isShared.has(v)) { isShared.add(v); shared.push(v); } continue; }
      owner.set(v, i);
      if (v instanceof Pair) stack.push(v.car, v.cdr);
      else if (Array.isArray(v)) stack.push(...v);
      else if (v instanceof Record) stack.push(...v.fields);
      else if (v instanceof ErrorObject) stack.push(v.irritants);
    }
  }
  return shared;
}

/**
 * One record, at a 4-byte boundary: the header, zero bytes to the next boundary, the body
 * zero bytes to the next boundary (the next record's start).
 */
function writeRecord(b: ByteWriter, c: Code, ext: SerialExtension, sharedIds: Map<object, number>): void {
  writeHeader(b, c);
  while (b.length % 4 !== 0) b.u8(0);
  b.words(c.code);
  writeLines(b, c.linePcs, c.linePos);
  writeRegisterNames(b, c.regNames);
  if (!writeSimpleConstants(b, c.consts, ext)) writeValue(b, c.consts, { extension: ext, before: sharedIds });
  while (b.length % 4 !== 0) b.u8(0);
}

/**
 * Most constant tables hold only Codes, cells, interned symbols, small integers, booleans, ()
 * and the unspecified value: written here as writeValue would write them, without its set-up
 * per table (thousands of tables). No item needs a back-reference (the emitter keeps each
 * constant once, and these items have no parts). False, with nothing written, for any other
 * table.
 */
function writeSimpleConstants(b: ByteWriter, consts: Value[], ext: SerialExtension): boolean {
  for (let i = 0; i < consts.length; i++) {
    const k = consts[i];
    if (!(k instanceof Code || k instanceof Cell || (k instanceof Sym && k.interned) || (typeof k === "number" && Number.isSafeInteger(k) && k >= 0) ||
      typeof k === "boolean" || k === NIL || k === UNSPECIFIED)) return false;
  }
  b.u8(TAG.VECTOR); b.uint(consts.length);
  for (let i = 0; i < consts.length; i++) {
    const k = consts[i];
    if (typeof k === "number") { b.u8(TAG.INT); b.uint(k); } else if (k instanceof Sym) { b.u8(TAG.SYMBOL); b.str(k.name); }
    else if (typeof k === "boolean") b.u8(k ? TAG.TRUE : TAG.FALSE);
    else if (k === NIL) b.u8(TAG.NIL);
    else if (k === UNSPECIFIED) b.u8(TAG.UNSPECIFIED);
    else { b.u8(TAG.EXT); ext.encode(k as object, b); }
  }
  return true;
}

function writeHeader(b: ByteWriter, c: Code): void {
  b.str(c.name); b.uint(c.nreq); b.u8(c.rest ? 1 : 0); b.uint(c.frameSize);
  const pos = c.pos;
  if (pos !== null) { b.u8(1); b.str(pos.file); b.uint(pos.line); b.uint(pos.column); } else b.u8(0);
}

/**
 * Line table: pc deltas; each position as its file (0: same as the previous entry's), line
 * delta from the previous entry (zigzag) and column.
 */
function writeLines(b: ByteWriter, linePcs: Int32Array, linePos: SourcePos[]): void {
  b.uint(linePcs.length);
  let prevPc = 0, prevLine = 0, prevFile = "";
  for (let i = 0; i < linePcs.length; i++) {
    const p = linePos[i];
    b.uint(linePcs[i] - prevPc); prevPc = linePcs[i];
    if (p.file === prevFile) b.u8(0); else { b.u8(1); b.str(p.file); prevFile = p.file; }
    const d = p.line - prevLine; prevLine = p.line;
    b.uint(d >= 0 ? 2 * d : -2 * d - 1); b.uint(p.column);
  }
}

function writeRegisterNames(b: ByteWriter, regNames: string[]): void {
  b.uint(regNames.length);
  for (let i = 0; i < regNames.length; i++) {
    const n = regNames[i];
    if (typeof n === "string") { b.u8(1); b.str(n); } else b.u8(0);
  }
}

/** Constants' Codes (by table index) and global cells (by name). */
function constExtension(cells: CellNaming, indexOf: (c: Code) => number, codeAt: (i: number) => Code): SerialExtension {
  return {
    encode(v: object, w: ByteWriter): Value[] | null {
      if (v instanceof Code) { w.u8(EXT_CODE); w.uint(indexOf(v)); return NONE; }
      if (v instanceof Cell) {
        const owner = cells.ownerOf(v);
        if (owner === null || !v.name.interned) throw new SerialError(`cannot save a reference to the global ${v.name.name}: its environment has no name`, v);
        w.u8(EXT_CELL); w.str(owner); w.str(v.name.name);
        return NONE;
      }
      return null;
    },
    decode(r: ByteReader): { value: object; children: Value[] } {
      const kind = r.u8();
      if (kind === EXT_CODE) return { value: codeAt(r.uint()), children: NONE };
      if (kind === EXT_CELL) {
        const owner = r.str(), name = r.str();
        const cell = cells.resolve(owner, intern(name));
        if (cell === null) r.fail(`no global ${name} in ${owner}`);
        return { value: cell, children: NONE };
      }
      return r.fail(`unknown code-cache object kind ${kind}`);
    },
  };
}

// ---- reading -------------------------------------------------------------------------------

/** Where a unit's code records are: read eagerly, the records themselves later (lazy-code.ts). */
export interface CodeTable {
  readonly buf: Uint8Array;
  /** A reader over the records, for their headers. */
  readonly headers: ByteReader;
  /** Start of each record in `buf`, and of the byte after the last. */
  readonly starts: Int32Array;
  /** The shared data's objects by id (a body's value ids continue after them). */
  readonly shared: Value[];
  /** The records' string table. */
  readonly strings: readonly string[];
}

/** Read the shared data and the record offsets of a code section; `r` ends after it. */
export function readCodeTable(r: ByteReader): CodeTable {
  const shared: Value[] = [];
  const v = readValue(r, { objs: shared });
  if (!Array.isArray(v)) r.fail("bad shared data");
  const ns = r.count(2, "string count");
  const strings: string[] = new Array(ns);
  for (let i = 0; i < ns; i++) strings[i] = r.rawStr();
  const n = r.count(4, "code count");
  if (n === 0 || n > LIMITS.codes) r.fail(`bad code count ${n}`);
  const offsets = new Int32Array(n + 1);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const o = r.uint();
    if (o <= prev || o % 4 !== 0 || o > 0x7fffffff) r.fail("bad code record offset");
    offsets[i] = prev = o;
  }
  while ((r.pos - r.start) % 4 !== 0) if (r.u8() !== 0) r.fail("bad padding");
  const base = r.pos;
  for (let i = 0; i < n; i++) offsets[i] += base;
  offsets[n] = r.end;
  if (offsets[n - 1] >= r.end) r.fail("code record past the end of the unit");
  const headers = new ByteReader(r.buf, base, r.end);
  headers.pool = strings;
  r.pos = r.end;
  return { buf: r.buf, headers, starts: offsets, shared, strings };
}

export interface CodeHeader { name: string; nreq: number; rest: boolean; frameSize: number; pos: SourcePos | null; bodyStart: number; bodyEnd: number }

/** The header of record `i`; its body is the rest of the record. */
export function readHeader(t: CodeTable, i: number): CodeHeader {
  const r = t.headers, start = t.starts[i], end = t.starts[i + 1];
  r.pos = start;
  const name = r.str(), nreq = r.uint(), rest = r.u8() !== 0, frameSize = r.uint();
  if (frameSize > LIMITS.frameSize) r.fail(`frame size ${frameSize} too large`);
  const pos = r.u8() === 1 ? { file: r.str(), line: r.uint(), column: r.uint() } : null;
  while ((r.pos - start) % 4 !== 0) if (r.u8() !== 0) r.fail("bad padding");
  if (r.pos >= end) r.fail("code record without a body");
  return { name, nreq, rest, frameSize, pos, bodyStart: r.pos, bodyEnd: end };
}

export interface CodeBody { words: Uint32Array; consts: Value[]; linePcs: Int32Array; linePos: SourcePos[]; regNames: string[] }

/** The body of a record; `codeAt` gives the Code of a table index (its header only, until used). */
export function readBody(t: CodeTable, start: number, end: number, cells: CellNaming, codeAt: (i: number) => Code): CodeBody {
  const r = new ByteReader(t.buf, start, end);
  r.pool = t.strings;
  const words = r.words(LIMITS.codeWords);
  const nl = r.count(4, "line table length");
  const linePcs = new Int32Array(nl);
  const linePos: SourcePos[] = new Array(nl);
  let pc = 0, line = 0, file = "";
  for (let i = 0; i < nl; i++) {
    pc += r.uint();
    if (pc > 0x7fffffff) r.fail("line table pc out of range");
    if (r.u8() !== 0) file = r.str();
    const d = r.uint();
    line += d % 2 === 0 ? d / 2 : -(d + 1) / 2;
    linePcs[i] = pc; linePos[i] = { file, line, column: r.uint() };
  }
  const nr = r.count(1, "register name count");
  const regNames: string[] = [];
  for (let i = 0; i < nr; i++) { if (r.u8() === 1) regNames[i] = r.str(); }
  regNames.length = nr;
  const n = t.starts.length - 1;
  const consts = readValue(r, {
    extension: constExtension(cells, () => -1, (i) => (i < n ? codeAt(i) : r.fail(`code ${i} outside the table of ${n}`))),
    objs: t.shared.slice(),
  });
  if (!Array.isArray(consts)) r.fail("bad constant table");
  if (r.remaining > 3) r.fail("trailing bytes after a code body");
  while (!r.atEnd) if (r.u8() !== 0) r.fail("bad padding");
  return { words, consts, linePcs, linePos, regNames };
}
