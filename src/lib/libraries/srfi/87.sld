;;; (srfi 87): `=>` in case clauses. Kiln's core `case` already accepts `(datums => proc)`
;;; and `(else => proc)`, so this re-exports it.
(define-library (srfi 87)
  (export case)
  (import (scheme base)))
