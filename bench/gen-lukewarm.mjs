// Generates a program of many lukewarm procedures for the JIT's compilation budget
// (src/jit/policy.ts): `count` procedures, each with a short loop, each called `calls` times.
// "lists" builds a list per call (JS tier only); "numbers" is all fixnum arithmetic, which the
// Wasm tier would take.
//   node bench/gen-lukewarm.mjs [lists|numbers] [count] [calls] > lukewarm.scm
export function generateLukewarm(shape = "lists", count = 1500, calls = 120) {
  const out = ["(import (scheme base) (scheme write))"];
  for (let i = 0; i < count; i++) {
    out.push(shape === "numbers"
      ? `(define (f${i} x) (let loop ((k 3) (a x)) (if (= k 0) a (loop (- k 1) (+ a (* k ${i}))))))`
      : `(define (f${i} x) (let loop ((k 3) (acc (list x ${i}))) (if (= k 0) (apply + acc) (loop (- k 1) (cons (* k x) acc)))))`);
  }
  out.push(`(define procs (vector ${Array.from({ length: count }, (_, i) => `f${i}`).join(" ")}))`);
  out.push(`(define (go n) (let loop ((j 0) (s 0)) (if (= j n) s (loop (+ j 1) (let inner ((i 0) (s s)) (if (= i ${count}) s (inner (+ i 1) (+ s ((vector-ref procs i) j)))))))))`);
  out.push(`(display (go ${calls})) (newline)`);
  return out.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generateLukewarm(process.argv[2], Number(process.argv[3] ?? 1500), Number(process.argv[4] ?? 120)));
}
