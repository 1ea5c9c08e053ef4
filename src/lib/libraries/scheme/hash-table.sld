;;; (scheme hash-table): R7RS-large's name for SRFI 125, hash tables (srfi/125.sld).
(define-library (scheme hash-table)
  (import (srfi 125))
  (include-library-declarations "../srfi/125-exports.scm"))
