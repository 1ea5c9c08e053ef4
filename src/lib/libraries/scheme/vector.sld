;;; (scheme vector): R7RS-large's name for SRFI 133, the vector library (srfi/133.sld).
(define-library (scheme vector)
  (import (srfi 133))
  (include-library-declarations "../srfi/133-exports.scm"))
