;;; (scheme list): R7RS-large's name for SRFI 1, the list library (srfi/1.sld).
(define-library (scheme list)
  (import (srfi 1))
  (include-library-declarations "../srfi/1-exports.scm"))
