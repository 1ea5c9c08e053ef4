;;; (scheme ephemeron): R7RS-large's name for SRFI 124, ephemerons (srfi/124.sld).
(define-library (scheme ephemeron)
  (import (srfi 124))
  (include-library-declarations "../srfi/124-exports.scm"))
