;;; (scheme vector u8): R7RS-large's name for (srfi 160 u8).
(define-library (scheme vector u8)
  (import (srfi 160 u8))
  (include-library-declarations "../../srfi/160/u8-exports.scm"))
