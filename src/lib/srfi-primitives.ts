// Host-implemented helpers for the SRFI libraries (src/lib/libraries/srfi/*.sld): the parts
// that are much faster in JavaScript (bitwise operations on bigints, hashing). The libraries
// themselves are Scheme and export these under their SRFI names.
//
//   srfi-bitwise.ts   SRFI 151: %bitwise-and ... %bits (first-order procedures only)
//   srfi-hash.ts      SRFI 69: %hash %string-hash ... and the %ht-* store operations
//   srfi-128.ts       SRFI 128: %real-hash %hash-combine
//   srfi-125.ts       SRFI 125: %ht-first (beside the SRFI 69 stores)
//   srfi-132.ts       SRFI 132: %sort-fast! (sorting by a comparison primitive)
//   srfi-14.ts        SRFI 14: the char-set type and its operations
//   srfi-124.ts       SRFI 124: ephemerons
//   srfi-135.ts       SRFI 135: %string-search (textual-contains and -right)
//   srfi-160.ts       SRFI 160: homogeneous numeric vectors (%f64vector-ref ..., %nv-...; the
//                     libraries are made from the table in srfi-160-libraries.ts)

import { PrimSpec } from "../runtime/primitive.js";
import { bitwisePrimitives } from "./srfi-bitwise.js";
import { hashPrimitives } from "./srfi-hash.js";
import { comparatorPrimitives } from "./srfi-128.js";
import { hashTablePrimitives } from "./srfi-125.js";
import { sortPrimitives } from "./srfi-132.js";
import { charSetPrimitives } from "./srfi-14.js";
import { ephemeronPrimitives } from "./srfi-124.js";
import { textPrimitives } from "./srfi-135.js";
import { srfi160Primitives } from "./srfi-160.js";

export const srfiPrimitives: PrimSpec[] = [...bitwisePrimitives, ...hashPrimitives, ...comparatorPrimitives,
  ...hashTablePrimitives, ...sortPrimitives, ...charSetPrimitives, ...ephemeronPrimitives,
  ...textPrimitives, ...srfi160Primitives];
