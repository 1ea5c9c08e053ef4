// The homogeneous vectors Wasm code reads and writes in place: one table of the SRFI 160 element
// types whose typed arrays live in the vector memory (vector-memory.ts), with the kind letter
// the analysis gives such a vector, the Wasm load and store of an element, and the range a
// stored fixnum must be in (outside it the guard leaves Wasm and the interpreter raises the
// error). The 64-bit integer types are left out: their elements are bigints in JavaScript.
// Everything else (the kinds, the primitives of primitives.ts, the wrapper's checks) is derived
// from this table.
//
// A vector travels in Wasm as three i32s: its handle (the wrapper's table of the call's vectors,
// for deopt frames), the byte address of its first element, and its length.

export type VecKind = "V" | "W" | "S" | "T" | "H" | "G" | "Y" | "U";

export interface VectorKind {
  readonly kind: VecKind;
  /** The SRFI 160 tag: the primitives are %TAGvector-ref, %TAGvector-set!, %TAGvector-length. */
  readonly tag: string;
  // eslint-disable-next-line @typescript-eslint/ban-types
  readonly ctor: Function;
  /** log2 of the element size in bytes. */
  readonly shift: number;
  /** The kind of an element read: fixnum (i64) or flonum (f64). */
  readonly elem: "I" | "F";
  /** Loads the element at the address on the stack as i64 (fixnums) or f64. */
  readonly load: readonly string[];
  /** Stores an i64 (fixnums) or f64 value at the address below it. */
  readonly store: readonly string[];
  /** Fixnum elements: the inclusive range a stored value must be in. */
  readonly lo?: bigint;
  readonly hi?: bigint;
}

const int = (kind: VecKind, tag: string, ctor: Function, bytes: number, signed: boolean): VectorKind => {
  const bits = BigInt(bytes * 8), shift = Math.log2(bytes);
  const size = bytes === 1 ? "8" : bytes === 2 ? "16" : "32";
  return {
    kind, tag, ctor, shift, elem: "I",
    load: [`i64.load${size}_${signed ? "s" : "u"}`],
    store: [`i64.store${size}`],
    lo: signed ? -(1n << (bits - 1n)) : 0n,
    hi: signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n,
  };
};

export const VECTOR_KINDS: readonly VectorKind[] = [
  { kind: "V", tag: "f64", ctor: Float64Array, shift: 3, elem: "F", load: ["f64.load"], store: ["f64.store"] },
  { kind: "W", tag: "f32", ctor: Float32Array, shift: 2, elem: "F", load: ["f32.load", "f64.promote_f32"], store: ["f32.demote_f64", "f32.store"] },
  int("S", "s32", Int32Array, 4, true), int("T", "u32", Uint32Array, 4, false),
  int("H", "s16", Int16Array, 2, true), int("G", "u16", Uint16Array, 2, false),
  int("Y", "s8", Int8Array, 1, true), int("U", "u8", Uint8Array, 1, false),
];

export const VECTOR_KIND: { readonly [K in VecKind]: VectorKind } =
  Object.fromEntries(VECTOR_KINDS.map((v) => [v.kind, v])) as { [K in VecKind]: VectorKind };

export const isVecKind = (k: string): k is VecKind => k in VECTOR_KIND;

/** The vector kind of a value (whatever its memory), or null. */
export function vectorKindOf(v: unknown): VecKind | null {
  if (!ArrayBuffer.isView(v)) return null;
  for (const vk of VECTOR_KINDS) if (v.constructor === vk.ctor) return vk.kind;
  return null;
}
