;; A library in a file of its own, found next to the importing program
;; (5.6-library-files.scm).
(define-library (r7rs-test stack)
  (export make-stack stack-push! stack-pop! stack-size (rename stack-peek top))
  (import (scheme base) (r7rs-test util))
  (include "stack-body.inc")
  (begin
    (define (stack-size s) (length* (stack-items s)))))
