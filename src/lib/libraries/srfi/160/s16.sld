;;; (srfi 160 s16): homogeneous vectors of s16 elements, also (scheme vector s16). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 s16)
  (include-library-declarations "s16-exports.scm")
  (import (scheme base))
  (begin
    (define s16? %s16?)
    (define s16vector? %s16vector?)
    (define make-s16vector %make-s16vector)
    (define s16vector %s16vector)
    (define s16vector-ref %s16vector-ref)
    (define s16vector-set! %s16vector-set!)
    (define s16vector-length %s16vector-length)
    (define s16vector->list %s16vector->list)
    (define list->s16vector %list->s16vector)
    (define s16vector->vector %s16vector->vector)
    (define vector->s16vector %vector->s16vector)
    (define s16vector-copy %s16vector-copy)
    (define s16vector-copy! %s16vector-copy!)
    (define s16vector-fill! %s16vector-fill!)
    (define s16vector-append %s16vector-append)
    (define s16vector= %s16vector=)))
