// Byte-level encoding shared by every serialized form (values, compiled code, cache files):
// a growable writer and a bounds-checked reader of unsigned varints, float64s, raw bytes and
// strings. Strings go through a per-stream table, so a file name or a symbol name repeated a
// thousand times is stored once. The reader never trusts a length: every read is checked
// against the bytes that remain, and a violation is a `SerialError`, never a RangeError or an
// allocation of a hostile size.

/** A malformed, truncated or foreign serialized input, or a value that cannot be copied. */
export class SerialError extends Error {
  constructor(message: string, readonly irritant?: unknown) {
    super(message);
    this.name = "SerialError";
  }
}

const utf8 = new TextEncoder();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
// ignoreBOM: a string that starts with U+FEFF keeps it (the default decoder drops it).
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Lone surrogates do not survive UTF-8: such strings are stored as UTF-16 code units. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string table shared by several streams that are read in any order (the code records of a
 * unit, cache/code-serial.ts): each string is written as its index, the table once, elsewhere.
 */
export class StringPool {
  private readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  indexOf(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) { i = this.list.length; this.ids.set(s, i); this.list.push(s); }
    return i;
  }
}

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;
  private readonly strings = new Map<string, number>();
  private readonly view8 = new DataView(new ArrayBuffer(8));

  /** When set, `str` writes the string's index in this pool instead of using the stream's table. */
  pool: StringPool | null = null;

  constructor(initialSize = 4096) { this.buf = new Uint8Array(Math.max(initialSize, 16)); }

  get length(): number { return this.len; }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(b: number): void { this.room(1); this.buf[this.len++] = b; }

  /** An unsigned integer up to 2^53 - 1, seven bits a byte, low bits first. */
  uint(n: number): void {
    this.room(8);
    while (n >= 0x80) { this.buf[this.len++] = (n % 0x80) | 0x80; n = Math.floor(n / 0x80); }
    this.buf[this.len++] = n;
  }

  f64(x: number): void {
    this.view8.setFloat64(0, x, true);
    this.bytes(new Uint8Array(this.view8.buffer));
  }

  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.len); this.len += b.length; }

  /**
   * 32-bit words, little-endian, padded to a 4-byte boundary of the stream (instruction arrays:
   * the reader can use them in place, without a copy or an allocation of their own).
   */
  words(w: Uint32Array): void {
    this.uint(w.length);
    while (this.len % 4 !== 0) this.u8(0);
    if (LITTLE_ENDIAN) { this.bytes(new Uint8Array(w.buffer, w.byteOffset, w.byteLength)); return; }
    const dv = new DataView(new ArrayBuffer(4));
    for (const x of w) { dv.setUint32(0, x, true); this.bytes(new Uint8Array(dv.buffer)); }
  }

  /** A string through the stream's table: 0 then the text the first time, index + 1 after. */
  str(s: string): void {
    if (this.pool !== null) { this.uint(this.pool.indexOf(s)); return; }
    const known = this.strings.get(s);
    if (known !== undefined) { this.uint(known + 1); return; }
    this.strings.set(s, this.strings.size);
    this.uint(0);
    this.rawStr(s);
  }

  /** A string written in full: flag 0 + UTF-8, or flag 1 + UTF-16 units when it has lone surrogates. */
  rawStr(s: string): void {
    const n = s.length;
    if (n <= 32) {  // short ASCII (names, symbols): the bytes are the code units
      let i = 0;
      while (i < n && s.charCodeAt(i) < 0x80) i++;
      if (i === n) {
        this.room(n + 2); this.buf[this.len++] = 0; this.buf[this.len++] = n;
        for (let j = 0; j < n; j++) this.buf[this.len++] = s.charCodeAt(j);
        return;
      }
    }
    if (LONE_SURROGATE.test(s)) {
      this.u8(1); this.uint(s.length);
      for (let i = 0; i < s.length; i++) this.uint(s.charCodeAt(i));
    } else {
      const b = utf8.encode(s);
      this.u8(0); this.uint(b.length); this.bytes(b);
    }
  }

  finish(): Uint8Array { return this.buf.slice(0, this.len); }
}

export class ByteReader {
  pos = 0;
  private readonly strings: string[] = [];
  private dataView: DataView | null = null;
  /** When set, `str` reads an index into these strings (a StringPool's list) instead of the stream's table. */
  pool: readonly string[] | null = null;

  constructor(readonly buf: Uint8Array, readonly start = 0, readonly end = buf.length) {
    this.pos = start;
  }

  /** (Made on first use: most readers never read a float, and a code body gets a reader of its own.) */
  private get view(): DataView { return (this.dataView ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength)); }

  get remaining(): number { return this.end - this.pos; }
  get atEnd(): boolean { return this.pos >= this.end; }

  fail(what: string): never { throw new SerialError(`${what} (at byte ${this.pos})`); }

  need(n: number, what: string): void { if (n > this.end - this.pos) this.fail(`truncated input: ${what}`); }

  u8(): number { this.need(1, "byte"); return this.buf[this.pos++]; }

  uint(): number {
    const pos = this.pos;
    if (pos < this.end) {  // fast path: most integers are one byte
      const b = this.buf[pos];
      if (b < 0x80) { this.pos = pos + 1; return b; }
    }
    return this.uintLong();
  }

  private uintLong(): number {
    let n = 0, scale = 1;
    for (let i = 0; i < 8; i++) {
      this.need(1, "integer");
      const b = this.buf[this.pos++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (n > Number.MAX_SAFE_INTEGER) this.fail("integer out of range");
        return n;
      }
      scale *= 0x80;
    }
    return this.fail("integer too long");
  }

  /** A count of items that each take at least `minBytes` bytes: never more than the input holds. */
  count(minBytes = 1, what = "count"): number {
    const n = this.uint();
    if (n * minBytes > this.remaining) this.fail(`${what} ${n} exceeds the input`);
    return n;
  }

  f64(): number {
    this.need(8, "float");
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  bytes(n: number): Uint8Array {
    this.need(n, "bytes");
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /**
   * Words written by ByteWriter.words. When the stream starts 4-byte aligned in its buffer the
   * result is a view into that buffer (so the buffer must belong to one runtime: loaded code is
   * patched in place when a builtin is redefined).
   */
  words(max: number): Uint32Array {
    const n = this.uint();
    if (n > max) this.fail(`${n} words is too many`);
    while ((this.pos - this.start) % 4 !== 0) { if (this.u8() !== 0) this.fail("bad padding"); }
    this.need(4 * n, "words");
    const at = this.buf.byteOffset + this.pos;
    if (LITTLE_ENDIAN && at % 4 === 0) {
      const view = new Uint32Array(this.buf.buffer, at, n);
      this.pos += 4 * n;
      return view;
    }
    if (LITTLE_ENDIAN) {
      const out = new Uint32Array(n);
      new Uint8Array(out.buffer).set(this.buf.subarray(this.pos, this.pos + 4 * n));
      this.pos += 4 * n;
      return out;
    }
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) { out[i] = this.view.getUint32(this.pos, true); this.pos += 4; }
    return out;
  }

  str(): string {
    const i = this.uint();
    if (this.pool !== null) return i < this.pool.length ? this.pool[i] : this.fail(`string ${i} outside the table of ${this.pool.length}`);
    if (i === 0) { const s = this.rawStr(); this.strings.push(s); return s; }
    if (i > this.strings.length) this.fail(`string reference ${i - 1} out of range`);
    return this.strings[i - 1];
  }

  rawStr(): string {
    const kind = this.u8();
    if (kind === 0) {
      const n = this.count(1, "string length");
      const at = this.pos, buf = this.buf;
      if (n <= 32) {  // short ASCII (names, symbols): no decoder call
        let s = "", i = 0;
        for (; i < n; i++) { const c = buf[at + i]; if (c >= 0x80) break; s += String.fromCharCode(c); }
        if (i === n) { this.pos = at + n; return s; }
      }
      const b = buf.subarray(at, at + n);
      this.pos = at + n;
      try { return utf8Strict.decode(b); } catch { return this.fail("invalid UTF-8 in string"); }
    }
    if (kind === 1) {
      const n = this.count(1, "string length");
      let s = "";
      for (let i = 0; i < n; i++) {
        const u = this.uint();
        if (u > 0xffff) this.fail("invalid UTF-16 unit");
        s += String.fromCharCode(u);
      }
      return s;
    }
    return this.fail(`unknown string kind ${kind}`);
  }
}

/**
 * A 32-bit checksum (FNV-1a over 32-bit words, then the tail bytes) that catches damaged files;
 * not an authenticity check. Word-wise because start-up checks the prelude with it.
 */
export function checksum(b: Uint8Array, start = 0, end = b.length): number {
  let h = 0x811c9dc5, i = start;
  const at = b.byteOffset + start;
  if (LITTLE_ENDIAN && at % 4 === 0 && end - start >= 4) {
    const n = (end - start) >>> 2;
    const words = new Uint32Array(b.buffer, at, n);
    for (let j = 0; j < n; j++) { h ^= words[j]; h = Math.imul(h, 0x01000193); }
    i = start + 4 * n;
  }
  for (; i < end; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}
