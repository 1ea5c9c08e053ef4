;;; (srfi 39): parameter objects. R7RS make-parameter and parameterize are SRFI 39's,
;;; re-exported unchanged.
(define-library (srfi 39)
  (export make-parameter parameterize)
  (import (scheme base)))
