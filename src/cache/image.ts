// A file of named compiled units: the precompiled prelude and built-in libraries shipped in the
// package, and each entry of the user's code cache. Layout (docs/cache.md):
//   "KILNIMG" 0x00, u8 image version, fingerprint string, entry count,
//   then per entry: name string, checksum (FNV-1a of the bytes), byte length, padding
//   count (0-3) and zero bytes so the entry starts 4-byte aligned, the bytes.
// Opening checks the magic, version and fingerprint; an entry's checksum is checked when it is
// read. Entries are decoded lazily (a library's code is read when it is first imported).

import { ByteReader, ByteWriter, SerialError, checksum } from "../serial/bytes.js";
import { compilerFingerprint } from "./fingerprint.js";

const MAGIC = [0x4b, 0x49, 0x4c, 0x4e, 0x49, 0x4d, 0x47, 0x00];  // "KILNIMG\0"
const IMAGE_VERSION = 3;

export function encodeImage(entries: ReadonlyMap<string, Uint8Array>, fingerprint = compilerFingerprint()): Uint8Array {
  const w = new ByteWriter();
  for (const b of MAGIC) w.u8(b);
  w.u8(IMAGE_VERSION);
  w.rawStr(fingerprint);
  w.uint(entries.size);
  for (const [name, bytes] of entries) {
    w.rawStr(name); w.uint(checksum(bytes)); w.uint(bytes.length);
    // Entries start 4-byte aligned, so the instruction words inside can be used in place.
    const pad = (4 - ((w.length + 1) % 4)) % 4;
    w.u8(pad);
    for (let i = 0; i < pad; i++) w.u8(0);
    w.bytes(bytes);
  }
  return w.finish();
}

export class Image {
  private readonly entries = new Map<string, { start: number; end: number; sum: number }>();

  /**
   * Parse the index of an image; SerialError when it is not one this Kiln wrote. Loaded code
   * keeps views into `bytes`, which must therefore not be shared with another runtime.
   */
  constructor(readonly bytes: Uint8Array, fingerprint = compilerFingerprint()) {
    const r = new ByteReader(bytes);
    for (const b of MAGIC) if (r.atEnd || r.u8() !== b) throw new SerialError("not a Kiln compiled-code file");
    const version = r.u8();
    if (version !== IMAGE_VERSION) throw new SerialError(`compiled-code file version ${version}, expected ${IMAGE_VERSION}`);
    const fp = r.rawStr();
    if (fp !== fingerprint) throw new SerialError(`compiled by another Kiln (${fp}; this is ${fingerprint})`);
    const n = r.count(3, "entry count");
    for (let i = 0; i < n; i++) {
      const name = r.rawStr(), sum = r.uint(), len = r.uint();
      const pad = r.u8();
      if (pad > 3) r.fail("bad entry padding");
      r.pos += pad;
      r.need(len, "entry");
      this.entries.set(name, { start: r.pos, end: r.pos + len, sum });
      r.pos += len;
    }
    if (!r.atEnd) r.fail("trailing bytes after the last entry");
  }

  has(name: string): boolean { return this.entries.has(name); }
  names(): string[] { return [...this.entries.keys()]; }

  /** A reader over entry `name`, its checksum verified; null when absent. */
  entry(name: string): ByteReader | null {
    const e = this.entries.get(name);
    if (e === undefined) return null;
    if (checksum(this.bytes, e.start, e.end) !== e.sum) throw new SerialError(`compiled entry ${name} is damaged (checksum mismatch)`);
    return new ByteReader(this.bytes, e.start, e.end);
  }
}

/** Bytes of a base64 string: Node's Buffer when there is one (much faster), else atob (browsers). */
export function fromBase64(s: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B !== undefined) { const b = B.from(s, "base64"); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); }
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
