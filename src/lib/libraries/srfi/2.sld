;;; (srfi 2): and-let*, an `and` whose clauses may bind variables.
;;;
;;;   (and-let* (clause ...) body ...)
;;;   clause = (variable expression) | (expression) | bound-variable
;;;
;;; Clauses are evaluated left to right; the first false one makes the whole form #f. A
;;; (variable expression) clause binds variable for the clauses after it and the body. With
;;; no body the value is that of the last clause (#t when there are no clauses).
(define-library (srfi 2)
  (export and-let*)
  (import (scheme base))
  (begin
    (define-syntax and-let*
      (syntax-rules ()
        ((_ ()) #t)
        ((_ () body ...) (let () body ...))
        ;; The last clause, with no body: its value is the result.
        ((_ ((var expr))) (let ((var expr)) var))
        ((_ ((expr))) expr)
        ((_ (var)) var)
        ((_ ((var expr) clause ...) body ...)
         (let ((var expr))
           (if var (and-let* (clause ...) body ...) #f)))
        ((_ ((expr) clause ...) body ...)
         (if expr (and-let* (clause ...) body ...) #f))
        ((_ (var clause ...) body ...)
         (if var (and-let* (clause ...) body ...) #f))))))
