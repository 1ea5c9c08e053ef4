;; Parallel fib with nested futures: a warm-up, then the best of 3 rounds; the scheduler's
;; counters show the stealing and the helping.
(import (scheme base) (scheme write) (scheme time) (kiln parallel) (divide))
(define (ms-since t0) (round (/ (* 1000 (- (current-jiffy) t0)) (jiffies-per-second))))
(define (round-ms) (let ((t0 (current-jiffy))) (pfib 32) (ms-since t0)))
(define value (pfib 32))
(define best (min (round-ms) (round-ms) (round-ms)))
(display value) (display " ") (display best) (display " ") (display best) (newline)
(write (parallel-statistics)) (newline)
