;;; (srfi 160 s8): homogeneous vectors of s8 elements, also (scheme vector s8). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 s8)
  (include-library-declarations "s8-exports.scm")
  (import (scheme base))
  (begin
    (define s8? %s8?)
    (define s8vector? %s8vector?)
    (define make-s8vector %make-s8vector)
    (define s8vector %s8vector)
    (define s8vector-ref %s8vector-ref)
    (define s8vector-set! %s8vector-set!)
    (define s8vector-length %s8vector-length)
    (define s8vector->list %s8vector->list)
    (define list->s8vector %list->s8vector)
    (define s8vector->vector %s8vector->vector)
    (define vector->s8vector %vector->s8vector)
    (define s8vector-copy %s8vector-copy)
    (define s8vector-copy! %s8vector-copy!)
    (define s8vector-fill! %s8vector-fill!)
    (define s8vector-append %s8vector-append)
    (define s8vector= %s8vector=)))
