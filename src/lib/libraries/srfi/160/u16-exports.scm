;;; The exports of (srfi 160 u16), shared with (scheme vector u16).
(export
  u16? u16vector? make-u16vector u16vector u16vector-ref u16vector-set! u16vector-length
  u16vector->list list->u16vector u16vector->vector vector->u16vector u16vector-copy
  u16vector-copy! u16vector-fill! u16vector-append u16vector=)
