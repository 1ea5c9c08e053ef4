;;; (scheme list-queue): R7RS-large's name for SRFI 117, list queues. The same bindings as
;;; (srfi 117), so queues made through one name work with the other.
(define-library (scheme list-queue)
  (include-library-declarations "../srfi/117-exports.scm")
  (import (srfi 117)))
