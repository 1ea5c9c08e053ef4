// Bytevectors (R7RS 6.9). A bytevector is a Uint8Array whose storage no other bytevector shares:
// every procedure that returns one allocates a new array (slice, never subarray). A large one
// made by make-bytevector is a block of the Wasm vector memory (wasm/vector-memory.ts), so Wasm
// code reads and writes it in place, as it does u8vectors. utf8->string decodes malformed input to U+FFFD and keeps a BOM.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { MString, UNSPECIFIED, Value } from "../runtime/values.js";
import {
  MAX_BYTEVECTOR_LENGTH, byteArg, bytevectorArg, destArg, endArg, indexArg, lengthCheck, sizeArg, startArg,
  stringArg,
} from "./data.js";
import { substringOf } from "./strings.js";
import { checkMutableBytevector } from "../runtime/constants.js";
import { reserveExternal } from "../runtime/heap-room.js";
import { allocNumeric } from "../wasm/vector-memory.js";

/** make-bytevector puts bytevectors of at least this many bytes in the Wasm vector memory. */
const WASM_BYTEVECTOR_MIN = 256;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });   // keep a leading U+FEFF

/** The bytevector argument and its checked [start, end) range. */
function range(who: string, bv: Value, start: Value, end: Value): [Uint8Array, number, number] {
  const b = bytevectorArg(who, bv);
  const a = startArg(who, start, b.length);
  return [b, a, endArg(who, end, a, b.length)];
}

function bytevector(args: Value[]): Uint8Array {
  reserveExternal("bytevector", args.length);
  const b = new Uint8Array(args.length);
  for (let i = 0; i < args.length; i++) b[i] = byteArg("bytevector", args[i]);
  return b;
}

function bytevectorCopyBang(to: Value, at: Value, from: Value, start: Value, end: Value): Value {
  const who = "bytevector-copy!";
  const dst = bytevectorArg(who, to);
  checkMutableBytevector(who, dst);
  const [src, a, b] = range(who, from, start, end);
  const d = destArg(who, at, dst.length, b - a);
  dst.set(src.subarray(a, b), d);   // set() copies as if through a temporary when buffers overlap
  return UNSPECIFIED;
}

function bytevectorAppend(args: Value[]): Uint8Array {
  let n = 0;
  for (let i = 0; i < args.length; i++) n += bytevectorArg("bytevector-append", args[i]).length;
  lengthCheck("bytevector-append", n, MAX_BYTEVECTOR_LENGTH);
  reserveExternal("bytevector-append", n);
  const out = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < args.length; i++) { out.set(args[i], at); at += args[i].length; }
  return out;
}

export const bytevectorPrimitives: PrimSpec[] = [
  prim("bytevector?", 1, 1, (x: Value) => x instanceof Uint8Array),
  prim("make-bytevector", 1, 2, (k: Value, fill: Value) => {
    const n = sizeArg("make-bytevector", k, MAX_BYTEVECTOR_LENGTH);
    reserveExternal("make-bytevector", n);
    // Small ones (string building, I/O buffers) stay plain: the memory's blocks cost a finalizer each.
    const b = n >= WASM_BYTEVECTOR_MIN ? allocNumeric(Uint8Array, n, "make-bytevector") as Uint8Array : new Uint8Array(n);
    if (fill !== undefined) b.fill(byteArg("make-bytevector", fill));
    return b;
  }),
  prim("bytevector", 0, -1, bytevector),
  prim("bytevector-length", 1, 1, (b: Value) => bytevectorArg("bytevector-length", b).length),
  prim("bytevector-u8-ref", 2, 2, (bv: Value, k: Value) => {
    const b = bytevectorArg("bytevector-u8-ref", bv);
    return b[indexArg("bytevector-u8-ref", k, b.length)];
  }),
  prim("bytevector-u8-set!", 3, 3, (bv: Value, k: Value, x: Value) => {
    const b = bytevectorArg("bytevector-u8-set!", bv);
    checkMutableBytevector("bytevector-u8-set!", b);
    const i = indexArg("bytevector-u8-set!", k, b.length);
    b[i] = byteArg("bytevector-u8-set!", x);
    return UNSPECIFIED;
  }),
  prim("bytevector-copy", 1, 3, (bv: Value, start: Value, end: Value) => {
    const [b, a, e] = range("bytevector-copy", bv, start, end);
    reserveExternal("bytevector-copy", e - a);
    return b.slice(a, e);
  }),
  prim("bytevector-copy!", 3, 5, bytevectorCopyBang),
  prim("bytevector-append", 0, -1, bytevectorAppend),
  prim("utf8->string", 1, 3, (bv: Value, start: Value, end: Value) => {
    const [b, a, e] = range("utf8->string", bv, start, end);
    return new MString(decoder.decode(b.subarray(a, e)));
  }),
  prim("string->utf8", 1, 3, (str: Value, start: Value, end: Value) => {
    const s = stringArg("string->utf8", str);
    const a = startArg("string->utf8", start, s.length);
    const e = endArg("string->utf8", end, a, s.length);
    const part = a === 0 && e === s.length ? s : substringOf(s, a, e);
    reserveExternal("string->utf8", 3 * (e - a));
    return encoder.encode(part.toString());
  }),
];
