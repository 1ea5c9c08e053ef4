;;; (srfi 160 u8): homogeneous vectors of u8 elements, also (scheme vector u8). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 u8)
  (include-library-declarations "u8-exports.scm")
  (import (scheme base))
  (begin
    (define u8? %u8?)
    (define u8vector? %u8vector?)
    (define make-u8vector %make-u8vector)
    (define u8vector %u8vector)
    (define u8vector-ref %u8vector-ref)
    (define u8vector-set! %u8vector-set!)
    (define u8vector-length %u8vector-length)
    (define u8vector->list %u8vector->list)
    (define list->u8vector %list->u8vector)
    (define u8vector->vector %u8vector->vector)
    (define vector->u8vector %vector->u8vector)
    (define u8vector-copy %u8vector-copy)
    (define u8vector-copy! %u8vector-copy!)
    (define u8vector-fill! %u8vector-fill!)
    (define u8vector-append %u8vector-append)
    (define u8vector= %u8vector=)))
