;;; (scheme lseq): R7RS-large's name for SRFI 127, lazy sequences. The same bindings as
;;; (srfi 127).
(define-library (scheme lseq)
  (include-library-declarations "../srfi/127-exports.scm")
  (import (srfi 127)))
