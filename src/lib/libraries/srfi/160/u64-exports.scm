;;; The exports of (srfi 160 u64), shared with (scheme vector u64).
(export
  u64? u64vector? make-u64vector u64vector u64vector-ref u64vector-set! u64vector-length
  u64vector->list list->u64vector u64vector->vector vector->u64vector u64vector-copy
  u64vector-copy! u64vector-fill! u64vector-append u64vector=)
