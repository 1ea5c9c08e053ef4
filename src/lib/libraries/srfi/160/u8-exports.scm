;;; The exports of (srfi 160 u8), shared with (scheme vector u8).
(export
  u8? u8vector? make-u8vector u8vector u8vector-ref u8vector-set! u8vector-length
  u8vector->list list->u8vector u8vector->vector vector->u8vector u8vector-copy u8vector-copy!
  u8vector-fill! u8vector-append u8vector=)
