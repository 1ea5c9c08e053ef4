;; Its body raises an error when it runs.
(define-library (lib broken)
  (export never)
  (import (scheme base))
  (begin
    (define never 1)
    (car '())))
