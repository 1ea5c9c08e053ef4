;;; The exports of (srfi 160 f32), shared with (scheme vector f32).
(export
  f32? f32vector? make-f32vector f32vector f32vector-ref f32vector-set! f32vector-length
  f32vector->list list->f32vector f32vector->vector vector->f32vector f32vector-copy
  f32vector-copy! f32vector-fill! f32vector-append f32vector=)
