;; Divide and conquer with nested futures (bench/parallel/pfib.scm): every task below the top
;; spawns two children and touches both, so the workers spend much of their time waiting in
;; touch and running other tasks meanwhile.
(define-library (divide)
  (export fib pfib)
  (import (scheme base) (kiln parallel))
  (begin
    (define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
    (define (pfib n)
      (if (< n 22)
          (fib n)
          (let* ((a (future pfib (- n 1)))
                 (b (future pfib (- n 2))))
            (+ (touch a) (touch b)))))))
