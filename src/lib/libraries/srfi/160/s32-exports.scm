;;; The exports of (srfi 160 s32), shared with (scheme vector s32).
(export
  s32? s32vector? make-s32vector s32vector s32vector-ref s32vector-set! s32vector-length
  s32vector->list list->s32vector s32vector->vector vector->s32vector s32vector-copy
  s32vector-copy! s32vector-fill! s32vector-append s32vector=)
