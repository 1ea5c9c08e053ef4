;; fibfp: doubly recursive Fibonacci on flonums, (fibfp 32.): every value is an integral flonum.
(import (scheme base) (scheme write))
(define (fibfp n)
  (if (< n 2.)
      n
      (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))

(display (exact (fibfp 32.)))
(newline)
