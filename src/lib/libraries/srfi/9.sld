;;; (srfi 9): record types. R7RS define-record-type is SRFI 9's, re-exported unchanged.
(define-library (srfi 9)
  (export define-record-type)
  (import (scheme base)))
