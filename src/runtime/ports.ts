// Ports (R7RS 6.13), minimal set: string and bytevector ports, and a host output port that
// writes through a callback. The current-port parameters live here too.
//
// Input/output: textual ports move JS strings (UTF-16) but count in code points; binary ports
// move bytes. Invariants: a port is input or output (never both here), textual or binary;
// `open` turns false once closed and the I/O procedures in src/lib/io.ts refuse closed ports.
// A HostOutputPort buffers until a newline (or a size limit) and must be `flush()`ed at exit.

import { Reader } from "../reader/reader.js";
import { Char, EOF, MString, Parameter, Value, char } from "./values.js";

export abstract class Port {
  open = true;
  constructor(readonly input: boolean, readonly output: boolean, readonly textual: boolean) {}
  get binary(): boolean { return !this.textual; }
  close(): void { this.open = false; }
}

// ---- Textual input -------------------------------------------------------------------------

export abstract class TextualInputPort extends Port {
  constructor() { super(true, false, true); }
  abstract readChar(): Char | typeof EOF;
  abstract peekChar(): Char | typeof EOF;
  /** A line without its terminator (`\n`, `\r\n` or `\r`), or EOF at end of input. */
  abstract readLine(): MString | typeof EOF;
  /** Up to k characters, or EOF when none remain (k > 0). */
  abstract readString(k: number): MString | typeof EOF;
  /** The next datum (R7RS `read`), or EOF. */
  abstract readDatum(): Value;
  charReady(): boolean { return true; }
}

/** Input from a JS string, produced lazily by `source` when it is a function (e.g. stdin). */
export class StringInputPort extends TextualInputPort {
  private text: string | null;
  private loader: (() => string) | null;
  /** UTF-16 index of the next character. */
  pos = 0;
  /** State of `#!fold-case` for `read` on this port. */
  foldCase = false;
  // A known (offset, line, column) from which positions of later data are computed.
  private markPos = 0;
  private markLine = 1;
  private markCol = 1;

  constructor(source: string | (() => string), readonly name = "<string>") {
    super();
    if (typeof source === "string") { this.text = source; this.loader = null; }
    else { this.text = null; this.loader = source; }
  }

  private get src(): string {
    if (this.text === null) { this.text = this.loader!(); this.loader = null; }
    return this.text;
  }

  readChar(): Char | typeof EOF {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    const cp = s.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return char(cp);
  }

  peekChar(): Char | typeof EOF {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    return char(s.codePointAt(this.pos)!);
  }

  readLine(): MString | typeof EOF {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    let end = this.pos;
    while (end < s.length) {
      const c = s.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const line = s.slice(this.pos, end);
    if (end < s.length) end += s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1;
    this.pos = end;
    return new MString(line);
  }

  readString(k: number): MString | typeof EOF {
    const s = this.src;
    if (this.pos >= s.length) return EOF;
    let end = this.pos;
    for (let n = 0; n < k && end < s.length; n++) {
      const c = s.charCodeAt(end);
      end += c >= 0xd800 && c <= 0xdbff && end + 1 < s.length ? 2 : 1;
    }
    const out = s.slice(this.pos, end);
    this.pos = end;
    return new MString(out);
  }

  readDatum(): Value {
    const s = this.src;
    this.advanceMark();
    const r = new Reader(s, this.name, {
      offset: this.pos, line: this.markLine, column: this.markCol, foldCase: this.foldCase,
      // Data read at run time need no source positions (they cost a WeakMap entry per pair).
      positions: false,
    });
    try {
      return r.read();
    } finally {
      this.pos = r.offset;
      this.markPos = r.offset; this.markLine = r.line; this.markCol = r.column;
      this.foldCase = r.foldCase;
    }
  }

  /** Bring the line/column mark up to `pos` (the text between was consumed by readChar etc.). */
  private advanceMark(): void {
    const s = this.src;
    let line = this.markLine, col = this.markCol;
    for (let i = this.markPos; i < this.pos; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) { line++; col = 1; }
      else if (c === 13) { if (s.charCodeAt(i + 1) !== 10) { line++; col = 1; } }
      else if (c < 0xdc00 || c > 0xdfff) col++;
    }
    this.markPos = this.pos; this.markLine = line; this.markCol = col;
  }
}

// ---- Textual output ------------------------------------------------------------------------

export abstract class TextualOutputPort extends Port {
  constructor() { super(false, true, true); }
  abstract putString(s: string): void;
  flush(): void { /* unbuffered by default */ }
}

export class StringOutputPort extends TextualOutputPort {
  private text = "";
  putString(s: string): void { this.text += s; }
  getString(): string { return this.text; }
}

/** Writes through `sink`; when line-buffered, text is held until a newline or `flush()`. */
export class HostOutputPort extends TextualOutputPort {
  private buf = "";
  constructor(private readonly sink: (text: string) => void, private readonly lineBuffered = true) {
    super();
  }
  putString(s: string): void {
    if (!this.lineBuffered) { if (s !== "") this.sink(s); return; }
    this.buf += s;
    if (this.buf.length > 65536) { this.flush(); return; }
    if (s.includes("\n")) {
      const k = this.buf.lastIndexOf("\n") + 1;
      const out = this.buf.slice(0, k);
      this.buf = this.buf.slice(k);
      this.sink(out);
    }
  }
  flush(): void {
    if (this.buf !== "") { const out = this.buf; this.buf = ""; this.sink(out); }
  }
  close(): void { this.flush(); super.close(); }
}

// ---- Binary ports --------------------------------------------------------------------------

export abstract class BinaryInputPort extends Port {
  constructor() { super(true, false, false); }
  abstract readU8(): number | typeof EOF;
  abstract peekU8(): number | typeof EOF;
  /** Up to k bytes, or EOF when none remain (k > 0). */
  abstract readBytes(k: number): Uint8Array | typeof EOF;
  u8Ready(): boolean { return true; }
}

export class BytevectorInputPort extends BinaryInputPort {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) { super(); }
  readU8(): number | typeof EOF {
    return this.pos < this.bytes.length ? this.bytes[this.pos++] : EOF;
  }
  peekU8(): number | typeof EOF {
    return this.pos < this.bytes.length ? this.bytes[this.pos] : EOF;
  }
  readBytes(k: number): Uint8Array | typeof EOF {
    if (this.pos >= this.bytes.length) return EOF;
    const end = Math.min(this.bytes.length, this.pos + k);
    const out = this.bytes.slice(this.pos, end);
    this.pos = end;
    return out;
  }
}

export abstract class BinaryOutputPort extends Port {
  constructor() { super(false, true, false); }
  abstract putBytes(bytes: Uint8Array): void;
  putU8(b: number): void { this.putBytes(Uint8Array.of(b)); }
  flush(): void { /* unbuffered by default */ }
}

export class BytevectorOutputPort extends BinaryOutputPort {
  private buf = new Uint8Array(64);
  private len = 0;
  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  putU8(b: number): void { this.reserve(1); this.buf[this.len++] = b; }
  putBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
  getBytes(): Uint8Array { return this.buf.slice(0, this.len); }
}

// ---- Current ports -------------------------------------------------------------------------

/** `(current-input-port)` etc.; the runtime installs host ports as their values. */
export const currentInputPort = new Parameter(new StringInputPort("", "<stdin>"), false);
export const currentOutputPort = new Parameter(new StringOutputPort(), false);
export const currentErrorPort = new Parameter(new StringOutputPort(), false);

/** Make standard input a port over text the host supplies on first use. */
export function setStandardInput(readAll: () => string): StringInputPort {
  const p = new StringInputPort(readAll, "<stdin>");
  currentInputPort.value = p;
  return p;
}

/**
 * Route standard output and error to the host. Output is line-buffered; error output is not,
 * and flushes pending standard output first so the two interleave in program order.
 */
export function setStandardOutput(stdout: (text: string) => void,
                                  stderr: (text: string) => void): { out: HostOutputPort; err: HostOutputPort } {
  const out = new HostOutputPort(stdout, true);
  const err = new HostOutputPort((s) => { out.flush(); stderr(s); }, false);
  currentOutputPort.value = out;
  currentErrorPort.value = err;
  return { out, err };
}

/** Flush the current output and error ports (call at exit). */
export function flushStandardPorts(): void {
  for (const p of [currentOutputPort.value, currentErrorPort.value]) {
    if (p instanceof Port && p.open && (p instanceof TextualOutputPort || p instanceof BinaryOutputPort)) p.flush();
  }
}
