// SRFI 135 support: substring search for textual-contains and textual-contains-right
// (src/lib/libraries/srfi/135.sld), the one text operation whose Scheme loop measured slow
// (a 10-character needle at the end of a 1,000,000-character text). It calls nothing back,
// so it can be a primitive. The library checks the bounds; this only checks types.
//
//   (%string-search haystack needle start1 end1 start2 end2 from-right?) -> index or #f:
//   the first (or last) i in [start1, end1 - m] where needle[start2, end2) occurs, m being
//   end2 - start2; an empty needle is found at start1 (or end1).

import { PrimSpec, prim } from "../runtime/primitive.js";
import { MString, Value } from "../runtime/values.js";
import { stringArg } from "./data.js";

function search(hay: MString, needle: MString, s1: number, e1: number, s2: number, e2: number,
  fromRight: boolean): number | false {
  const m = e2 - s2;
  if (e1 - s1 < m) return false;
  if (hay.str !== null && needle.str !== null) {
    // Both hold only BMP characters: code-unit indices are code-point indices.
    const pattern = needle.str.slice(s2, e2);
    const i = fromRight ? hay.str.lastIndexOf(pattern, e1 - m) : hay.str.indexOf(pattern, s1);
    return i >= s1 && i + m <= e1 ? i : false;
  }
  const matchesAt = (i: number): boolean => {
    for (let j = 0; j < m; j++) if (hay.codePointAt(i + j) !== needle.codePointAt(s2 + j)) return false;
    return true;
  };
  if (fromRight) {
    for (let i = e1 - m; i >= s1; i--) if (matchesAt(i)) return i;
  } else {
    for (let i = s1; i <= e1 - m; i++) if (matchesAt(i)) return i;
  }
  return false;
}

export const textPrimitives: PrimSpec[] = [
  prim("%string-search", 7, 7, (hay: Value, needle: Value, s1: Value, e1: Value, s2: Value, e2: Value,
    fromRight: Value) =>
    search(stringArg("textual-contains", hay), stringArg("textual-contains", needle),
      s1 as number, e1 as number, s2 as number, e2 as number, fromRight !== false)),
];
