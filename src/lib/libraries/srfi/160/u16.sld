;;; (srfi 160 u16): homogeneous vectors of u16 elements, also (scheme vector u16). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 u16)
  (include-library-declarations "u16-exports.scm")
  (import (scheme base))
  (begin
    (define u16? %u16?)
    (define u16vector? %u16vector?)
    (define make-u16vector %make-u16vector)
    (define u16vector %u16vector)
    (define u16vector-ref %u16vector-ref)
    (define u16vector-set! %u16vector-set!)
    (define u16vector-length %u16vector-length)
    (define u16vector->list %u16vector->list)
    (define list->u16vector %list->u16vector)
    (define u16vector->vector %u16vector->vector)
    (define vector->u16vector %vector->u16vector)
    (define u16vector-copy %u16vector-copy)
    (define u16vector-copy! %u16vector-copy!)
    (define u16vector-fill! %u16vector-fill!)
    (define u16vector-append %u16vector-append)
    (define u16vector= %u16vector=)))
