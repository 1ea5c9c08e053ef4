;; ack: Ackermann's function, (ack 3 6) repeated.
(import (scheme base) (scheme write))
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

(define (repeat n)
  (let loop ((i 0) (result 0))
    (if (= i n)
        result
        (loop (+ i 1) (ack 3 6)))))

(display (repeat 500))
(display " ")
(display (ack 2 9))
(newline)
