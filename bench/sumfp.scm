;; sumfp: a flonum loop, the sum of 0 .. n as flonums.
(import (scheme base) (scheme write))
(define (sumfp n)
  (let loop ((i n) (sum 0.))
    (if (< i 0.)
        sum
        (loop (- i 1.) (+ i sum)))))

(display (exact (sumfp 30000000.)))
(newline)
