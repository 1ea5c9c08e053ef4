;;; (srfi 160 s32): homogeneous vectors of s32 elements, also (scheme vector s32). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 s32)
  (include-library-declarations "s32-exports.scm")
  (import (scheme base))
  (begin
    (define s32? %s32?)
    (define s32vector? %s32vector?)
    (define make-s32vector %make-s32vector)
    (define s32vector %s32vector)
    (define s32vector-ref %s32vector-ref)
    (define s32vector-set! %s32vector-set!)
    (define s32vector-length %s32vector-length)
    (define s32vector->list %s32vector->list)
    (define list->s32vector %list->s32vector)
    (define s32vector->vector %s32vector->vector)
    (define vector->s32vector %vector->s32vector)
    (define s32vector-copy %s32vector-copy)
    (define s32vector-copy! %s32vector-copy!)
    (define s32vector-fill! %s32vector-fill!)
    (define s32vector-append %s32vector-append)
    (define s32vector= %s32vector=)))
