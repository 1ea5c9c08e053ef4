// Random programs of the shapes issue 7 is about, for the differential test
// (differential-deep.test.ts): non-tail recursion thousands of frames deep with locals live
// across the recursive call, mutual recursion, errors raised deep and caught higher up,
// continuations captured deep and re-entered, escapes (ctak, loops, through dynamic-wind and
// nested captures: lazy captures in native code), and tree generators on call/cc. Each
// program is a few templates filled with random sizes and operators; the JIT tier runs them
// with a small native depth budget, so native frames spill to the interpreter's stack and are
// resumed natively over and over.

import fc from "fast-check";

/** A binary operation on exact integers whose result stays small (no bignums needed to agree). */
const OPS = ["(+ a b)", "(- a b)", "(modulo (+ a (* 3 b)) 1000003)", "(if (< a b) a b)", "(quotient (+ a b) 2)"];

const op = fc.constantFrom(...OPS);

/** The operation applied to two operand expressions (each may appear twice: keep them simple). */
const combine = (o: string, x: string, y: string): string => o.replace(/\ba\b/g, x).replace(/\bb\b/g, y);
const depth = fc.integer({ min: 0, max: 20000 });
const live = fc.integer({ min: 0, max: 6 });

/** (f n) with `k` locals computed before the recursive call and used after it. */
function recursion(name: string, o: string, k: number, n: number, base: number): string {
  const locals = Array.from({ length: k }, (_, i) => `(l${i} (+ n ${i * 7 + 1}))`);
  const uses = Array.from({ length: k }, (_, i) => `l${i}`);
  // The recursive call's value is bound once (an operator may use an operand twice).
  const steps = uses.map((u) => `(x ${combine(o, "x", u)})`).join(" ");
  return `(define (${name} n) (if (= n 0) ${base} (let (${locals.join(" ")}) (let* ((x (${name} (- n 1))) ${steps}) x))))\n` +
    `(display (${name} ${n})) (newline)`;
}

const recursionShape = fc.tuple(op, live, depth, fc.integer({ min: -5, max: 5 }))
  .map(([o, k, n, b]) => recursion("rec", o, k, n, b));

/** Two procedures calling each other non-tail, with different frame sizes. */
const mutualShape = fc.tuple(op, live, live, depth).map(([o, k1, k2, n]) => {
  const locals = (k: number): string => Array.from({ length: k }, (_, i) => `(m${i} (* n ${i + 2}))`).join(" ");
  const use = (k: number): string => Array.from({ length: k }, (_, i) => `m${i}`).join(" ");
  return `(define (ping n) (if (= n 0) 1 (let (${locals(k1)}) (+ (pong (- n 1)) ${k1 ? `(modulo (+ ${use(k1)} 0) 7)` : "0"}))))\n` +
    `(define (pong n) (if (= n 0) 2 (let (${locals(k2)}) (let ((x (ping (- n 1)))) ${combine(o, "x", k2 ? `(+ ${use(k2)} 0)` : "1")}))))\n` +
    `(display (ping ${n})) (newline)`;
});

/** A raise (or a primitive's error) at depth d, caught by guard at depth c < d; the program goes on. */
const errorShape = fc.tuple(depth, fc.integer({ min: 0, max: 100 }), fc.boolean(), fc.boolean()).map(([d, c, prim, continuable]) => {
  const raise = continuable ? "(raise-continuable 'deep)" : prim ? "(car '())" : "(raise 'deep)";
  const catchAt = Math.min(c, d);
  return `(define (down n) (if (= n 0) ${raise} (+ 1 (down (- n 1)))))\n` +
    `(define (catcher n) (if (= n ${catchAt}) ` +
    (continuable
      ? `(with-exception-handler (lambda (e) 100) (lambda () (down (- ${d} n))))`
      : `(guard (e ((symbol? e) (list 'sym e)) ((error-object? e) (list 'err (error-object-message e)))) (down (- ${d} n)))`) +
    ` (let ((r (catcher (+ n 1)))) (if (pair? r) r (+ r 1)))))\n` +
    `(write (catcher 0)) (newline)`;
});

/** A continuation captured d frames deep, re-entered `times` times after the recursion returned. */
const reentryShape = fc.tuple(depth, fc.integer({ min: 1, max: 12 }), live).map(([d, times, k]) => {
  const locals = Array.from({ length: k }, (_, i) => `(q${i} (+ n ${i}))`).join(" ");
  const sum = Array.from({ length: k }, (_, i) => `q${i}`).join(" ");
  return `(define saved #f) (define entries 0)\n` +
    `(define (cap n) (if (= n 0) (call/cc (lambda (k) (set! saved k) 0)) (let (${locals}) (+ 1 ${k ? `(* 0 (+ ${sum}))` : "0"} (cap (- n 1))))))\n` +
    `(let ((r (cap ${d}))) (set! entries (+ entries 1)) (display (list r entries)) (newline) (if (< entries ${times}) (saved entries)))`;
});

/** An escape from d frames deep, from inside a loop, many times. */
const escapeShape = fc.tuple(depth, fc.integer({ min: 1, max: 50 })).map(([d, times]) =>
  `(define (dive n k) (if (= n 0) (k 'out) (+ 1 (dive (- n 1) k))))\n` +
  `(define (go i acc) (if (= i ${times}) acc (go (+ i 1) (cons (call/cc (lambda (k) (dive ${d} k))) acc))))\n` +
  `(display (length (go 0 '()))) (newline)`);

/** A generator walking a tree of depth t with call/cc, consumed element by element. */
const generatorShape = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 40 })).map(([t, stop]) =>
  `(define (make-tree d s) (if (= d 0) s (cons (make-tree (- d 1) s) (make-tree (- d 1) (+ s (expt 2 (- d 1)))))))\n` +
  `(define (gen tree) (define return #f) (define resume #f)\n` +
  `  (define (walk t) (if (pair? t) (begin (walk (car t)) (walk (cdr t))) (call/cc (lambda (k) (set! resume k) (return t)))))\n` +
  `  (lambda () (call/cc (lambda (r) (set! return r) (if resume (resume #f) (begin (walk tree) (return 'done)))))))\n` +
  `(define g (gen (make-tree ${t} 0)))\n` +
  `(let loop ((n 0) (acc 0)) (let ((v (g))) (if (or (eq? v 'done) (= n ${stop * 50 + 10})) (begin (display (list n acc)) (newline)) (loop (+ n 1) (+ acc v)))))`);

/** ctak: call/cc on every call, each continuation passed on and invoked once (lazy captures). */
const ctakShape = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 6 })).map(([x, y, z]) =>
  `(define (ctak x y z) (call/cc (lambda (k) (ctak-aux k x y z))))\n` +
  `(define (ctak-aux k x y z) (if (not (< y x)) (k z) (call/cc (lambda (k) (ctak-aux k ` +
  `(call/cc (lambda (k) (ctak-aux k (- x 1) y z))) (call/cc (lambda (k) (ctak-aux k (- y 1) z x))) ` +
  `(call/cc (lambda (k) (ctak-aux k (- z 1) x y))))))))\n` +
  `(display (ctak ${x} ${y} ${z})) (newline)`);

/**
 * Escapes from a loop at a random point, out of dynamic-wind (the after thunk runs), out of a
 * nested capture, or out of a deep recursion inside the loop; a raise inside sometimes.
 */
const loopEscapeShape = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 30 }))
  .map(([exit, d, kind, times]) => {
    const body = [
      `(let loop ((i 0)) (if (= i ${exit}) (k (list 'at i)) (loop (+ i 1))))`,
      `(dynamic-wind (lambda () (set! log (cons 'in log))) (lambda () (let loop ((i 0)) (if (= i ${exit}) (k i) (loop (+ i 1))))) (lambda () (set! log (cons 'out log))))`,
      `(+ 1 (call/cc (lambda (inner) (let loop ((i 0)) (cond ((= i ${exit}) (k i)) ((> i 1000) (inner i)) (else (loop (+ i 1))))))))`,
      `(let down ((n ${d})) (cond ((= n 0) (k 'bottom)) ((= n ${exit}) (guard (e (#t (k (list 'caught e)))) (raise n))) (else (+ 1 (down (- n 1))))))`,
    ][kind];
    return `(define log '())\n` +
      `(define (run) (call/cc (lambda (k) ${body})))\n` +
      `(let again ((j 0) (r #f)) (if (< j ${times}) (again (+ j 1) (run)) (begin (write (list r (length log))) (newline))))`;
  });

/** ack with small arguments: deep, up and down. */
const ackShape = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 })).map(([m, n]) =>
  `(define (ack m n) (cond ((= m 0) (+ n 1)) ((= n 0) (ack (- m 1) 1)) (else (ack (- m 1) (ack m (- n 1))))))\n` +
  `(display (ack ${m} ${n})) (newline)`);

/** One to three shapes in one program (each in its own scope, so names never clash). */
export const arbDeepProgram = fc.array(
  fc.oneof(recursionShape, mutualShape, errorShape, reentryShape, escapeShape, generatorShape, ackShape, ctakShape, loopEscapeShape),
  { minLength: 1, maxLength: 3 },
).map((parts) => `(import (scheme base) (scheme write))\n` +
  parts.map((p) => `(let ()\n${p}\n#t)`).join("\n"));

/** Native depth budgets for the JIT tier, in slots: small ones spill often. */
export const arbBudget = fc.constantFrom(40, 100, 333, 1000, 6000);
