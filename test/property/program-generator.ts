// Random well-formed Scheme programs for the differential test (differential.test.ts).
//
// Two stages:
//
//   1. fast-check arbitraries build an AST of a small, typed expression language (`Expr`,
//      `Stmt`, `Body`, `Program` below). The arbitraries are plain compositions (record, tuple,
//      array, oneof), so shrinking comes for free: a failing program shrinks towards fewer
//      statements, shallower expressions and literal leaves.
//   2. `printProgram` turns the AST into Scheme text. Scoping is resolved here, not during
//      generation: a variable reference is `{ ty, pick }` and the printer picks the pick-th
//      variable of that type in scope (or prints a fallback literal when there is none). So
//      every program is well-scoped whatever the shrinker does to it, and the arbitraries do
//      not depend on scope (one memoized arbitrary per (type, depth)).
//
// Types: `int` (exact integer, small in practice), `num` (any number: fixnum, bignum,
// flonum, ratnum; `int` is a subtype), `bool`, `str`, `list` (of numbers), `vec` (of numbers,
// never empty), `proc` (a procedure of one number returning a number). Operations get
// arguments of the types they expect, so programs mostly run to the end; errors come from
// deliberate `fail` nodes (car of a non-pair, vector-ref out of range, (error ...), raise,
// division by zero, wrong arity, calling a non-procedure), printed inside `guard` bodies and
// only rarely elsewhere.
//
// With `GenOptions.wrappers`, a program starts by redefining some inlined builtins
// (`(set! car ...)`) to equivalent wrappers, which turns their inline operations into calls
// through the global cell in both tiers.
//
// Termination and determinism, by construction:
//   - Loops run a literal number of times; the counters cannot be assigned.
//   - Top-level procedures p0..p7 take a decreasing counter `n` and spend a global `fuel`
//     on every call; once it is spent every call returns a constant at once. Lambdas never
//     see their own binding (no `set!` of procedure variables, definitions see only earlier
//     ones), so any unbounded recursion would have to go through p0..p7 and spend fuel.
//   - Values that go round a loop (loop variables, `set!`, procedure arguments, re-entered
//     continuations) pass through clamps (kc, ki, ks, kl, kv) so bignums, strings and lists
//     cannot grow without bound.
//   - An escape `(k v)` is only printed where the continuation k is live: lambda bodies hide
//     the escapes of their context (a lambda may be called after the call/cc returned), so a
//     continuation is re-entered only by the `reenter` node, a bounded number of times.
//   - No clocks, no randomness, no hashing of addresses: output depends only on the text.

import fc from "fast-check";

// ---------------------------------------------------------------------------------------
// The AST

export type ValueTy = "int" | "num" | "bool" | "str" | "list" | "vec";
export type Ty = ValueTy | "proc";
export const VALUE_TYPES: readonly ValueTy[] = ["int", "num", "bool", "str", "list", "vec"];
export const ALL_TYPES: readonly Ty[] = [...VALUE_TYPES, "proc"];

export type Expr =
  /** A literal, already Scheme text. */
  | { readonly k: "lit"; readonly text: string }
  /** The pick-th variable of type ty in scope; the fallback when none is. */
  | { readonly k: "var"; readonly ty: Ty; readonly pick: number; readonly fallback: Expr }
  /** `(prm)`: the program's parameter object. */
  | { readonly k: "param-ref" }
  /** A builtin operation from OPS. */
  | { readonly k: "op"; readonly op: OpName; readonly args: readonly Expr[] }
  | { readonly k: "if"; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly k: "cond"; readonly clauses: readonly (readonly [Expr, Expr])[]; readonly else: Expr }
  | { readonly k: "case"; readonly key: Expr; readonly a: Expr; readonly b: Expr; readonly else: Expr }
  /** let / let* / ((lambda (x ...) body) init ...). */
  | { readonly k: "let"; readonly form: "let" | "let*" | "lambda"; readonly binds: readonly Binding[]; readonly body: Body }
  | { readonly k: "begin"; readonly body: Body }
  | { readonly k: "lambda"; readonly shape: "fixed" | "rest" | "variadic" | "case"; readonly body: Body; readonly body2: Body }
  /** A closure over an assigned variable: (let ((c init)) (lambda (x) (set! c step) c)). */
  | { readonly k: "counter"; readonly init: Expr; readonly step: Expr }
  /** A call of top-level procedure p<proc> with counter `n` (inside p0..p7: (- n 1)). */
  | { readonly k: "call"; readonly proc: number; readonly n: number; readonly args: readonly Expr[]; readonly extra: readonly Expr[]; readonly apply: boolean }
  /** Named let or `do`, `times` iterations, accumulating a value of type ty. */
  | { readonly k: "loop"; readonly form: "named" | "do"; readonly down: boolean; readonly ty: ValueTy; readonly times: number; readonly init: Expr; readonly stmts: readonly Stmt[]; readonly step: Expr }
  /** Non-tail recursion `depth` deep: (+ (loop (- i 1)) step). */
  | { readonly k: "deep"; readonly depth: number; readonly base: Expr; readonly step: Expr; readonly stepFirst: boolean; readonly capture: "none" | "callcc" | "escape" }
  /** A long tail-recursive loop (self tail calls). */
  | { readonly k: "spin"; readonly times: number; readonly init: Expr; readonly step: Expr }
  /**
   * A closure that tail-calls a fresh closure of the same lambda with other captured values:
   * (letrec ((mk (lambda (c) (lambda (m acc) (if (<= m 0) acc ((mk next) (- m 1) step)))))) ((mk init) times acc0)).
   */
  | { readonly k: "chain"; readonly times: number; readonly init: Expr; readonly acc: Expr; readonly next: Expr; readonly step: Expr }
  /** Mutually tail-recursive local procedures (letrec). */
  | { readonly k: "mutual"; readonly ty: "bool" | "num"; readonly times: number; readonly init: Expr; readonly step1: Expr; readonly step2: Expr }
  /** (call/cc (lambda (k) body)): k is an escape of type ty inside body. */
  | { readonly k: "callcc"; readonly ty: Ty; readonly body: Body }
  /** (k value) for a live escape k of value's type; fallback when there is none. */
  | { readonly k: "escape"; readonly ty: Ty; readonly value: Expr; readonly fallback: Expr }
  /** A continuation captured once and re-entered `times` more times. */
  | { readonly k: "reenter"; readonly times: number; readonly wind: boolean; readonly pre: Expr; readonly init: Expr; readonly step: Expr; readonly result: Expr }
  | { readonly k: "wind"; readonly body: Body }
  /** guard catching error objects (and numbers, binding e); others are re-raised. */
  | { readonly k: "guard"; readonly body: Body; readonly onError: Expr; readonly onNumber: Expr; readonly catchAll: boolean }
  /**
   * An expression that raises (never returns), so fits any type. Printed only inside a guard
   * (or `repeat`) unless `unguarded`; elsewhere the fallback is printed instead, so that most
   * programs run to the end.
   */
  | { readonly k: "fail"; readonly how: FailKind; readonly arg: Expr; readonly past: -1 | 0 | 1; readonly unguarded: boolean; readonly fallback: Expr }
  /** Two values through call-with-values or let-values, bound to x (type a) and y (type b). */
  | { readonly k: "values"; readonly form: "cwv" | "let-values"; readonly tyA: ValueTy; readonly tyB: ValueTy; readonly a: Expr; readonly b: Expr; readonly body: Expr }
  | { readonly k: "parameterize"; readonly value: Expr; readonly body: Body }
  /** with-exception-handler whose handler adds `bump` to a raised number; the body may raise-continuable. */
  | { readonly k: "handler"; readonly bump: Expr; readonly body: Body };

export type Stmt =
  | { readonly k: "display" | "write"; readonly e: Expr }
  | { readonly k: "newline" }
  | { readonly k: "set"; readonly ty: ValueTy; readonly pick: number; readonly value: Expr }
  | { readonly k: "vector-set"; readonly v: Expr; readonly i: Expr; readonly x: Expr }
  | { readonly k: "effect"; readonly e: Expr }
  | { readonly k: "when"; readonly test: Expr; readonly then: readonly Stmt[] }
  /** Evaluate and write e `times` times, each inside a guard that reports any error and goes on. */
  | { readonly k: "repeat"; readonly times: number; readonly e: Expr };

export interface Binding { readonly ty: Ty; readonly init: Expr }

/** Internal definitions (lambda, let and procedure bodies only), statements, then the result. */
export interface Body { readonly defs: readonly Binding[]; readonly stmts: readonly Stmt[]; readonly result: Expr }

export interface ProcDef { readonly base: Body; readonly rec: Body }

/**
 * How a redefined builtin wraps the original, always with the same results and errors
 * (see Printer.print for the guard against recursion through the prelude):
 *   apply     (lambda args (apply old args))
 *   values    ... (call-with-values (lambda () (apply old args)) (lambda (v) v))
 *   wind      ... (dynamic-wind (lambda () #f) (lambda () (apply old args)) (lambda () #f))
 *   callcc    ... (call/cc (lambda (k) (apply old args)))
 *   callcc-k  ... (call/cc (lambda (k) (k (apply old args))))
 */
export type Wrapper = "apply" | "values" | "wind" | "callcc" | "callcc-k";
export const WRAPPERS: readonly Wrapper[] = ["apply", "values", "wind", "callcc", "callcc-k"];

/** Builtins the compiler inlines (bytecode INLINE_OPS) that generated programs use. */
export const INLINED_BUILTINS = [
  "+", "-", "*", "=", "<", "<=", ">", ">=", "car", "cdr", "null?", "pair?", "not", "zero?", "cons",
  "eq?", "vector-ref", "vector-set!", "vector-length", "string-ref", "string-length",
] as const;

export interface Redefinition { readonly name: (typeof INLINED_BUILTINS)[number]; readonly wrapper: Wrapper }

export interface Program {
  /** Builtins redefined (to equivalent wrappers) before anything else runs. */
  readonly redefine: readonly Redefinition[];
  readonly fuel: number;
  readonly globals: readonly Binding[];
  /** Bodies of p0..p7 (signatures in PROCS); only the ones called are printed. */
  readonly procs: readonly ProcDef[];
  readonly main: readonly Stmt[];
  readonly final: Expr;
  /**
   * Whether main and final form the body of a procedure `(define (main) ...)` called at the
   * end. Top-level forms always run in the interpreter (only procedures are compiled), so
   * this puts the main program under the JIT too.
   */
  readonly wrapMain: boolean;
}

/** How a `fail` node raises; `past` says which bad index the *-ref/set! kinds use (-1, length, length + 1). */
export type FailKind =
  | "car" | "cdr" | "vector-ref" | "vector-set!" | "string-ref" | "error" | "raise-number" | "raise-string"
  | "quotient0" | "add-symbol" | "call-number" | "arity" | "vector-ref-list";

/** The fixed signatures of the top-level procedures: (p<i> n param ...) or (p<i> n . rest). */
export const PROCS: readonly { readonly ret: ValueTy; readonly params: readonly Ty[]; readonly rest: boolean }[] = [
  { ret: "num", params: ["num", "num"], rest: false },
  { ret: "num", params: ["num", "list"], rest: false },
  { ret: "str", params: ["str", "int"], rest: false },
  { ret: "list", params: ["list"], rest: false },
  { ret: "bool", params: ["num"], rest: false },
  { ret: "num", params: ["vec", "num"], rest: false },
  { ret: "num", params: [], rest: true },
  { ret: "num", params: ["proc", "num"], rest: false },
];

// ---------------------------------------------------------------------------------------
// Builtin operations: argument types, result type, and how they print. `S` is an s-expression
// (a string is an atom); `tmp` gives a fresh name for a temporary that keeps an argument
// from being evaluated twice.

export type S = string | readonly S[];
type ArgSpec = Ty | { readonly lits: readonly string[] };
interface OpSpec {
  readonly ret: Ty;
  readonly args: readonly ArgSpec[];
  readonly print: (a: readonly S[], tmp: () => string, use: (helper: Helper) => void) => S;
}

const call = (f: string, ...a: S[]): S => [f, ...a];
/** (let ((t x)) body(t)) */
const withTmp = (tmp: () => string, x: S, body: (t: string) => S): S => {
  const t = tmp();
  return ["let", [[t, x]], body(t)];
};
const NONZERO = ["1", "2", "3", "-4", "7", "1/2", "0.5", "-2.0", "4294967296"];
const INT_NONZERO = ["1", "2", "3", "-4", "7", "10", "65536"];

export const OPS = {
  // num
  "+": { ret: "num", args: ["num", "num"], print: (a) => call("+", ...a) },
  "+3": { ret: "num", args: ["num", "num", "num"], print: (a) => call("+", ...a) },
  "-": { ret: "num", args: ["num", "num"], print: (a) => call("-", ...a) },
  "neg": { ret: "num", args: ["num"], print: (a) => call("-", ...a) },
  "*": { ret: "num", args: ["num", "num"], print: (a) => call("*", ...a) },
  "/": { ret: "num", args: ["num", { lits: NONZERO }], print: (a) => call("/", ...a) },
  "max": { ret: "num", args: ["num", "num"], print: (a) => call("max", ...a) },
  "min": { ret: "num", args: ["num", "num"], print: (a) => call("min", ...a) },
  "abs": { ret: "num", args: ["num"], print: (a) => call("abs", ...a) },
  "square": { ret: "num", args: ["num"], print: (a) => call("square", ...a) },
  "floor": { ret: "num", args: ["num"], print: (a) => call("floor", ...a) },
  "round": { ret: "num", args: ["num"], print: (a) => call("round", ...a) },
  "truncate": { ret: "num", args: ["num"], print: (a) => call("truncate", ...a) },
  "inexact": { ret: "num", args: ["num"], print: (a) => call("inexact", ...a) },
  "exact": { ret: "num", args: [{ lits: ["2.5", "0.1", "-0.0", "1e21", "-3.75", "1e-3", "4.0"] }], print: (a) => call("exact", ...a) },
  "expt": { ret: "num", args: ["num", { lits: ["0", "1", "2", "3", "-1"] }], print: (a) => call("expt", ...a) },
  "vector-ref": {
    ret: "num", args: ["vec", "int"],
    print: ([v, i], tmp) => withTmp(tmp, v, (t) => ["vector-ref", t, ["modulo", i, ["vector-length", t]]]),
  },
  "car-or": {
    ret: "num", args: ["list", "num"],
    print: ([l, d], tmp) => withTmp(tmp, l, (t) => ["if", ["pair?", t], ["car", t], d]),
  },
  "apply+": { ret: "num", args: ["list"], print: ([l]) => ["apply", "+", l] },
  "apply-max": { ret: "num", args: ["num", "list"], print: ([x, l]) => ["apply", "max", x, l] },
  "call-proc": { ret: "num", args: ["proc", "num"], print: ([f, x]) => [f, x] },
  "call-proc2": { ret: "num", args: ["proc", "num", "num"], print: ([f, x, y]) => [f, x, y] },
  "apply-proc": { ret: "num", args: ["proc", "num"], print: ([f, x]) => ["apply", f, ["list", x]] },
  "cwv+": { ret: "num", args: ["num", "num"], print: ([x, y]) => ["call-with-values", ["lambda", [], ["values", x, y]], "+"] },
  "values1": { ret: "num", args: ["num"], print: ([x]) => ["+", "1", ["values", x]] },
  // `raise-continuable` is printed only inside a `handler` body (see Printer); elsewhere its argument.
  "raise-continuable": { ret: "num", args: ["num"], print: ([x]) => ["raise-continuable", x] },
  // int
  "i+": { ret: "int", args: ["int", "int"], print: (a) => call("+", ...a) },
  "i-": { ret: "int", args: ["int", "int"], print: (a) => call("-", ...a) },
  "i*": { ret: "int", args: ["int", "int"], print: (a) => call("*", ...a) },
  "quotient": { ret: "int", args: ["int", { lits: INT_NONZERO }], print: (a) => call("quotient", ...a) },
  "remainder": { ret: "int", args: ["int", { lits: INT_NONZERO }], print: (a) => call("remainder", ...a) },
  "modulo": { ret: "int", args: ["int", { lits: INT_NONZERO }], print: (a) => call("modulo", ...a) },
  "iabs": { ret: "int", args: ["int"], print: (a) => call("abs", ...a) },
  "vector-length": { ret: "int", args: ["vec"], print: (a) => call("vector-length", ...a) },
  "string-length": { ret: "int", args: ["str"], print: (a) => call("string-length", ...a) },
  "length": { ret: "int", args: ["list"], print: (a) => call("length", ...a) },
  "char-code": {
    ret: "int", args: ["str", "int"],
    print: ([s, i], tmp) => withTmp(tmp, s, (t) =>
      ["if", [">", ["string-length", t], "0"], ["char->integer", ["string-ref", t, ["modulo", i, ["string-length", t]]]], "0"]),
  },
  // bool
  "<": { ret: "bool", args: ["num", "num"], print: (a) => call("<", ...a) },
  "<=": { ret: "bool", args: ["num", "num"], print: (a) => call("<=", ...a) },
  ">": { ret: "bool", args: ["num", "num"], print: (a) => call(">", ...a) },
  ">=": { ret: "bool", args: ["num", "num"], print: (a) => call(">=", ...a) },
  "=": { ret: "bool", args: ["num", "num"], print: (a) => call("=", ...a) },
  "=3": { ret: "bool", args: ["num", "num", "num"], print: (a) => call("=", ...a) },
  "<3": { ret: "bool", args: ["num", "num", "num"], print: (a) => call("<", ...a) },
  "not": { ret: "bool", args: ["bool"], print: (a) => call("not", ...a) },
  "and": { ret: "bool", args: ["bool", "bool"], print: (a) => call("and", ...a) },
  "or": { ret: "bool", args: ["bool", "bool"], print: (a) => call("or", ...a) },
  "zero?": { ret: "bool", args: ["num"], print: (a) => call("zero?", ...a) },
  "even?": { ret: "bool", args: ["int"], print: (a) => call("even?", ...a) },
  "null?": { ret: "bool", args: ["list"], print: (a) => call("null?", ...a) },
  "pair?": { ret: "bool", args: ["list"], print: (a) => call("pair?", ...a) },
  "eq?": { ret: "bool", args: ["int", "int"], print: (a) => call("eq?", ...a) },
  "eqv?": { ret: "bool", args: ["num", "num"], print: (a) => call("eqv?", ...a) },
  "equal?": { ret: "bool", args: ["list", "list"], print: (a) => call("equal?", ...a) },
  "string=?": { ret: "bool", args: ["str", "str"], print: (a) => call("string=?", ...a) },
  "string<?": { ret: "bool", args: ["str", "str"], print: (a) => call("string<?", ...a) },
  "exact?": { ret: "bool", args: ["num"], print: (a) => call("exact?", ...a) },
  "integer?": { ret: "bool", args: ["num"], print: (a) => call("integer?", ...a) },
  // str
  "string-append": { ret: "str", args: ["str", "str"], print: (a) => call("string-append", ...a) },
  "string-append3": { ret: "str", args: ["str", "str", "str"], print: (a) => call("string-append", ...a) },
  "substring": {
    ret: "str", args: ["str", "int"],
    print: ([s, i], tmp) => withTmp(tmp, s, (t) => ["substring", t, ["modulo", i, ["+", ["string-length", t], "1"]], ["string-length", t]]),
  },
  "string-ref": {
    ret: "str", args: ["str", "int"],
    print: ([s, i], tmp) => withTmp(tmp, s, (t) =>
      ["if", ["=", ["string-length", t], "0"], '""', ["string", ["string-ref", t, ["modulo", i, ["string-length", t]]]]]),
  },
  "number->string": { ret: "str", args: ["num"], print: (a) => call("number->string", ...a) },
  "string-reverse": { ret: "str", args: ["str"], print: ([s]) => ["list->string", ["reverse", ["string->list", s]]] },
  // list
  "list1": { ret: "list", args: ["num"], print: (a) => call("list", ...a) },
  "list3": { ret: "list", args: ["num", "num", "num"], print: (a) => call("list", ...a) },
  "cons": { ret: "list", args: ["num", "list"], print: (a) => call("cons", ...a) },
  "cdr-or": {
    ret: "list", args: ["list"],
    print: ([l], tmp) => withTmp(tmp, l, (t) => ["if", ["pair?", t], ["cdr", t], "'()"]),
  },
  "append": { ret: "list", args: ["list", "list"], print: (a) => call("append", ...a) },
  "reverse": { ret: "list", args: ["list"], print: (a) => call("reverse", ...a) },
  "map": { ret: "list", args: ["proc", "list"], print: (a) => call("map", ...a) },
  "map+": { ret: "list", args: ["list", "list"], print: ([x, y]) => ["map", "+", x, y] },
  "vector->list": { ret: "list", args: ["vec"], print: (a) => call("vector->list", ...a) },
  "list-copy": { ret: "list", args: ["list"], print: (a) => call("list-copy", ...a) },
  // vec
  "vector1": { ret: "vec", args: ["num"], print: (a) => call("vector", ...a) },
  "vector3": { ret: "vec", args: ["num", "num", "num"], print: (a) => call("vector", ...a) },
  "make-vector": { ret: "vec", args: ["int", "num"], print: ([n, x]) => ["make-vector", ["+", "1", ["modulo", n, "4"]], x] },
  "list->vector": { ret: "vec", args: ["num", "list"], print: ([x, l]) => ["list->vector", ["cons", x, l]] },
  "vector-map": { ret: "vec", args: ["proc", "vec"], print: (a) => call("vector-map", ...a) },
  "vector-copy": { ret: "vec", args: ["vec"], print: (a) => call("vector-copy", ...a) },
  "vector-set-ret": {
    ret: "vec", args: ["vec", "int", "num"],
    print: ([v, i, x], tmp, use) => {
      use("kc");
      return withTmp(tmp, v, (t) => ["begin", ["vector-set!", t, ["modulo", i, ["vector-length", t]], ["kc", x]], t]);
    },
  },
  // proc
  "compose": {
    ret: "proc", args: ["proc", "proc"],
    print: ([f, g], tmp) => {
      const [a, b, x] = [tmp(), tmp(), tmp()];
      return ["let", [[a, f], [b, g]], ["lambda", [x], [a, [b, x]]]];
    },
  },
} as const satisfies Record<string, OpSpec>;

export type OpName = keyof typeof OPS;
const OP_NAMES = Object.keys(OPS) as OpName[];
const opSpec = (name: OpName): OpSpec => OPS[name];

// ---------------------------------------------------------------------------------------
// Literals

const NUM_LITS = [
  "1", "-1", "2", "7", "-13", "42", "255", "1073741823", "2147483647", "-2147483648", "2147483648",
  "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993", "4611686018427387904",
  "123456789012345678901234567890", "-340282366920938463463374607431768211456",
  "1.5", "0.1", "-2.25", "2.0", "-0.0", "0.0", "1e21", "6.02e23", "1e-7", "123456789.125", "-1e300",
  "+inf.0", "-inf.0", "+nan.0", "1/3", "-7/2", "22/7", "1/1024", "9007199254740993/2",
];
const STR_LITS = ['""', '"a"', '"abc"', '"héllo"', '"λ"', '"😀x"', '"hello world"', '"q\\"uote"', '"tab\\there"'];
const LIST_LITS = ["'()", "'(1 2 3)", "'(1.5 -2 1/2)", "'(9007199254740993 0.1)", "'(0)"];
const VEC_LITS = ["(vector 1 2)", "(make-vector 3 0)", "(vector 0.5)", "(vector 9007199254740992 -1 1/3)"];
const PROC_LITS = ["abs", "-", "square", "inexact", "(lambda (x) x)", "(lambda xs (apply + xs))"];
const ERROR_MESSAGES = ['"boom"', '"bad thing:"', '"λ went wrong"'];

const numLit: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom(...NUM_LITS),
);
const intLit: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 12 }).map(String),
  fc.constantFrom("-3", "1000", "65536", "2147483647"),
);

function literal(ty: Ty): fc.Arbitrary<Expr> {
  const text: fc.Arbitrary<string> =
    ty === "int" ? intLit
    : ty === "num" ? numLit
    : ty === "bool" ? fc.constantFrom("#t", "#f")
    : ty === "str" ? fc.constantFrom(...STR_LITS)
    : ty === "list" ? fc.constantFrom(...LIST_LITS)
    : ty === "vec" ? fc.constantFrom(...VEC_LITS)
    : fc.constantFrom(...PROC_LITS);
  return text.map((t): Expr => ({ k: "lit", text: t }));
}

// ---------------------------------------------------------------------------------------
// The arbitraries

type Weighted = { arbitrary: fc.Arbitrary<Expr>; weight: number };

export interface GenOptions {
  /** Depth of top-level expressions and procedure bodies. */
  readonly depth: number;
  /**
   * Wrappers the program may install around inlined builtins (`(set! car ...)`), empty for
   * none. Such a program changes the builtins' shared cells, so it needs runtimes of its own.
   */
  readonly wrappers?: readonly Wrapper[];
}

export class ProgramGenerator {
  private readonly memo = new Map<string, fc.Arbitrary<unknown>>();

  constructor(readonly options: GenOptions = { depth: 3 }) {}

  private cached<T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
    let a = this.memo.get(key) as fc.Arbitrary<T> | undefined;
    if (!a) { a = make(); this.memo.set(key, a); }
    return a;
  }

  /** Literals and variable references of type ty. */
  leaf(ty: Ty): fc.Arbitrary<Expr> {
    return this.cached(`leaf:${ty}`, () => {
      const lit = literal(ty);
      const v = fc.record({ k: fc.constant("var" as const), ty: fc.constant(ty), pick: fc.nat(63), fallback: lit });
      const options: Weighted[] = [{ arbitrary: lit, weight: 2 }, { arbitrary: v, weight: 4 }];
      if (ty === "num") {
        options.push({ arbitrary: this.leaf("int"), weight: 2 });
        options.push({ arbitrary: fc.constant<Expr>({ k: "param-ref" }), weight: 1 });
      }
      return fc.oneof({ withCrossShrink: true }, ...options);
    });
  }

  expr(ty: Ty, d: number): fc.Arbitrary<Expr> {
    if (d <= 0) return this.leaf(ty);
    return this.cached(`expr:${ty}:${d}`, () => {
      const sub = (t: Ty): fc.Arbitrary<Expr> => this.expr(t, d - 1);
      const options: Weighted[] = [{ arbitrary: this.leaf(ty), weight: 6 }];
      const add = (weight: number, arbitrary: fc.Arbitrary<Expr>): void => { options.push({ arbitrary, weight }); };

      // Builtin operations returning ty (int operations also serve num).
      for (const name of OP_NAMES) {
        const spec = opSpec(name);
        if (spec.ret !== ty && !(ty === "num" && spec.ret === "int")) continue;
        const args = spec.args.map((a) => typeof a === "string" ? sub(a) : fc.constantFrom(...a.lits).map((t): Expr => ({ k: "lit", text: t })));
        add(spec.ret === ty ? 2 : 1, fc.tuple(...args).map((as): Expr => ({ k: "op", op: name, args: as })));
      }

      // Control structure usable at any type.
      add(2, fc.record({ k: fc.constant("if" as const), test: sub("bool"), then: sub(ty), else: sub(ty) }));
      add(1, fc.record({
        k: fc.constant("cond" as const),
        clauses: fc.array(fc.tuple(sub("bool"), sub(ty)), { minLength: 1, maxLength: 2 }),
        else: sub(ty),
      }));
      add(1, fc.record({ k: fc.constant("case" as const), key: sub("int"), a: sub(ty), b: sub(ty), else: sub(ty) }));
      add(3, fc.record({
        k: fc.constant("let" as const),
        form: fc.constantFrom("let" as const, "let*" as const, "lambda" as const),
        binds: fc.array(this.binding(d - 1), { minLength: 1, maxLength: 2 }),
        body: this.body(ty, d - 1, true),
      }));
      add(2, fc.record({ k: fc.constant("begin" as const), body: this.body(ty, d - 1, false) }));
      add(4, this.callTop(ty, d));
      add(1, fc.record({ k: fc.constant("callcc" as const), ty: fc.constant(ty), body: this.body(ty, d - 1, false) }));
      add(2, fc.oneof(...ALL_TYPES.map((vt) => fc.record({
        k: fc.constant("escape" as const), ty: fc.constant(vt), value: this.expr(vt, d - 1), fallback: this.leaf(ty),
      }))));
      add(1, fc.record({ k: fc.constant("wind" as const), body: this.body(ty, d - 1, false) }));
      add(3, fc.record({
        k: fc.constant("guard" as const), body: this.body(ty, d - 1, false),
        onError: sub(ty), onNumber: sub(ty), catchAll: fc.boolean(),
      }));
      add(6, fc.record({
        k: fc.constant("fail" as const),
        how: fc.constantFrom<FailKind>("car", "cdr", "vector-ref", "vector-set!", "string-ref", "error", "raise-number",
          "raise-string", "quotient0", "add-symbol", "call-number", "arity", "vector-ref-list"),
        arg: fc.oneof(this.leaf("num"), sub("num")),
        past: fc.constantFrom(0 as const, 1 as const, -1 as const),
        unguarded: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 7, arbitrary: fc.constant(false) }),
        fallback: this.leaf(ty),
      }));
      add(1, fc.oneof(...(["int", "num", "str", "list"] as const).map((tb) => fc.record({
        k: fc.constant("values" as const), form: fc.constantFrom("cwv" as const, "let-values" as const),
        tyA: fc.constant("num" as const), tyB: fc.constant(tb), a: sub("num"), b: sub(tb), body: sub(ty),
      }))));
      add(1, fc.record({ k: fc.constant("parameterize" as const), value: sub("num"), body: this.body(ty, d - 1, false) }));

      if (ty !== "proc") {
        const vt = ty;
        add(3, fc.record({
          k: fc.constant("loop" as const), form: fc.constantFrom("named" as const, "do" as const), down: fc.boolean(),
          ty: fc.constant(vt), times: fc.integer({ min: 0, max: 6 }), init: sub(vt),
          stmts: fc.array(this.stmt(d - 1), { maxLength: 2 }), step: sub(vt),
        }));
        if (d >= 2) {
          add(1, fc.record({
            k: fc.constant("reenter" as const), times: fc.integer({ min: 1, max: 3 }), wind: fc.boolean(),
            pre: this.expr("num", Math.min(1, d - 1)), init: sub("num"), step: sub("num"), result: sub(vt),
          }));
        }
      }
      if (ty === "num") {
        add(1, fc.record({
          k: fc.constant("deep" as const), depth: fc.constantFrom(0, 1, 5, 399, 400, 401, 1000, 2500, 7000, 20000),
          base: this.expr("num", Math.min(1, d - 1)), step: this.expr("num", Math.min(1, d - 1)), stepFirst: fc.boolean(),
          // A continuation captured at the bottom (native frames reified, then resumed natively).
          capture: fc.constantFrom("none" as const, "none" as const, "callcc" as const, "escape" as const),
        }));
        add(1, fc.record({
          k: fc.constant("spin" as const), times: fc.constantFrom(10, 500, 3000),
          init: this.leaf("num"), step: this.expr("num", Math.min(1, d - 1)),
        }));
        add(1, fc.record({
          k: fc.constant("chain" as const), times: fc.constantFrom(0, 1, 3, 20),
          init: this.leaf("num"), acc: this.leaf("num"),
          next: this.expr("num", Math.min(1, d - 1)), step: this.expr("num", Math.min(1, d - 1)),
        }));
        add(1, fc.record({
          k: fc.constant("handler" as const), bump: this.leaf("num"), body: this.body("num", d - 1, false),
        }));
      }
      if (ty === "num" || ty === "bool") {
        add(1, fc.record({
          k: fc.constant("mutual" as const), ty: fc.constant(ty), times: fc.constantFrom(0, 1, 7, 100, 1001),
          init: this.leaf("num"), step1: this.expr("num", Math.min(1, d - 1)), step2: this.expr("num", Math.min(1, d - 1)),
        }));
      }
      if (ty === "proc") {
        add(5, fc.record({
          k: fc.constant("lambda" as const), shape: fc.constantFrom("fixed" as const, "rest" as const, "variadic" as const, "case" as const),
          body: this.body("num", d - 1, true), body2: this.body("num", d - 1, true),
        }));
        add(2, fc.record({ k: fc.constant("counter" as const), init: sub("num"), step: sub("num") }));
      }
      return fc.oneof({ withCrossShrink: true }, ...options);
    });
  }

  /** A call of one of the procedures returning ty. */
  private callTop(ty: Ty, d: number): fc.Arbitrary<Expr> {
    const procs = PROCS.map((p, i) => ({ p, i })).filter(({ p }) => p.ret === ty || (ty === "num" && p.ret === "int"));
    if (!procs.length) return this.leaf(ty);
    return fc.oneof(...procs.map(({ p, i }) => fc.record({
      k: fc.constant("call" as const),
      proc: fc.constant(i),
      n: fc.integer({ min: 0, max: 5 }),
      args: fc.tuple(...p.params.map((t) => this.expr(t, d - 1))),
      extra: p.rest ? fc.array(this.expr("num", d - 1), { maxLength: 3 }) : fc.constant([]),
      apply: fc.boolean(),
    })));
  }

  binding(d: number): fc.Arbitrary<Binding> {
    return this.cached(`binding:${d}`, () =>
      fc.oneof(...ALL_TYPES.map((ty) => fc.record({ ty: fc.constant(ty), init: this.expr(ty, d) }))));
  }

  body(ty: Ty, d: number, defs: boolean): fc.Arbitrary<Body> {
    return this.cached(`body:${ty}:${d}:${defs}`, () => fc.record({
      defs: defs ? fc.array(this.binding(Math.max(0, d - 1)), { maxLength: 1 }) : fc.constant([]),
      stmts: fc.array(this.stmt(d), { maxLength: 2 }),
      result: this.expr(ty, d),
    }));
  }

  stmt(d: number): fc.Arbitrary<Stmt> {
    return this.cached(`stmt:${d}`, () => {
      const anyValue = fc.oneof(...VALUE_TYPES.map((t) => this.expr(t, d)));
      return fc.oneof(
        { withCrossShrink: true },
        { weight: 1, arbitrary: fc.constant<Stmt>({ k: "newline" }) },
        { weight: 4, arbitrary: fc.record({ k: fc.constantFrom("display" as const, "write" as const), e: anyValue }) },
        {
          weight: 4, arbitrary: fc.oneof(...VALUE_TYPES.map((t) => fc.record({
            k: fc.constant("set" as const), ty: fc.constant(t), pick: fc.nat(63), value: this.expr(t, d),
          }))),
        },
        { weight: 1, arbitrary: fc.record({ k: fc.constant("vector-set" as const), v: this.expr("vec", d), i: this.expr("int", d), x: this.expr("num", d) }) },
        { weight: 2, arbitrary: fc.record({ k: fc.constant("effect" as const), e: fc.oneof(this.expr("num", d), this.expr("list", d)) }) },
        {
          weight: 3, arbitrary: fc.record({ k: fc.constant("repeat" as const), times: fc.integer({ min: 1, max: 3 }), e: anyValue }),
        },
        {
          weight: 1, arbitrary: fc.record({
            k: fc.constant("when" as const), test: this.expr("bool", d),
            then: fc.array(fc.record({ k: fc.constant("display" as const), e: anyValue }), { minLength: 1, maxLength: 2 }),
          }),
        },
      );
    });
  }

  program(): fc.Arbitrary<Program> {
    const d = this.options.depth;
    const proc = (i: number): fc.Arbitrary<ProcDef> => fc.record({
      base: this.body(PROCS[i].ret, d - 1, true),
      rec: this.body(PROCS[i].ret, d, true),
    });
    const wrappers = this.options.wrappers ?? [];
    return fc.record({
      redefine: wrappers.length
        ? fc.uniqueArray(fc.record({ name: fc.constantFrom(...INLINED_BUILTINS), wrapper: fc.constantFrom(...wrappers) }),
          { minLength: 1, maxLength: 4, selector: (r) => r.name })
        : fc.constant([]),
      fuel: fc.constantFrom(60, 5, 200),
      globals: fc.array(this.binding(d - 1), { maxLength: 4 }),
      procs: fc.tuple(...PROCS.map((_, i) => proc(i))),
      main: fc.array(this.stmt(d), { maxLength: 5 }),
      final: fc.oneof(...VALUE_TYPES.map((t) => this.expr(t, d))),
      wrapMain: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    });
  }
}

/** A generated program: its AST, and its text (which is how fast-check prints it). */
export class GeneratedProgram {
  readonly text: string;
  constructor(readonly ast: Program) { this.text = printProgram(ast); }
  [fc.toStringMethod](): string { return `\n${this.text}\n`; }
}

export function arbProgram(options?: GenOptions): fc.Arbitrary<GeneratedProgram> {
  return new ProgramGenerator(options).program().map((p) => new GeneratedProgram(p));
}

// ---------------------------------------------------------------------------------------
// Printing

type Helper = "kc" | "ki" | "ks" | "kl" | "kv" | "fuel" | "prm";

/** Helper definitions, in dependency order. */
const HELPERS: readonly (readonly [Helper, string, readonly Helper[]])[] = [
  ["fuel", "(define (fuel-out?) (set! fuel (- fuel 1)) (< fuel 0))", []],
  ["kc", `(define (kc x)
  (cond ((and (exact-integer? x) (> (abs x) 1000000000000000000000000)) (remainder x 1000000000000000000000007))
        ((and (exact? x) (not (integer? x)) (> (+ (denominator x) (abs (numerator x))) 1000000000000)) (inexact x))
        (else x)))`, []],
  ["ki", "(define (ki x) (if (> (abs x) 100000) (remainder x 1009) x))", []],
  ["ks", "(define (ks s) (if (> (string-length s) 24) (substring s 0 24) s))", []],
  ["kl", "(define (kl l) (let loop ((l l) (i 0)) (if (or (null? l) (= i 12)) '() (cons (kc (car l)) (loop (cdr l) (+ i 1))))))", ["kc"]],
  ["kv", "(define (kv v) (vector-map kc v))", ["kc"]],
  ["prm", "(define prm (make-parameter 7))", []],
];

const CLAMP: Record<ValueTy, Helper | null> = { int: "ki", num: "kc", bool: null, str: "ks", list: "kl", vec: "kv" };

const DEFAULTS: Record<Ty, string> = { int: "0", num: "0", bool: "#f", str: '""', list: "'()", vec: "(vector 0)", proc: "abs" };

interface Var { readonly name: string; readonly ty: Ty; readonly mutable: boolean }

/** What is visible at a point of the program. */
interface Scope {
  readonly vars: readonly Var[];
  /** Live escape continuations (hidden inside lambda bodies). */
  readonly escapes: readonly Var[];
  /** The counter of the enclosing top-level procedure, if any. */
  readonly counter: string | null;
  /** Whether p0..p7 may be called here (not while globals are being defined). */
  readonly calls: boolean;
  /** Inside a with-exception-handler body (so raise-continuable has a handler). */
  readonly handler: boolean;
  /** How many times this point may run per enclosing evaluation, roughly (loops, lambdas, procedures). */
  readonly hot: number;
  /** Inside the body of a guard (or repeat), lexically. */
  readonly guarded: boolean;
}

const PREFIX: Record<Ty, string> = { int: "i", num: "x", bool: "b", str: "s", list: "l", vec: "v", proc: "f" };

class Printer {
  private counter = 0;
  readonly used = new Set<Helper>();
  readonly procsCalled = new Set<number>();

  constructor(readonly program: Program) {}

  fresh(prefix: string): string { return `${prefix}${++this.counter}`; }
  tmp = (): string => this.fresh("t");
  use = (h: Helper): void => { this.used.add(h); };

  clamp(ty: Ty, e: S): S {
    if (ty === "proc") return e;
    const h = CLAMP[ty];
    if (!h) return e;
    this.use(h);
    return [h, e];
  }

  bind(scope: Scope, name: string, ty: Ty, mutable = true): Scope {
    return { ...scope, vars: [...scope.vars, { name, ty, mutable }] };
  }

  /** Inside a lambda body: no escapes, no handler, and it may run many times. */
  lambdaScope(scope: Scope): Scope {
    return { ...scope, escapes: [], handler: false, hot: scope.hot + 1 };
  }

  expr(e: Expr, sc: Scope): S {
    switch (e.k) {
      case "lit": return e.text;
      case "var": {
        const vs = sc.vars.filter((v) => v.ty === e.ty || (e.ty === "num" && v.ty === "int"));
        return vs.length ? vs[e.pick % vs.length].name : this.expr(e.fallback, sc);
      }
      case "param-ref": this.use("prm"); return ["prm"];
      case "op": {
        const args = e.args.map((a) => this.expr(a, sc));
        if (e.op === "raise-continuable" && !sc.handler) return args[0];
        return opSpec(e.op).print(args, this.tmp, this.use);
      }
      case "if": return ["if", this.expr(e.test, sc), this.expr(e.then, sc), this.expr(e.else, sc)];
      case "cond":
        return ["cond", ...e.clauses.map(([t, v]) => [this.expr(t, sc), this.expr(v, sc)]), ["else", this.expr(e.else, sc)]];
      case "case":
        return ["case", this.expr(e.key, sc), [["0", "1"], this.expr(e.a, sc)], [["2", "7", "1000"], this.expr(e.b, sc)], ["else", this.expr(e.else, sc)]];
      case "let": {
        const names = e.binds.map((b) => this.fresh(PREFIX[b.ty]));
        let inner = sc;
        const inits: S[] = [];
        e.binds.forEach((b, i) => {
          // let and lambda inits see the outer scope; let* inits see the earlier bindings.
          inits.push(this.expr(b.init, e.form === "let*" ? inner : sc));
          inner = this.bind(inner, names[i], b.ty, b.ty !== "proc");
        });
        const body = this.body(e.body, inner);
        if (e.form === "lambda") return [["lambda", names, ...body], ...inits];
        return [e.form, names.map((n, i) => [n, inits[i]]), ...body];
      }
      case "begin": {
        const body = this.body(e.body, sc);
        return body.length === 1 ? body[0] : ["begin", ...body];
      }
      case "lambda": return this.lambda(e, sc);
      case "counter": {
        const c = this.fresh("c"), x = this.fresh("x");
        const init = this.expr(e.init, sc);
        const inner = this.bind(this.bind(this.lambdaScope(sc), c, "num"), x, "num");
        return ["let", [[c, init]], ["lambda", [x], ["set!", c, this.clamp("num", this.expr(e.step, inner))], c]];
      }
      case "call": return this.call(e, sc);
      case "loop": return this.loop(e, sc);
      case "deep": {
        const loop = this.fresh("deep"), i = this.fresh("i");
        const depth = sc.hot > 1 ? Math.min(e.depth, 120) : sc.hot === 1 ? Math.min(e.depth, 450) : e.depth;
        const inner = this.bind({ ...sc, hot: sc.hot + 1 }, i, "int", false);
        const rec: S = [loop, ["-", i, "1"]];
        const step = this.expr(e.step, inner);
        const k = this.fresh("k");
        const base = e.capture === "none" ? this.expr(e.base, inner)
          : e.capture === "callcc" ? ["call/cc", ["lambda", [k], this.expr(e.base, inner)]]
          : ["call/cc", ["lambda", [k], [k, this.expr(e.base, inner)]]];
        return ["let", loop, [[i, String(depth)]],
          ["if", ["=", i, "0"], base, ["+", ...(e.stepFirst ? [step, rec] : [rec, step])]]];
      }
      case "spin": {
        const loop = this.fresh("spin"), i = this.fresh("i"), acc = this.fresh("x");
        const times = sc.hot > 0 ? Math.min(e.times, 30) : e.times;
        const inner = this.bind(this.bind({ ...sc, hot: sc.hot + 1 }, i, "int", false), acc, "num", false);
        return ["let", loop, [[i, "0"], [acc, this.expr(e.init, sc)]],
          ["if", ["=", i, String(times)], acc, [loop, ["+", i, "1"], this.clamp("num", this.expr(e.step, inner))]]];
      }
      case "mutual": return this.mutual(e, sc);
      case "chain": {
        const mk = this.fresh("mk"), c = this.fresh("x"), m = this.fresh("i"), acc = this.fresh("x");
        const times = sc.hot > 1 ? Math.min(e.times, 5) : e.times;
        const inner = this.bind(this.bind(this.bind({ ...sc, hot: sc.hot + 1 }, c, "num", false), m, "int", false), acc, "num", false);
        return ["letrec", [[mk, ["lambda", [c], ["lambda", [m, acc],
          ["if", ["<=", m, "0"], ["+", acc, c],
            [[mk, this.clamp("num", this.expr(e.next, inner))], ["-", m, "1"], this.clamp("num", this.expr(e.step, inner))]]]]]],
          [[mk, this.expr(e.init, sc)], String(times), this.expr(e.acc, sc)]];
      }
      case "callcc": {
        const k = this.fresh("k");
        const inner: Scope = { ...sc, escapes: [...sc.escapes, { name: k, ty: e.ty, mutable: false }] };
        return ["call/cc", ["lambda", [k], ...this.body(e.body, inner)]];
      }
      case "escape": {
        const ks = sc.escapes.filter((k) => k.ty === e.ty);
        if (!ks.length) return this.expr(e.fallback, sc);
        return [ks[ks.length - 1].name, this.expr(e.value, sc)];
      }
      case "reenter": return this.reenter(e, sc);
      case "wind": {
        const tag = String(++this.counter);
        return ["dynamic-wind", ["lambda", [], ["display", `"<${tag} "`]],
          ["lambda", [], ...this.body(e.body, sc)],
          ["lambda", [], ["display", `" ${tag}>"`]]];
      }
      case "guard": {
        const v = this.fresh("e");
        const clauses: S[] = [
          [["error-object?", v], ["display", '"caught: "'], ["display", ["error-object-message", v]],
            ["display", '" "'], ["write", ["error-object-irritants", v]], ["newline"], this.expr(e.onError, sc)],
          [["number?", v], this.expr(e.onNumber, this.bind(sc, v, "num", false))],
        ];
        if (e.catchAll) clauses.push(["else", ["display", '"raised "'], ["write", v], ["newline"], this.expr(e.onError, sc)]);
        return ["guard", [v, ...clauses], ...this.body(e.body, { ...sc, guarded: true })];
      }
      case "fail": return this.fail(e, sc);
      case "values": {
        const x = this.fresh(PREFIX[e.tyA]), y = this.fresh(PREFIX[e.tyB]);
        const a = this.expr(e.a, sc), b = this.expr(e.b, sc);
        const body = this.expr(e.body, this.bind(this.bind(sc, x, e.tyA), y, e.tyB));
        return e.form === "cwv"
          ? ["call-with-values", ["lambda", [], ["values", a, b]], ["lambda", [x, y], body]]
          : ["let-values", [[[x, y], ["values", a, b]]], body];
      }
      case "parameterize":
        this.use("prm");
        return ["parameterize", [["prm", this.clamp("num", this.expr(e.value, sc))]], ...this.body(e.body, sc)];
      case "handler": {
        const c = this.fresh("c");
        return ["with-exception-handler",
          ["lambda", [c], ["if", ["number?", c], ["+", c, this.expr(e.bump, this.lambdaScope(sc))], "0"]],
          ["lambda", [], ...this.body(e.body, { ...sc, handler: true })]];
      }
    }
  }

  /** A body's forms: internal definitions, statements, result. */
  body(b: Body, sc: Scope): S[] {
    const out: S[] = [];
    let inner = sc;
    for (const d of b.defs) {
      const name = this.fresh(PREFIX[d.ty]);
      out.push(["define", name, this.expr(d.init, inner)]);
      inner = this.bind(inner, name, d.ty, d.ty !== "proc");
    }
    for (const s of b.stmts) out.push(this.stmt(s, inner));
    out.push(this.expr(b.result, inner));
    return out;
  }

  stmt(s: Stmt, sc: Scope): S {
    switch (s.k) {
      case "display": case "write": return [s.k, this.expr(s.e, sc)];
      case "newline": return ["newline"];
      case "set": {
        const vs = sc.vars.filter((v) => v.mutable && v.ty === s.ty);
        const value = this.clamp(s.ty, this.expr(s.value, sc));
        return vs.length ? ["set!", vs[s.pick % vs.length].name, value] : value;
      }
      case "vector-set": {
        const t = this.tmp();
        return ["let", [[t, this.expr(s.v, sc)]],
          ["vector-set!", t, ["modulo", this.expr(s.i, sc), ["vector-length", t]], this.clamp("num", this.expr(s.x, sc))]];
      }
      case "effect": return this.expr(s.e, sc);
      case "when": return ["when", this.expr(s.test, sc), ...s.then.map((t) => this.stmt(t, sc))];
      case "repeat": {
        const i = this.fresh("i"), v = this.fresh("e");
        const inner = this.bind({ ...sc, hot: sc.hot + 1, guarded: true }, i, "int", false);
        return ["do", [[i, "0", ["+", i, "1"]]], [["=", i, String(s.times)]],
          ["guard", [v, [["error-object?", v], ["display", '"error: "'], ["display", ["error-object-message", v]],
            ["display", '" "'], ["write", ["error-object-irritants", v]], ["newline"]],
            ["else", ["display", '"raised: "'], ["write", v], ["newline"]]],
            ["write", this.expr(s.e, inner)], ["newline"]]];
      }
    }
  }

  lambda(e: Extract<Expr, { k: "lambda" }>, sc: Scope): S {
    const inner = this.lambdaScope(sc);
    const x = this.fresh("x");
    switch (e.shape) {
      case "fixed": return ["lambda", [x], ...this.body(e.body, this.bind(inner, x, "num"))];
      case "rest": {
        const r = this.fresh("l");
        return ["lambda", [x, ".", r], ...this.body(e.body, this.bind(this.bind(inner, x, "num"), r, "list"))];
      }
      case "variadic": {
        const r = this.fresh("l");
        return ["lambda", r, ...this.body(e.body, this.bind(inner, r, "list"))];
      }
      case "case": {
        // The two-argument clause comes first, so a call with one argument must skip it.
        const a = this.fresh("x"), b = this.fresh("x");
        return ["case-lambda",
          [[a, b], ...this.body(e.body2, this.bind(this.bind(inner, a, "num"), b, "num"))],
          [[x], ...this.body(e.body, this.bind(inner, x, "num"))]];
      }
    }
  }

  call(e: Extract<Expr, { k: "call" }>, sc: Scope): S {
    const sig = PROCS[e.proc];
    if (!sc.calls) return DEFAULTS[sig.ret];
    this.procsCalled.add(e.proc);
    const name = `p${e.proc}`;
    const n: S = sc.counter ? ["-", sc.counter, "1"] : String(e.n);
    const args = e.args.map((a, i) => this.clamp(sig.params[i], this.expr(a, sc)));
    const extra = e.extra.map((a) => this.clamp("num", this.expr(a, sc)));
    if (!e.apply) return [name, n, ...args, ...extra];
    return ["apply", name, n, ["list", ...args, ...extra]];
  }

  loop(e: Extract<Expr, { k: "loop" }>, sc: Scope): S {
    const i = this.fresh("i"), acc = this.fresh(PREFIX[e.ty]);
    const init = this.clamp(e.ty, this.expr(e.init, sc));
    const inner = this.bind(this.bind({ ...sc, hot: sc.hot + 1 }, i, "int", false), acc, e.ty);
    const stmts = e.stmts.map((s) => this.stmt(s, inner));
    const step = this.clamp(e.ty, this.expr(e.step, inner));
    const n = String(e.times);
    const [start, next, done]: [S, S, S] = e.down ? [n, ["-", i, "1"], ["zero?", i]] : ["0", ["+", i, "1"], [">=", i, n]];
    if (e.form === "do") return ["do", [[i, start, next], [acc, init, step]], [done, acc], ...stmts];
    const loop = this.fresh("loop");
    const again: S = [loop, next, step];
    return ["let", loop, [[i, start], [acc, init]], ["if", done, acc, stmts.length ? ["begin", ...stmts, again] : again]];
  }

  mutual(e: Extract<Expr, { k: "mutual" }>, sc: Scope): S {
    const f = this.fresh("even"), g = this.fresh("odd"), m = this.fresh("i");
    const times = String(sc.hot > 1 ? Math.min(e.times, 100) : e.times);
    if (e.ty === "bool") {
      return ["letrec", [
        [f, ["lambda", [m], ["if", ["=", m, "0"], "#t", [g, ["-", m, "1"]]]]],
        [g, ["lambda", [m], ["if", ["=", m, "0"], "#f", [f, ["-", m, "1"]]]]],
      ], [f, times]];
    }
    const acc = this.fresh("x");
    const inner = this.bind(this.bind({ ...sc, hot: sc.hot + 1 }, m, "int", false), acc, "num", false);
    return ["letrec", [
      [f, ["lambda", [m, acc], ["if", ["<=", m, "0"], acc, [g, ["-", m, "1"], this.clamp("num", this.expr(e.step1, inner))]]]],
      [g, ["lambda", [m, acc], [f, m, this.clamp("num", this.expr(e.step2, inner))]]],
    ], [f, times, this.expr(e.init, sc)]];
  }

  reenter(e: Extract<Expr, { k: "reenter" }>, sc: Scope): S {
    // (let ((rc 0) (rk #f))
    //   (let ((v (+ pre (call/cc (lambda (k) (set! rk k) init)))))
    //     (set! rc (+ rc 1))
    //     (if (< rc times) (rk step) result)))
    const rc = this.fresh("rc"), rk = this.fresh("rk"), k = this.fresh("k"), v = this.fresh("x");
    let capture: S = ["call/cc", ["lambda", [k], ["set!", rk, k], this.expr(e.init, sc)]];
    if (e.wind) {
      const tag = String(++this.counter);
      capture = ["dynamic-wind", ["lambda", [], ["display", `"[${tag} "`]], ["lambda", [], capture], ["lambda", [], ["display", `" ${tag}]"`]]];
    }
    const inner = this.bind({ ...sc, hot: sc.hot + 1 }, v, "num", false);
    return ["let", [[rc, "0"], [rk, "#f"]],
      ["let", [[v, ["+", this.expr(e.pre, sc), capture]]],
        ["set!", rc, ["+", rc, "1"]],
        ["if", ["<", rc, String(e.times + 1)], [rk, this.clamp("num", this.expr(e.step, inner))], this.expr(e.result, inner)]]];
  }

  fail(e: Extract<Expr, { k: "fail" }>, sc: Scope): S {
    if (!sc.guarded && !e.unguarded) return this.expr(e.fallback, sc);
    const x = this.expr(e.arg, sc);
    /** A bad index into t whose length `len(t)` gives. */
    const bad = (t: string, len: string): S => e.past < 0 ? "-1" : ["+", [len, t], String(e.past)];
    const t = this.tmp();
    switch (e.how) {
      case "car": return ["car", x];
      case "cdr": return ["cdr", x];
      case "vector-ref": return ["let", [[t, ["vector", x, "1"]]], ["vector-ref", t, bad(t, "vector-length")]];
      case "vector-set!": return ["let", [[t, ["vector", x]]], ["vector-set!", t, bad(t, "vector-length"), "0"]];
      case "string-ref": return ["let", [[t, ["number->string", x]]], ["string-ref", t, bad(t, "string-length")]];
      case "error": return ["error", ERROR_MESSAGES[this.counter % ERROR_MESSAGES.length], x];
      case "raise-number": return ["raise", x];
      case "raise-string": return ["raise", '"oops"'];
      case "quotient0": return ["quotient", ["vector-length", ["vector", x]], "0"];
      case "add-symbol": return ["+", x, "'a"];
      case "call-number": return [["+", "1", x]];
      case "arity": return [["lambda", ["a", "b"], "a"], x];
      case "vector-ref-list": return ["vector-ref", ["list", x], "0"];
    }
  }

  print(): string {
    const p = this.program;
    const top: Scope = { vars: [], escapes: [], counter: null, calls: false, handler: false, hot: 0, guarded: false };
    const forms: S[] = [];
    // Globals: each init sees the earlier globals and calls no procedure (none is defined yet).
    let globalScope = top;
    p.globals.forEach((g) => {
      const name = this.fresh(`g${PREFIX[g.ty]}`);
      forms.push(["define", name, this.expr(g.init, globalScope)]);
      globalScope = this.bind(globalScope, name, g.ty, g.ty !== "proc");
    });
    const withCalls: Scope = { ...globalScope, calls: true };
    const main = p.main.map((s) => this.stmt(s, withCalls));
    const final = this.expr(p.final, withCalls);
    // Procedures: print the ones called, and the ones they call, in order.
    const procForms = new Map<number, S>();
    for (;;) {
      const next = [...this.procsCalled].find((i) => !procForms.has(i));
      if (next === undefined) break;
      procForms.set(next, this.proc(next, withCalls));
    }
    const helpers: S[] = [];
    if (procForms.size) { this.use("fuel"); helpers.push(`(define fuel ${p.fuel})`); }
    for (const [name, , deps] of HELPERS) if (this.used.has(name)) deps.forEach((d) => this.used.add(d));
    for (const [name, text] of HELPERS) if (this.used.has(name)) helpers.push(text);
    const procs = [...procForms.entries()].sort(([a], [b]) => a - b).map(([, f]) => f);
    const redefinitions = p.redefine.map(({ name, wrapper }) => {
      const call: S = ["apply", "old", "args"];
      const wrapped: S =
        wrapper === "apply" ? call
        : wrapper === "values" ? ["call-with-values", ["lambda", [], call], ["lambda", ["v"], "v"]]
        : wrapper === "wind" ? ["dynamic-wind", ["lambda", [], "#f"], ["lambda", [], call], ["lambda", [], "#f"]]
        : wrapper === "callcc" ? ["call/cc", ["lambda", ["k"], call]]
        : ["call/cc", ["lambda", ["k"], ["k", call]]];
      // apply and call/cc are primitives, so the wrapper is a plain tail call of them.
      if (wrapper === "apply" || wrapper === "callcc" || wrapper === "callcc-k") {
        return pretty(["set!", name, ["let", [["old", name]], ["lambda", "args", wrapped]]]);
      }
      // dynamic-wind and call-with-values are Scheme (the prelude) and call these builtins
      // too, so a call made while the wrapper is busy goes straight to the original (else it
      // would recurse forever). An error leaves it busy, which only makes it a plain alias.
      return pretty(["set!", name, ["let", [["old", name], ["busy", "#f"]], ["lambda", "args",
        ["if", "busy", call, ["begin", ["set!", "busy", "#t"], ["let", [["r", wrapped]], ["set!", "busy", "#f"], "r"]]]]]]);
    });
    const body = p.wrapMain ? [pretty(["define", ["main"], ...main, final]), "(main)"] : [...main, final].map((f) => pretty(f));
    return [
      ...redefinitions,
      ...helpers,
      ...forms.map((f) => pretty(f)),
      ...procs.map((f) => pretty(f)),
      ...body,
    ].join("\n") + "\n";
  }

  proc(i: number, globals: Scope): S {
    const sig = PROCS[i];
    const n = this.fresh("n");
    let sc: Scope = { ...globals, counter: n, hot: 1 };
    sc = this.bind(sc, n, "int", false);
    const params = sig.params.map((ty) => {
      const name = this.fresh(PREFIX[ty]);
      sc = this.bind(sc, name, ty, ty !== "proc");
      return name;
    });
    let formals: S = [`p${i}`, n, ...params];
    if (sig.rest) {
      const r = this.fresh("l");
      sc = this.bind(sc, r, "list");
      formals = [...formals, ".", r];
    }
    const base = this.body(this.program.procs[i].base, sc);
    const rec = this.body(this.program.procs[i].rec, sc);
    // A cond clause is not a body: internal definitions need a (let () ...).
    const seq = (b: S[], defs: boolean): S => defs ? ["let", [], ...b] : b.length === 1 ? b[0] : ["begin", ...b];
    const { base: baseAst, rec: recAst } = this.program.procs[i];
    return ["define", formals,
      ["cond", [["fuel-out?"], DEFAULTS[sig.ret]],
        [["<=", n, "0"], seq(base, baseAst.defs.length > 0)],
        ["else", seq(rec, recAst.defs.length > 0)]]];
  }
}

export function printProgram(p: Program): string {
  return new Printer(p).print();
}

// ---------------------------------------------------------------------------------------
// A small pretty printer: a list that fits in the width goes on one line, otherwise its
// head and first argument stay on the first line and the rest are indented below.

const WIDTH = 100;

function flat(s: S): string {
  if (typeof s === "string") return s;
  let out = "(";
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    if (i > 0) out += " ";
    out += flat(x);
  }
  return out + ")";
}

export function pretty(s: S, indent = 0): string {
  const f = flat(s);
  if (typeof s === "string" || f.length + indent <= WIDTH || s.length < 2) return f;
  const pad = " ".repeat(indent + 2);
  const head = flat(s[0]);
  if (typeof s[0] !== "string") return "(" + s.map((x, i) => (i ? " ".repeat(indent + 1) : "") + pretty(x, indent + 1)).join("\n") + ")";
  const first = pretty(s[1], indent + head.length + 2);
  const rest = s.slice(2).map((x) => pad + pretty(x, indent + 2));
  return [`(${head} ${first}`, ...rest].join("\n") + ")";
}
