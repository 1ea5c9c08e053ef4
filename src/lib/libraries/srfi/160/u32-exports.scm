;;; The exports of (srfi 160 u32), shared with (scheme vector u32).
(export
  u32? u32vector? make-u32vector u32vector u32vector-ref u32vector-set! u32vector-length
  u32vector->list list->u32vector u32vector->vector vector->u32vector u32vector-copy
  u32vector-copy! u32vector-fill! u32vector-append u32vector=)
