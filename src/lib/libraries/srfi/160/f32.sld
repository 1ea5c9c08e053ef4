;;; (srfi 160 f32): homogeneous vectors of f32 elements, also (scheme vector f32). The vectors and
;;; these procedures are src/lib/srfi-160.ts (typed arrays in the Wasm vector memory).
;;; The unit test srfi160.test.ts checks these names against the table there.
(define-library (srfi 160 f32)
  (include-library-declarations "f32-exports.scm")
  (import (scheme base))
  (begin
    (define f32? %f32?)
    (define f32vector? %f32vector?)
    (define make-f32vector %make-f32vector)
    (define f32vector %f32vector)
    (define f32vector-ref %f32vector-ref)
    (define f32vector-set! %f32vector-set!)
    (define f32vector-length %f32vector-length)
    (define f32vector->list %f32vector->list)
    (define list->f32vector %list->f32vector)
    (define f32vector->vector %f32vector->vector)
    (define vector->f32vector %vector->f32vector)
    (define f32vector-copy %f32vector-copy)
    (define f32vector-copy! %f32vector-copy!)
    (define f32vector-fill! %f32vector-fill!)
    (define f32vector-append %f32vector-append)
    (define f32vector= %f32vector=)))
