// Numeric procedures (R7RS 6.2.6, 6.2.7) and the real-number parts of (scheme inexact) and
// (scheme complex). The arithmetic itself is in runtime/numbers.ts; this file adapts it to the
// builtin table: variadic procedures fold over their argument array (never spread: it can hold
// a million elements), comparisons check the type of every argument even after the answer is
// known, and the two-valued procedures return MultipleValues. (scheme complex) is in
// runtime/complex.ts.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { MString, MultipleValues, Value, flo } from "../runtime/values.js";
import * as N from "../runtime/numbers.js";
import * as C from "../runtime/complex.js";

function numArg(who: string, x: Value): Value {
  if (!N.isNumber(x)) typeError(who, "a number", x);
  return x;
}
function radixArg(who: string, r: Value): number {
  if (r === undefined) return 10;
  if (r !== 2 && r !== 8 && r !== 10 && r !== 16) typeError(who, "a radix (2, 8, 10 or 16)", r);
  return r;
}

type Binary = (a: Value, b: Value, who: string) => Value;

/** A left fold of a binary operation with `unit` as the result of no arguments. */
function fold(who: string, op: Binary, unit: Value) {
  return (args: Value[]): Value => {
    if (args.length === 0) return unit;
    let r = numArg(who, args[0]);
    for (let i = 1; i < args.length; i++) r = op(r, args[i], who);
    return r;
  };
}

/** `-` and `/`: one argument gives the inverse, more associate to the left. */
function inverseFold(who: string, op: Binary, inverse: (x: Value) => Value) {
  return (args: Value[]): Value => {
    if (args.length === 1) return inverse(args[0]);
    let r = args[0];
    for (let i = 1; i < args.length; i++) r = op(r, args[i], who);
    return r;
  };
}

/** A chained comparison: true when `test` holds for every neighbouring pair. */
function chain(who: string, test: (a: Value, b: Value, who: string) => boolean) {
  return (args: Value[]): boolean => {
    numArg(who, args[0]);
    let ok = true;
    for (let i = 1; i < args.length; i++) {
      if (ok) ok = test(args[i - 1], args[i], who);
      else numArg(who, args[i]);
    }
    return ok;
  };
}

function realArg(who: string, x: Value): Value {
  if (!N.isReal(x)) typeError(who, "a real number", x);
  return x;
}
function makeRectangular(x: Value, y: Value): Value {
  return C.makeRect(realArg("make-rectangular", x), realArg("make-rectangular", y));
}
function makePolar(r: Value, theta: Value): Value {
  return C.makePolar(realArg("make-polar", r), realArg("make-polar", theta));
}

function stringToNumber(s: Value, radix: Value): Value {
  if (!(s instanceof MString)) typeError("string->number", "a string", s);
  return N.parseNumber(s.toString(), radixArg("string->number", radix));
}
function numberToString(z: Value, radix: Value): MString {
  numArg("number->string", z);
  return new MString(N.numberToString(z, radixArg("number->string", radix)));
}

export const numberPrimitives: PrimSpec[] = [
  // Type predicates (any object)
  prim("number?", 1, 1, (x: Value) => N.isNumber(x)),
  prim("complex?", 1, 1, (x: Value) => N.isNumber(x)),
  prim("real?", 1, 1, (x: Value) => N.isReal(x)),
  prim("rational?", 1, 1, (x: Value) => N.isRational(x)),
  prim("integer?", 1, 1, (x: Value) => N.isInteger(x)),
  prim("exact-integer?", 1, 1, (x: Value) => N.isExactInteger(x)),
  prim("exact-rational?", 1, 1, (x: Value) => N.isExactRational(x)),
  // Predicates on numbers
  prim("exact?", 1, 1, (x: Value) => N.isExact(numArg("exact?", x))),
  prim("inexact?", 1, 1, (x: Value) => N.isInexact(numArg("inexact?", x))),
  prim("nan?", 1, 1, (x: Value) => N.isNaN(numArg("nan?", x))),
  prim("infinite?", 1, 1, (x: Value) => N.isInfinite(numArg("infinite?", x))),
  prim("finite?", 1, 1, (x: Value) => N.isFinite(numArg("finite?", x))),
  prim("zero?", 1, 1, (x: Value) => N.isZero(x)),
  prim("positive?", 1, 1, (x: Value) => N.isPositive(x)),
  prim("negative?", 1, 1, (x: Value) => N.isNegative(x)),
  prim("odd?", 1, 1, (x: Value) => N.isOdd(x)),
  prim("even?", 1, 1, (x: Value) => N.isEven(x)),
  // Comparison
  prim("=", 1, -1, chain("=", N.numEq)),
  prim("<", 1, -1, chain("<", N.lt)),
  prim(">", 1, -1, chain(">", N.gt)),
  prim("<=", 1, -1, chain("<=", N.le)),
  prim(">=", 1, -1, chain(">=", N.ge)),
  prim("max", 1, -1, fold("max", N.max, undefined)),
  prim("min", 1, -1, fold("min", N.min, undefined)),
  // Arithmetic
  prim("+", 0, -1, fold("+", N.add, 0)),
  prim("*", 0, -1, fold("*", N.mul, 1)),
  prim("-", 1, -1, inverseFold("-", N.sub, (x) => N.negate(x))),
  prim("/", 1, -1, inverseFold("/", N.div, (x) => N.div(1, x))),
  prim("abs", 1, 1, (x: Value) => N.abs(x)),
  prim("square", 1, 1, (x: Value) => N.square(x)),
  // Integer division
  prim("quotient", 2, 2, (a: Value, b: Value) => N.quotient(a, b)),
  prim("remainder", 2, 2, (a: Value, b: Value) => N.remainder(a, b)),
  prim("modulo", 2, 2, (a: Value, b: Value) => N.modulo(a, b)),
  prim("floor/", 2, 2, (a: Value, b: Value) => new MultipleValues(N.floorDiv(a, b))),
  prim("floor-quotient", 2, 2, (a: Value, b: Value) => N.floorQuotient(a, b)),
  prim("floor-remainder", 2, 2, (a: Value, b: Value) => N.floorRemainder(a, b)),
  prim("truncate/", 2, 2, (a: Value, b: Value) => new MultipleValues(N.truncateDiv(a, b))),
  prim("truncate-quotient", 2, 2, (a: Value, b: Value) => N.truncateQuotient(a, b)),
  prim("truncate-remainder", 2, 2, (a: Value, b: Value) => N.truncateRemainder(a, b)),
  // One argument still goes through the operation: (gcd -5) is 5.
  prim("gcd", 0, -1, (args: Value[]) => fold("gcd", N.gcd, 0)(args.length === 1 ? [args[0], 0] : args)),
  prim("lcm", 0, -1, (args: Value[]) => fold("lcm", N.lcm, 1)(args.length === 1 ? [args[0], 1] : args)),
  // Rationals and rounding
  prim("numerator", 1, 1, (x: Value) => N.numerator(x)),
  prim("denominator", 1, 1, (x: Value) => N.denominator(x)),
  prim("floor", 1, 1, (x: Value) => N.floor(x)),
  prim("ceiling", 1, 1, (x: Value) => N.ceiling(x)),
  prim("round", 1, 1, (x: Value) => N.round(x)),
  prim("truncate", 1, 1, (x: Value) => N.truncate(x)),
  prim("rationalize", 2, 2, (x: Value, y: Value) => N.rationalize(x, y)),
  // (scheme inexact)
  prim("exp", 1, 1, (x: Value) => N.exp(x)),
  prim("log", 1, 2, (x: Value, b: Value) => N.log(x, b)),
  prim("sin", 1, 1, (x: Value) => N.sin(x)),
  prim("cos", 1, 1, (x: Value) => N.cos(x)),
  prim("tan", 1, 1, (x: Value) => N.tan(x)),
  prim("asin", 1, 1, (x: Value) => N.asin(x)),
  prim("acos", 1, 1, (x: Value) => N.acos(x)),
  prim("atan", 1, 2, (y: Value, x: Value) => N.atan(y, x)),
  prim("sqrt", 1, 1, (x: Value) => N.sqrt(x)),
  // Roots, powers, exactness
  prim("exact-integer-sqrt", 1, 1, (k: Value) => new MultipleValues(N.exactIntegerSqrt(k))),
  prim("expt", 2, 2, (a: Value, b: Value) => N.expt(a, b)),
  prim("exact", 1, 1, (x: Value) => N.inexactToExact(x, "exact")),
  prim("inexact", 1, 1, (x: Value) => N.exactToInexact(x, "inexact")),
  prim("inexact->exact", 1, 1, (x: Value) => N.inexactToExact(x, "inexact->exact")),
  prim("exact->inexact", 1, 1, (x: Value) => N.exactToInexact(x, "exact->inexact")),
  // Input and output
  prim("number->string", 1, 2, numberToString),
  prim("string->number", 1, 2, stringToNumber),
  // (scheme complex)
  prim("real-part", 1, 1, (x: Value) => C.realPart(numArg("real-part", x))),
  prim("imag-part", 1, 1, (x: Value) => C.imagPart(numArg("imag-part", x))),
  prim("magnitude", 1, 1, (x: Value) => C.magnitude(x)),
  prim("angle", 1, 1, (x: Value) => C.angle(x)),
  prim("make-rectangular", 2, 2, makeRectangular),
  prim("make-polar", 2, 2, makePolar),
];
