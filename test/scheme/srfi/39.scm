(import (scheme base) (srfi 39))
;; SRFI 39, parameter objects (R7RS's make-parameter and parameterize, re-exported).
(test-begin "srfi-39")

(define p (make-parameter 10))
(test-equal 10 (p))
(test-equal 20 (parameterize ((p 20)) (p)))
(test-equal 10 (p))
(define q (make-parameter 5 (lambda (x) (* x 2))))
(test-equal 10 (q))
(test-equal 6 (parameterize ((q 3)) (q)))
(test-equal '(1 2 1)
  (let ((r (make-parameter 1)))
    (list (r) (parameterize ((r 2)) (r)) (r))))
;; The dynamic extent is left on escape.
(test-equal 10 (begin (call/cc (lambda (k) (parameterize ((p 99)) (k 0)))) (p)))

(test-end)
