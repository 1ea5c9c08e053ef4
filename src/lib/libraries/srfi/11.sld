;;; (srfi 11): let-values and let*-values, the R7RS (scheme base) forms re-exported.
(define-library (srfi 11)
  (export let-values let*-values)
  (import (scheme base)))
