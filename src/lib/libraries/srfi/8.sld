;;; (srfi 8): receive, binding the values of an expression to a formals list.
;;;
;;;   (receive formals expression body ...)
;;;     = (call-with-values (lambda () expression) (lambda formals body ...))
(define-library (srfi 8)
  (export receive)
  (import (scheme base))
  (begin
    (define-syntax receive
      (syntax-rules ()
        ((_ formals expr body1 body2 ...)
         (call-with-values (lambda () expr) (lambda formals body1 body2 ...)))))))
