// A participant's mailbox in a browser (the pool on Web Workers: web.ts, web-threads.ts): a
// browser has no receiveMessageOnPort, so a thread waiting in `touch` inside a running Scheme
// program could never read a posted message. The scheduler writes each message for participant
// i into i's mailbox instead, a byte ring in a SharedArrayBuffer with one writer (the scheduler)
// and one reader (the participant), which the participant reads synchronously after its wake
// slot says something came (participant.ts).
//
// Messages are encoded as JSON with their byte arrays (task bytes, values) appended, and are
// written to the ring as a stream: [length u32][message], cut wherever the ring is full. What
// does not fit stays in the writer's backlog; the writer then raises the ring's "wants room"
// flag, and the reader, having read, calls `room` (the participant posts "room" to the
// scheduler, which writes more). A message of any size gets through a ring of any size.

/** Bytes of a mailbox's ring. */
export const MAILBOX_BYTES = 256 * 1024;

// Header: Int32 slots (positions count bytes since the start, modulo 2^32).
const WRITTEN = 0;
const READ = 1;
const WANTS_ROOM = 2;
const HEADER_BYTES = 16;

/** A new mailbox's shared memory (a ring of `bytes`, a power of two). */
export function newMailbox(bytes = MAILBOX_BYTES): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + bytes);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A message as bytes: [json length u32][json][count u32]([length u32][bytes])*, byte arrays out of the JSON. */
export function encodeMessage(m: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const json = utf8.encode(JSON.stringify(m, (_k, v: unknown) => (v instanceof Uint8Array ? { $bytes: blobs.push(v) - 1 } : v)));
  let size = 8 + json.length;
  for (const b of blobs) size += 4 + b.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 4);
  let at = 4 + json.length;
  view.setUint32(at, blobs.length, true);
  at += 4;
  for (const b of blobs) {
    view.setUint32(at, b.length, true);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

/** The message `encodeMessage` wrote (each byte array in a buffer of its own, so it can be transferred). */
export function decodeMessage(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const json = fromUtf8.decode(bytes.subarray(4, 4 + jsonLength));
  let at = 4 + jsonLength;
  const count = view.getUint32(at, true);
  at += 4;
  const blobs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const n = view.getUint32(at, true);
    blobs.push(bytes.slice(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return JSON.parse(json, (_k, v: unknown) =>
    v !== null && typeof v === "object" && "$bytes" in v && Object.keys(v).length === 1 ? blobs[(v as { $bytes: number }).$bytes] : v);
}

/** The scheduler's end of a mailbox. */
export class MailboxWriter {
  private readonly header: Int32Array;
  private readonly ring: Uint8Array;
  private readonly mask: number;
  /** Bytes not yet in the ring, oldest first; the first may be partly written (`offset`). */
  private readonly backlog: Uint8Array[] = [];
  private offset = 0;

  constructor(sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, 3);
    this.ring = new Uint8Array(sab, HEADER_BYTES);
    this.mask = this.ring.length - 1;
  }

  /** Queue a message and write what fits. */
  send(m: unknown): void {
    const body = encodeMessage(m);
    const frame = new Uint8Array(4 + body.length);
    new DataView(frame.buffer).setUint32(0, body.length, true);
    frame.set(body, 4);
    this.backlog.push(frame);
    this.pump();
  }

  /** Write as much of the backlog as the ring has room for; whether anything was written. */
  pump(): boolean {
    let wrote = false;
    while (this.backlog.length > 0) {
      const written = Atomics.load(this.header, WRITTEN) >>> 0;
      let room = this.ring.length - ((written - (Atomics.load(this.header, READ) >>> 0)) >>> 0);
      if (room === 0) {
        // Ask the reader to say when it has read, then look again (it may have read meanwhile).
        Atomics.store(this.header, WANTS_ROOM, 1);
        room = this.ring.length - ((written - (Atomics.load(this.header, READ) >>> 0)) >>> 0);
        if (room === 0) return wrote;
      }
      const frame = this.backlog[0];
      const n = Math.min(room, frame.length - this.offset);
      const at = written & this.mask;
      const first = Math.min(n, this.ring.length - at);
      this.ring.set(frame.subarray(this.offset, this.offset + first), at);
      if (first < n) this.ring.set(frame.subarray(this.offset + first, this.offset + n), 0);
      Atomics.store(this.header, WRITTEN, (written + n) | 0);
      wrote = true;
      this.offset += n;
      if (this.offset === frame.length) { this.backlog.shift(); this.offset = 0; }
    }
    return wrote;
  }
}

/** A participant's end of a mailbox: `receive` never blocks. */
export class MailboxReader {
  private readonly header: Int32Array;
  private readonly ring: Uint8Array;
  private readonly mask: number;
  /** Bytes read from the ring and not yet whole messages (`have` of them). */
  private chunks: Uint8Array[] = [];
  private have = 0;
  private readonly messages: unknown[] = [];

  /** `room` is called when the writer waits for room and some was made. */
  constructor(sab: SharedArrayBuffer, private readonly room: () => void) {
    this.header = new Int32Array(sab, 0, 3);
    this.ring = new Uint8Array(sab, HEADER_BYTES);
    this.mask = this.ring.length - 1;
  }

  /** The next message, or undefined when none has arrived whole. */
  receive(): unknown {
    if (this.messages.length === 0) this.read();
    return this.messages.shift();
  }

  private read(): void {
    const read = Atomics.load(this.header, READ) >>> 0;
    const n = ((Atomics.load(this.header, WRITTEN) >>> 0) - read) >>> 0;
    if (n === 0) return;
    // Copied out of shared memory (TextDecoder refuses shared views).
    const chunk = new Uint8Array(n);
    const at = read & this.mask;
    const first = Math.min(n, this.ring.length - at);
    chunk.set(this.ring.subarray(at, at + first), 0);
    if (first < n) chunk.set(this.ring.subarray(0, n - first), first);
    Atomics.store(this.header, READ, (read + n) | 0);
    if (Atomics.exchange(this.header, WANTS_ROOM, 0) !== 0) this.room();
    this.chunks.push(chunk);
    this.have += n;
    // Whole frames: joined once each (a message cut in many pieces is not copied again and again).
    while (this.have >= 4) {
      if (this.chunks[0].length < 4) this.join();
      const head = this.chunks[0];
      const size = 4 + new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true);
      if (this.have < size) return;
      if (head.length < size) this.join();
      const bytes = this.chunks[0];
      this.messages.push(decodeMessage(bytes.subarray(4, size)));
      this.have -= size;
      if (bytes.length === size) this.chunks.shift();
      else this.chunks[0] = bytes.subarray(size);
    }
  }

  private join(): void {
    const all = new Uint8Array(this.have);
    let at = 0;
    for (const c of this.chunks) { all.set(c, at); at += c.length; }
    this.chunks = [all];
  }
}
