;;; (srfi 135 texts): the alternative name SRFI 135 recommends; the same bindings as (srfi 135).
(define-library (srfi 135 texts)
  (include-library-declarations "../135-exports.scm")
  (import (srfi 135)))
