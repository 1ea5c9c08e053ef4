;; A library whose exported variable changes: importers see every later value.
(define-library (lib counter)
  (export count increment! (rename increment! bump!) reset!)
  (import (scheme base))
  (begin
    (define count 0)
    (define (increment!) (set! count (+ count 1)) count)
    (define (reset!) (set! count 0))))
