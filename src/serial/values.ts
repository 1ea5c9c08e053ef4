// The one value serializer: any Scheme datum to bytes and back. It is used by the code cache
// (constants of compiled code, the prelude shipped in the package) and is meant for values sent
// to worker threads. Shared structure and cycles are kept (every mutable object gets an id in
// the order it is first written; a second occurrence is a back-reference), symbols are interned
// again on load, and both directions walk the data with an explicit stack, so a list of a
// million elements or a deeply nested tree never recurses on the JavaScript stack.
//
// What cannot be copied (procedures, ports, continuations, environments, promises) is refused
// with a SerialError naming it. Objects the base format does not know can be handled by an
// extension (the code cache adds compiled code and global cells that way), and records by a
// resolver that names record types (a record type is a run-time object: the receiving side
// must find the same type by name, e.g. the library that defines it).
//
// Layout: one tag byte per item (the TAG table below), then the item's fields; a compound's
// children follow it in order (depth first). docs/cache.md describes the bytes.

import {
  Value, Pair, NIL, UNSPECIFIED, EOF, DEFAULT_OBJECT, Sym, intern, Char, char, MString, Flonum,
  Record, RecordType, ErrorObject, isProcedure,
} from "../runtime/values.js";
import { Ratnum, makeRational } from "../runtime/numbers.js";
import { SourcePos } from "../bytecode/code.js";
import { ByteReader, ByteWriter, SerialError } from "./bytes.js";

/** Bumped whenever the bytes written for some value change. */
export const SERIAL_VERSION = 1;

/** Item tags. Numbering is part of the format: append, never renumber. */
export const TAG = {
  FALSE: 0, TRUE: 1, NIL: 2, UNSPECIFIED: 3, EOF: 4, DEFAULT: 5,
  /** Exact integer in the safe range: magnitude as a varint (INT for >= 0, NEGINT for < 0). */
  INT: 6, NEGINT: 7,
  /** Exact integer beyond the safe range: sign byte, byte count, magnitude little-endian. */
  BIGINT: 8,
  /** Inexact real that is not integral (1.5, NaN, +inf.0): a raw float64. */
  FLOAT: 9,
  /** Integral inexact real (2.0, -0.0): a Flonum box, float64. */
  FLONUM: 10,
  /** Exact rational: numerator and denominator as exact integers (inline). */
  RATNUM: 11,
  /** Reserved for complex numbers (real and imaginary parts as inline reals). */
  COMPLEX: 12,
  /** String (has an id): UTF-8 text, or code points when it holds non-BMP or mutated content. */
  STRING: 13, STRING_CPS: 14,
  /** Interned symbol (has an id): its name. */
  SYMBOL: 15,
  /** Uninterned symbol (has an id): its name; each one stays distinct. */
  USYMBOL: 16,
  CHAR: 17,
  /** Pair (has an id); children car, cdr. */
  PAIR: 18,
  /** Vector (has an id): length; children the elements. */
  VECTOR: 19,
  /** Bytevector (has an id): length and bytes. */
  BYTEVECTOR: 20,
  /** Back-reference to the object with this id. */
  REF: 21,
  /** Record (has an id): type key (string), field count; children the fields. */
  RECORD: 22,
  /** Error object (has an id): message, kind; child the irritants. */
  ERROR: 23,
  /** The next item has this source position (file, line, column): kept for syntax read from files. */
  POS: 24,
  /** An extension object (has an id): the extension's bytes; children as it says. */
  EXT: 25,
} as const;

/** Objects an extension adds to the format (the code cache: Code objects and global cells). */
export interface SerialExtension {
  /** Write `v`'s own fields and return the children to write after it, or null if `v` is not one of ours. */
  encode(v: object, w: ByteWriter): Value[] | null;
  /** Read what `encode` wrote; return the object and the array its children fill, in order. */
  decode(r: ByteReader): { value: object; children: Value[] };
}

/** How records cross: a stable key for a record type, and the type a key names on arrival. */
export interface RecordTypes {
  keyOf(rtd: RecordType): string | null;
  typeOf(key: string, fieldCount: number): RecordType | null;
}

export interface SerialOptions {
  extension?: SerialExtension;
  records?: RecordTypes;
  /** Keep source positions of pairs and vectors (the expander reports errors with them). */
  positions?: { get(x: object): SourcePos | undefined; set(x: object, p: SourcePos): void };
  /**
   * Objects numbered before this value (writing: object -> id; reading: the objects by id), so
   * several values written separately can refer to objects of one written before them (the
   * code cache: data shared by the constant tables of several procedures). Extended in place.
   */
  ids?: Map<object, number>;
  objs?: Value[];
  /** Writing: objects numbered before this value, not extended (this value's ids follow them; not with `ids`). */
  before?: ReadonlyMap<object, number>;
}

/** What a value is, for the message that refuses it. */
function describe(v: Value): string {
  if (isProcedure(v)) return "a procedure";
  const name = v?.constructor?.name ?? typeof v;
  switch (name) {
    case "ContinuationProc": return "a continuation";
    case "SPromise": return "a promise";
    case "SchemeEnvironment": return "an environment";
    default: return /port/i.test(name) ? "a port" : `a ${name}`;
  }
}

/** Append the serialized form of `root` to `w`. */
export function writeValue(w: ByteWriter, root: Value, opts: SerialOptions = {}): void {
  const ids = opts.ids ?? new Map<object, number>();
  const before = opts.before, first = before?.size ?? 0;
  const stack: Value[] = [root];
  const positions = opts.positions;
  const ext = opts.extension;
  while (stack.length > 0) {
    const v = stack.pop();
    switch (typeof v) {
      case "number":
        if (Number.isInteger(v)) {
          if (v >= 0) { w.u8(TAG.INT); w.uint(v); } else { w.u8(TAG.NEGINT); w.uint(-v); }
        } else { w.u8(TAG.FLOAT); w.f64(v); }
        continue;
      case "bigint": w.u8(TAG.BIGINT); writeBig(w, v); continue;
      case "boolean": w.u8(v ? TAG.TRUE : TAG.FALSE); continue;
      case "object": break;
      default: throw new SerialError(`cannot copy ${typeof v === "function" ? "a host function" : `the host value ${String(v)}`}`, v);
    }
    if (v === null) throw new SerialError("cannot copy a host null", v);
    if (v === NIL) { w.u8(TAG.NIL); continue; }
    if (v === UNSPECIFIED) { w.u8(TAG.UNSPECIFIED); continue; }
    if (v === EOF) { w.u8(TAG.EOF); continue; }
    if (v === DEFAULT_OBJECT) { w.u8(TAG.DEFAULT); continue; }
    if (v instanceof Char) { w.u8(TAG.CHAR); w.uint(v.code); continue; }
    if (v instanceof Flonum) { w.u8(TAG.FLONUM); w.f64(v.v); continue; }
    if (v instanceof Ratnum) { w.u8(TAG.RATNUM); writeInteger(w, v.num); writeInteger(w, v.den); continue; }
    const seen = ids.get(v) ?? before?.get(v);
    if (seen !== undefined) { w.u8(TAG.REF); w.uint(seen); continue; }
    if (positions) {
      const p = positions.get(v);
      if (p) { w.u8(TAG.POS); w.str(p.file); w.uint(p.line); w.uint(p.column); }
    }
    if (v instanceof Pair) {
      ids.set(v, first + ids.size); w.u8(TAG.PAIR); stack.push(v.cdr, v.car);
    } else if (v instanceof Sym) {
      ids.set(v, first + ids.size); w.u8(v.interned ? TAG.SYMBOL : TAG.USYMBOL); w.str(v.name);
    } else if (v instanceof MString) {
      ids.set(v, first + ids.size);
      if (v.str !== null) { w.u8(TAG.STRING); w.rawStr(v.str); } else {
        w.u8(TAG.STRING_CPS); w.uint(v.cps!.length);
        for (const cp of v.cps!) w.uint(cp);
      }
    } else if (Array.isArray(v)) {
      ids.set(v, first + ids.size); w.u8(TAG.VECTOR); w.uint(v.length);
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v instanceof Uint8Array) {
      ids.set(v, first + ids.size); w.u8(TAG.BYTEVECTOR); w.uint(v.length); w.bytes(v);
    } else if (v instanceof Record) {
      const key = opts.records?.keyOf(v.rtd) ?? null;
      if (key === null) throw new SerialError(`cannot copy a record of type ${v.rtd.name}: its type is not known by name on the other side`, v);
      ids.set(v, first + ids.size); w.u8(TAG.RECORD); w.str(key); w.uint(v.fields.length);
      for (let i = v.fields.length - 1; i >= 0; i--) stack.push(v.fields[i]);
    } else if (v instanceof ErrorObject) {
      ids.set(v, first + ids.size); w.u8(TAG.ERROR); w.rawStr(v.message); w.str(v.kind); stack.push(v.irritants);
    } else {
      const at = w.length;
      w.u8(TAG.EXT);
      const children = ext?.encode(v, w) ?? null;
      if (children === null) {
        if (w.length !== at + 1) throw new SerialError("serializer extension wrote bytes and then refused");
        throw new SerialError(`cannot copy ${describe(v)}`, v);
      }
      ids.set(v, first + ids.size);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
}

/** Read one value written by `writeValue`. */
export function readValue(r: ByteReader, opts: SerialOptions = {}): Value {
  const objs: Value[] = opts.objs ?? [];
  const holder: { v: Value } = { v: undefined };
  // Flat stack of slots to fill: target, key, target, key, ... (the last pushed is filled next).
  const slots: Value[] = [holder, "v"];
  const positions = opts.positions;
  let pending: SourcePos | null = null;
  while (slots.length > 0) {
    const key = slots.pop();
    const target = slots.pop();
    let tag = r.u8();
    if (tag === TAG.POS) {
      const file = r.str(), line = r.uint(), column = r.uint();
      pending = { file, line, column };
      tag = r.u8();
    }
    let v: Value;
    switch (tag) {
      case TAG.FALSE: v = false; break;
      case TAG.TRUE: v = true; break;
      case TAG.NIL: v = NIL; break;
      case TAG.UNSPECIFIED: v = UNSPECIFIED; break;
      case TAG.EOF: v = EOF; break;
      case TAG.DEFAULT: v = DEFAULT_OBJECT; break;
      case TAG.INT: v = r.uint(); break;
      case TAG.NEGINT: v = -r.uint(); if (Object.is(v, -0)) v = 0; break;
      case TAG.BIGINT: v = readBig(r); break;
      case TAG.FLOAT: v = r.f64(); if (Number.isInteger(v)) r.fail("integral value tagged as a non-integral float"); break;
      case TAG.FLONUM: {
        const x = r.f64();
        if (!Number.isInteger(x) && !Object.is(x, -0)) r.fail("non-integral value tagged as a boxed flonum");
        v = new Flonum(x);
        break;
      }
      case TAG.RATNUM: {
        const n = readInteger(r), d = readInteger(r);
        if (d === 0 || d === 0n) r.fail("rational with a zero denominator");
        v = makeRational(BigInt(n), BigInt(d));
        break;
      }
      case TAG.CHAR: {
        const cp = r.uint();
        if (cp > 0x10ffff) r.fail(`character code ${cp} out of range`);
        v = char(cp);
        break;
      }
      case TAG.REF: {
        const id = r.uint();
        if (id >= objs.length) r.fail(`reference to object ${id}, only ${objs.length} read`);
        v = objs[id];
        break;
      }
      case TAG.PAIR:
        v = new Pair(undefined, undefined); objs.push(v);
        slots.push(v, "cdr", v, "car");
        break;
      case TAG.SYMBOL: v = intern(r.str()); objs.push(v); break;
      case TAG.USYMBOL: v = new Sym(r.str(), false); objs.push(v); break;
      case TAG.STRING: v = new MString(r.rawStr()); objs.push(v); break;
      case TAG.STRING_CPS: {
        const n = r.count(1, "string length");
        const cps: number[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const cp = r.uint();
          if (cp > 0x10ffff) r.fail(`code point ${cp} out of range`);
          cps[i] = cp;
        }
        v = MString.fromCodePoints(cps); objs.push(v);
        break;
      }
      case TAG.VECTOR: {
        const n = r.count(1, "vector length");
        v = new Array(n).fill(undefined); objs.push(v);
        for (let i = n - 1; i >= 0; i--) slots.push(v, i);
        break;
      }
      case TAG.BYTEVECTOR: v = r.bytes(r.count(1, "bytevector length")); objs.push(v); break;
      case TAG.RECORD: {
        const key = r.str();
        const n = r.count(1, "record field count");
        const rtd = opts.records?.typeOf(key, n) ?? null;
        if (rtd === null || rtd.fields.length !== n) r.fail(`unknown record type ${key}`);
        const fields: Value[] = new Array(n).fill(undefined);
        v = new Record(rtd, fields); objs.push(v);
        for (let i = n - 1; i >= 0; i--) slots.push(fields, i);
        break;
      }
      case TAG.ERROR: {
        const message = r.rawStr();
        const kind = r.str();
        if (kind !== "error" && kind !== "file" && kind !== "read") r.fail(`unknown error kind ${kind}`);
        v = new ErrorObject(message, NIL, kind);
        objs.push(v);
        slots.push(v, "irritants");  // readonly to TypeScript only: filled once, here
        break;
      }
      case TAG.EXT: {
        if (!opts.extension) r.fail("extension object without an extension to read it");
        const got = opts.extension.decode(r);
        v = got.value; objs.push(v);
        const children = got.children;
        for (let i = children.length - 1; i >= 0; i--) slots.push(children, i);
        break;
      }
      case TAG.COMPLEX: return r.fail("complex numbers are not supported by this version");
      default: return r.fail(`unknown tag ${tag}`);
    }
    if (pending !== null) {
      if (positions && typeof v === "object" && v !== null) positions.set(v, pending);
      pending = null;
    }
    target[key] = v;
  }
  return holder.v;
}

/** Serialize one value with a small header (magic "KSV" and the format version). */
export function serialize(v: Value, opts: SerialOptions = {}): Uint8Array {
  const w = new ByteWriter();
  w.u8(0x4b); w.u8(0x53); w.u8(0x56); w.u8(SERIAL_VERSION);
  writeValue(w, v, opts);
  return w.finish();
}

/** The value `serialize` wrote; SerialError on anything else. */
export function deserialize(bytes: Uint8Array, opts: SerialOptions = {}): Value {
  const r = new ByteReader(bytes);
  if (r.remaining < 4 || r.u8() !== 0x4b || r.u8() !== 0x53 || r.u8() !== 0x56) r.fail("not a serialized Kiln value");
  const version = r.u8();
  if (version !== SERIAL_VERSION) r.fail(`serialized with format version ${version}, this Kiln reads ${SERIAL_VERSION}`);
  const v = readValue(r, opts);
  if (!r.atEnd) r.fail("trailing bytes after the value");
  return v;
}

function writeInteger(w: ByteWriter, n: number | bigint): void {
  if (typeof n === "bigint") { w.u8(TAG.BIGINT); writeBig(w, n); } else if (n >= 0) { w.u8(TAG.INT); w.uint(n); } else { w.u8(TAG.NEGINT); w.uint(-n); }
}

function readInteger(r: ByteReader): number | bigint {
  const tag = r.u8();
  if (tag === TAG.INT) return r.uint();
  if (tag === TAG.NEGINT) return -r.uint() || 0;
  if (tag === TAG.BIGINT) return readBig(r);
  return r.fail(`expected an exact integer, found tag ${tag}`);
}

function writeBig(w: ByteWriter, b: bigint): void {
  const neg = b < 0n;
  let m = neg ? -b : b;
  const out: number[] = [];
  while (m > 0n) { out.push(Number(m & 0xffn)); m >>= 8n; }
  w.u8(neg ? 1 : 0); w.uint(out.length); w.bytes(Uint8Array.from(out));
}

/** A bigint, normalized to a JS number when it fits the safe range (the value invariant). */
function readBig(r: ByteReader): number | bigint {
  const sign = r.u8();
  if (sign > 1) r.fail("bad bigint sign");
  const bytes = r.bytes(r.count(1, "bigint length"));
  let m = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) m = (m << 8n) | BigInt(bytes[i]);
  const b = sign ? -m : m;
  return b >= BigInt(-Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}
