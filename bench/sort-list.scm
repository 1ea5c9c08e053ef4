;; sort-list: merge sort of a list of 100,000 pseudo-random integers (written by hand: split,
;; merge, non-tail recursion over long lists), 4 times, with a checksum of the result.
(import (scheme base) (scheme write))
(define (random-list n seed)
  (let loop ((i 0) (x seed) (acc '()))
    (if (= i n)
        acc
        (let ((next (modulo (+ (* x 1103515245) 12345) 2147483648)))
          (loop (+ i 1) next (cons (quotient next 65536) acc))))))

(define (split lst)
  (if (or (null? lst) (null? (cdr lst)))
      (values lst '())
      (let-values (((a b) (split (cddr lst))))
        (values (cons (car lst) a) (cons (cadr lst) b)))))

(define (merge a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((< (car b) (car a)) (cons (car b) (merge a (cdr b))))
        (else (cons (car a) (merge (cdr a) b)))))

(define (merge-sort lst)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let-values (((a b) (split lst)))
        (merge (merge-sort a) (merge-sort b)))))

(define (checksum lst)
  (let loop ((l lst) (i 1) (s 0))
    (if (null? l) s (loop (cdr l) (+ i 1) (modulo (+ s (* i (car l))) 1000000007)))))

(define (run k acc)
  (if (= k 0)
      acc
      (run (- k 1) (+ acc (checksum (merge-sort (random-list 100000 k)))))))
(display (run 4 0))
(newline)
