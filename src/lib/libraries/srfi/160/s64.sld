;;; (srfi 160 s64): homogeneous vectors of s64 elements, also (scheme vector s64). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 s64)
  (include-library-declarations "s64-exports.scm")
  (import (scheme base))
  (begin
    (define s64? %s64?)
    (define s64vector? %s64vector?)
    (define make-s64vector %make-s64vector)
    (define s64vector %s64vector)
    (define s64vector-ref %s64vector-ref)
    (define s64vector-set! %s64vector-set!)
    (define s64vector-length %s64vector-length)
    (define s64vector->list %s64vector->list)
    (define list->s64vector %list->s64vector)
    (define s64vector->vector %s64vector->vector)
    (define vector->s64vector %vector->s64vector)
    (define s64vector-copy %s64vector-copy)
    (define s64vector-copy! %s64vector-copy!)
    (define s64vector-fill! %s64vector-fill!)
    (define s64vector-append %s64vector-append)
    (define s64vector= %s64vector=)))
