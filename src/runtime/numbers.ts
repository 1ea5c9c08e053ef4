// The numeric tower: generic arithmetic over Kiln's number representation (values.ts).
//
//   exact integer   JS number holding a safe integer, never -0; bigint only outside ±(2^53-1)
//   exact rational  Ratnum(num, den): exact integers, den > 1, gcd(num, den) = 1, sign on num
//   inexact real    raw JS number when not integral (1.5, NaN, ±Infinity); Flonum box when integral
//
// Invariants kept by every function here: bigints are normalized back to numbers when they fit
// (normBig), exact integer results are never -0 (`+ 0`), rationals are built by makeRational,
// and every inexact result goes through flo(). Binary operations first try the case of two raw
// JS numbers and otherwise dispatch on the representation (kindOf). Comparisons between exact
// and inexact numbers are exact (JS compares number with bigint by mathematical value; rationals
// are compared against the exact value of the flonum), so `=` and `<` are transitive.
// Non-real complex numbers are Compnums (complex.ts). The real paths here come first and stay
// as they were; an argument that is a Compnum, or a real one with no real result (sqrt -4,
// log -1, asin 2, expt -8 1/3), goes to complex.ts. Procedures on reals only (<, floor, ...)
// reject a Compnum with "expected a real number".
// Parsing and printing live in number-format.ts and are re-exported from here.

import { Flonum, Value, flo } from "./values.js";
import { schemeError, typeError } from "./errors.js";
import * as C from "./complex.js";
import { Compnum } from "./complex.js";

export { parseNumber, numberToString } from "./number-format.js";
export { Compnum } from "./complex.js";

export class Ratnum {
  constructor(readonly num: Value, readonly den: Value) {}
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIG = -MAX_SAFE_BIG;

/** Exact integer from a bigint: a JS number when it is in the safe range. */
export function normBig(b: bigint): number | bigint {
  return b >= MIN_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}
function big(x: Value): bigint { return typeof x === "bigint" ? x : BigInt(x); }

/** Exact rational n/d (d nonzero) in lowest terms; an exact integer when d divides n. */
export function makeRational(n: bigint, d: bigint): Value {
  if (d < 0n) { n = -n; d = -d; }
  const g = bigGcd(n < 0n ? -n : n, d);
  if (g !== 1n) { n /= g; d /= g; }
  return d === 1n ? normBig(n) : new Ratnum(normBig(n), normBig(d));
}
/** n/d where n and d > 0 are already coprime. */
function coprimeRatio(n: bigint, d: bigint): Value {
  return d === 1n ? normBig(n) : new Ratnum(normBig(n), normBig(d));
}
/** gcd of non-negative bigints; finishes in doubles once both fit. */
function bigGcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    if (a <= MAX_SAFE_BIG && b <= MAX_SAFE_BIG) return BigInt(numGcd(Number(a), Number(b)));
    const t = a % b; a = b; b = t;
  }
  return a;
}
function bigAbs(x: bigint): bigint { return x < 0n ? -x : x; }
// Sum and product of fractions in lowest terms (Knuth, TAOCP 4.5.1): the gcds taken are of the
// denominators and of small cofactors, not of the full unreduced results.
function ratAdd(an: bigint, ad: bigint, bn: bigint, bd: bigint): Value {
  const g1 = bigGcd(ad, bd);
  if (g1 === 1n) return coprimeRatio(an * bd + bn * ad, ad * bd);
  const t = an * (bd / g1) + bn * (ad / g1);
  if (t === 0n) return 0;
  const g2 = bigGcd(bigAbs(t), g1);
  return coprimeRatio(t / g2, (ad / g1) * (bd / g2));
}
function ratMul(an: bigint, ad: bigint, bn: bigint, bd: bigint): Value {
  if (an === 0n || bn === 0n) return 0;
  const g1 = bigGcd(bigAbs(an), bd), g2 = bigGcd(bigAbs(bn), ad);
  return coprimeRatio((an / g1) * (bn / g2), (ad / g2) * (bd / g1));
}
function numGcd(a: number, b: number): number {
  while (b !== 0) { const t = a % b; a = b; b = t; }
  return a;
}
/** Number of bits in |x| (0 for 0). */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x <= MAX_SAFE_BIG) {
    const v = Number(x), hi = Math.floor(v / 4294967296);
    return hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(v);
  }
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

// ---- Representation kinds (generic paths) -------------------------------------------------

const FIX = 0, BIG = 1, RAT = 2, FLO = 3, CPX = 4;
type Kind = 0 | 1 | 2 | 3;
function kindOf(x: Value, who: string): Kind {
  if (typeof x === "number") return Number.isInteger(x) ? FIX : FLO;
  if (x instanceof Flonum) return FLO;
  if (typeof x === "bigint") return BIG;
  if (x instanceof Ratnum) return RAT;
  return typeError(who, x instanceof Compnum ? "a real number" : "a number", x);
}
/** kindOf for the operations defined on complex numbers too: CPX for a Compnum, tested last so
 * the real kinds cost what they did before complex numbers. */
function numKind(x: Value, who: string): Kind | 4 {
  if (typeof x === "number") return Number.isInteger(x) ? FIX : FLO;
  if (x instanceof Flonum) return FLO;
  if (typeof x === "bigint") return BIG;
  if (x instanceof Ratnum) return RAT;
  if (x instanceof Compnum) return CPX;
  return typeError(who, "a number", x);
}
/** Kind of an integer argument (exact or inexact); a raw JS number that is FLO is not integral. */
function intKindOf(x: Value, who: string): Kind {
  const k = kindOf(x, who);
  if (k === RAT || (k === FLO && !(x instanceof Flonum))) typeError(who, "an integer", x);
  return k;
}
function exactIntArg(x: Value, who: string): void {
  if (!(typeof x === "number" ? Number.isInteger(x) : typeof x === "bigint")) typeError(who, "an exact integer", x);
}
/** The double nearest to a number already known to be one. */
function toFloat(x: Value): number {
  if (typeof x === "number") return x;
  if (x instanceof Flonum) return x.v;
  if (typeof x === "bigint") return Number(x);
  return ratToDouble(big(x.num), big(x.den));
}
export function toJSNumber(x: Value, who = "toJSNumber"): number { kindOf(x, who); return toFloat(x); }

function divByZero(who: string): never { return schemeError(`${who}: division by zero`); }

// ---- Predicates ---------------------------------------------------------------------------

export function isNumber(x: Value): boolean {
  return typeof x === "number" || x instanceof Flonum || typeof x === "bigint" || x instanceof Ratnum || x instanceof Compnum;
}
export function isExact(x: Value): boolean {
  if (typeof x === "number") return Number.isInteger(x);
  return typeof x === "bigint" || x instanceof Ratnum || (x instanceof Compnum && isExact(x.re));
}
export function isInexact(x: Value): boolean {
  return typeof x === "number" ? !Number.isInteger(x) : x instanceof Flonum || (x instanceof Compnum && isInexact(x.re));
}
export function isExactInteger(x: Value): boolean {
  return typeof x === "number" ? Number.isInteger(x) : typeof x === "bigint";
}
export function isExactRational(x: Value): boolean {
  return typeof x === "number" ? Number.isInteger(x) : typeof x === "bigint" || x instanceof Ratnum;
}
export function isInteger(x: Value): boolean {
  return typeof x === "number" ? Number.isInteger(x) : typeof x === "bigint" || x instanceof Flonum;
}
export function isRational(x: Value): boolean {
  return typeof x === "number" ? Number.isFinite(x) : typeof x === "bigint" || x instanceof Flonum || x instanceof Ratnum;
}
export function isReal(x: Value): boolean { return isNumber(x) && !(x instanceof Compnum); }
// On a Compnum: by its parts (R7RS 6.2.6).
export function isNaN(x: Value): boolean {
  return typeof x === "number" ? x !== x : x instanceof Compnum && (isNaN(x.re) || isNaN(x.im));
}
export function isInfinite(x: Value): boolean {
  return x === Infinity || x === -Infinity || (x instanceof Compnum && (isInfinite(x.re) || isInfinite(x.im)));
}
export function isFinite(x: Value): boolean {
  if (typeof x === "number") return Number.isFinite(x);
  return x instanceof Compnum ? isFinite(x.re) && isFinite(x.im) : isNumber(x);
}

export function isZero(x: Value, who = "zero?"): boolean {
  if (typeof x === "number") return x === 0;
  if (x instanceof Flonum) return x.v === 0;
  if (x instanceof Compnum) return isZero(x.re) && isZero(x.im);   // only an inexact one can be
  kindOf(x, who);
  return false;
}
export function isPositive(x: Value, who = "positive?"): boolean {
  if (typeof x === "number" || typeof x === "bigint") return x > 0;
  if (x instanceof Flonum) return x.v > 0;
  if (x instanceof Ratnum) return x.num > 0;
  return typeError(who, "a real number", x);
}
export function isNegative(x: Value, who = "negative?"): boolean {
  if (typeof x === "number" || typeof x === "bigint") return x < 0;
  if (x instanceof Flonum) return x.v < 0;
  if (x instanceof Ratnum) return x.num < 0;
  return typeError(who, "a real number", x);
}
export function isOdd(x: Value, who = "odd?"): boolean {
  if (typeof x === "number" && Number.isInteger(x)) return x % 2 !== 0;
  intKindOf(x, who);
  return typeof x === "bigint" ? (x & 1n) === 1n : x.v % 2 !== 0;
}
export function isEven(x: Value, who = "even?"): boolean { return !isOdd(x, who); }

/** eqv? on numbers: same exactness and value; distinguishes 0.0 from -0.0, and NaN is eqv to NaN. */
export function numEqv(a: Value, b: Value): boolean {
  if (typeof a === "number") return typeof b === "number" && Object.is(a, b);
  if (a instanceof Flonum) return b instanceof Flonum && Object.is(a.v, b.v);
  if (typeof a === "bigint") return a === b;
  if (a instanceof Ratnum) return b instanceof Ratnum && a.num === b.num && a.den === b.den;
  if (a instanceof Compnum) return b instanceof Compnum && numEqv(a.re, b.re) && numEqv(a.im, b.im);
  return false;
}

// ---- Arithmetic ---------------------------------------------------------------------------

const ADD = 0, SUB = 1, MUL = 2, DIV = 3;

export function add(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : normBig(BigInt(a) + BigInt(b));
    return flo(r);
  }
  return arith(ADD, a, b, "+");
}
export function sub(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : normBig(BigInt(a) - BigInt(b));
    return flo(r);
  }
  return arith(SUB, a, b, "-");
}
export function mul(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r + 0 : normBig(BigInt(a) * BigInt(b));
    return flo(r);
  }
  return arith(MUL, a, b, "*");
}
export function div(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) divByZero("/");
    if (Number.isInteger(a) && Number.isInteger(b)) {
      // For safe integers the double quotient is integral exactly when the true one is.
      const q = a / b;
      if (Number.isInteger(q)) return q + 0;
      const g = numGcd(Math.abs(a), Math.abs(b));
      return b < 0 ? new Ratnum(-a / g, -b / g) : new Ratnum(a / g, b / g);
    }
    return flo(a / b);
  }
  return arith(DIV, a, b, "/");
}

function arith(op: number, a: Value, b: Value, who: string): Value {
  if (op !== DIV && isExactInteger(a) && isExactInteger(b)) {
    // Exact integers, one of them a bigint (or the result past the safe range): no dispatch.
    const x = big(a), y = big(b);
    return normBig(op === ADD ? x + y : op === SUB ? x - y : x * y);
  }
  const ka = numKind(a, who), kb = numKind(b, who);
  if (ka === CPX || kb === CPX) return C.complexArith(op, a, b, who);
  if (op === DIV && b === 0) divByZero(who);
  if (ka === FLO || kb === FLO) {
    const x = toFloat(a), y = toFloat(b);
    return flo(op === ADD ? x + y : op === SUB ? x - y : op === MUL ? x * y : x / y);
  }
  if (ka === RAT || kb === RAT) {
    const an = big(ka === RAT ? a.num : a), ad = ka === RAT ? big(a.den) : 1n;
    const bn = big(kb === RAT ? b.num : b), bd = kb === RAT ? big(b.den) : 1n;
    switch (op) {
      case ADD: return ratAdd(an, ad, bn, bd);
      case SUB: return ratAdd(an, ad, -bn, bd);
      case MUL: return ratMul(an, ad, bn, bd);
      default: return bn < 0n ? ratMul(an, ad, -bd, -bn) : ratMul(an, ad, bd, bn);
    }
  }
  const x = big(a), y = big(b);
  switch (op) {
    case ADD: return normBig(x + y);
    case SUB: return normBig(x - y);
    case MUL: return normBig(x * y);
    default: return makeRational(x, y);
  }
}

export function negate(x: Value, who = "-"): Value {
  if (typeof x === "number") return Number.isInteger(x) ? 0 - x : -x;
  if (x instanceof Flonum) return new Flonum(-x.v);
  if (typeof x === "bigint") return normBig(-x);
  if (x instanceof Ratnum) return new Ratnum(typeof x.num === "bigint" ? normBig(-x.num) : 0 - x.num, x.den);
  if (x instanceof Compnum) return C.complexNegate(x);
  return typeError(who, "a number", x);
}
export function abs(x: Value, who = "abs"): Value {
  if (typeof x === "number") return Math.abs(x);
  if (x instanceof Flonum) return x.v < 0 || Object.is(x.v, -0) ? new Flonum(-x.v) : x;
  if (typeof x === "bigint") return x < 0n ? normBig(-x) : x;
  if (x instanceof Ratnum) return x.num < 0 ? negate(x) : x;
  return typeError(who, x instanceof Compnum ? "a real number" : "a number", x);
}
export function square(x: Value): Value {
  if (!(x instanceof Compnum)) kindOf(x, "square");
  return mul(x, x);
}

// ---- Comparison ---------------------------------------------------------------------------

/** -1, 0 or 1 as a is below, equal to or above b; NaN when either is a NaN. Exact across exactness. */
export function compare(a: Value, b: Value, who = "compare"): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  const ka = kindOf(a, who), kb = kindOf(b, who);
  if (ka !== RAT && kb !== RAT) {
    // numbers and bigints: JS relational operators compare them by exact mathematical value
    const x = a instanceof Flonum ? a.v : a, y = b instanceof Flonum ? b.v : b;
    // eslint-disable-next-line eqeqeq
    return x < y ? -1 : x > y ? 1 : x == y ? 0 : NaN;
  }
  if (ka === FLO || kb === FLO) {
    const f = ka === FLO ? toFloat(a) : toFloat(b);
    if (f !== f) return NaN;
    if (f === Infinity || f === -Infinity) return (ka === FLO) === (f > 0) ? 1 : -1;
    return ka === FLO ? ratCompare(floatToExact(f), b) : ratCompare(a, floatToExact(f));
  }
  return ratCompare(a, b);
}
function ratCompare(a: Value, b: Value): number {
  const an = big(a instanceof Ratnum ? a.num : a), ad = a instanceof Ratnum ? big(a.den) : 1n;
  const bn = big(b instanceof Ratnum ? b.num : b), bd = b instanceof Ratnum ? big(b.den) : 1n;
  const l = an * bd, r = bn * ad;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function numEq(a: Value, b: Value, who = "="): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (a instanceof Flonum && b instanceof Flonum) return a.v === b.v;
  if (a instanceof Compnum || b instanceof Compnum) return C.complexEq(a, b, who);
  return compare(a, b, who) === 0;
}
export function lt(a: Value, b: Value, who = "<"): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  return compare(a, b, who) < 0;
}
export function le(a: Value, b: Value, who = "<="): boolean {
  if (typeof a === "number" && typeof b === "number") return a <= b;
  return compare(a, b, who) <= 0;
}
export function gt(a: Value, b: Value, who = ">"): boolean {
  if (typeof a === "number" && typeof b === "number") return a > b;
  return compare(a, b, who) > 0;
}
export function ge(a: Value, b: Value, who = ">="): boolean {
  if (typeof a === "number" && typeof b === "number") return a >= b;
  return compare(a, b, who) >= 0;
}

/** max/min with inexact contagion: the result is inexact when either argument is; NaN wins. */
export function max(a: Value, b: Value, who = "max"): Value { return pick(a, b, who, 1); }
export function min(a: Value, b: Value, who = "min"): Value { return pick(a, b, who, -1); }
function pick(a: Value, b: Value, who: string, sign: number): Value {
  if (typeof a === "number" && typeof b === "number" && Number.isInteger(a) && Number.isInteger(b)) {
    return (a - b) * sign >= 0 ? a : b;
  }
  const c = compare(a, b, who);
  if (c !== c) return NaN;
  const r = c * sign >= 0 ? a : b;
  return isInexact(a) || isInexact(b) ? exactToInexact(r) : r;
}

// ---- Integer division ---------------------------------------------------------------------

function bothFix(a: Value, b: Value): boolean {
  return typeof a === "number" && typeof b === "number" && Number.isInteger(a) && Number.isInteger(b) && b !== 0;
}
/** [quotient, remainder] for floor (floor = true) or truncate division of integers of any exactness. */
function intDiv(floor: boolean, a: Value, b: Value, who: string): [Value, Value] {
  const ka = intKindOf(a, who), kb = intKindOf(b, who);
  if (ka === FLO || kb === FLO) {
    const x = toFloat(a), y = toFloat(b);
    if (y === 0) divByZero(who);
    let r = x % y;
    if (floor && r !== 0 && (r < 0) !== (y < 0)) r += y;
    return [flo(Math.round((x - r) / y)), flo(r)];
  }
  const x = big(a), y = big(b);
  if (y === 0n) divByZero(who);
  let q = x / y, r = x % y;
  if (floor && r !== 0n && (r < 0n) !== (y < 0n)) { q -= 1n; r += y; }
  return [normBig(q), normBig(r)];
}
export function truncateQuotient(a: Value, b: Value, who = "truncate-quotient"): Value {
  if (bothFix(a, b)) return (a - (a % b)) / b + 0;
  return intDiv(false, a, b, who)[0];
}
/** The remainder of exact integers, one of them a bigint, without the quotient (a bigint
 * division of its own). */
function exactRemainder(floor: boolean, a: Value, b: Value, who: string): Value {
  const x = big(a), y = big(b);
  if (y === 0n) divByZero(who);
  let r = x % y;
  if (floor && r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return normBig(r);
}
export function truncateRemainder(a: Value, b: Value, who = "truncate-remainder"): Value {
  if (bothFix(a, b)) return (a % b) + 0;
  if (isExactInteger(a) && isExactInteger(b)) return exactRemainder(false, a, b, who);
  return intDiv(false, a, b, who)[1];
}
export function floorQuotient(a: Value, b: Value, who = "floor-quotient"): Value {
  if (bothFix(a, b)) {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return (a - r) / b + 0;
  }
  return intDiv(true, a, b, who)[0];
}
export function floorRemainder(a: Value, b: Value, who = "floor-remainder"): Value {
  if (bothFix(a, b)) {
    const r = a % b;
    return r !== 0 && (r < 0) !== (b < 0) ? r + b : r + 0;
  }
  if (isExactInteger(a) && isExactInteger(b)) return exactRemainder(true, a, b, who);
  return intDiv(true, a, b, who)[1];
}
export function floorDiv(a: Value, b: Value, who = "floor/"): [Value, Value] {
  if (bothFix(a, b)) return [floorQuotient(a, b), floorRemainder(a, b)];
  return intDiv(true, a, b, who);
}
export function truncateDiv(a: Value, b: Value, who = "truncate/"): [Value, Value] {
  if (bothFix(a, b)) return [truncateQuotient(a, b), truncateRemainder(a, b)];
  return intDiv(false, a, b, who);
}
export function quotient(a: Value, b: Value): Value { return truncateQuotient(a, b, "quotient"); }
export function remainder(a: Value, b: Value): Value { return truncateRemainder(a, b, "remainder"); }
export function modulo(a: Value, b: Value): Value { return floorRemainder(a, b, "modulo"); }

export function gcd(a: Value, b: Value, who = "gcd"): Value {
  if (typeof a === "number" && typeof b === "number" && Number.isInteger(a) && Number.isInteger(b)) {
    return numGcd(Math.abs(a), Math.abs(b));
  }
  const ka = intKindOf(a, who), kb = intKindOf(b, who);
  if (ka === FLO || kb === FLO) return flo(numGcd(Math.abs(toFloat(a)), Math.abs(toFloat(b))));
  const x = big(a), y = big(b);
  return normBig(bigGcd(x < 0n ? -x : x, y < 0n ? -y : y));
}
export function lcm(a: Value, b: Value, who = "lcm"): Value {
  intKindOf(a, who); intKindOf(b, who);
  const g = gcd(a, b, who);
  if (isZero(g)) return isInexact(g) ? flo(0) : 0;
  return abs(mul(truncateQuotient(a, g, who), b));
}

// ---- Rationals ----------------------------------------------------------------------------

export function numerator(x: Value, who = "numerator"): Value {
  if (x instanceof Ratnum) return x.num;
  if (isExactInteger(x)) return x;
  const v = inexactRationalArg(x, who);
  return Number.isInteger(v) ? x : flo(toFloat((floatToExact(v) as Ratnum).num));
}
export function denominator(x: Value, who = "denominator"): Value {
  if (x instanceof Ratnum) return x.den;
  if (isExactInteger(x)) return 1;
  const v = inexactRationalArg(x, who);
  return flo(Number.isInteger(v) ? 1 : toFloat((floatToExact(v) as Ratnum).den));
}
function inexactRationalArg(x: Value, who: string): number {
  const v = x instanceof Flonum ? x.v : x;
  if (typeof v !== "number" || !Number.isFinite(v)) typeError(who, "a rational number", x);
  return v;
}

function floorBig(n: bigint, d: bigint): bigint {   // d > 0
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}
export function floor(x: Value, who = "floor"): Value {
  if (typeof x === "number") return Number.isInteger(x) ? x : flo(Math.floor(x));
  if (x instanceof Ratnum) return normBig(floorBig(big(x.num), big(x.den)));
  kindOf(x, who);
  return x;
}
export function ceiling(x: Value, who = "ceiling"): Value {
  if (typeof x === "number") return Number.isInteger(x) ? x : flo(Math.ceil(x));
  if (x instanceof Ratnum) return normBig(-floorBig(-big(x.num), big(x.den)));
  kindOf(x, who);
  return x;
}
export function truncate(x: Value, who = "truncate"): Value {
  if (typeof x === "number") return Number.isInteger(x) ? x : flo(Math.trunc(x));
  if (x instanceof Ratnum) return normBig(big(x.num) / big(x.den));
  kindOf(x, who);
  return x;
}
/** Round to nearest, ties to even. */
export function round(x: Value, who = "round"): Value {
  if (typeof x === "number") {
    if (Number.isInteger(x)) return x;
    const r = Math.round(x);
    return flo(r - x === 0.5 && r % 2 !== 0 ? r - 1 : r);
  }
  if (x instanceof Ratnum) {
    const n = big(x.num), d = big(x.den);
    const q = floorBig(n, d), twice = 2n * (n - q * d);
    return normBig(twice < d ? q : twice > d ? q + 1n : (q & 1n) === 0n ? q : q + 1n);
  }
  kindOf(x, who);
  return x;
}

/** The simplest rational within y of x (R7RS 6.2.6); inexact when either argument is. */
export function rationalize(x: Value, y: Value, who = "rationalize"): Value {
  kindOf(x, who); kindOf(y, who);
  if (isInexact(x) || isInexact(y)) {
    const fx = toFloat(x), fy = Math.abs(toFloat(y));
    if (fx !== fx || fy !== fy) return NaN;
    if (fy === Infinity) return fx === Infinity || fx === -Infinity ? NaN : flo(0);
    if (fx === Infinity || fx === -Infinity) return fx;
    return exactToInexact(rationalize(floatToExact(fx), floatToExact(fy), who));
  }
  const e = abs(y), lo = sub(x, e), hi = add(x, e);
  if (isPositive(lo)) return simplest(lo, hi);
  if (isNegative(hi)) return negate(simplest(negate(hi), negate(lo)));
  return 0;
}
function simplest(lo: Value, hi: Value): Value {   // 0 < lo <= hi, exact
  const fl = floor(lo);
  if (numEq(fl, lo)) return fl;
  if (lt(fl, floor(hi))) return add(fl, 1);
  return add(fl, div(1, simplest(div(1, sub(hi, fl)), div(1, sub(lo, fl)))));
}

// ---- Exactness conversion -----------------------------------------------------------------

/** The exact value of a finite double. */
export function floatToExact(v: number): Value {
  if (Number.isInteger(v)) return Number.isSafeInteger(v) ? v + 0 : BigInt(v);
  let m = v, k = 0;
  while (!Number.isInteger(m)) { m *= 2; k++; }   // exact: stops once the significand is integral
  return makeRational(BigInt(m), 1n << BigInt(k));
}

/** The double nearest n/d (d > 0), rounding ties to even, including subnormals and overflow. */
export function ratToDouble(n: bigint, d: bigint): number {
  const neg = n < 0n;
  if (neg) n = -n;
  if (n === 0n) return 0;
  const LIM = 1n << 53n;
  if (n <= LIM && d <= LIM) { const r = Number(n) / Number(d); return neg ? -r : r; }
  let k = bitLength(n) - bitLength(d);   // n/d lies in [2^(k-1), 2^(k+1))
  if (k >= 0 ? n < d << BigInt(k) : n << BigInt(-k) < d) k--;
  if (k > 1023) return neg ? -Infinity : Infinity;
  const lsb = Math.max(k - 52, -1074);
  let num = n, den = d;
  if (lsb >= 0) den = d << BigInt(lsb); else num = n << BigInt(-lsb);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  const r = ldexp(Number(q), lsb);
  return neg ? -r : r;
}
function ldexp(m: number, e: number): number {
  while (e > 1000) { m *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { m *= 2 ** -1000; e += 1000; }
  return m * 2 ** e;
}

export function exactToInexact(x: Value, who = "inexact"): Value {
  if (typeof x === "number") return Number.isInteger(x) ? new Flonum(x) : x;
  if (x instanceof Flonum) return x;
  if (typeof x === "bigint") return flo(Number(x));
  if (x instanceof Ratnum) return flo(ratToDouble(big(x.num), big(x.den)));
  if (x instanceof Compnum) return C.complexInexact(x);
  return typeError(who, "a number", x);
}
export function inexactToExact(x: Value, who = "exact"): Value {
  if (typeof x === "number") {
    if (Number.isInteger(x)) return x;
    if (!Number.isFinite(x)) return schemeError(`${who}: no exact representation`, x);
    return floatToExact(x);
  }
  if (x instanceof Flonum) return Number.isSafeInteger(x.v) ? x.v + 0 : BigInt(x.v);
  if (x instanceof Compnum) return C.complexExact(x, who);
  kindOf(x, who);
  return x;
}

// ---- Roots and powers ---------------------------------------------------------------------

/** floor(sqrt(n)) for n >= 0. */
function isqrtBig(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) { const y = (x + n / x) >> 1n; if (y >= x) return x; x = y; }
}
function isqrtNum(n: number): number {
  let s = Math.floor(Math.sqrt(n));
  while (s * s > n) s--;
  while ((s + 1) * (s + 1) <= n) s++;
  return s;
}
/** floor(n^(1/k)) for n >= 0, k >= 1. */
function irootBig(n: bigint, k: number): bigint {
  if (n < 2n || k === 1) return n;
  const K = BigInt(k);
  let x = 1n << BigInt(Math.ceil(bitLength(n) / k));
  for (;;) { const y = ((K - 1n) * x + n / x ** (K - 1n)) / K; if (y >= x) return x; x = y; }
}

export function exactIntegerSqrt(k: Value, who = "exact-integer-sqrt"): [Value, Value] {
  exactIntArg(k, who);
  if (k < 0) typeError(who, "a non-negative exact integer", k);
  if (typeof k === "number") { const s = isqrtNum(k); return [s, k - s * s]; }
  const s = isqrtBig(k);
  return [normBig(s), normBig(k - s * s)];
}

/** Square root of a double-range or larger non-negative bigint, as a double. */
function bigSqrtFloat(n: bigint): number {
  const f = Number(n);
  if (f !== Infinity) return Math.sqrt(f);
  const shift = BigInt(((bitLength(n) - 100) >> 1) << 1);
  return ldexp(Math.sqrt(Number(n >> shift)), Number(shift) / 2);
}

/** Principal square root; exact for exact perfect squares (including rationals like 1/4). */
export function sqrt(x: Value, who = "sqrt"): Value {
  if (typeof x === "number" && Number.isInteger(x)) {
    if (x < 0) return C.complexSqrt(x);
    const s = Math.sqrt(x);
    return Number.isInteger(s) && s * s === x ? s : flo(s);
  }
  const k = numKind(x, who);
  if (k === FLO) {
    const v = toFloat(x);
    if (v < 0) return C.complexSqrt(x);
    return flo(Math.sqrt(v));
  }
  if (k === CPX) return C.complexSqrt(x);
  if (isNegative(x)) return C.complexSqrt(x);
  if (k === BIG) {
    const s = isqrtBig(x);
    return s * s === x ? normBig(s) : flo(bigSqrtFloat(x));
  }
  const n = big(x.num), d = big(x.den);
  const sn = isqrtBig(n), sd = isqrtBig(d);
  if (sn * sn === n && sd * sd === d) return new Ratnum(normBig(sn), normBig(sd));
  return flo(Math.sqrt(toFloat(x)));
}

/** Exact base to an exact integer power. */
function exactPow(a: Value, n: Value, who: string): Value {
  if (n === 0) return 1;
  if (n < 0) {
    if (a === 0) divByZero(who);
    return div(1, exactPow(a, negate(n), who));
  }
  if (a instanceof Ratnum) return new Ratnum(exactPow(a.num, n, who), exactPow(a.den, n, who));
  if (a === 0 || a === 1) return a;
  if (a === -1) return isOdd(n) ? -1 : 1;
  if (typeof n === "bigint") return schemeError(`${who}: result too large`, n);
  if (typeof a === "number" && n * Math.log2(Math.abs(a)) < 52) {
    let r = 1;
    for (let i = 0; i < n; i++) r *= a;   // every partial product is below 2^52: exact
    return r;
  }
  try {
    return normBig(big(a) ** BigInt(n));
  } catch (e) {
    if (e instanceof RangeError) return schemeError(`${who}: result too large`, n);
    throw e;
  }
}

/** a^b. Exact when both are exact and the result is rational (expt 4 1/2 => 2). */
export function expt(a: Value, b: Value, who = "expt"): Value {
  const ka = numKind(a, who), kb = numKind(b, who);
  if (ka === CPX || kb === CPX) return C.complexExpt(a, b, who);
  if (ka !== FLO && (kb === FIX || kb === BIG)) return exactPow(a, b, who);
  if (ka !== FLO && kb === RAT) {
    if (isNegative(a)) return C.complexExpt(a, b, who);
    if (a === 0) return isPositive(b) ? 0 : divByZero(who);
    const den = b.den;
    if (typeof den === "number") {
      const rn = exactRoot(big(a instanceof Ratnum ? a.num : a), den);
      const rd = exactRoot(a instanceof Ratnum ? big(a.den) : 1n, den);
      if (rn !== null && rd !== null) return exactPow(makeRational(rn, rd), b.num, who);
    }
  }
  const x = toFloat(a), y = toFloat(b);
  if (x < 0 && Number.isFinite(y) && !Number.isInteger(y)) return C.complexExpt(a, b, who);
  return flo(Math.pow(x, y));
}
function exactRoot(n: bigint, k: number): bigint | null {
  if (n < 2n) return n;
  if (k > bitLength(n)) return null;
  const r = irootBig(n, k);
  return r ** BigInt(k) === n ? r : null;
}

// ---- Transcendental functions -------------------------------------------------------------

function realArg(x: Value, who: string): number { kindOf(x, who); return toFloat(x); }

/** Natural log of any non-negative real, accurate beyond the double range for exact arguments. */
function ln(x: Value, who: string): number {
  const k = kindOf(x, who);
  if (k === BIG && Number(x) === Infinity) {
    const shift = bitLength(x) - 64;
    return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
  }
  if (k === RAT) {
    const f = toFloat(x);
    if (f === 0 || f === Infinity || Math.abs(f) < 2.2250738585072014e-308) return ln(x.num, who) - ln(x.den, who);
    return Math.log(f);
  }
  return Math.log(toFloat(x));
}
export function exp(x: Value): Value {
  if (typeof x === "number") return flo(Math.exp(x));
  if (x instanceof Compnum) return C.complexExp(x);
  return flo(Math.exp(realArg(x, "exp")));
}
/** True for a Compnum and for a real whose log is not real (below zero, or -0.0). */
function complexLogArg(x: Value): boolean {
  if (x instanceof Compnum) return true;
  kindOf(x, "log");
  return isNegative(x) || (x instanceof Flonum && Object.is(x.v, -0));
}
export function log(x: Value, base?: Value): Value {
  if (complexLogArg(x) || (base !== undefined && complexLogArg(base))) {
    const lx = C.complexLog(x);
    return base === undefined ? lx : div(lx, C.complexLog(base));
  }
  const lx = ln(x, "log");
  if (base === undefined) return flo(lx);
  const f = toFloat(x);
  if (Number.isFinite(f) && f > 0) {   // exact powers of 2 and 10 give exact logs
    if (numEq(base, 2, "log")) return flo(Math.log2(f));
    if (numEq(base, 10, "log")) return flo(Math.log10(f));
  }
  return flo(lx / ln(base, "log"));
}
// Real arguments first: a raw JS number is the common case and costs one typeof.
export function sin(x: Value): Value {
  if (typeof x === "number") return flo(Math.sin(x));
  return x instanceof Compnum ? C.complexSin(x) : flo(Math.sin(realArg(x, "sin")));
}
export function cos(x: Value): Value {
  if (typeof x === "number") return flo(Math.cos(x));
  return x instanceof Compnum ? C.complexCos(x) : flo(Math.cos(realArg(x, "cos")));
}
export function tan(x: Value): Value {
  if (typeof x === "number") return flo(Math.tan(x));
  return x instanceof Compnum ? C.complexTan(x) : flo(Math.tan(realArg(x, "tan")));
}
export function asin(x: Value): Value {
  if (x instanceof Compnum) return C.complexAsin(x);
  const v = realArg(x, "asin");
  if (v > 1 || v < -1) return C.complexAsin(x);
  return flo(Math.asin(v));
}
export function acos(x: Value): Value {
  if (x instanceof Compnum) return C.complexAcos(x);
  const v = realArg(x, "acos");
  if (v > 1 || v < -1) return C.complexAcos(x);
  return flo(Math.acos(v));
}
export function atan(y: Value, x?: Value): Value {
  if (y instanceof Compnum && x === undefined) return C.complexAtan(y);
  const v = realArg(y, "atan");
  if (x === undefined) return flo(Math.atan(v));
  return flo(Math.atan2(v, realArg(x, "atan")));
}
