;; cpstak: Takeuchi's function in continuation-passing style (a closure per call, every call a
;; tail call), (cpstak 18 12 6) repeated.
(import (scheme base) (scheme write))
(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))

(define (repeat n)
  (let loop ((i 0) (result 0))
    (if (= i n)
        result
        (loop (+ i 1) (cpstak 18 12 6)))))

(display (repeat 1000))
(newline)
