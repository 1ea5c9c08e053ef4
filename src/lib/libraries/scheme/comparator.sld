;;; (scheme comparator): R7RS-large's name for SRFI 128, comparators (srfi/128.sld).
(define-library (scheme comparator)
  (import (srfi 128))
  (include-library-declarations "../srfi/128-exports.scm"))
