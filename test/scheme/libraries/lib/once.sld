;; Its body logs one entry: it must run once however many times the library is imported.
(define-library (lib once)
  (export once-value)
  (import (scheme base) (lib log))
  (begin
    (log-add! 'once)
    (define once-value 42)))
