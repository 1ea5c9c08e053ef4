;;; (scheme vector u32): R7RS-large's name for (srfi 160 u32).
(define-library (scheme vector u32)
  (import (srfi 160 u32))
  (include-library-declarations "../../srfi/160/u32-exports.scm"))
