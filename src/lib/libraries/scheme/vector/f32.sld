;;; (scheme vector f32): R7RS-large's name for (srfi 160 f32).
(define-library (scheme vector f32)
  (import (srfi 160 f32))
  (include-library-declarations "../../srfi/160/f32-exports.scm"))
