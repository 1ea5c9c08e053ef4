// Lexer for R7RS lexical syntax (report sections 2 and 7.1.1).
//
// Input: a JS string and a start offset. Output: one token at a time via `next()`; the token's
// kind is returned and its payload (value, bracket, label number, start line/column) is left in
// fields, so the hot path allocates nothing per token besides the datum itself.
// Invariants: `i` is a UTF-16 index into `text`; `line`/`col` describe the position of `i`,
// with columns counted in code points. Atmosphere (whitespace, comments, directives) is
// skipped before every token; `#;` datum comments are a token because the parser must read
// the datum they discard. Tokens never consume the delimiter that ends them.

import { parseNumber } from "../runtime/numbers.js";
import { isWhitespace as isUnicodeWhitespace, stringFoldcase } from "../runtime/unicode.js";
import { EOF, MString, Value, char, intern } from "../runtime/values.js";
import { ReadError } from "./source-map.js";

export const enum Tok {
  EOF, Open, Close, OpenVector, OpenBytes, Quote, Quasiquote, Unquote, UnquoteSplicing,
  Dot, Datum, DatumComment, LabelDef, LabelRef,
}

/** R7RS character names (section 6.6), name -> code point. */
export const charNames: ReadonlyMap<string, number> = new Map([
  ["alarm", 7], ["backspace", 8], ["delete", 0x7f], ["escape", 0x1b], ["newline", 10],
  ["null", 0], ["return", 13], ["space", 32], ["tab", 9],
]);

/**
 * Whitespace: space, tab, line endings, the other ASCII control characters (form feed etc.),
 * Unicode White_Space, and the byte-order mark. `c` may be a UTF-16 unit (surrogates are not).
 */
export function isWhitespace(c: number): boolean {
  return c <= 32 || (c >= 0x80 && (c === 0xfeff || isUnicodeWhitespace(c)));
}

/** Characters that end an identifier, number, character or boolean token. */
export function isDelimiter(c: number): boolean {
  return isWhitespace(c) || c === 0x28 /* ( */ || c === 0x29 /* ) */ || c === 0x22 /* " */ ||
    c === 0x3b /* ; */ || c === 0x7c /* | */ || c === 0x5b /* [ */ || c === 0x5d /* ] */;
}

function isDigit(c: number): boolean { return c >= 0x30 && c <= 0x39; }

/**
 * True when a token that parseNumber rejected is still number-shaped (a digit first, or a sign
 * or dot followed by a digit), so it is an error rather than an identifier.
 */
export function looksNumeric(tok: string): boolean {
  const c0 = tok.charCodeAt(0), c1 = tok.charCodeAt(1), c2 = tok.charCodeAt(2);
  if (isDigit(c0)) return true;
  if (c0 === 0x2b || c0 === 0x2d) return isDigit(c1) || (c1 === 0x2e && isDigit(c2));
  if (c0 === 0x2e) return isDigit(c1);
  return false;
}

export class Lexer {
  i: number;
  line: number;
  col: number;
  foldCase: boolean;
  /** Start of the current token. */
  tokLine = 1;
  tokCol = 1;
  /** Payload of Tok.Datum. */
  tokValue: Value = EOF;
  /** Bracket of Tok.Open / Tok.Close: 0x29 `)` or 0x5d `]` (the closing character expected). */
  tokBracket = 0x29;
  /** Label number of Tok.LabelDef / Tok.LabelRef. */
  tokLabel = 0;

  constructor(readonly text: string, readonly file: string,
              start = 0, line = 1, col = 1, foldCase = false) {
    this.i = start; this.line = line; this.col = col; this.foldCase = foldCase;
  }

  error(message: string, line = this.tokLine, col = this.tokCol): never {
    throw new ReadError(message, { file: this.file, line, column: col });
  }

  /** The text ended inside a datum: an error that more text could have avoided. */
  endOfInput(message: string, line = this.tokLine, col = this.tokCol): never {
    throw new ReadError(message, { file: this.file, line, column: col }, true);
  }

  /** Consume one UTF-16 unit, keeping line and column (in code points) up to date. */
  private adv(): number {
    const c = this.text.charCodeAt(this.i++);
    if (c === 10) { this.line++; this.col = 1; }
    else if (c === 13) {
      if (this.text.charCodeAt(this.i) !== 10) { this.line++; this.col = 1; }
    } else if (c < 0xdc00 || c > 0xdfff) this.col++;
    return c;
  }

  /** Consume one code point. */
  private advCp(): number {
    const cp = this.text.codePointAt(this.i)!;
    this.adv();
    if (cp > 0xffff) this.adv();
    return cp;
  }

  private skipAtmosphere(): void {
    const t = this.text, n = t.length;
    for (;;) {
      if (this.i >= n) return;
      const c = t.charCodeAt(this.i);
      if (isWhitespace(c)) { this.adv(); continue; }
      if (c === 0x3b) { // ; line comment
        while (this.i < n) {
          const d = t.charCodeAt(this.i);
          if (d === 10 || d === 13) break;
          this.adv();
        }
        continue;
      }
      if (c !== 0x23) return;
      const d = t.charCodeAt(this.i + 1);
      if (d === 0x7c) { this.skipBlockComment(); continue; }
      if (d === 0x21) { this.directive(); continue; }
      return;
    }
  }

  /** `#| ... |#`, nesting. */
  private skipBlockComment(): void {
    const t = this.text, n = t.length;
    const line = this.line, col = this.col;
    this.adv(); this.adv();
    let depth = 1;
    while (depth > 0) {
      if (this.i >= n) this.endOfInput("unterminated block comment '#|'", line, col);
      const c = t.charCodeAt(this.i);
      if (c === 0x7c && t.charCodeAt(this.i + 1) === 0x23) { this.adv(); this.adv(); depth--; }
      else if (c === 0x23 && t.charCodeAt(this.i + 1) === 0x7c) { this.adv(); this.adv(); depth++; }
      else this.adv();
    }
  }

  /** `#!fold-case`, `#!no-fold-case`, and a `#!` script line at the very start of the text. */
  private directive(): void {
    const line = this.line, col = this.col;
    if (this.i === 0 && (this.text.charCodeAt(2) === 0x2f || this.text.charCodeAt(2) === 0x20)) {
      while (this.i < this.text.length && this.text.charCodeAt(this.i) !== 10) this.adv();
      return;
    }
    this.adv(); this.adv();
    const name = this.bareToken();
    const folded = name.toLowerCase();
    if (folded === "fold-case") this.foldCase = true;
    else if (folded === "no-fold-case") this.foldCase = false;
    else this.error(`unknown directive #!${name}`, line, col);
  }

  /** The maximal run of non-delimiter characters at `i`. */
  private bareToken(): string {
    const t = this.text, n = t.length, start = this.i;
    while (this.i < n && !isDelimiter(t.charCodeAt(this.i))) this.adv();
    return t.slice(start, this.i);
  }

  /** Read the next token; its payload is left in the tok* fields. */
  next(): Tok {
    this.skipAtmosphere();
    this.tokLine = this.line; this.tokCol = this.col;
    const t = this.text;
    if (this.i >= t.length) return Tok.EOF;
    const c = t.charCodeAt(this.i);
    switch (c) {
      case 0x28: this.adv(); this.tokBracket = 0x29; return Tok.Open;     // (
      case 0x5b: this.adv(); this.tokBracket = 0x5d; return Tok.Open;     // [
      case 0x29: this.adv(); this.tokBracket = 0x29; return Tok.Close;    // )
      case 0x5d: this.adv(); this.tokBracket = 0x5d; return Tok.Close;    // ]
      case 0x27: this.adv(); return Tok.Quote;                             // '
      case 0x60: this.adv(); return Tok.Quasiquote;                        // `
      case 0x2c:                                                           // ,
        this.adv();
        if (t.charCodeAt(this.i) === 0x40) { this.adv(); return Tok.UnquoteSplicing; }
        return Tok.Unquote;
      case 0x22:                                                           // "
        this.adv();
        this.tokValue = new MString(this.delimited(0x22, "unterminated string"));
        return Tok.Datum;
      case 0x7c:                                                           // |
        this.adv();
        this.tokValue = intern(this.delimited(0x7c, "unterminated |symbol|"));
        return Tok.Datum;
      case 0x23:                                                           // #
        return this.hash();
    }
    const tok = this.bareToken();
    if (tok === ".") return Tok.Dot;
    return this.atom(tok);
  }

  /** A number or an identifier. */
  private atom(tok: string): Tok {
    const num = parseNumber(tok, 10);
    if (num !== false) { this.tokValue = num; return Tok.Datum; }
    if (looksNumeric(tok)) this.error(`bad number or identifier: ${tok}`);
    this.tokValue = intern(this.foldCase ? stringFoldcase(tok) : tok);
    return Tok.Datum;
  }

  private hash(): Tok {
    const t = this.text;
    const d = t.charCodeAt(this.i + 1);
    if (d === 0x28) { this.adv(); this.adv(); return Tok.OpenVector; }
    if ((d === 0x75 || d === 0x55) && t.charCodeAt(this.i + 2) === 0x38 && t.charCodeAt(this.i + 3) === 0x28) {
      this.adv(); this.adv(); this.adv(); this.adv();
      return Tok.OpenBytes;
    }
    if (d === 0x5c) { this.adv(); this.adv(); return this.character(); }
    if (d === 0x3b) { this.adv(); this.adv(); return Tok.DatumComment; }
    if (isDigit(d)) {
      this.adv();
      let n = 0;
      while (isDigit(t.charCodeAt(this.i))) {
        n = n * 10 + (this.adv() - 0x30);
        if (n > 1e9) this.error("bad datum label");
      }
      const e = t.charCodeAt(this.i);
      this.tokLabel = n;
      if (e === 0x3d) { this.adv(); return Tok.LabelDef; }
      if (e === 0x23) { this.adv(); return Tok.LabelRef; }
      this.error(`bad datum label: expected '=' or '#' after #${n}`);
    }
    const tok = this.bareToken();
    const lower = tok.toLowerCase();
    if (lower === "#t" || lower === "#true") { this.tokValue = true; return Tok.Datum; }
    if (lower === "#f" || lower === "#false") { this.tokValue = false; return Tok.Datum; }
    if (lower.length > 1 && "xbodei".includes(lower[1])) {
      const num = parseNumber(tok, 10);
      if (num === false) this.error(`bad number: ${tok}`);
      this.tokValue = num;
      return Tok.Datum;
    }
    this.error(tok === "#" ? "bad # syntax" : `bad # syntax: ${tok}`);
  }

  /** After `#\`: one character, a character name, or `x` and hex digits. */
  private character(): Tok {
    if (this.i >= this.text.length) this.endOfInput("end of input after #\\");
    const first = this.advCp();
    if (isDelimiter(first)) { this.tokValue = char(first); return Tok.Datum; }
    const rest = this.bareToken();
    if (rest === "") { this.tokValue = char(first); return Tok.Datum; }
    const name = String.fromCodePoint(first) + rest;
    const named = charNames.get(this.foldCase ? stringFoldcase(name) : name);
    if (named !== undefined) { this.tokValue = char(named); return Tok.Datum; }
    if ((first === 0x78 || first === 0x58) && /^[0-9a-fA-F]+$/.test(rest)) {
      const cp = parseInt(rest, 16);
      if (cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) { this.tokValue = char(cp); return Tok.Datum; }
    }
    this.error(`bad character name #\\${name}`);
  }

  /**
   * Body of a string (close = `"`) or a |symbol| (close = `|`) after its opening character,
   * with escapes decoded. Line continuations are accepted in strings only.
   */
  private delimited(close: number, unterminated: string): string {
    const t = this.text, n = t.length;
    let out = "";
    let run = this.i;
    for (;;) {
      if (this.i >= n) this.endOfInput(unterminated);
      const c = t.charCodeAt(this.i);
      if (c === close) { out += t.slice(run, this.i); this.adv(); return out; }
      if (c !== 0x5c) { this.adv(); continue; }
      out += t.slice(run, this.i);
      const escLine = this.line, escCol = this.col;
      this.adv();
      if (this.i >= n) this.endOfInput(unterminated);
      const e = this.adv();
      switch (e) {
        case 0x61: out += "\x07"; break;   // \a
        case 0x62: out += "\b"; break;     // \b
        case 0x74: out += "\t"; break;     // \t
        case 0x6e: out += "\n"; break;     // \n
        case 0x72: out += "\r"; break;     // \r
        case 0x22: out += "\""; break;
        case 0x5c: out += "\\"; break;
        case 0x7c: out += "|"; break;
        case 0x78: case 0x58: {            // \x<hex>;
          const start = this.i;
          while (this.i < n && /[0-9a-fA-F]/.test(t[this.i])) this.adv();
          const hex = t.slice(start, this.i);
          const cp = hex === "" ? -1 : parseInt(hex, 16);
          if (t.charCodeAt(this.i) !== 0x3b || cp < 0) this.error(`bad \\x escape: expected hex digits and ';'`, escLine, escCol);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            this.error(`bad \\x escape: #x${hex} is not a Unicode scalar value (a surrogate or past #x10FFFF)`, escLine, escCol);
          }
          this.adv();
          out += String.fromCodePoint(cp);
          break;
        }
        default: {
          // \<intraline whitespace>*<line ending><intraline whitespace>* (strings only)
          let k = this.i - 1, sawNewline = false;
          if (close === 0x22) {
            while (k < n && (t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 9)) k++;
            if (t.charCodeAt(k) === 13) { k++; sawNewline = true; if (t.charCodeAt(k) === 10) k++; }
            else if (t.charCodeAt(k) === 10) { k++; sawNewline = true; }
          }
          if (!sawNewline) {
            const shown = String.fromCodePoint(t.codePointAt(this.i - 1)!);
            this.error(`bad escape \\${shown} in ${close === 0x22 ? "string" : "|symbol|"}`, escLine, escCol);
          }
          while (k < n && (t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 9)) k++;
          while (this.i < k) this.adv();
        }
      }
      run = this.i;
    }
  }
}
