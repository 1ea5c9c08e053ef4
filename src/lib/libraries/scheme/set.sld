;;; (scheme set): R7RS-large's name for SRFI 113, sets and bags (srfi/113.sld).
(define-library (scheme set)
  (import (srfi 113))
  (include-library-declarations "../srfi/113-exports.scm"))
