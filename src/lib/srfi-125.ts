// SRFI 125 (hash tables) support beyond SRFI 69's stores (src/lib/srfi-hash.ts):
//
//   %ht-first   the first association of a store, as a (key . value) pair, or #f when it is
//               empty; hash-table-pop! takes it in constant time instead of listing the table.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { Pair, Value } from "../runtime/values.js";
import { HashStore } from "./srfi-hash.js";

function firstEntry(store: Value): Value {
  if (!(store instanceof HashStore)) return typeError("hash-table-pop!", "a hash table store", store);
  const e = store.first();
  return e === null ? false : new Pair(e[0], e[1]);
}

export const hashTablePrimitives: PrimSpec[] = [
  prim("%ht-first", 1, 1, firstEntry),
];
