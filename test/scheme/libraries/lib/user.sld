;; Imports other libraries (also with an import set), and re-exports an imported binding.
(define-library (lib user)
  (export user-count (rename count counter-count) use-once)
  (import (scheme base) (only (lib counter) count increment!) (lib once))
  (begin
    (define (user-count) (increment!) count)
    (define (use-once) once-value)))
