;;; (srfi 6): basic string ports. All three procedures are R7RS (scheme base) procedures,
;;; re-exported unchanged.
(define-library (srfi 6)
  (export open-input-string open-output-string get-output-string)
  (import (scheme base)))
