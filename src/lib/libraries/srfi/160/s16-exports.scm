;;; The exports of (srfi 160 s16), shared with (scheme vector s16).
(export
  s16? s16vector? make-s16vector s16vector s16vector-ref s16vector-set! s16vector-length
  s16vector->list list->s16vector s16vector->vector vector->s16vector s16vector-copy
  s16vector-copy! s16vector-fill! s16vector-append s16vector=)
