;;; (scheme charset): R7RS-large's name for SRFI 14, character sets (srfi/14.sld).
(define-library (scheme charset)
  (import (srfi 14))
  (include-library-declarations "../srfi/14-exports.scm"))
