;;; (scheme sort): R7RS-large's name for SRFI 132, sorting (srfi/132.sld).
(define-library (scheme sort)
  (import (srfi 132))
  (include-library-declarations "../srfi/132-exports.scm"))
