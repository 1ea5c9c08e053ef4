;; imported by stack.sld: a library importing another library from a file
(define-library (r7rs-test util)
  (export length* util-loads)
  (import (scheme base))
  (begin
    (define util-loads 0)
    (set! util-loads (+ util-loads 1))
    (define (length* l) (if (null? l) 0 (+ 1 (length* (cdr l)))))))
