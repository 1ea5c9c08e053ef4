;; Many independent n-queens boards on the pool: KILN_WORKERS=1 and 2 are compared by run.mjs.
;; The job runs once to start the pool and let every worker's JIT compile the code, then
;; `rounds` more times; prints the solutions, the best and the median milliseconds of those
;; rounds (start-up is not counted), and the scheduler's counters.
(import (scheme base) (scheme write) (scheme time) (kiln parallel) (queens))
(define rounds 5)
(define (ms-since t0) (round (/ (* 1000 (- (current-jiffy) t0)) (jiffies-per-second))))
(define (run-job) (apply + (parallel-map queens-from (job 10 12))))
(define solutions (run-job))
(define times
  (let loop ((i 0) (acc '()))
    (if (= i rounds)
        acc
        (let ((t0 (current-jiffy)))
          (run-job)
          (loop (+ i 1) (cons (ms-since t0) acc))))))
(define (insert x xs) (if (or (null? xs) (<= x (car xs))) (cons x xs) (cons (car xs) (insert x (cdr xs)))))
(define sorted (let loop ((xs times) (acc '())) (if (null? xs) acc (loop (cdr xs) (insert (car xs) acc)))))
(display solutions) (display " ") (display (car sorted)) (display " ") (display (list-ref sorted (quotient rounds 2))) (newline)
(write (parallel-statistics)) (newline)
