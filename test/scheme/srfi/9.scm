(import (scheme base) (srfi 9))
;; SRFI 9, define-record-type (R7RS's, re-exported).
(test-begin "srfi-9")

(define-record-type pare
  (kons x y)
  pare?
  (x kar set-kar!)
  (y kdr))
(define p (kons 1 2))
(test-assert (pare? p))
(test-assert (not (pare? (cons 1 2))))
(test-equal 1 (kar p))
(test-equal 2 (kdr p))
(set-kar! p 3)
(test-equal 3 (kar p))
(define-record-type <point> (make-point x) point? (x point-x) (y point-y set-point-y!))
(define q (make-point 5))
(set-point-y! q 6)
(test-equal '(5 6) (list (point-x q) (point-y q)))
(test-assert (not (point? p)))
(test-error (kar q))

(test-end)
