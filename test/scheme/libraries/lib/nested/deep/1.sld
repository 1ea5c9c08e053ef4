;; A library name with a number part: (lib nested deep 1) is lib/nested/deep/1.sld.
(define-library (lib nested deep 1)
  (export deep-value)
  (import (scheme base))
  (begin (define deep-value 'deep-one)))
