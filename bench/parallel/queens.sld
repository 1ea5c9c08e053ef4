;; N-queens counting, one task per (board size, first column): the embarrassingly parallel job of
;; bench/parallel/run.mjs.
(define-library (queens)
  (export queens-from job)
  (import (scheme base))
  (begin
    (define (ok? row dist placed)
      (or (null? placed)
          (and (not (= (car placed) (+ row dist)))
               (not (= (car placed) (- row dist)))
               (not (= (car placed) row))
               (ok? row (+ dist 1) (cdr placed)))))
    (define (count n placed k)
      (if (= k n)
          1
          (let loop ((row 0) (total 0))
            (if (= row n)
                total
                (loop (+ row 1) (if (ok? row 1 placed) (+ total (count n (cons row placed) (+ k 1))) total))))))
    ;; Solutions of the n-queens board whose first queen is in column `first`.
    (define (queens-from task) (count (car task) (list (cdr task)) 1))
    ;; The tasks: every first column of `boards` boards of size n.
    (define (job n boards)
      (let loop ((b 0) (acc '()))
        (if (= b boards)
            acc
            (loop (+ b 1) (append (let cols ((c 0)) (if (= c n) '() (cons (cons n c) (cols (+ c 1))))) acc)))))))
