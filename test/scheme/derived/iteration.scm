(import (scheme base))
;; do (R7RS 4.2.4).
(test-begin "derived-iteration")

(test-equal #(0 1 2 3 4)
  (do ((vec (make-vector 5)) (i 0 (+ i 1))) ((= i 5) vec) (vector-set! vec i i)))
(test-equal 25
  (let ((x '(1 3 5 7 9))) (do ((x x (cdr x)) (sum 0 (+ sum (car x)))) ((null? x) sum))))
(test-equal 10 (do ((i 0 (+ i 1))) ((= i 10) i)))
(test-equal 'done (do ((i 0 (+ i 1))) ((= i 3) 'ignored 'done)))
(test-equal 3 (let ((n 0)) (do () ((= n 3)) (set! n (+ n 1))) n))
;; a variable without a step keeps its value
(test-equal '(5 3)
  (do ((i 0 (+ i 1)) (k 5)) ((= i 3) (list k i))))
;; each iteration binds fresh locations
(test-equal '(2 1 0)
  (do ((i 0 (+ i 1))
       (procs '() (cons (lambda () i) procs)))
      ((= i 3) (map (lambda (p) (p)) procs))))
;; steps are computed from the old values
(test-equal '(5 8)
  (do ((a 0 b) (b 1 (+ a b)) (i 0 (+ i 1))) ((= i 5) (list a b))))
;; the commands run in order
(test-equal '(2 1 0)
  (let ((acc '())) (do ((i 0 (+ i 1))) ((= i 3) acc) (set! acc (cons i acc)))))
(test-equal 1000000 (do ((i 0 (+ i 1))) ((= i 1000000) i)))

(test-end)
