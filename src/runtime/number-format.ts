// Reading and writing numbers (R7RS 6.2.5, 6.2.7, 7.1.1).
//
// parseNumber(text, radix) accepts the R7RS <num R> syntax: prefixes #x #o #b #d and #e #i in
// either order, signs, integers, n/d, decimals (.5 1. 1e10 1.5e-3, and the R5RS precision
// markers s f d l in place of e: 1s2 1f2 1d2 1l2 all read as 100.0, since every inexact is a
// double), +inf.0 -inf.0 +nan.0 -nan.0, and complex numbers in rectangular (1+2i, -i, +inf.0i,
// 1.5-2/3i) and polar (1@2) notation, case-insensitively. An exactness prefix applies to both
// parts (#e1.5+2i is 3/2+2i). It returns false for text that is not a number, so the reader can
// take it as a symbol; it never raises. Decimal points and exponents exist only in radix 10
// (R7RS 7.1.1), as Guile and Chibi read them.
//
// numberToString(x, radix) prints exact numbers in any radix and flonums as the shortest
// digits that read back to the same double (JS's own algorithm), always with a `.` or an
// exponent: 1.0, -0.0, 1e21, 1.5e-7, 5e-324, -1.7976931348623157e308, +inf.0, -inf.0, +nan.0
// (Chez writes all of these the same way). Complex numbers print as <real><sign><imag>i, with
// no real part when it is an exact 0 (+2i) and `+i`/`-i` for an exact imaginary part of ±1.

import { Flonum, Value, flo } from "./values.js";
import { typeError } from "./errors.js";
import { Ratnum, inexactToExact, isFinite, makeRational, normBig, ratToDouble } from "./numbers.js";
import { Compnum, makePolar, makeRect } from "./complex.js";

// ---- Printing -----------------------------------------------------------------------------

export function numberToString(x: Value, radix = 10): string {
  if (typeof x === "number") return Number.isInteger(x) ? x.toString(radix) : flonumToString(x, radix);
  if (x instanceof Flonum) return flonumToString(x.v, radix);
  if (typeof x === "bigint") return x.toString(radix);
  if (x instanceof Ratnum) return x.num.toString(radix) + "/" + x.den.toString(radix);
  if (x instanceof Compnum) return complexToString(x, radix);
  return typeError("number->string", "a number", x);
}

function complexToString(z: Compnum, radix: number): string {
  const re = z.re === 0 ? "" : numberToString(z.re, radix);
  if (z.im === 1) return re + "+i";
  if (z.im === -1) return re + "-i";
  const im = numberToString(z.im, radix);
  return re + (im[0] === "-" || im[0] === "+" ? im : "+" + im) + "i";
}

function flonumToString(v: number, radix: number): string {
  if (v !== v) return "+nan.0";
  if (v === Infinity) return "+inf.0";
  if (v === -Infinity) return "-inf.0";
  if (Object.is(v, -0)) return "-0.0";
  if (radix === 10) {
    const s = String(v);             // shortest round-trip digits: "1.5", "100", "1e+21", "1.5e-7"
    const e = s.indexOf("e");
    if (e >= 0) return s[e + 1] === "+" ? s.slice(0, e + 1) + s.slice(e + 2) : s;
    return s.indexOf(".") >= 0 ? s : s + ".0";
  }
  const s = v.toString(radix);
  return s.indexOf(".") >= 0 ? s : s + ".0";
}

// ---- Parsing ------------------------------------------------------------------------------

/** Longest digit strings that parseInt converts exactly (value below 2^53), by radix. */
const SAFE_DIGITS: Record<number, number> = { 2: 52, 8: 17, 10: 15, 16: 13 };
const BIGINT_PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };
/** Largest decimal exponent an exact (#e) number may carry before it is refused as unrepresentable. */
const MAX_EXACT_EXPONENT = 100000;

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return 99;
}
function allDigits(s: string, radix: number): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (digitValue(s.charCodeAt(i)) >= radix) return false;
  return true;
}
/** Value of a validated, non-empty digit string as a non-negative bigint. */
function digitsToBig(s: string, radix: number): bigint {
  return BigInt(BIGINT_PREFIX[radix] + s);
}
/** Value of a validated digit string as an exact integer. */
function digitsToExact(s: string, radix: number): Value {
  if (s.length <= SAFE_DIGITS[radix]) return parseInt(s, radix);
  return normBig(digitsToBig(s, radix));
}

/** The number written `text`, or false. `defaultRadix` applies unless a radix prefix overrides it. */
export function parseNumber(text: string, defaultRadix = 10): Value | false {
  if (defaultRadix === 10) {
    // The common cases first: a word (no decimal number starts with a letter) and a short
    // run of digits with an optional sign (exactly what parseInt reads).
    const c0 = text.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 43 && c0 !== 45 && c0 !== 46 && c0 !== 35) return false;
    if (text.length <= SAFE_DIGITS[10]) {
      let j = c0 === 43 || c0 === 45 ? 1 : 0;
      if (j < text.length) {
        for (; j < text.length; j++) { const c = text.charCodeAt(j); if (c < 48 || c > 57) break; }
        if (j === text.length) return parseInt(text, 10) + 0;
      }
    }
  }
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  const s = text.toLowerCase();
  let radix = defaultRadix, radixSeen = false, exactness = "", i = 0;
  while (s.charCodeAt(i) === 35 /* # */) {
    const c = s[i + 1];
    if (c === "x" || c === "o" || c === "b" || c === "d") {
      if (radixSeen) return false;
      radixSeen = true;
      radix = c === "x" ? 16 : c === "o" ? 8 : c === "b" ? 2 : 10;
    } else if (c === "e" || c === "i") {
      if (exactness !== "") return false;
      exactness = c;
    } else {
      return false;
    }
    i += 2;
  }
  return parseComplex(s.slice(i), radix, exactness);
}

/** <complex R> after the prefixes: a real, r@θ, or a rectangular a+bi / a-bi / ±bi / ±i. */
function parseComplex(s: string, radix: number, exactness: string): Value | false {
  const at = s.indexOf("@");
  if (at >= 0) {
    const m = parseReal(s.slice(0, at), 0, radix, exactness), a = parseReal(s.slice(at + 1), 0, radix, exactness);
    if (m === false || a === false) return false;
    const z = makePolar(m, a);
    if (exactness !== "e" || !(z instanceof Compnum)) return z;
    return isFinite(z) ? inexactToExact(z) : false;
  }
  if (s.charCodeAt(s.length - 1) !== 105 /* i */) return parseReal(s, 0, radix, exactness);
  // The imaginary part starts at the last sign that is not the sign of an exponent.
  const body = s.slice(0, -1);
  let k = body.length - 1;
  for (; k > 0; k--) {
    const c = body[k];
    if ((c === "+" || c === "-") && !(radix === 10 && isExponentSign(body, k))) break;
  }
  const imText = body.slice(k), reText = body.slice(0, k);
  if (imText[0] !== "+" && imText[0] !== "-") return false;
  const im = imText.length === 1 ? (exactness === "i" ? flo(imText === "+" ? 1 : -1) : imText === "+" ? 1 : -1)
    : parseReal(imText, 0, radix, exactness);
  if (im === false) return false;
  const re = reText === "" ? (exactness === "i" ? flo(0) : 0) : parseReal(reText, 0, radix, exactness);
  if (re === false) return false;
  return makeRect(re, im);
}
/** The sign at body[k] follows an exponent marker that follows a digit or a dot (1e+2, 1.d-3). */
function isExponentSign(body: string, k: number): boolean {
  if (k < 2 || !"esfdl".includes(body[k - 1])) return false;
  const c = body.charCodeAt(k - 2);
  return (c >= 48 && c <= 57) || c === 46;
}

function parseReal(s: string, i: number, radix: number, exactness: string): Value | false {
  let neg = false, signed = false;
  const c0 = s[i];
  if (c0 === "+" || c0 === "-") { neg = c0 === "-"; signed = true; i++; }
  const body = s.slice(i);
  if (signed && (body === "inf.0" || body === "nan.0")) {
    if (exactness === "e") return false;
    return body === "nan.0" ? NaN : neg ? -Infinity : Infinity;
  }
  const slash = body.indexOf("/");
  if (slash >= 0) {
    const ns = body.slice(0, slash), ds = body.slice(slash + 1);
    if (!allDigits(ns, radix) || !allDigits(ds, radix)) return false;
    const n = digitsToBig(ns, radix), d = digitsToBig(ds, radix);
    if (exactness === "i") {
      if (d === 0n) return n === 0n ? NaN : neg ? -Infinity : Infinity;
      return flo(ratToDouble(neg ? -n : n, d));
    }
    if (d === 0n) return false;
    return makeRational(neg ? -n : n, d);
  }
  return parseDecimal(body, neg, radix, exactness);
}

/** digits [. digits] [e [sign] digits], with at least one mantissa digit; exponent in radix 10 only. */
function parseDecimal(body: string, neg: boolean, radix: number, exactness: string): Value | false {
  let mant = body, expText = "";
  if (radix === 10) {
    const e = exponentMarker(body);
    if (e >= 0) { mant = body.slice(0, e); expText = body.slice(e + 1); }
  }
  const dot = mant.indexOf(".");
  if (dot >= 0 && radix !== 10) return false;  // R7RS: decimals are radix 10 only
  const intDigits = dot >= 0 ? mant.slice(0, dot) : mant;
  const fracDigits = dot >= 0 ? mant.slice(dot + 1) : "";
  if (intDigits.length + fracDigits.length === 0) return false;
  if ((intDigits !== "" && !allDigits(intDigits, radix)) || (fracDigits !== "" && !allDigits(fracDigits, radix))) return false;
  let exponent = 0;
  if (dot < 0 && expText === "" && mant.length === body.length) {
    // A plain integer.
    const v = digitsToExact(intDigits, radix);
    if (exactness === "i") return flo(neg ? -Number(v) : Number(v));
    return neg ? (typeof v === "bigint" ? normBig(-v) : 0 - v) : v;
  }
  if (mant.length !== body.length) {
    const ec = expText[0];
    const expDigits = ec === "+" || ec === "-" ? expText.slice(1) : expText;
    if (!allDigits(expDigits, 10)) return false;
    exponent = expDigits.length > 9 ? Infinity : parseInt(expDigits, 10);
    if (ec === "-") exponent = -exponent;
  }
  if (exactness !== "e") {
    if (radix === 10) return flo(Number((neg ? "-" : "") + (intDigits || "0") + "." + (fracDigits || "0") + "e" + clampExponent(exponent, mant.length)));
    const m = digitsToBig(intDigits + fracDigits || "0", radix);
    const r = ratToDouble(m, BigInt(radix) ** BigInt(fracDigits.length));
    return flo(neg ? -r : r);
  }
  // Exact: the digits as an integer, scaled by radix^(exponent - number of fraction digits).
  const scale = exponent - fracDigits.length;
  if (Math.abs(scale) > MAX_EXACT_EXPONENT) return false;
  let n = digitsToBig(intDigits + fracDigits, radix);
  if (neg) n = -n;
  const p = BigInt(radix) ** BigInt(Math.abs(scale));
  return scale >= 0 ? normBig(n * p) : makeRational(n, p);
}
/** Index of the exponent marker (e, or the precision markers s f d l of R5RS) in a decimal, or -1. */
function exponentMarker(body: string): number {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "e" || c === "s" || c === "f" || c === "d" || c === "l") return i;
  }
  return -1;
}
/** Beyond ±(400 + mantissa length) every exponent gives 0 or infinity; keep the text JS parses short. */
function clampExponent(e: number, mantissaLength: number): string {
  const bound = 400 + mantissaLength;
  return String(e > bound ? bound : e < -bound ? -bound : e);
}
