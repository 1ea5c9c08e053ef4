;; deep-recursion: non-tail recursion 1,000,000 deep (build a list, then sum it recursively),
;; a few times.
(import (scheme base) (scheme write))
(define (build n)
  (if (= n 0)
      '()
      (cons n (build (- n 1)))))

(define (sum lst)
  (if (null? lst)
      0
      (+ (car lst) (sum (cdr lst)))))

(define (count-up n)
  (if (= n 0)
      0
      (+ 1 (count-up (- n 1)))))

(define (run times)
  (let loop ((i 0) (total 0))
    (if (= i times)
        total
        (loop (+ i 1) (+ total (sum (build 1000000)) (count-up 1000000))))))

(display (run 5))
(newline)
