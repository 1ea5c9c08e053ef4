;; fibfp: doubly recursive Fibonacci in flonums, (fibfp 32.).
(import (scheme base) (scheme write))
(define (fibfp n)
  (if (< n 2.)
      n
      (+ (fibfp (- n 1.)) (fibfp (- n 2.)))))

(display (exact (fibfp 32.)))
(newline)
