;;; (srfi 160 u32): homogeneous vectors of u32 elements, also (scheme vector u32). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 u32)
  (include-library-declarations "u32-exports.scm")
  (import (scheme base))
  (begin
    (define u32? %u32?)
    (define u32vector? %u32vector?)
    (define make-u32vector %make-u32vector)
    (define u32vector %u32vector)
    (define u32vector-ref %u32vector-ref)
    (define u32vector-set! %u32vector-set!)
    (define u32vector-length %u32vector-length)
    (define u32vector->list %u32vector->list)
    (define list->u32vector %list->u32vector)
    (define u32vector->vector %u32vector->vector)
    (define vector->u32vector %vector->u32vector)
    (define u32vector-copy %u32vector-copy)
    (define u32vector-copy! %u32vector-copy!)
    (define u32vector-fill! %u32vector-fill!)
    (define u32vector-append %u32vector-append)
    (define u32vector= %u32vector=)))
