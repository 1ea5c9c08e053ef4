// The Scheme value domain, as plain JavaScript values chosen for V8 (DESIGN.md, "Values").
//
//   exact integer   JS number holding a safe integer; bigint only outside the safe range
//   inexact real    JS number when not integral (1.5, NaN, +inf.0); Flonum box when integral (2.0, -0.0)
//   exact rational  Ratnum (see numbers.ts)
//   boolean         true / false
//   '() etc.        the singletons NIL, UNSPECIFIED, EOF, DEFAULT_OBJECT
//   pair            Pair          symbol  Sym (interned)     char  Char (interned)
//   string          MString       vector  JS array           bytevector  Uint8Array
//   procedure       Closure, Primitive, CaseLambda, Parameter
//
// Invariant: a raw JS number is exact exactly when Number.isInteger holds for it.
// Every producer of an inexact result goes through `flo()` so that invariant holds.

/** The Scheme value domain is dynamically typed; primitives check types at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Value = any;

export class Pair {
  constructor(public car: Value, public cdr: Value) {}
}

class Singleton {
  constructor(readonly label: string) {}
  toString(): string { return this.label; }
}
export const NIL = new Singleton("()");
export const UNSPECIFIED = new Singleton("#<unspecified>");
export const EOF = new Singleton("#<eof>");
export const DEFAULT_OBJECT = new Singleton("#<default>");
/** Marks a global cell that has no value yet. Never a Scheme value. */
export const UNBOUND = new Singleton("#<unbound>");

// ---- Size limits --------------------------------------------------------------------------
//
// V8 ends the whole process (a fatal error, nothing to catch) when a fast array grows by
// `push` past about 89 million elements (its FixedArray limit is 134,217,725 on 64-bit and
// growth overshoots by half), and when a Map or Set passes 2^24 entries. A string past its
// length limit is a catchable RangeError. Every structure Kiln builds for Scheme data is
// checked against these limits first, so a size argument raises a Scheme error instead.

/** Longest JS array Kiln builds for Scheme data (vectors, code-point strings, argument lists). */
export const MAX_ARRAY_LENGTH = 2 ** 26;
/** V8's longest string, in UTF-16 code units. */
export const MAX_STRING_UNITS = 0x1fffffe8;
/** Entries a JS Map or Set may hold before V8 aborts ("invalid table size"), with some margin. */
export const MAX_TABLE_SIZE = 2 ** 24 - 2 ** 16;

/** Thrown by the structures below when a limit would be passed; primitives turn it into a Scheme error. */
export class LimitError extends Error {
  constructor(readonly what: string, readonly limit: number) { super(`${what} (the limit is ${limit})`); }
}

/** Interned symbol. `uninterned` symbols come from gensym-like sources and are never in the table. */
export class Sym {
  /** The immutable string symbol->string returns, made at its first call. */
  nameString: MString | null = null;
  constructor(readonly name: string, readonly interned: boolean = true) {}
  toString(): string { return this.name; }
}
// The table holds symbols weakly: a symbol no live object references (the names a discarded
// runtime read or made) is collected, and its entry removed, so the process-wide table does not
// grow with every instance. While any reference lives, `intern` returns that same object, so
// `eq?` on symbols is unaffected.
const symbolTable = new Map<string, WeakRef<Sym>>();
const symbolSweeper = new FinalizationRegistry<string>((name) => {
  const ref = symbolTable.get(name);
  if (ref !== undefined && ref.deref() === undefined) symbolTable.delete(name);
});
export function intern(name: string): Sym {
  const s = symbolTable.get(name)?.deref();
  if (s !== undefined) return s;
  if (symbolTable.size >= MAX_TABLE_SIZE) throw new LimitError("too many symbols", MAX_TABLE_SIZE);
  const fresh = new Sym(name);
  symbolTable.set(name, new WeakRef(fresh));
  symbolSweeper.register(fresh, name);
  return fresh;
}
/** How many symbols the table holds (for tests of the memory a discarded runtime leaves). */
export function symbolCount(): number { return symbolTable.size; }

/** Interned character, holding one Unicode code point. */
export class Char {
  constructor(readonly code: number) {}
}
const charTable = new Map<number, Char>();
const latin1: Char[] = [];
for (let i = 0; i < 256; i++) { latin1.push(new Char(i)); charTable.set(i, latin1[i]); }
export function char(code: number): Char {
  if (code < 256) return latin1[code];
  let c = charTable.get(code);
  if (c === undefined) { c = new Char(code); charTable.set(code, c); }
  return c;
}

/**
 * Mutable string indexed by code point. While `cps` is null the text lives in `str` and holds no
 * surrogates, so code units are code points; mutation or a character beyond the BMP switches to
 * a code-point array. `immutable` marks a literal constant or a symbol's name
 * (runtime/constants.ts); the mutators check it.
 */
export class MString {
  str: string | null;
  cps: number[] | null;
  immutable = false;
  /** `noSurrogates`: the caller knows s has none (a slice or concatenation of `str` texts),
   * so the scan for them is skipped. */
  constructor(s: string, noSurrogates = false) {
    if (!noSurrogates && hasSurrogates(s)) { this.str = null; this.cps = toCodePoints(s); }
    else { this.str = s; this.cps = null; }
  }
  static fromCodePoints(cps: number[]): MString {
    const m = new MString("");
    m.str = null; m.cps = cps;
    return m;
  }
  get length(): number { return this.str !== null ? this.str.length : this.cps!.length; }
  codePointAt(i: number): number { return this.str !== null ? this.str.charCodeAt(i) : this.cps![i]; }
  setCodePoint(i: number, cp: number): void {
    if (this.cps === null) { this.cps = toCodePoints(this.str!); this.str = null; }
    this.cps[i] = cp;
  }
  toString(): string { return this.str !== null ? this.str : codePointsToString(this.cps!); }
  codePoints(): number[] { return this.cps !== null ? this.cps.slice() : toCodePoints(this.str!); }
}
function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c >= 0xd800 && c <= 0xdfff) return true; }
  return false;
}
export function toCodePoints(s: string): number[] {
  if (s.length > MAX_ARRAY_LENGTH) throw new LimitError("string too long to hold as code points", MAX_ARRAY_LENGTH);
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}
/** String.fromCodePoint with a spread is limited by the JS argument count; build long strings in pieces. */
export function codePointsToString(cps: number[]): string {
  if (cps.length > MAX_STRING_UNITS / 2) {
    let units = 0;
    for (const cp of cps) units += cp > 0xffff ? 2 : 1;
    if (units > MAX_STRING_UNITS) throw new LimitError("string too long", MAX_STRING_UNITS);
  }
  let out = "";
  for (let i = 0; i < cps.length; i += 8192) out += String.fromCodePoint(...cps.slice(i, i + 8192));
  return out;
}

/** Integral inexact real (2.0, -0.0, 1e300): boxed so it stays distinct from the exact integer. */
export class Flonum {
  // Assigned, not a declared class field: a declared field starts as undefined, which made V8
  // represent it tagged (see below).
  declare readonly v: number;
  constructor(v: number) { (this as { v: number }).v = v; }
}
// The first Flonum made fixes V8's representation of the field `v`: a double here, so that no
// Flonum's `v` is ever a small integer (Smi) to V8. With a Smi field, 1.0 and -1.0 reached
// native code's double arithmetic as Smis; V8 then speculated integer arithmetic there and
// deoptimized at the first fraction (fft's butterfly loop).
new Flonum(0.5);
/** The one constructor for inexact results: keeps the exactness invariant. */
export function flo(x: number): Value {
  return Number.isInteger(x) || Object.is(x, -0) ? new Flonum(x) : x;
}

/** A variable that is both captured and assigned lives in a box. */
export class Box {
  constructor(public v: Value) {}
}

/** Several values in flight (the result of `values` with other than one argument). */
export class MultipleValues {
  constructor(readonly vals: Value[]) {}
}

// ---- Procedures ---------------------------------------------------------------------------

/**
 * Host-implemented procedure. `max` is -1 for variadic ones, which receive their arguments as
 * one array. `positional` takes any accepted number of arguments as separate JS arguments:
 * native code calls it with the arguments of a call site, so a variadic primitive called with
 * two needs no argument array (a library gives it a two-argument fast path where it pays;
 * otherwise it gathers them with a rest parameter).
 */
export class Primitive {
  // eslint-disable-next-line @typescript-eslint/ban-types
  readonly positional: Function;
  constructor(
    readonly name: string,
    readonly min: number,
    readonly max: number,
    // eslint-disable-next-line @typescript-eslint/ban-types
    readonly fn: Function,
    // eslint-disable-next-line @typescript-eslint/ban-types
    positional?: Function,
  ) {
    this.positional = positional ?? (max >= 0 ? fn : (...args: Value[]) => fn(args));
  }
  /** Whether a call with `n` arguments is within its arity. */
  accepts(n: number): boolean { return n >= this.min && (this.max < 0 || n <= this.max); }
  /** Call it with an argument array (a primitive of any number of arguments takes the array itself). */
  applyTo(args: Value[]): Value { return this.max < 0 ? this.fn(args) : this.fn(...args); }
}

/** Closures of case-lambda: the first clause whose arity accepts the call runs. */
export class CaseLambda {
  constructor(readonly clauses: Value[], public name: string) {}
}

/** R7RS parameter object: called with no arguments it returns its current value. */
export class Parameter {
  constructor(public value: Value, readonly converter: Value) {}
}

/** A continuation captured by call/cc; `cont` is the VM's frozen stack (vm/frames.ts). */
export class ContinuationProc {
  constructor(readonly cont: unknown, readonly winders: Value, readonly handlers: Value) {}
}

// ---- Other objects -----------------------------------------------------------------------

export class RecordType {
  constructor(readonly name: string, readonly fields: Sym[]) {}
}
export class Record {
  constructor(readonly rtd: RecordType, readonly fields: Value[]) {}
}

/** R7RS promise: `done` with `value`, or pending with `value` a thunk. Forcing may chain boxes. */
export class SPromise {
  constructor(public done: boolean, public value: Value) {}
}

/** R7RS error object. `kind` distinguishes file and read errors for file-error? / read-error?. */
export class ErrorObject {
  constructor(
    readonly message: string,
    readonly irritants: Value,         // a Scheme list
    readonly kind: "error" | "file" | "read" = "error",
  ) {}
}

// ---- Helpers -----------------------------------------------------------------------------

export function list(...xs: Value[]): Value {
  let r: Value = NIL;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}
export function arrayToList(xs: Value[], tail: Value = NIL): Value {
  let r: Value = tail;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}
/** Elements of a proper list; throws TypeError-free: returns null for improper or cyclic lists. */
export function listToArray(x: Value): Value[] | null {
  const out: Value[] = [];
  let slow = x;
  while (x instanceof Pair) {
    if (out.length >= MAX_ARRAY_LENGTH) throw new LimitError("list too long", MAX_ARRAY_LENGTH);
    out.push(x.car);
    x = x.cdr;
    if ((out.length & 1) === 0) { slow = slow.cdr; if (slow === x && x instanceof Pair) return null; }
  }
  return x === NIL ? out : null;
}

export function isTrue(x: Value): boolean { return x !== false; }

export function isProcedure(x: Value): boolean {
  return x instanceof Primitive || x instanceof CaseLambda || x instanceof Parameter || x instanceof ContinuationProc ||
    (x !== null && typeof x === "object" && x.constructor === closureClass);
}
// The Closure class lives with the bytecode (it holds a Code object); it registers itself here.
// eslint-disable-next-line @typescript-eslint/ban-types
let closureClass: Function | null = null;
// eslint-disable-next-line @typescript-eslint/ban-types
export function registerClosureClass(c: Function): void { closureClass = c; }
