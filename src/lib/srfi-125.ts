// SRFI 125 (hash tables) support beyond SRFI 69's stores (src/lib/srfi-hash.ts):
//
//   %ht-first   the first association of a store, as a (key . value) pair, or #f when it is
//               empty; hash-table-pop! takes it in constant time instead of listing the table.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { Pair, Value } from "../runtime/values.js";
import { HashStore } from "./srfi-hash.js";

const EQUAL = 2, GENERIC = 5;  // store kinds, as in srfi-hash.ts

function firstEntry(store: Value): Value {
  if (!(store instanceof HashStore)) return typeError("hash-table-pop!", "a hash table store", store);
  for (const v of store.map.values()) {
    if (store.kind === GENERIC) {
      if (v instanceof Pair) return new Pair(v.car.car, v.car.cdr);
    } else if (store.kind === EQUAL) {
      const bucket = v as { key: Value; value: Value }[];
      if (bucket.length > 0) return new Pair(bucket[0].key, bucket[0].value);
    } else {
      const e = v as { key: Value; value: Value };
      return new Pair(e.key, e.value);
    }
  }
  return false;
}

export const hashTablePrimitives: PrimSpec[] = [
  prim("%ht-first", 1, 1, firstEntry),
];
