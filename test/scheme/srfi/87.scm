(import (scheme base) (srfi 87))
;; SRFI 87, `=>` in case clauses.
(test-begin "srfi-87")

(define (classify x)
  (case x
    ((1 2 3) => (lambda (n) (list 'small n)))
    ((a b) 'letter)
    (else => (lambda (v) (list 'other v)))))
(test-equal '(small 2) (classify 2))
(test-equal 'letter (classify 'a))
(test-equal '(other 9) (classify 9))
(test-equal 'big (case 100 ((1) 'one) (else 'big)))

(test-end)
