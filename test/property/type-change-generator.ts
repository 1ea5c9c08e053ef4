// Random programs that change the types a compiled procedure sees after it has warmed up (the
// JIT's speculation: int32 and unboxed-flonum guards, direct calls, inline accessors). Each
// program warms a site up with one kind of value for 10,000 iterations, then gives it others:
//
//   numeric   a random arithmetic kernel run over fixnums, then over flonums, bignums,
//             ratnums or a non-number (an error, caught by guard and printed)
//   flonum    a loop carrying flonums (unboxed in native code), warmed up, then started from
//             an exact integer, a ratnum or a non-number
//   redefine  a global procedure redefined, at a random iteration, while a loop that calls it
//             (directly, once compiled) is running
//   record    a record accessor, predicate and field update warmed up on records, then applied
//             to a wrong type and to records holding flonums
//   tail ring procedures tail-calling each other in a ring (by name or through a vector), one
//             replaced while the chain runs, then given a value of another type
//   cps       a continuation-passing chain of closures, then given another type
//
// Each program prints its results with `write`, so the tiers must agree on every value.

import fc from "fast-check";

/** A numeric expression over the variables `x` and `i`, of bounded depth. */
function numExpr(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(fc.constant("x"), fc.constant("i"), fc.constantFrom("1", "2", "3", "-1", "0", "7"));
  if (depth <= 0) return leaf;
  const sub = numExpr(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom("+", "-", "*"), sub, sub).map(([o, a, b]) => `(${o} ${a} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("+", "*", "-"), sub, sub, sub).map(([o, a, b, c]) => `(${o} ${a} ${b} ${c})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("<", "=", ">="), sub, sub, sub, sub).map(([o, a, b, c, d]) => `(if (${o} ${a} ${b}) ${c} ${d})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("square", "abs", "sq"), sub).map(([f, a]) => `(${f} ${a})`) },
    { weight: 1, arbitrary: sub.map((a) => `(if (zero? ${a}) 1 ${a})`) },
  );
}

const SWITCH_VALUES = ["1.5", "-0.25", "2.0", "-0.0", "1e300", "+inf.0", "4294967296", "9007199254740991", "(expt 2 70)",
  "1/3", "-7/2", "'sym", "\"str\"", "#f", "'(1)"];
const FLONUM_STARTS = ["0.5", "-1.25", "3.0", "0.0"];
const BAD_STARTS = ["0", "7", "1/2", "(expt 2 64)", "'x", "#t", "2.5"];

const catching = (e: string): string =>
  `(guard (e ((error-object? e) (list 'error (error-object-message e))) (#t (list 'raised e))) ${e})`;

const prelude = "(define (sq y) (* y y))\n";

/** A kernel of x and i warmed up on fixnums, then run on other kinds of values. */
const numeric: fc.Arbitrary<string> = fc.tuple(numExpr(3), fc.array(fc.constantFrom(...SWITCH_VALUES), { minLength: 1, maxLength: 4 }),
  fc.integer({ min: 1, max: 40 })).map(([body, switches, m]) =>
  prelude +
  `(define (kernel x i) ${body})\n` +
  `(define (drive n x) (let loop ((i 0) (r 0)) (if (= i n) r (loop (+ i 1) (kernel x (remainder i ${m}))))))\n` +
  `(write (list (drive 10000 3) ${switches.map((v) => catching(`(drive 20 ${v})`)).join(" ")} (drive 100 2)))\n`);

/** A flonum-carrying loop (its parameters unboxed once compiled) started with other values afterwards. */
const flonum: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom("(* a 0.5)", "(+ (* a a) -0.25)", "(- (* 2.0 a b) 0.125)", "(* a b 0.75)", "(- a (* 0.5 b))"),
  fc.constantFrom("(* b 0.5)", "(+ (* 0.5 b) a)", "(- b (* a a 0.25))", "(+ b 1.0)"),
  fc.constantFrom(...FLONUM_STARTS), fc.array(fc.constantFrom(...BAD_STARTS), { minLength: 1, maxLength: 3 }),
  fc.constantFrom("(> (abs a) 1e6)", "(< a -1e6)", "(= b 0.0)")).map(([ea, eb, start, bad, stop]) =>
  `(define (flo-loop n a b) (let loop ((i 0) (a a) (b b)) (if (or (= i n) ${stop}) (list i a b) (loop (+ i 1) ${ea} ${eb}))))\n` +
  `(write (list (flo-loop 10000 ${start} 0.25) ${bad.map((v) => catching(`(flo-loop 30 ${v} ${v})`)).join(" ")} (flo-loop 100 ${start} 1.5)))\n`);

/** A global procedure redefined at iteration k while a loop calling it runs. */
const redefine: fc.Arbitrary<string> = fc.tuple(numExpr(2), numExpr(2), fc.integer({ min: 0, max: 10000 }), fc.boolean()).map(([e1, e2, k, selfRedef]) =>
  prelude +
  `(define (step x i) ${e1})\n` +
  `(define (run n) (let loop ((i 0) (s 1)) (if (= i n) s (begin (if (= i ${k}) (set! step (lambda (x i) ${e2}))) (loop (+ i 1) (remainder (step s (remainder i 17)) 1000003))))))\n` +
  (selfRedef
    ? `(define (down n) (if (= n 0) 'done (begin (if (= n ${k % 500}) (set! down (lambda (m) (list 'replaced m)))) (down (- n 1)))))\n(write (list (run 10001) (down 600) (run 10)))\n`
    : `(write (list (run 10001) (run 10)))\n`));

/** Record operations warmed up on records, then given a wrong type and flonum fields. */
const record: fc.Arbitrary<string> = fc.tuple(fc.constantFrom("'nope", "(vector 1 2)", "(cons 1 2)", "3", "(make-other 1)"),
  fc.constantFrom("1.5", "2.0", "1/2", "(expt 2 80)")).map(([wrong, field]) =>
  `(define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y))\n` +
  `(define-record-type other (make-other x) other? (x other-x))\n` +
  `(define (sum-x ps) (let loop ((ps ps) (s 0)) (if (null? ps) s (loop (cdr ps) (+ s (point-x (car ps)))))))\n` +
  `(define (bump! ps) (for-each (lambda (p) (set-point-x! p (+ (point-x p) 1))) ps))\n` +
  `(define (count-points xs) (let loop ((xs xs) (n 0)) (if (null? xs) n (loop (cdr xs) (if (point? (car xs)) (+ n 1) n)))))\n` +
  `(define pts (let loop ((i 0) (acc '())) (if (= i 10000) acc (loop (+ i 1) (cons (make-point i (- i)) acc)))))\n` +
  `(bump! pts)\n` +
  `(write (list (sum-x pts) (count-points pts) (count-points (list 1 ${wrong} (make-point 0 0)))\n` +
  `  ${catching(`(sum-x (list (make-point 1 2) ${wrong}))`)} ${catching(`(bump! (list ${wrong}))`)}\n` +
  `  (sum-x (list (make-point ${field} 0) (make-point 1 0))) (let ((p (list (make-point ${field} 0)))) (bump! p) (sum-x p))))\n`);

/**
 * A ring of procedures tail-calling each other (JS calls in native code while few are nested,
 * the trampoline past that), by name or through closures in a vector; one member is replaced
 * at a random step while the chain runs, then the ring gets a value of another type.
 */
const tailRing: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.array(numExpr(1), { minLength: 5, maxLength: 5 }),
  fc.integer({ min: 0, max: 20000 }), fc.constantFrom(...SWITCH_VALUES), fc.boolean()).map(([size, exprs, k, bad, viaVector]) => {
  const callee = (j: number): string => viaVector ? `(vector-ref ring ${j % size})` : `t${j % size}`;
  const replacement = `(lambda (n x) (if (<= n 0) (list 'new x) (${callee(2)} (- n 1) (+ x 1))))`;
  const replace = viaVector ? `(vector-set! ring 1 ${replacement})` : `(set! t1 ${replacement})`;
  const members = Array.from({ length: size }, (_, j) =>
    `(define (t${j} n x) ${j === 0 ? `(if (= n ${k}) ${replace}) ` : ""}` +
    `(if (<= n 0) (list 't${j} x) (${callee(j + 1)} (- n 1) (remainder (let ((i n)) ${exprs[j]}) 1000003))))\n`).join("");
  return prelude + members + `(define ring (vector ${Array.from({ length: size }, (_, j) => `t${j}`).join(" ")}))\n` +
    `(write (list (t0 30000 1) ${catching(`(t0 40 ${bad})`)} (t0 100 2)))\n`;
});

/** Continuation-passing style: a chain of closures made on the way, each tail-called once. */
const cpsChain: fc.Arbitrary<string> = fc.tuple(numExpr(2), fc.integer({ min: 1, max: 30000 }), fc.constantFrom(...SWITCH_VALUES)).map(([e, n, bad]) =>
  prelude +
  `(define (cps n x k) (if (= n 0) (k x) (cps (- n 1) x (lambda (v) (k (remainder (let ((x v) (i n)) ${e}) 1000003))))))\n` +
  `(write (list (cps ${n} 1 (lambda (v) v)) ${catching(`(cps 20 ${bad} (lambda (v) v))`)} (cps 10 2 list)))\n`);

/** One type-changing program, of a random kind. */
export function arbTypeChangeProgram(): fc.Arbitrary<string> {
  return fc.oneof(numeric, flonum, redefine, record, tailRing, cpsChain);
}
