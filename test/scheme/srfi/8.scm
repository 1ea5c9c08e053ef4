(import (scheme base) (srfi 8))
;; SRFI 8, receive: proper, dotted and single-symbol formals.
(test-begin "srfi-8")

(test-equal '(1 2) (receive (a b) (values 1 2) (list a b)))
(test-equal '(1 (2 3)) (receive (a . rest) (values 1 2 3) (list a rest)))
(test-equal '(1 ()) (receive (a . rest) (values 1) (list a rest)))
(test-equal '(1 2 3) (receive all (values 1 2 3) all))
(test-equal '() (receive all (values) all))
(test-equal 5 (receive (x) 5 x))
(test-equal 7 (receive (q r) (floor/ 23 4) (+ q 2)))
(test-equal 'last (receive () (values) 'first 'last))
(test-equal 6 (receive (a b) (values 2 3) (define c (* a b)) c))
(test-error (receive (a b) (values 1) a))

(test-end)
