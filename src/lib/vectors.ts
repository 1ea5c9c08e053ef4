// Vectors (R7RS 6.8; string->vector and vector->string are in strings.ts).
// A vector is a plain JS array; every procedure that returns a vector returns a new array.
// Optional start/end arguments follow R7RS: 0 <= start <= end <= length (data.ts).

import { arrayBytes, reserveHeap } from "../runtime/heap-room.js";
import { PrimSpec, prim } from "../runtime/primitive.js";
import { NIL, Pair, UNSPECIFIED, Value } from "../runtime/values.js";
import {
  MAX_ARRAY_LENGTH, destArg, endArg, indexArg, lengthCheck, listArg, sizeArg, startArg, vectorArg,
} from "./data.js";
import { checkMutableVector } from "../runtime/constants.js";

function makeVector(k: Value, fill: Value): Value[] {
  const n = sizeArg("make-vector", k, MAX_ARRAY_LENGTH);
  const f = fill === undefined ? UNSPECIFIED : fill;
  // Preallocated and filled: three times faster than growing by push. Past V8's fast-array
  // limit (32 Mi elements) `new Array(n)` would be a dictionary, so huge ones still grow.
  if (n <= FILL_LIMIT) return new Array<Value>(n).fill(f);
  const v: Value[] = [];
  for (let i = 0; i < n; i++) v.push(f);
  return v;
}
const FILL_LIMIT = 1 << 24;

/** The vector argument and its checked [start, end) range. */
function range(who: string, vec: Value, start: Value, end: Value): [Value[], number, number] {
  const v = vectorArg(who, vec);
  const a = startArg(who, start, v.length);
  return [v, a, endArg(who, end, a, v.length)];
}

/** range, for a procedure that copies the range into a new array (vector-copy, vector->string, ...). */
function copiedRange(who: string, vec: Value, start: Value, end: Value): [Value[], number, number] {
  const r = range(who, vec, start, end);
  reserveHeap(who, arrayBytes(r[2] - r[1]));
  return r;
}

function vectorToList(vec: Value, start: Value, end: Value): Value {
  const [v, a, b] = range("vector->list", vec, start, end);
  let r: Value = NIL;
  for (let i = b - 1; i >= a; i--) r = new Pair(v[i], r);
  return r;
}

function vectorCopyBang(to: Value, at: Value, from: Value, start: Value, end: Value): Value {
  const who = "vector-copy!";
  const dst = vectorArg(who, to);
  checkMutableVector(who, dst);
  const [src, a, b] = range(who, from, start, end);
  const d = destArg(who, at, dst.length, b - a);
  if (dst === src) dst.copyWithin(d, a, b);   // copyWithin handles overlapping ranges
  else for (let i = 0; i < b - a; i++) dst[d + i] = src[a + i];
  return UNSPECIFIED;
}

function vectorAppend(args: Value[]): Value[] {
  let total = 0;
  for (let i = 0; i < args.length; i++) total += vectorArg("vector-append", args[i]).length;
  lengthCheck("vector-append", total, MAX_ARRAY_LENGTH);
  const out: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i] as Value[];
    for (let j = 0; j < v.length; j++) out.push(v[j]);
  }
  return out;
}

export const vectorPrimitives: PrimSpec[] = [
  prim("vector?", 1, 1, (x: Value) => Array.isArray(x)),
  prim("make-vector", 1, 2, makeVector),
  prim("vector", 0, -1, (args: Value[]) => args.slice()),
  prim("vector-length", 1, 1, (v: Value) => vectorArg("vector-length", v).length),
  prim("vector-ref", 2, 2, (vec: Value, k: Value) => {
    const v = vectorArg("vector-ref", vec);
    return v[indexArg("vector-ref", k, v.length)];
  }),
  prim("vector-set!", 3, 3, (vec: Value, k: Value, x: Value) => {
    const v = vectorArg("vector-set!", vec);
    checkMutableVector("vector-set!", v);
    v[indexArg("vector-set!", k, v.length)] = x;
    return UNSPECIFIED;
  }),
  prim("vector->list", 1, 3, vectorToList),
  prim("list->vector", 1, 1, (l: Value) => listArg("list->vector", l)),
  prim("vector-copy", 1, 3, (vec: Value, start: Value, end: Value) => {
    const [v, a, b] = copiedRange("vector-copy", vec, start, end);
    return v.slice(a, b);
  }),
  prim("vector-copy!", 3, 5, vectorCopyBang),
  prim("vector-append", 0, -1, vectorAppend),
  prim("vector-fill!", 2, 4, (vec: Value, x: Value, start: Value, end: Value) => {
    const [v, a, b] = range("vector-fill!", vec, start, end);
    checkMutableVector("vector-fill!", v);
    v.fill(x, a, b);
    return UNSPECIFIED;
  }),
];
