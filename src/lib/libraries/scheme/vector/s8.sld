;;; (scheme vector s8): R7RS-large's name for (srfi 160 s8).
(define-library (scheme vector s8)
  (import (srfi 160 s8))
  (include-library-declarations "../../srfi/160/s8-exports.scm"))
