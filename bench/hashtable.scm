;; hashtable: SRFI 69 hash tables with integer keys (insert 200,000, look each up, update) and
;; string keys (count 300,000 words drawn from 5,000), 3 times.
(import (scheme base) (scheme write) (srfi 69))
(define (integers n)
  (let ((t (make-hash-table)))
    (do ((i 0 (+ i 1))) ((= i n))
      (hash-table-set! t (* i 7) i))
    (let loop ((i 0) (sum 0))
      (if (= i n)
          (+ sum (hash-table-size t))
          (begin
            (hash-table-update!/default t (* i 7) (lambda (v) (+ v 1)) 0)
            (loop (+ i 1) (+ sum (hash-table-ref/default t (* i 7) 0) (hash-table-ref/default t (+ (* i 7) 1) 0))))))))

(define words
  (let ((v (make-vector 5000)))
    (do ((i 0 (+ i 1))) ((= i 5000) v)
      (vector-set! v i (string-append "w" (number->string (* i 7919)))))))

(define (word-counts n)
  (let ((t (make-hash-table string=? string-hash)))
    (let loop ((i 0) (x 11))
      (if (= i n)
          (list (hash-table-size t) (hash-table-ref/default t (vector-ref words 0) 0))
          (let ((next (modulo (+ (* x 1103515245) 12345) 2147483648)))
            (hash-table-update!/default t (vector-ref words (modulo (quotient next 65536) 5000)) (lambda (c) (+ c 1)) 0)
            (loop (+ i 1) next))))))

(define (run k acc)
  (if (= k 0) acc (run (- k 1) (list (integers 200000) (word-counts 300000)))))
(display (run 3 #f))
(newline)
