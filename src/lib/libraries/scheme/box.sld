;;; (scheme box): R7RS-large's name for SRFI 111, boxes (srfi/111.sld).
(define-library (scheme box)
  (import (srfi 111))
  (include-library-declarations "../srfi/111-exports.scm"))
