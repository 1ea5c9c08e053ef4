;;; The exports of (srfi 160 s64), shared with (scheme vector s64).
(export
  s64? s64vector? make-s64vector s64vector s64vector-ref s64vector-set! s64vector-length
  s64vector->list list->s64vector s64vector->vector vector->s64vector s64vector-copy
  s64vector-copy! s64vector-fill! s64vector-append s64vector=)
