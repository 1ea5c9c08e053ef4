;; deep-recursion.scm -- one million nested (non-tail) calls: Kiln's stack is its own, so
;; recursion is limited by memory, not by the browser's JavaScript stack.
(import (scheme base) (scheme write))

(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(define (sum xs) (if (null? xs) 0 (+ (car xs) (sum (cdr xs)))))

(display (sum (build 1000000)))
(newline)
