// Non-real complex numbers (R7RS 6.2.6, (scheme complex)): the Compnum class and the generic
// operations on it. Reals never become Compnums, so the real paths in numbers.ts (and the
// interpreter's and the JIT's inline fast paths) do not change; numbers.ts sends an operation
// here only when an argument is a Compnum or a real argument has no real result (sqrt -4,
// log -1, asin 2, expt -8 1/3).
//
// Invariants of a Compnum { re, im } (kept by makeRect, the one constructor):
//   - re and im are reals in Kiln's ordinary representation (numbers.ts);
//   - both are exact or both are inexact ("exact-complex": 1+2i, 1/2-3/4i are exact);
//   - im is never an exact zero: such a number is the real re. An inexact zero imaginary part
//     stays (-2.5+0.0i is not real?, as in R7RS's example), so -0.0 keeps the branch cuts.
//
// Exact arithmetic (+ - * /, expt to an exact integer, sqrt of Gaussian rationals that are
// perfect squares, magnitude when the root is exact) stays exact; the transcendental functions
// compute in doubles, with the report's branch cuts: log's imaginary part lies in (-pi, pi]
// (-pi for a -0.0 imaginary part), and asin, acos, atan are its formulas from 6.2.6.

import { Value, flo } from "./values.js";
import { schemeError } from "./errors.js";
import * as N from "./numbers.js";

export class Compnum {
  constructor(readonly re: Value, readonly im: Value) {}
}

/** re + im·i: the real re when im is an exact zero; both parts inexact when either is. */
export function makeRect(re: Value, im: Value): Value {
  if (im === 0) return re;
  if (N.isInexact(re) !== N.isInexact(im)) { re = N.exactToInexact(re); im = N.exactToInexact(im); }
  return new Compnum(re, im);
}
/** An inexact complex from two doubles (a zero imaginary part is kept). */
function fromFloats(re: number, im: number): Compnum {
  return new Compnum(flo(re), flo(im));
}
/** Polar r·e^(iθ); exact r when θ is an exact zero. */
export function makePolar(r: Value, theta: Value): Value {
  if (theta === 0) return r;
  const m = N.toJSNumber(r), t = N.toJSNumber(theta);
  return fromFloats(m * Math.cos(t), m * Math.sin(t));
}

export function realPart(z: Value): Value { return z instanceof Compnum ? z.re : z; }
export function imagPart(z: Value): Value { return z instanceof Compnum ? z.im : 0; }
function reF(z: Value): number { return N.toJSNumber(realPart(z)); }
function imF(z: Value): number { return z instanceof Compnum ? N.toJSNumber(z.im) : 0; }

// ---- Arithmetic ---------------------------------------------------------------------------

/** + - * / (op as in numbers.ts: 0 1 2 3) with at least one Compnum operand. A real operand
 * has no imaginary part at all (not an inexact 0.0), so (* 2.0 +inf.0+i) has no NaN in it. */
export function complexArith(op: number, a: Value, b: Value, who: string): Value {
  const aReal = !(a instanceof Compnum), bReal = !(b instanceof Compnum);
  if ((aReal && !N.isNumber(a)) || (bReal && !N.isNumber(b))) N.toJSNumber(aReal ? a : b, who);  // type error
  const ar = realPart(a), ai = imagPart(a), br = realPart(b), bi = imagPart(b);
  switch (op) {
    case 0: return makeRect(N.add(ar, br), aReal ? bi : bReal ? ai : N.add(ai, bi));
    case 1: return makeRect(N.sub(ar, br), bReal ? ai : aReal ? N.negate(bi) : N.sub(ai, bi));
    case 2:
      if (bReal) return makeRect(N.mul(ar, b), N.mul(ai, b));
      if (aReal) return makeRect(N.mul(a, br), N.mul(a, bi));
      return makeRect(N.sub(N.mul(ar, br), N.mul(ai, bi)), N.add(N.mul(ar, bi), N.mul(ai, br)));
    default:
      if (bReal) {
        if (b === 0) schemeError(`${who}: division by zero`);
        return makeRect(N.div(ar, b), N.div(ai, b));
      }
      if (N.isExact(a) && N.isExact(b)) {
        const d = N.add(N.mul(br, br), N.mul(bi, bi));
        return makeRect(N.div(N.add(N.mul(ar, br), N.mul(ai, bi)), d), N.div(N.sub(N.mul(ai, br), N.mul(ar, bi)), d));
      }
      return smithDivide(reF(a), imF(a), reF(b), imF(b));
  }
}
/** (a+bi)/(c+di) in doubles without needless overflow (Smith 1962). */
function smithDivide(a: number, b: number, c: number, d: number): Compnum {
  if (Math.abs(c) >= Math.abs(d)) {
    const r = d / c, den = c + d * r;
    return fromFloats((a + b * r) / den, (b - a * r) / den);
  }
  const r = c / d, den = c * r + d;
  return fromFloats((a * r + b) / den, (b * r - a) / den);
}

export function complexNegate(z: Compnum): Value { return new Compnum(N.negate(z.re), N.negate(z.im)); }

/** = with at least one Compnum operand (a real has imaginary part 0). */
export function complexEq(a: Value, b: Value, who: string): boolean {
  return N.numEq(realPart(a), realPart(b), who) && N.numEq(imagPart(a), imagPart(b), who);
}

// ---- Magnitude and angle ------------------------------------------------------------------

export function magnitude(z: Value, who = "magnitude"): Value {
  if (!(z instanceof Compnum)) return N.abs(z, who);
  if (N.isExact(z)) return N.sqrt(N.add(N.mul(z.re, z.re), N.mul(z.im, z.im)));
  return flo(Math.hypot(N.toJSNumber(z.re), N.toJSNumber(z.im)));
}
export function angle(z: Value, who = "angle"): Value {
  if (z instanceof Compnum) return flo(Math.atan2(N.toJSNumber(z.im), N.toJSNumber(z.re)));
  const x = N.toJSNumber(z, who);
  if (N.isExact(z)) return x < 0 ? flo(Math.PI) : 0;
  return flo(Math.atan2(0, x));
}

// ---- Exactness ----------------------------------------------------------------------------

export function complexInexact(z: Compnum): Value { return new Compnum(N.exactToInexact(z.re), N.exactToInexact(z.im)); }
export function complexExact(z: Compnum, who: string): Value {
  return makeRect(N.inexactToExact(z.re, who), N.inexactToExact(z.im, who));
}

// ---- Roots and powers ---------------------------------------------------------------------

/** Principal square root of a Compnum or a negative real: exact for exact perfect squares. */
export function complexSqrt(z: Value): Value {
  if (!(z instanceof Compnum)) {                 // a negative real: i·sqrt(-z)
    return makeRect(N.isExact(z) ? 0 : flo(0), N.sqrt(N.negate(z)));
  }
  if (N.isExact(z)) {
    // sqrt(a+bi) = u + vi with u = sqrt((|z|+a)/2), v = sign(b)·sqrt((|z|-a)/2), when all exact.
    const m = magnitude(z);
    if (N.isExact(m)) {
      const u = N.sqrt(N.div(N.add(m, z.re), 2)), v = N.sqrt(N.div(N.sub(m, z.re), 2));
      if (N.isExact(u) && N.isExact(v)) return makeRect(u, N.isNegative(z.im) ? N.negate(v) : v);
    }
  }
  const x = reF(z), y = imF(z);
  if (x === 0 && y === 0) return fromFloats(0, y);
  if (y === Infinity || y === -Infinity) return fromFloats(Infinity, y);
  const t = Math.sqrt((Math.abs(x) + Math.hypot(x, y)) / 2);
  if (x >= 0) return fromFloats(t, y / (2 * t));
  return fromFloats(Math.abs(y) / (2 * t), y < 0 || Object.is(y, -0) ? -t : t);
}

/** z^n for an exact integer n by repeated squaring (exact for exact z). */
function integerPower(z: Value, n: Value, who: string): Value {
  if (typeof n === "bigint") return schemeError(`${who}: result too large`, n);
  const neg = n < 0;
  let k = neg ? -n : n, base = z, r: Value = 1;
  while (k > 0) {
    if (k & 1) r = N.mul(r, base);
    k = Math.floor(k / 2);
    if (k > 0) base = N.mul(base, base);
  }
  return neg ? N.div(1, r) : r;
}

/** a^b when a or b is a Compnum, or a is negative and b not an integer: e^(b log a). */
export function complexExpt(a: Value, b: Value, who: string): Value {
  if (N.isExactInteger(b)) return integerPower(a, b, who);
  if (N.isZero(a)) {
    if (N.isZero(b)) return N.isExact(a) && N.isExact(b) ? 1 : flo(1);
    if (N.isPositive(realPart(b))) return N.isExact(a) && N.isExact(b) ? 0 : flo(0);
    return schemeError(`${who}: zero to a power whose real part is not positive`, b);
  }
  return complexExp(N.mul(b, complexLog(a)));
}

// ---- Exponential and logarithm ------------------------------------------------------------

export function complexExp(z: Value): Value {
  if (!(z instanceof Compnum)) return N.exp(z);
  const m = Math.exp(reF(z)), y = imF(z);
  return fromFloats(m * Math.cos(y), m * Math.sin(y));
}

/** Principal natural log: imaginary part in (-pi, pi], -pi when it is a -0.0 on the cut. */
export function complexLog(z: Value): Value {
  if (!(z instanceof Compnum)) {
    const x = N.toJSNumber(z, "log");
    if (x === x && (x < 0 || Object.is(x, -0))) {
      // log of a negative real: log|z| + pi·i (log -0.0 is -inf.0+pi·i, R7RS 6.2.6)
      return makeRect(x === 0 ? flo(-Infinity) : N.log(N.negate(z)), flo(Math.PI));
    }
    return N.log(z);
  }
  const x = reF(z), y = imF(z);
  return fromFloats(Math.log(Math.hypot(x, y)), Math.atan2(y, x));
}

// ---- Trigonometric functions --------------------------------------------------------------

export function complexSin(z: Compnum): Value {
  const x = reF(z), y = imF(z);
  return fromFloats(Math.sin(x) * Math.cosh(y), Math.cos(x) * Math.sinh(y));
}
export function complexCos(z: Compnum): Value {
  const x = reF(z), y = imF(z);
  return fromFloats(Math.cos(x) * Math.cosh(y), -Math.sin(x) * Math.sinh(y));
}
export function complexTan(z: Compnum): Value {
  const x = reF(z), y = imF(z);
  const d = Math.cos(2 * x) + Math.cosh(2 * y);
  if (!Number.isFinite(d)) return fromFloats(0 * Math.sin(2 * x), y > 0 ? 1 : -1);   // |y| large
  return fromFloats(Math.sin(2 * x) / d, Math.sinh(2 * y) / d);
}

const I = new Compnum(0, 1);
const MINUS_I = new Compnum(0, -1);

/** asin z = -i log(iz + sqrt(1 - z^2)) (R7RS 6.2.6), for a Compnum or a real beyond [-1, 1]. */
export function complexAsin(z: Value): Value {
  const w = N.add(N.mul(I, z), N.sqrt(N.sub(1, N.mul(z, z))));
  return N.mul(MINUS_I, complexLog(w));
}
/** acos z = pi/2 - asin z. */
export function complexAcos(z: Value): Value {
  return N.sub(flo(Math.PI / 2), complexAsin(z));
}
/** atan z = (log(1 + iz) - log(1 - iz)) / 2i; an error at ±i, where it is infinite. */
export function complexAtan(z: Compnum): Value {
  const iz = N.mul(I, z);
  const p = N.add(1, iz), q = N.sub(1, iz);
  if (N.isZero(p) || N.isZero(q)) return schemeError("atan: no value at", z);
  return N.div(N.sub(complexLog(p), complexLog(q)), new Compnum(0, 2));
}
