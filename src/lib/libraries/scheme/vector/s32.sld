;;; (scheme vector s32): R7RS-large's name for (srfi 160 s32).
(define-library (scheme vector s32)
  (import (srfi 160 s32))
  (include-library-declarations "../../srfi/160/s32-exports.scm"))
