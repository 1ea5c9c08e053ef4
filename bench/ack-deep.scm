;; ack-deep: (ack 3 11), about 16,000 frames deep, up and down.
(import (scheme base) (scheme write))
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))
(display (ack 3 11))
(newline)
