;; Many independent n-queens boards on the pool: KILN_WORKERS=1 and 2 are compared by run.mjs.
;; Prints the solutions found and the milliseconds of the parallel part (the pool is started and
;; every worker warmed up first, so start-up is not counted).
(import (scheme base) (scheme write) (scheme time) (kiln parallel) (queens))
(define (ms-since t0) (round (/ (* 1000 (- (current-jiffy) t0)) (jiffies-per-second))))
(parallel-map queens-from (job 7 (* 2 (parallel-workers))))
(define t0 (current-jiffy))
(define counts (parallel-map queens-from (job 10 8)))
(define elapsed (ms-since t0))
(display (apply + counts)) (display " ") (display elapsed) (newline)
(write (parallel-statistics)) (newline)
