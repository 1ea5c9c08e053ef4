;;; (scheme vector u64): R7RS-large's name for (srfi 160 u64).
(define-library (scheme vector u64)
  (import (srfi 160 u64))
  (include-library-declarations "../../srfi/160/u64-exports.scm"))
