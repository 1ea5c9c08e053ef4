(import (scheme base) (scheme write) (srfi 111))
;; SRFI 111, boxes.
(test-begin "srfi-111")

(define b (box 1))
(test-assert (box? b))
(test-assert (not (box? 1)))
(test-assert (not (box? (vector 1))))
(test-equal 1 (unbox b))
(set-box! b 2)
(test-equal 2 (unbox b))
(test-assert (not (eq? (box 1) (box 1))))
(test-assert (equal? (unbox (box '(a))) '(a)))
(test-error (unbox 5))
(test-error (set-box! 'x 1))
(test-equal "#<box 2>" (let ((out (open-output-string))) (write b out) (get-output-string out)))

(test-end)
