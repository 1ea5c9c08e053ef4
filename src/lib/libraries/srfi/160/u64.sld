;;; (srfi 160 u64): homogeneous vectors of u64 elements, also (scheme vector u64). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 u64)
  (include-library-declarations "u64-exports.scm")
  (import (scheme base))
  (begin
    (define u64? %u64?)
    (define u64vector? %u64vector?)
    (define make-u64vector %make-u64vector)
    (define u64vector %u64vector)
    (define u64vector-ref %u64vector-ref)
    (define u64vector-set! %u64vector-set!)
    (define u64vector-length %u64vector-length)
    (define u64vector->list %u64vector->list)
    (define list->u64vector %list->u64vector)
    (define u64vector->vector %u64vector->vector)
    (define vector->u64vector %vector->u64vector)
    (define u64vector-copy %u64vector-copy)
    (define u64vector-copy! %u64vector-copy!)
    (define u64vector-fill! %u64vector-fill!)
    (define u64vector-append %u64vector-append)
    (define u64vector= %u64vector=)))
