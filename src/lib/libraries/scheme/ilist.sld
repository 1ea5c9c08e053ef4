;;; (scheme ilist): R7RS-large's name for SRFI 116, immutable lists. The same bindings as
;;; (srfi 116), so ilists made through one name work with the other.
(define-library (scheme ilist)
  (include-library-declarations "../srfi/116-exports.scm")
  (import (srfi 116))
  (cond-expand
   ((library (srfi 128)) (include-library-declarations "../srfi/116-comparator-exports.scm"))
   (else)))
