(import (scheme base) (srfi 16))
;; SRFI 16, case-lambda (R7RS's, re-exported).
(test-begin "srfi-16")

(define plus
  (case-lambda
    (() 0)
    ((x) x)
    ((x y) (+ x y))
    ((x y . rest) (apply plus (+ x y) rest))))
(test-equal 0 (plus))
(test-equal 1 (plus 1))
(test-equal 3 (plus 1 2))
(test-equal 10 (plus 1 2 3 4))
(define f (case-lambda ((a) 'one) ((a b) 'two)))
(test-equal 'one (f 1))
(test-equal 'two (f 1 2))
(test-error (f 1 2 3))

(test-end)
