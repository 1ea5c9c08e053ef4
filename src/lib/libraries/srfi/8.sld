;;; (srfi 8): receive, binding the values of an expression to a formals list.
;;;
;;;   (receive formals expression body ...)
;;;     = (call-with-values (lambda () expression) (lambda formals body ...))
;;;
;;; written as let-values, which binds the values without making closures (Kiln compiles it
;;; to the VALUE instruction, src/compiler/codegen.ts).
(define-library (srfi 8)
  (export receive)
  (import (scheme base))
  (begin
    (define-syntax receive
      (syntax-rules ()
        ((_ formals expr body1 body2 ...)
         (let-values ((formals expr)) body1 body2 ...))))))
