// Strings (R7RS 6.7, plus string->vector / vector->string of 6.8).
// Strings are MString objects indexed by code point (runtime/values.ts). Every procedure
// that returns a string returns a new MString, never one of its arguments. Optional
// start/end arguments follow R7RS: 0 <= start <= end <= length, checked in data.ts.
// Comparisons are lexicographic by code point (shorter prefix first) and variadic
// (one or more arguments); the -ci ones compare the full case foldings.

import { PrimSpec, pairwise, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { Char, MString, NIL, Pair, UNSPECIFIED, Value, char } from "../runtime/values.js";
import { stringUpcase, stringDowncase, stringFoldcase } from "../runtime/unicode.js";
import { checkMutableString } from "../runtime/constants.js";
import {
  MAX_ARRAY_LENGTH, MAX_STRING_UNITS, charArg, destArg, endArg, indexArg, lengthCheck, listArg, sizeArg,
  startArg, stringArg, vectorArg,
} from "./data.js";

/** A new string holding code points [start, end) of `s`. */
export function substringOf(s: MString, start: number, end: number): MString {
  if (s.str !== null) return new MString(s.str.slice(start, end), true);
  return MString.fromCodePoints(s.cps!.slice(start, end));
}

/** Code-point order: negative, zero or positive as a sorts before, with or after b. */
export function compareStrings(a: MString, b: MString): number {
  if (a.str !== null && b.str !== null) return a.str < b.str ? -1 : a.str > b.str ? 1 : 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.codePointAt(i) - b.codePointAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function makeString(k: Value, fill: Value): MString {
  const cp = fill === undefined ? 32 : charArg("make-string", fill);
  // A BMP string is a JS string; any other is a code-point array, with the array limit.
  const n = sizeArg("make-string", k, cp <= 0xffff ? MAX_STRING_UNITS : MAX_ARRAY_LENGTH);
  if (cp <= 0xffff) return new MString(String.fromCharCode(cp).repeat(n));
  const cps: number[] = [];
  for (let i = 0; i < n; i++) cps.push(cp);
  return MString.fromCodePoints(cps);
}

/** Code points of a sequence of chars, each checked. */
function charsToCodePoints(who: string, xs: Value[], start = 0, end = xs.length): number[] {
  const cps = new Array<number>(end - start);
  for (let i = start; i < end; i++) {
    const c = xs[i];
    if (!(c instanceof Char)) return typeError(who, "a character", c);
    cps[i - start] = c.code;
  }
  return cps;
}

type Cmp = (d: number) => boolean;
const comparisons: Array<[string, Cmp]> = [
  ["=", (d) => d === 0],
  ["<", (d) => d < 0],
  [">", (d) => d > 0],
  ["<=", (d) => d <= 0],
  [">=", (d) => d >= 0],
];

function compare(name: string, test: Cmp, foldCase: boolean): PrimSpec {
  const equality = name.endsWith("=?") && !name.endsWith("<=?") && !name.endsWith(">=?");
  const key = (x: Value): MString => {
    const s = stringArg(name, x);
    return foldCase ? new MString(stringFoldcase(s.toString())) : s;
  };
  // Strings of different lengths are never equal: skip the scan.
  const holds = (a: MString, b: MString): boolean => test(equality && a.length !== b.length ? 1 : compareStrings(a, b));
  const all = (args: Value[]): boolean => {
    let prev = key(args[0]);
    let ok = true;
    for (let i = 1; i < args.length; i++) {
      const k = key(args[i]);
      if (ok && !holds(prev, k)) ok = false;
      prev = k;
    }
    return ok;
  };
  return prim(name, 1, -1, all, pairwise((a, b) => {
    const x = key(a);
    return holds(x, key(b));
  }, all));
}

function stringAppend(args: Value[]): MString {
  let allBmp = true, total = 0;
  for (let i = 0; i < args.length; i++) {
    const s = stringArg("string-append", args[i]);
    if (s.str === null) allBmp = false;
    total += s.length;
  }
  lengthCheck("string-append", total, allBmp ? MAX_STRING_UNITS : MAX_ARRAY_LENGTH);
  if (allBmp) {
    let out = "";
    for (let i = 0; i < args.length; i++) out += (args[i] as MString).str;
    return new MString(out, true);
  }
  const cps: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i] as MString;
    for (let j = 0; j < s.length; j++) cps.push(s.codePointAt(j));
  }
  return MString.fromCodePoints(cps);
}

/** (string-append a b), the common call, without an argument array. */
function stringAppend2(a: Value, b: Value): MString {
  const x = stringArg("string-append", a), y = stringArg("string-append", b);
  if (x.str !== null && y.str !== null) {
    lengthCheck("string-append", x.str.length + y.str.length, MAX_STRING_UNITS);
    return new MString(x.str + y.str, true);
  }
  return stringAppend([a, b]);
}

function stringToList(str: Value, start: Value, end: Value): Value {
  const s = stringArg("string->list", str);
  const a = startArg("string->list", start, s.length);
  const b = endArg("string->list", end, a, s.length);
  let r: Value = NIL;
  for (let i = b - 1; i >= a; i--) r = new Pair(char(s.codePointAt(i)), r);
  return r;
}

function stringCopyBang(to: Value, at: Value, from: Value, start: Value, end: Value): Value {
  const who = "string-copy!";
  const dst = stringArg(who, to), src = stringArg(who, from);
  checkMutableString(who, dst);
  const a = startArg(who, start, src.length);
  const b = endArg(who, end, a, src.length);
  const d = destArg(who, at, dst.length, b - a);
  if (b === a) return UNSPECIFIED;
  if (dst === src && d > a) {
    // Overlap with the destination after the source: copy from the end.
    for (let i = b - a - 1; i >= 0; i--) dst.setCodePoint(d + i, src.codePointAt(a + i));
  } else {
    for (let i = 0; i < b - a; i++) dst.setCodePoint(d + i, src.codePointAt(a + i));
  }
  return UNSPECIFIED;
}

function stringFill(str: Value, fill: Value, start: Value, end: Value): Value {
  const s = stringArg("string-fill!", str);
  checkMutableString("string-fill!", s);
  const cp = charArg("string-fill!", fill);
  const a = startArg("string-fill!", start, s.length);
  const b = endArg("string-fill!", end, a, s.length);
  for (let i = a; i < b; i++) s.setCodePoint(i, cp);
  return UNSPECIFIED;
}

function caseMap(name: string, f: (s: string) => string): PrimSpec {
  return prim(name, 1, 1, (s: Value) => new MString(f(stringArg(name, s).toString())));
}

/** string-copy / substring: the range [start, end) as a new string. */
function copyRange(who: string) {
  return (str: Value, start: Value, end: Value): MString => {
    const s = stringArg(who, str);
    const a = startArg(who, start, s.length);
    return substringOf(s, a, endArg(who, end, a, s.length));
  };
}

export const stringPrimitives: PrimSpec[] = [
  prim("string?", 1, 1, (x: Value) => x instanceof MString),
  prim("make-string", 1, 2, makeString),
  prim("string", 0, -1, (args: Value[]) => MString.fromCodePoints(charsToCodePoints("string", args))),
  prim("string-length", 1, 1, (s: Value) => stringArg("string-length", s).length),
  prim("string-ref", 2, 2, (str: Value, k: Value) => {
    const s = stringArg("string-ref", str);
    return char(s.codePointAt(indexArg("string-ref", k, s.length)));
  }),
  prim("string-set!", 3, 3, (str: Value, k: Value, c: Value) => {
    const s = stringArg("string-set!", str);
    checkMutableString("string-set!", s);
    const i = indexArg("string-set!", k, s.length);
    s.setCodePoint(i, charArg("string-set!", c));
    return UNSPECIFIED;
  }),
  ...comparisons.map(([op, test]) => compare(`string${op}?`, test, false)),
  ...comparisons.map(([op, test]) => compare(`string-ci${op}?`, test, true)),
  prim("substring", 2, 3, copyRange("substring")),
  prim("string-append", 0, -1, stringAppend, pairwise(stringAppend2, stringAppend)),
  prim("string->list", 1, 3, stringToList),
  prim("list->string", 1, 1, (l: Value) =>
    MString.fromCodePoints(charsToCodePoints("list->string", listArg("list->string", l)))),
  prim("string-copy", 1, 3, copyRange("string-copy")),
  prim("string-copy!", 3, 5, stringCopyBang),
  prim("string-fill!", 2, 4, stringFill),
  prim("string->vector", 1, 3, (str: Value, start: Value, end: Value) => {
    const s = stringArg("string->vector", str);
    const a = startArg("string->vector", start, s.length);
    const b = endArg("string->vector", end, a, s.length);
    lengthCheck("string->vector", b - a, MAX_ARRAY_LENGTH);
    const v: Value[] = [];
    for (let i = a; i < b; i++) v.push(char(s.codePointAt(i)));
    return v;
  }),
  prim("vector->string", 1, 3, (vec: Value, start: Value, end: Value) => {
    const v = vectorArg("vector->string", vec);
    const a = startArg("vector->string", start, v.length);
    const b = endArg("vector->string", end, a, v.length);
    return MString.fromCodePoints(charsToCodePoints("vector->string", v, a, b));
  }),
  caseMap("string-upcase", stringUpcase),
  caseMap("string-downcase", stringDowncase),
  caseMap("string-foldcase", stringFoldcase),
];
