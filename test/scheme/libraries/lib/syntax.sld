;; Exports macros (hygienic: they use the library's private helper and its own `if`) and a
;; record type.
(define-library (lib syntax)
  (export swap! my-or pair-up point make-point point? point-x point-y set-point-x!)
  (import (scheme base))
  (begin
    (define (helper a b) (list a b))
    ;; Uses helper, which is not exported.
    (define-syntax pair-up
      (syntax-rules ()
        ((_ a b) (helper a b))))
    (define-syntax swap!
      (syntax-rules ()
        ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
    (define-syntax my-or
      (syntax-rules ()
        ((_) #f)
        ((_ e) e)
        ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
    (define-record-type point
      (make-point x y)
      point?
      (x point-x set-point-x!)
      (y point-y))))
