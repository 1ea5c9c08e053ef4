;; (lib cycle-a) and (lib cycle-b) import each other: an error.
(define-library (lib cycle-a)
  (export a)
  (import (scheme base) (lib cycle-b))
  (begin (define a 1)))
