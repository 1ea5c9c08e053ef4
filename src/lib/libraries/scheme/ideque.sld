;;; (scheme ideque): R7RS-large's name for SRFI 134, immutable deques. The same bindings as
;;; (srfi 134), so deques made through one name work with the other.
(define-library (scheme ideque)
  (include-library-declarations "../srfi/134-exports.scm")
  (import (srfi 134)))
