// Ports (R7RS 6.13): the port classes, string and bytevector ports, standard input as a
// string port fed in pieces, a host output port that writes through a callback, the
// current-port parameters, and the set of buffered ports flushed at exit. File ports build on
// these in file-ports.ts.
//
// Input/output: textual ports move JS strings (UTF-16) but count in code points; binary ports
// move bytes. Invariants: a port is input or output (never both here), textual or binary;
// `open` turns false once closed and the I/O procedures in src/lib/io.ts refuse closed ports.
// A HostOutputPort buffers until a newline (or a size limit); it and every port registered
// with `flushAtExit` must be flushed at exit (`flushStandardPorts`).

import { ReadError, Reader } from "../reader/reader.js";
import { Char, EOF, MAX_TABLE_SIZE, MString, Parameter, Primitive, Value, char } from "./values.js";
import { raisingFileErrors, schemeError, typeError } from "./errors.js";
import { reserveExternal, reserveHeap, stringBytes } from "./heap-room.js";

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

/**
 * Textual input from a JS string, or from a source that supplies text in pieces (`more`
 * returns the next piece, or null at end of input): standard input reads a chunk at a time,
 * so an interactive program sees each line as it is typed. Operations pull more text only
 * when the buffered text cannot answer them.
 */
export class StringInputPort extends TextualInputPort {
  private text: string;
  private more: (() => string | null) | null;
  /** Whether `more` may block (standard input): char-ready? then answers from the buffer. */
  private streaming = false;
  /** UTF-16 index of the next character in `text`. */
  pos = 0;
  /** State of `#!fold-case` for `read` on this port. */
  foldCase = false;
  // A known (offset, line, column) from which positions of later data are computed.
  private markPos = 0;
  private markLine = 1;
  private markCol = 1;

  /** `source` is the text, or a function giving all of it on first use. */
  constructor(source: string | (() => string), readonly name = "<string>") {
    super();
    if (typeof source === "string") { this.text = source; this.more = null; }
    else {
      let load: (() => string) | null = source;
      this.text = "";
      this.more = () => { const f = load; load = null; return f === null ? null : f(); };
    }
  }

  /** A port over text supplied in pieces by `next` (null at end of input). */
  static stream(next: () => string | null, name = "<stdin>"): StringInputPort {
    const p = new StringInputPort("", name);
    p.more = next;
    p.streaming = true;
    return p;
  }

  /** Append the next piece of input; false at end of input. Never moves buffered text. */
  private fill(): boolean {
    while (this.more !== null) {
      const piece = this.more();
      if (piece === null) { this.more = null; return false; }
      if (piece !== "") { this.text += piece; return true; }
    }
    return false;
  }

  /** Drop consumed text of a stream once it dominates the buffer (call only between operations). */
  private compact(): void {
    if (this.more === null || this.pos < 65536 || this.pos * 2 < this.text.length) return;
    this.advanceMark();
    this.text = this.text.slice(this.pos);
    this.markPos -= this.pos;
    this.pos = 0;
  }

  /** Whether at least one whole character is buffered (pulling more if needed). */
  private haveChar(): boolean {
    if (this.pos >= this.text.length) {
      this.compact();
      if (!this.fill()) return false;
    }
    const c = this.text.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff && this.pos + 1 >= this.text.length) this.fill();
    return true;
  }

  readChar(): Char | typeof EOF {
    if (!this.haveChar()) return EOF;
    const cp = this.text.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return char(cp);
  }

  peekChar(): Char | typeof EOF {
    if (!this.haveChar()) return EOF;
    return char(this.text.codePointAt(this.pos)!);
  }

  readLine(): MString | typeof EOF {
    this.compact();
    if (!this.haveChar()) return EOF;
    let end = this.pos;
    for (;;) {
      const s = this.text;
      while (end < s.length) {
        const c = s.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      if (end < s.length || !this.fill()) break;
    }
    const s0 = this.text;
    const line = s0.slice(this.pos, end);
    if (end < s0.length) {
      // A `\r` ending the buffered text may be the first half of `\r\n`.
      if (s0.charCodeAt(end) === 13 && end + 1 >= s0.length) this.fill();
      const s = this.text;
      end += s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1;
    }
    this.pos = end;
    return new MString(line);
  }

  readString(k: number): MString | typeof EOF {
    this.compact();
    if (!this.haveChar()) return EOF;
    let end = this.pos;
    for (let n = 0; n < k; n++) {
      if (end >= this.text.length && !this.fill()) break;
      const c = this.text.charCodeAt(end);
      if (c >= 0xd800 && c <= 0xdbff && end + 1 >= this.text.length) this.fill();
      end += c >= 0xd800 && c <= 0xdbff && end + 1 < this.text.length ? 2 : 1;
    }
    const out = this.text.slice(this.pos, end);
    this.pos = end;
    return new MString(out);
  }

  /**
   * The next datum. On a stream, a datum (or error, or end of input) found at the very end of
   * the buffered text may continue in text not yet supplied, so the read is retried with more.
   * After a read error the port stays usable, positioned where the reader stopped.
   */
  readDatum(): Value {
    this.compact();
    if (this.more !== null && this.pos >= this.text.length) this.fill();
    for (;;) {
      this.advanceMark();
      const r = new Reader(this.text, this.name, {
        offset: this.pos, line: this.markLine, column: this.markCol, foldCase: this.foldCase,
        // Data read at run time need no source positions (they cost a WeakMap entry per pair).
        positions: false,
      });
      let value: Value = EOF, error: unknown = null;
      try { value = r.read(); } catch (e) { error = e; }
      if (r.offset >= this.text.length && this.more !== null && (error === null || error instanceof ReadError)) {
        // Pull at least as much as is pending, so a huge datum is re-read O(log n) times.
        const pending = this.text.length - this.pos;
        const target = this.text.length + (pending > 65536 ? pending : 1);
        while (this.text.length < target && this.fill()) { /* pull */ }
        if (this.text.length > r.offset || this.more !== null) continue;
      }
      this.pos = r.offset;
      this.markPos = r.offset; this.markLine = r.line; this.markCol = r.column;
      this.foldCase = r.foldCase;
      if (error !== null) throw error;
      return value;
    }
  }

  charReady(): boolean {
    return !this.streaming || this.pos < this.text.length || this.more === null;
  }

  /** Bring the line/column mark up to `pos` (the text between was consumed by readChar etc.). */
  private advanceMark(): void {
    const s = this.text;
    let line = this.markLine, col = this.markCol;
    for (let i = this.markPos; i < this.pos; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) { line++; col = 1; }
      else if (c === 13) { if (s.charCodeAt(i + 1) !== 10) { line++; col = 1; } }
      else if (c < 0xdc00 || c > 0xdfff) col++;
    }
    this.markPos = this.pos; this.markLine = line; this.markCol = col;
  }

  close(): void { super.close(); this.text = ""; this.pos = 0; this.markPos = 0; this.more = null; }
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
  // The text is a rope of the pieces written; its first read makes it one flat string.
  getString(): string { reserveHeap("get-output-string", stringBytes(this.text.length)); return this.text; }
}

/** Writes through `sink`; when line-buffered, text is held until a newline or `flush()`. */
export class HostOutputPort extends TextualOutputPort {
  private buf = "";
  /**
   * The sink, a host failure to write being a file error, as for a file port (what was not
   * written is dropped, so the flush at exit does not fail again).
   */
  private readonly write: (text: string) => void;
  constructor(sink: (text: string) => void, private readonly lineBuffered = true, what = "standard output") {
    super();
    this.write = raisingFileErrors(sink, what);
  }
  putString(s: string): void {
    if (!this.lineBuffered) { if (s !== "") this.write(s); return; }
    this.buf += s;
    if (this.buf.length > 65536) { this.flush(); return; }
    if (s.includes("\n")) {
      const k = this.buf.lastIndexOf("\n") + 1;
      const out = this.buf.slice(0, k);
      this.buf = this.buf.slice(k);
      this.write(out);
    }
  }
  flush(): void {
    if (this.buf !== "") { const out = this.buf; this.buf = ""; this.write(out); }
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
    const size = Math.max(this.buf.length * 2, this.len + n);
    reserveExternal("write-bytevector", size);
    const next = new Uint8Array(size);
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

type OutputPort = TextualOutputPort | BinaryOutputPort;

/** A converter for the current-port parameters: `parameterize` accepts only ports of the right direction. */
function portConverter(name: string, input: boolean): Primitive {
  return new Primitive(name, 1, 1, (p: Value) => {
    if (!(p instanceof Port) || (input ? !p.input : !p.output)) typeError(name, input ? "an input port" : "an output port", p);
    return p;
  });
}

/**
 * One runtime's ports: the current-port parameters, the host's standard output and error, and
 * the buffered file ports to flush at exit. Each Runtime has its own, so no program can plant
 * a port, read another's input or write to another's output. The CLI's runtime uses
 * `processPorts`, which the module-level functions below act on.
 */
export class PortSet {
  /** `(current-input-port)` etc.; the host installs its ports as their values. */
  readonly input = new Parameter(new StringInputPort("", "<stdin>"), portConverter("current-input-port", true));
  readonly output = new Parameter(new StringOutputPort(), portConverter("current-output-port", false));
  readonly error = new Parameter(new StringOutputPort(), portConverter("current-error-port", false));
  // The host's standard output ports, flushed at exit even when the current ports were rebound.
  private standardOut: OutputPort | null = null;
  private standardErr: OutputPort | null = null;
  /** Buffered ports (files) that must be flushed at exit while they are open. */
  private readonly pendingAtExit = new Set<OutputPort>();

  /** Make standard input a port over text the host supplies whole, on first use. */
  setStandardInput(readAll: () => string): StringInputPort {
    const p = new StringInputPort(readAll, "<stdin>");
    this.input.value = p;
    return p;
  }

  /**
   * Make standard input a port over text the host supplies in pieces (null at end of input).
   * Pending standard output is flushed before each wait for input, so a prompt written without
   * a newline shows before the program blocks.
   */
  setStandardInputStream(next: () => string | null): StringInputPort {
    const p = StringInputPort.stream(() => {
      const out = this.standardOut;
      if (out !== null && out.open) out.flush();
      return next();
    }, "<stdin>");
    this.input.value = p;
    return p;
  }

  /**
   * Route standard output and error to the host. Output is line-buffered; error output is not,
   * and flushes pending standard output first so the two interleave in program order.
   */
  setStandardOutput(stdout: (text: string) => void, stderr: (text: string) => void): { out: HostOutputPort; err: HostOutputPort } {
    const out = new HostOutputPort(stdout, true);
    const err = new HostOutputPort((s) => { out.flush(); stderr(s); }, false, "standard error");
    this.output.value = out;
    this.error.value = err;
    this.standardOut = out;
    this.standardErr = err;
    return { out, err };
  }

  flushAtExit(p: OutputPort): void {
    if (this.pendingAtExit.size >= MAX_TABLE_SIZE) schemeError("too many open file ports");
    this.pendingAtExit.add(p);
  }
  forgetAtExit(p: OutputPort): void { this.pendingAtExit.delete(p); }

  /**
   * Flush the standard output and error ports, the current ones, and every open file output
   * port (call at exit, and whenever the host hands control back, as the REPL does). A file
   * that cannot be written is reported on standard error; flushing goes on with the others.
   */
  flush(): void {
    for (const p of this.pendingAtExit) {
      try { if (p.open) p.flush(); }
      catch (e) {
        const err = this.standardErr ?? this.error.value;
        const msg = e instanceof Error ? e.message : String(e);
        const name = (p as { name?: unknown }).name;
        if (err instanceof TextualOutputPort && err.open) err.putString(`kiln: ${msg}${typeof name === "string" ? ` (${name})` : ""}\n`);
      }
    }
    for (const p of [this.output.value, this.error.value, this.standardOut, this.standardErr]) {
      if (p instanceof Port && p.open && (p instanceof TextualOutputPort || p instanceof BinaryOutputPort)) p.flush();
    }
  }
}

/** The ports of the process's own runtime (the CLI's): standard input, output and error. */
export const processPorts = new PortSet();
export function setStandardInput(readAll: () => string): StringInputPort { return processPorts.setStandardInput(readAll); }
export function setStandardInputStream(next: () => string | null): StringInputPort { return processPorts.setStandardInputStream(next); }
export function setStandardOutput(stdout: (text: string) => void, stderr: (text: string) => void): { out: HostOutputPort; err: HostOutputPort } {
  return processPorts.setStandardOutput(stdout, stderr);
}
export function flushStandardPorts(): void { processPorts.flush(); }
