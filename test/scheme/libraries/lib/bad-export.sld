;; Exports a name it neither defines nor imports.
(define-library (lib bad-export)
  (export defined missing-name)
  (import (scheme base))
  (begin (define defined 1)))
