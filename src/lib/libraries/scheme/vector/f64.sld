;;; (scheme vector f64): R7RS-large's name for (srfi 160 f64).
(define-library (scheme vector f64)
  (import (srfi 160 f64))
  (include-library-declarations "../../srfi/160/f64-exports.scm"))
