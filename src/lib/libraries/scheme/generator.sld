;;; (scheme generator): R7RS-large's name for SRFI 158, generators and accumulators. The same
;;; bindings as (srfi 158), so values made through one name work with the other.
(define-library (scheme generator)
  (include-library-declarations "../srfi/158-exports.scm")
  (import (srfi 158)))
