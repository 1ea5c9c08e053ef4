;;; (srfi 160 f64): homogeneous vectors of f64 elements, also (scheme vector f64). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 f64)
  (include-library-declarations "f64-exports.scm")
  (import (scheme base))
  (begin
    (define f64? %f64?)
    (define f64vector? %f64vector?)
    (define make-f64vector %make-f64vector)
    (define f64vector %f64vector)
    (define f64vector-ref %f64vector-ref)
    (define f64vector-set! %f64vector-set!)
    (define f64vector-length %f64vector-length)
    (define f64vector->list %f64vector->list)
    (define list->f64vector %list->f64vector)
    (define f64vector->vector %f64vector->vector)
    (define vector->f64vector %vector->f64vector)
    (define f64vector-copy %f64vector-copy)
    (define f64vector-copy! %f64vector-copy!)
    (define f64vector-fill! %f64vector-fill!)
    (define f64vector-append %f64vector-append)
    (define f64vector= %f64vector=)))
