;;; (scheme text): R7RS-large's name for SRFI 135, immutable texts. The same bindings as
;;; (srfi 135), so texts made through one name work with the other.
(define-library (scheme text)
  (include-library-declarations "../srfi/135-exports.scm")
  (import (srfi 135)))
