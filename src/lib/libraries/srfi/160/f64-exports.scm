;;; The exports of (srfi 160 f64), shared with (scheme vector f64).
(export
  f64? f64vector? make-f64vector f64vector f64vector-ref f64vector-set! f64vector-length
  f64vector->list list->f64vector f64vector->vector vector->f64vector f64vector-copy
  f64vector-copy! f64vector-fill! f64vector-append f64vector=)
