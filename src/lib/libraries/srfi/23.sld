;;; (srfi 23): error, the R7RS (scheme base) procedure re-exported (it raises an error
;;; object whose message and irritants are the arguments).
(define-library (srfi 23)
  (export error)
  (import (scheme base)))
