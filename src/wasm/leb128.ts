// LEB128, the variable-length integer encoding of the WebAssembly binary format (spec 5.2.2):
// seven bits a byte, low bits first, the high bit set on every byte but the last. Unsigned
// (`u32`) for indices, counts and sizes; signed (`s32`, `s64`) for i32.const and i64.const.
// i64 immediates come as bigint so every 64-bit value is exact.

/** Append the unsigned LEB128 encoding of `n` (0 <= n < 2^32) to `out`. */
export function writeU32(out: number[], n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Append the signed LEB128 encoding of `n` (-2^31 <= n < 2^31). */
export function writeS32(out: number[], n: number): void {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`s32 out of range: ${n}`);
  writeS64(out, BigInt(n));
}

/** Append the signed LEB128 encoding of `n` (-2^63 <= n < 2^63). */
export function writeS64(out: number[], n: bigint): void {
  if (n < -(1n << 63n) || n >= 1n << 63n) throw new RangeError(`s64 out of range: ${n}`);
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;  // arithmetic shift: the sign stays
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** A cursor over bytes, for the disassembler and the tests. */
export class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  get done(): boolean { return this.pos >= this.bytes.length; }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new RangeError("unexpected end of Wasm bytes");
    return this.bytes[this.pos++];
  }
  u32(): number {
    let result = 0, mul = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return result;
    }
    throw new RangeError("u32 LEB128 too long");
  }
  s64(): bigint {
    let result = 0n, shift = 0n, b: number;
    do {
      b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (shift < 64n && (b & 0x40)) result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }
  s32(): number { return Number(BigInt.asIntN(32, this.s64())); }
  f64(): number {
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }
  f32(): number {
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new RangeError("unexpected end of Wasm bytes");
    const s = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  name(): string { return new TextDecoder().decode(this.take(this.u32())); }
}
