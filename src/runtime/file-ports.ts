// Output ports onto files. The core never touches a file itself: a file output port buffers
// what is written and hands the bytes to a `sink` (given by src/lib/files.ts, which calls the
// Host) when it is flushed, closed, or its buffer grows past a limit, and at exit.
//
// Input: text (UTF-16 JS strings, written out as UTF-8) or bytes. Output: calls of `sink`
// with the bytes to append to the file, in order. Invariants: an open file output port is
// registered with `flushAtExit` and leaves the registry when closed; the buffer is emptied
// before `sink` runs, so a sink that fails (raises a file error) never sees the bytes twice.
// Input file ports need no class of their own: the file is read whole when it is opened, so
// a StringInputPort or BytevectorInputPort over its contents does.

import { BinaryOutputPort, PortSet, TextualOutputPort } from "./ports.js";

/** Bytes held before a file output port writes through without waiting for a flush. */
const LIMIT = 1 << 16;

const encoder = new TextEncoder();

/** Appends bytes to the file; raises a file error when it cannot. */
export type FileSink = (bytes: Uint8Array) => void;

export class FileTextOutputPort extends TextualOutputPort {
  private buf = "";
  constructor(readonly name: string, private readonly sink: FileSink, private readonly ports: PortSet) {
    super();
    ports.flushAtExit(this);
  }
  putString(s: string): void {
    this.buf += s;
    if (this.buf.length >= LIMIT) this.flush();
  }
  flush(): void {
    if (this.buf === "") return;
    const bytes = encoder.encode(this.buf);
    this.buf = "";
    this.sink(bytes);
  }
  close(): void { closeFileOutput(this, this.ports, () => super.close()); }
}

export class FileBinaryOutputPort extends BinaryOutputPort {
  private buf = new Uint8Array(256);
  private len = 0;
  constructor(readonly name: string, private readonly sink: FileSink, private readonly ports: PortSet) {
    super();
    ports.flushAtExit(this);
  }
  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  putU8(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
    if (this.len >= LIMIT) this.flush();
  }
  putBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    if (this.len >= LIMIT) this.flush();
  }
  flush(): void {
    if (this.len === 0) return;
    const bytes = this.buf.slice(0, this.len);
    this.len = 0;
    if (this.buf.length > 4 * LIMIT) this.buf = new Uint8Array(256);
    this.sink(bytes);
  }
  close(): void { closeFileOutput(this, this.ports, () => super.close()); }
}

/** Closing a file output port: leave the exit registry, mark it closed, write what is buffered. */
function closeFileOutput(port: FileTextOutputPort | FileBinaryOutputPort, ports: PortSet, markClosed: () => void): void {
  if (!port.open) return;
  ports.forgetAtExit(port);
  markClosed();
  port.flush();
}
