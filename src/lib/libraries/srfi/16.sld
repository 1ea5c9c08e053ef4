;;; (srfi 16): case-lambda, the R7RS (scheme case-lambda) form re-exported.
(define-library (srfi 16)
  (export case-lambda)
  (import (scheme case-lambda)))
