;;; (scheme vector s16): R7RS-large's name for (srfi 160 s16).
(define-library (scheme vector s16)
  (import (srfi 160 s16))
  (include-library-declarations "../../srfi/160/s16-exports.scm"))
