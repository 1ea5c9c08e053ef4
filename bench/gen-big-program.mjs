// Generates a large Scheme program for the code-cache benchmark (bench/startup.mjs): thousands
// of small procedures (arithmetic, list walks, a macro used everywhere), about `lines` lines,
// whose run is short so that reading, expanding and compiling dominate.
//   node bench/gen-big-program.mjs [lines] > big.scm
export function generateProgram(lines = 20000) {
  const out = [
    "(define-syntax inc! (syntax-rules () ((_ v) (set! v (+ v 1)))))",
    "(define counter 0)",
  ];
  let i = 0;
  while (out.length < lines - 3) {
    out.push(
      `(define (f${i} x y)`,
      `  (let loop ((k ${i % 7}) (acc (list x y)))`,
      `    (if (<= k 0) (length acc)`,
      `        (begin (inc! counter) (loop (- k 1) (cons (* k ${i}) acc))))))`,
      `(define (g${i} n) (if (< n 2) n (+ (f${i} n ${i}) (vector-ref (vector 1 2 3) ${i % 3}))))`,
    );
    i++;
  }
  out.push(`(define total 0)`);
  out.push(`(set! total (+ ${Array.from({ length: Math.min(i, 50) }, (_, k) => `(g${k} ${k})`).join(" ")}))`);
  out.push(`(display (list total counter)) (newline)`);
  return out.join("\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(generateProgram(Number(process.argv[2] ?? 20000)));
