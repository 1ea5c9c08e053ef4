;;; (scheme stream): R7RS-large's name for SRFI 41, streams. The same bindings as (srfi 41),
;;; so streams made through one name work with the other.
(define-library (scheme stream)
  (include-library-declarations "../srfi/41-exports.scm")
  (import (srfi 41)))
