;;; (scheme vector u16): R7RS-large's name for (srfi 160 u16).
(define-library (scheme vector u16)
  (import (srfi 160 u16))
  (include-library-declarations "../../srfi/160/u16-exports.scm"))
