// Characters (R7RS 6.6): predicates, comparisons, conversions and case mappings.
// Chars are interned `Char` objects holding a Unicode scalar value (never a surrogate);
// the Unicode knowledge lives in runtime/unicode.ts. Comparisons take one or more
// arguments and check the type of every argument before answering.

import { PrimSpec, pairwise, prim } from "../runtime/primitive.js";
import { typeError, rangeError } from "../runtime/errors.js";
import { Char, Value, char } from "../runtime/values.js";
import {
  isAlphabetic, isNumeric, isWhitespace, isUpperCase, isLowerCase, digitValue,
  charUpcase, charDowncase, charFoldcase,
} from "../runtime/unicode.js";
import { charArg } from "./data.js";

type Cmp = (a: number, b: number) => boolean;

/** A variadic comparison: `key` maps each char's code point before comparing neighbours. */
function compare(name: string, test: Cmp, key: (cp: number) => number): PrimSpec {
  const all = (args: Value[]): boolean => {
    let prev = key(charArg(name, args[0]));
    let ok = true;
    for (let i = 1; i < args.length; i++) {
      const k = key(charArg(name, args[i]));
      if (ok && !test(prev, k)) ok = false;
      prev = k;
    }
    return ok;
  };
  return prim(name, 1, -1, all, pairwise((a, b) => {
    const x = key(charArg(name, a));
    return test(x, key(charArg(name, b)));
  }, all));
}

const comparisons: Array<[string, Cmp]> = [
  ["=", (a, b) => a === b],
  ["<", (a, b) => a < b],
  [">", (a, b) => a > b],
  ["<=", (a, b) => a <= b],
  [">=", (a, b) => a >= b],
];

const identity = (cp: number): number => cp;

function integerToChar(n: Value): Value {
  if (typeof n === "number" && Number.isInteger(n)) {
    if (n >= 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff)) return char(n);
    return rangeError("integer->char", "scalar value", n);
  }
  if (typeof n === "bigint") return rangeError("integer->char", "scalar value", n);
  return typeError("integer->char", "an exact integer", n);
}

function charPredicate(name: string, test: (cp: number) => boolean): PrimSpec {
  return prim(name, 1, 1, (c: Value) => test(charArg(name, c)));
}

function charMap(name: string, f: (cp: number) => number): PrimSpec {
  return prim(name, 1, 1, (c: Value) => char(f(charArg(name, c))));
}

export const charPrimitives: PrimSpec[] = [
  prim("char?", 1, 1, (x: Value) => x instanceof Char),
  prim("char->integer", 1, 1, (c: Value) => charArg("char->integer", c)),
  prim("integer->char", 1, 1, integerToChar),
  ...comparisons.map(([op, test]) => compare(`char${op}?`, test, identity)),
  ...comparisons.map(([op, test]) => compare(`char-ci${op}?`, test, charFoldcase)),
  charPredicate("char-alphabetic?", isAlphabetic),
  charPredicate("char-numeric?", isNumeric),
  charPredicate("char-whitespace?", isWhitespace),
  charPredicate("char-upper-case?", isUpperCase),
  charPredicate("char-lower-case?", isLowerCase),
  prim("digit-value", 1, 1, (c: Value) => {
    const d = digitValue(charArg("digit-value", c));
    return d < 0 ? false : d;
  }),
  charMap("char-upcase", charUpcase),
  charMap("char-downcase", charDowncase),
  charMap("char-foldcase", charFoldcase),
];
