// Program generators for the fuzzer (fuzz.test.ts): every case is a pure function of its seed,
// so a failure is reproduced by its seed alone. Five kinds of case:
//   tokens     random token soup (parentheses, quotes, labels, literals, keywords)
//   mutated    a small valid program from CORPUS with random edits (delete, duplicate, swap,
//              insert a token, break a parenthesis, wrap a part in a datum label cycle)
//   malformed  a special form or derived form or macro with random, improper, wrong-count or
//              circular operands
//   macro      a syntax-rules macro (ellipses, literals, dotted and vector patterns) used with
//              random operands
//   cyclic     datum labels outside quote at random places of a valid form

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** Every keyword of the core and derived forms, the prelude's macros, and some of SRFI 26. */
export const KEYWORDS = [
  "quote", "quasiquote", "unquote", "unquote-splicing", "lambda", "if", "set!", "define", "define-values",
  "define-syntax", "let-syntax", "letrec-syntax", "syntax-rules", "syntax-error", "begin", "let", "let*",
  "letrec", "letrec*", "let-values", "let*-values", "case-lambda", "cond", "case", "and", "or", "when",
  "unless", "do", "delay", "delay-force", "make-promise", "parameterize", "guard", "define-record-type",
  "cond-expand", "include", "include-ci", "import", "define-library", "else", "=>", "...", "_", "cut", "cute",
] as const;

const PROCEDURES = [
  "car", "cdr", "cons", "list", "vector", "apply", "map", "for-each", "+", "-", "*", "/", "=", "<",
  "string-append", "vector-ref", "list-tail", "length", "append", "reverse", "call/cc", "values",
  "call-with-values", "dynamic-wind", "raise", "error", "with-exception-handler", "make-vector",
  "make-string", "string->symbol", "symbol->string", "eval", "exact", "expt", "display", "write",
  "vector-map", "string-map", "list->vector", "vector->list", "char->integer", "make-parameter",
  "open-input-string", "read", "read-char", "write-string", "number->string", "string->number",
] as const;

const ATOMS = [
  "0", "1", "-1", "42", "1.5", "1/2", "#t", "#f", "\"s\"", "\"\"", "#\\a", "#\\space", "x", "y", "f",
  "'()", "'a", "#(1 2)", "#u8(1 2)", "+inf.0", "1e10", "#xff", "(quote x)", "100000", "-0.0", "#e1.5",
] as const;

const TOKENS = [
  "(", "(", "(", ")", ")", ")", "[", "]", "'", "`", ",", ",@", ".", "#(", "#u8(", "#;", "#|", "|#",
  "#0=", "#0#", "#1=", "#1#", "\"", "\\", "#\\", "#!fold-case", ";", "\n", " ", " ", "|", "#", "#e", "#x",
  ...ATOMS, ...KEYWORDS, ...PROCEDURES,
];

/** Small valid programs covering the forms; the mutator edits these. */
export const CORPUS = [
  "(define (f x) (if (< x 2) x (+ (f (- x 1)) (f (- x 2))))) (f 10)",
  "(let loop ((i 0) (acc '())) (if (= i 5) (reverse acc) (loop (+ i 1) (cons i acc))))",
  "(define-values (a b . c) (values 1 2 3 4)) (list a b c)",
  "(let-values (((q r) (floor/ 7 2)) ((x) (values 1))) (list q r x))",
  "(let*-values (((a) (values 1)) ((b) (values (+ a 1)))) b)",
  "`(1 ,@(list 2 3) #(4 ,(+ 2 3)) . ,(car '(6)))",
  "(case 3 ((1 2) 'low) ((3 4) => (lambda (x) x)) (else 'high))",
  "(cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else #f))",
  "(define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!)) (point-x (make-point 1 2))",
  "(guard (e ((symbol? e) (list 'caught e)) ((string? e) e)) (raise 'boom))",
  "(define p (make-parameter 1 (lambda (x) (* x 2)))) (parameterize ((p 5)) (p))",
  "(do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 10) s))",
  "(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp))))) (define x 1) (define y 2) (swap! x y) (list x y)",
  "(define-syntax my-or (syntax-rules () ((_) #f) ((_ e) e) ((_ e r ...) (let ((t e)) (if t t (my-or r ...)))))) (my-or #f 3)",
  "(letrec ((even? (lambda (n) (if (= n 0) #t (odd? (- n 1))))) (odd? (lambda (n) (if (= n 0) #f (even? (- n 1)))))) (even? 100))",
  "(call-with-current-continuation (lambda (k) (dynamic-wind (lambda () 1) (lambda () (k 2)) (lambda () 3))))",
  "(force (delay (+ 1 2)))",
  "((case-lambda ((x) x) ((x y) (+ x y)) ((x . r) r)) 1 2 3)",
  "(with-exception-handler (lambda (e) 10) (lambda () (+ 1 (raise-continuable 'oops))))",
  "(let-syntax ((foo (syntax-rules () ((_ x) (* x 2))))) (foo 21))",
  "(when (> 2 1) (display \"yes\") 'done)",
  "(unless #f 1 2 3)",
  "(vector-map + #(1 2) #(10 20))",
  "(string-map char-upcase \"abc\")",
  "(let* ((x 1) (y (+ x 1))) (* x y))",
  "(define (g . args) (apply + args)) (g 1 2 3)",
  "(map (lambda (x y) (* x y)) '(1 2 3) '(4 5 6))",
  "(eval '(* 6 7) (environment '(scheme base)))",
  "(read (open-input-string \"(a . b)\"))",
  "(let ((s (make-string 3 #\\x))) (string-set! s 1 #\\y) s)",
  "(define-syntax while (syntax-rules () ((_ c b ...) (let lp () (when c b ... (lp)))))) (define i 0) (while (< i 3) (set! i (+ i 1))) i",
  "(cond-expand (r7rs 'r7rs) (else 'other))",
  "(let loop ((i 0)) (if (< i 100) (loop (+ i 1)) i))",
  "(string->symbol (string-append \"a\" \"b\"))",
  "(exact (floor 2.5))",
  "(letrec* ((a 1) (b (+ a 1))) b)",
  "(define-syntax ten (syntax-rules () ((_ #(a ...) (b . c)) '(a ... b c)))) (ten #(1 2) (3 . 4))",
];

function tokenSoup(r: Rng): string {
  const n = 1 + r.int(40);
  let out = "";
  for (let i = 0; i < n; i++) out += r.pick(TOKENS) + (r.chance(0.6) ? " " : "");
  return out;
}

/** A random datum as text: atoms, lists, dotted lists, vectors, quotes, up to `depth` deep. */
export function datum(r: Rng, depth: number): string {
  if (depth <= 0 || r.chance(0.35)) return r.pick(r.chance(0.3) ? PROCEDURES : r.chance(0.2) ? KEYWORDS : ATOMS);
  const n = r.int(5);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(datum(r, depth - 1));
  const k = r.int(10);
  if (k === 0 && n > 0) return `(${items.join(" ")} . ${datum(r, depth - 1)})`;
  if (k === 1) return `#(${items.join(" ")})`;
  if (k === 2) return `'${datum(r, depth - 1)}`;
  if (k === 3) return `(${r.pick(KEYWORDS)} ${items.join(" ")})`;
  if (k === 4) return `(${r.pick(PROCEDURES)} ${items.join(" ")})`;
  return `(${items.join(" ")})`;
}

function mutate(r: Rng, text: string): string {
  let s = text;
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    const a = r.int(s.length + 1), b = Math.min(s.length, a + r.int(12));
    switch (r.int(7)) {
      case 0: s = s.slice(0, a) + s.slice(b); break;                                  // delete
      case 1: s = s.slice(0, b) + s.slice(a, b) + s.slice(b); break;                  // duplicate
      case 2: s = s.slice(0, a) + " " + r.pick(TOKENS) + " " + s.slice(a); break;     // insert a token
      case 3: s = s.slice(0, a) + " " + datum(r, 3) + " " + s.slice(a); break;        // insert a datum
      case 4: { const i = s.indexOf(r.chance(0.5) ? "(" : ")", a); if (i >= 0) s = s.slice(0, i) + r.pick(["", "[", "]", "(", ")", " . "]) + s.slice(i + 1); break; }
      case 5: s = labelCycle(r, s); break;
      default: { const t = s.slice(a, b); s = s.slice(0, a) + s.slice(b); const c = r.int(s.length + 1); s = s.slice(0, c) + t + s.slice(c); }
    }
  }
  return s;
}

/** Put `#n=` before an opening parenthesis and `#n#` somewhere after it (often inside it). */
function labelCycle(r: Rng, s: string): string {
  const opens: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] === "(") opens.push(i);
  if (opens.length === 0) return s;
  const at = r.pick(opens);
  const n = 5 + r.int(5);
  const after = at + 1 + r.int(Math.max(1, s.length - at));
  const ref = r.chance(0.5) ? ` #${n}# ` : ` . #${n}#) `;
  const t = s.slice(0, after) + ref + s.slice(after);
  return t.slice(0, at) + `#${n}=` + t.slice(at);
}

function malformed(r: Rng): string {
  const kw = r.pick(KEYWORDS);
  const n = r.int(5);
  const ops: string[] = [];
  for (let i = 0; i < n; i++) ops.push(datum(r, 3));
  const body = ops.join(" ");
  switch (r.int(6)) {
    case 0: return `(${kw} ${body} . ${datum(r, 1)})`;                     // improper
    case 1: return `(${kw} . #3=(${body} . #3#))`;                        // circular operands
    case 2: return `(${kw} #4=(${datum(r, 2)} #4#) ${body})`;             // circular operand (car)
    case 3: return `(define (h) (${kw} ${body})) (h)`;                   // inside a body
    case 4: return `(let ((${kw} 1)) (${kw} ${body}))`;                  // shadowed keyword
    default: return `(${kw} ${body})`;
  }
}

const MACROS = [
  "(define-syntax m (syntax-rules () ((_ a ...) (list a ...)) ((_ (a b) ...) (list (cons a b) ...))))",
  "(define-syntax m (syntax-rules (=>) ((_ a => b) (b a)) ((_ a . rest) '(a rest))))",
  "(define-syntax m (syntax-rules () ((_ #(a ...) b ...) (vector a ... b ...)) ((_ x) 'x)))",
  "(define-syntax m (syntax-rules () ((_ (a ...) ...) '((a ...) ...)) ((_ . x) 'x)))",
  "(define-syntax m (syntax-rules ::: () ((_ a :::) (+ a :::))))",
  "(define-syntax m (syntax-rules () ((_ a) (m a a)) ((_ a b) (list a b))))",
  "(define-syntax m (syntax-rules () ((_ x ... y) 'y) ((_) (syntax-error \"empty\" 1))))",
];

function macroUse(r: Rng): string {
  const def = r.pick(MACROS);
  const uses: string[] = [];
  for (let i = 0; i < 1 + r.int(3); i++) {
    const ops: string[] = [];
    for (let j = 0; j < r.int(5); j++) ops.push(datum(r, 3));
    uses.push(r.chance(0.2) ? `(m ${ops.join(" ")} . ${datum(r, 1)})` : r.chance(0.15) ? `(m . #2=(${ops.join(" ")} . #2#))` : `(m ${ops.join(" ")})`);
  }
  return `${def} ${uses.join(" ")}`;
}

export const KINDS = ["tokens", "mutated", "malformed", "macro", "cyclic"] as const;
export type Kind = typeof KINDS[number];

/** The program of case `seed`, and its kind. */
export function generate(seed: number): { kind: Kind; text: string } {
  const r = new Rng(seed * 2654435761);
  const kind = KINDS[seed % KINDS.length];
  switch (kind) {
    case "tokens": return { kind, text: tokenSoup(r) };
    case "mutated": return { kind, text: mutate(r, r.pick(CORPUS)) };
    case "malformed": return { kind, text: malformed(r) };
    case "macro": return { kind, text: macroUse(r) };
    case "cyclic": return { kind, text: labelCycle(r, r.pick(CORPUS)) };
  }
}
