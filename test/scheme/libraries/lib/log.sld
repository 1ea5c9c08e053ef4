;; A shared log, to see how often other libraries' bodies run.
(define-library (lib log)
  (export log-add! log-entries)
  (import (scheme base))
  (begin
    (define entries '())
    (define (log-add! x) (set! entries (cons x entries)))
    (define (log-entries) (reverse entries))))
