;; The file's library is not named (lib wrong-name).
(define-library (lib some-other-name)
  (export z)
  (import (scheme base))
  (begin (define z 1)))
