;; nqueens: count all solutions of the 8-queens problem, repeated.
(import (scheme base) (scheme write))
(define (ok? row dist placed)
  (or (null? placed)
      (and (not (= (car placed) (+ row dist)))
           (not (= (car placed) (- row dist)))
           (not (= (car placed) row))
           (ok? row (+ dist 1) (cdr placed)))))

(define (queens board-size)
  (let try ((row 1) (col 1) (placed '()))
    (cond ((> col board-size) 1)
          ((> row board-size) 0)
          (else
           (+ (if (ok? row 1 placed)
                  (try 1 (+ col 1) (cons row placed))
                  0)
              (try (+ row 1) col placed))))))

(define (repeat n)
  (let loop ((i 0) (result 0))
    (if (= i n)
        result
        (loop (+ i 1) (queens 8)))))

(display (repeat 1000))
(newline)
