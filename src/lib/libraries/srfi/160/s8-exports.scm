;;; The exports of (srfi 160 s8), shared with (scheme vector s8).
(export
  s8? s8vector? make-s8vector s8vector s8vector-ref s8vector-set! s8vector-length
  s8vector->list list->s8vector s8vector->vector vector->s8vector s8vector-copy s8vector-copy!
  s8vector-fill! s8vector-append s8vector=)
