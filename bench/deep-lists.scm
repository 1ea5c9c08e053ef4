;; deep-lists: user-defined non-tail map, append and filter over a 100,000-element list,
;; 100 times each, then summed (the idiomatic deep recursion of issue 7).
(import (scheme base) (scheme write))
(define (my-map f l) (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
(define (my-append a b) (if (null? a) b (cons (car a) (my-append (cdr a) b))))
(define (my-filter p l)
  (cond ((null? l) '())
        ((p (car l)) (cons (car l) (my-filter p (cdr l))))
        (else (my-filter p (cdr l)))))
(define (iota* n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
(define l (iota* 100000))
(define (run times)
  (let loop ((i 0) (total 0))
    (if (= i times)
        total
        (loop (+ i 1)
              (+ total
                 (sum (my-map (lambda (x) (+ x 1)) l))
                 (sum (my-append l l))
                 (sum (my-filter even? l)))))))
(display (run 100))
(newline)
