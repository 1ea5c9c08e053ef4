// Unicode character properties and case mappings for the char and string procedures of
// R7RS 6.6 and 6.7, built on the tables the JS engine already carries (regexp property
// escapes and String.prototype.toUpperCase / toLowerCase, which are locale-independent).
//
// Character procedures work on one code point and use *simple* mappings: a result is always
// one code point, and a character without a one-code-point mapping maps to itself.
// String procedures use the *full* mappings (ß upcases to "SS") and Unicode's Final_Sigma
// rule for downcasing. Nothing here is language-sensitive (no Turkish dotless i rules).
//
// Where the engine's full mapping hides a simple one (ᾳ -> ᾼ, İ -> i) or where case folding is
// not "lowercase of uppercase" (Cherokee folds to uppercase; ı and İ have no simple folding),
// small exception tables below say so.

const ALPHABETIC = /^\p{Alphabetic}$/u;
const DECIMAL = /^\p{Nd}$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;
const UPPERCASE = /^\p{Uppercase}$/u;
const LOWERCASE = /^\p{Lowercase}$/u;

// ---- Properties (R7RS 6.6: Alphabetic, Numeric_Type=Decimal, White_Space, Uppercase, Lowercase)

export function isAlphabetic(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return ALPHABETIC.test(String.fromCodePoint(cp));
}

export function isNumeric(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return DECIMAL.test(String.fromCodePoint(cp));
}

export function isWhitespace(cp: number): boolean {
  if (cp < 128) return cp === 32 || (cp >= 9 && cp <= 13);
  return WHITE_SPACE.test(String.fromCodePoint(cp));
}

export function isUpperCase(cp: number): boolean {
  if (cp < 128) return cp >= 65 && cp <= 90;
  return UPPERCASE.test(String.fromCodePoint(cp));
}

export function isLowerCase(cp: number): boolean {
  if (cp < 128) return cp >= 97 && cp <= 122;
  return LOWERCASE.test(String.fromCodePoint(cp));
}

const digitZeroCache = new Map<number, number>();

/**
 * The value 0-9 of a decimal digit (general category Nd), or -1 for any other code point.
 * Unicode assigns Nd digits in contiguous runs of ten, each starting with its zero; adjacent
 * runs (the mathematical digits) form longer blocks, so the zero of a digit is found by
 * walking back to the start of its block: the offset from there, modulo 10, is the value.
 */
export function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (!isNumeric(cp)) return -1;
  let start = digitZeroCache.get(cp);
  if (start === undefined) {
    start = cp;
    while (start > 0 && isNumeric(start - 1)) start--;
    digitZeroCache.set(cp, start);
  }
  return (cp - start) % 10;
}

// ---- Simple (one code point) case mappings for characters --------------------------------

/** Lowercase letters whose full uppercase has several code points but whose simple one is single. */
function simpleUpperException(cp: number): number {
  // Greek letters with ypogegrammeni map to the titlecase letters with prosgegrammeni.
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) {
    return cp + 8;
  }
  if (cp === 0x1fb3) return 0x1fbc;
  if (cp === 0x1fc3) return 0x1fcc;
  if (cp === 0x1ff3) return 0x1ffc;
  return cp;
}

function singleCodePoint(s: string): number {
  const first = s.codePointAt(0)!;
  return s.length === (first > 0xffff ? 2 : 1) ? first : -1;
}

/** char-upcase: the simple uppercase mapping, or the code point itself. */
export function charUpcase(cp: number): number {
  if (cp < 128) return cp >= 97 && cp <= 122 ? cp - 32 : cp;
  const u = singleCodePoint(String.fromCodePoint(cp).toUpperCase());
  return u >= 0 ? u : simpleUpperException(cp);
}

/** char-downcase: the simple lowercase mapping, or the code point itself. */
export function charDowncase(cp: number): number {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  const l = singleCodePoint(String.fromCodePoint(cp).toLowerCase());
  if (l >= 0) return l;
  return cp === 0x130 ? 0x69 : cp;   // İ: full lowercase is "i̇", simple is "i"
}

function isCherokee(cp: number): boolean {
  return (cp >= 0x13a0 && cp <= 0x13fd) || (cp >= 0xab70 && cp <= 0xabbf);
}

/**
 * char-foldcase: Unicode simple case folding (CaseFolding.txt statuses C and S). For almost
 * every character that is the lowercase of its uppercase (ſ -> s, ς -> σ, µ -> μ, ǅ -> ǆ).
 * Exceptions: Cherokee folds to its uppercase letters; ı and İ fold only under the Turkic
 * rules, which are not used, so they stay as they are.
 */
export function charFoldcase(cp: number): number {
  if (cp < 128) return cp >= 65 && cp <= 90 ? cp + 32 : cp;
  if (cp === 0x130 || cp === 0x131) return cp;
  if (isCherokee(cp)) return charUpcase(cp);
  return charDowncase(charUpcase(cp));
}

// ---- Full case mappings for strings ------------------------------------------------------

/** string-upcase: full uppercasing (ß -> "SS", ŉ -> "ʼN"). */
export function stringUpcase(s: string): string {
  return s.toUpperCase();
}

/** string-downcase: full lowercasing; a capital sigma ending a word becomes ς (Final_Sigma). */
export function stringDowncase(s: string): string {
  return s.toLowerCase();
}

function needsFoldByChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x130 || c === 0x131 || isCherokee(c)) return true;
  }
  return false;
}

/** Full case folding of one code point (CaseFolding.txt statuses C and F). */
function foldCodePoint(cp: number): string {
  if (cp === 0x130) return "i\u0307";
  if (cp === 0x131) return "\u0131";
  if (isCherokee(cp)) return String.fromCodePoint(charUpcase(cp));
  return String.fromCodePoint(cp).toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, "σ");
}

/**
 * string-foldcase: full case folding (ß -> "ss", ẞ -> "ss", ﬁ -> "fi", Σ and ς -> σ).
 * Lowercasing, uppercasing and lowercasing again reaches the folded form of every character
 * except those of the exception tables; final sigma, the only context-dependent rule of
 * the engine's lowercasing, is undone since folding maps every sigma to σ.
 */
export function stringFoldcase(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) { ascii = false; break; }
  if (ascii) return s.toLowerCase();
  if (!needsFoldByChar(s)) return s.toLowerCase().toUpperCase().toLowerCase().replace(/ς/g, "σ");
  let out = "";
  for (const ch of s) out += foldCodePoint(ch.codePointAt(0)!);
  return out;
}
