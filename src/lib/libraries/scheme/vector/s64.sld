;;; (scheme vector s64): R7RS-large's name for (srfi 160 s64).
(define-library (scheme vector s64)
  (import (srfi 160 s64))
  (include-library-declarations "../../srfi/160/s64-exports.scm"))
