;; hot-loop.scm -- watch the JIT: a loop and a procedure called millions of times get
;; compiled to JavaScript (see "procedures compiled" under JIT).
(import (scheme base) (scheme write) (kiln jit))

(define (collatz-steps n)
  (let loop ((n n) (steps 0))
    (cond ((= n 1) steps)
          ((even? n) (loop (quotient n 2) (+ steps 1)))
          (else (loop (+ (* 3 n) 1) (+ steps 1))))))

(define (longest-below limit)
  (let loop ((i 1) (best 1) (best-steps 0))
    (if (= i limit)
        (list best best-steps)
        (let ((s (collatz-steps i)))
          (if (> s best-steps) (loop (+ i 1) i s) (loop (+ i 1) best best-steps))))))

(display "longest Collatz chain below 100000: ")
(write (longest-below 100000))
(newline)
(display "JIT: ")
(write (jit-statistics))
(newline)
