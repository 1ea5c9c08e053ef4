;; small-procedures: idiomatic small helpers (accessors over pairs, square, a predicate) called
;; in an O(n^2) loop: the count of close pairs among 2,000 pseudo-random points, 3 times (issue 8:
;; inlining of small known procedures).
(import (scheme base) (scheme write))
(define (px p) (car p))
(define (py p) (cdr p))
(define (square x) (* x x))
(define (dist2 a b) (+ (square (- (px a) (px b))) (square (- (py a) (py b)))))
(define (close? a b) (< (dist2 a b) 2500))

(define (points n seed)
  (let loop ((i 0) (x seed) (acc '()))
    (if (= i n)
        acc
        (let* ((x1 (modulo (+ (* x 1103515245) 12345) 2147483648))
               (x2 (modulo (+ (* x1 1103515245) 12345) 2147483648)))
          (loop (+ i 1) x2 (cons (cons (modulo x1 1000) (modulo x2 1000)) acc))))))

(define (count-close ps)
  (let outer ((a ps) (n 0))
    (if (null? a)
        n
        (let inner ((b (cdr a)) (n n))
          (if (null? b)
              (outer (cdr a) n)
              (inner (cdr b) (if (close? (car a) (car b)) (+ n 1) n)))))))

(define (run k acc)
  (if (= k 0) acc (run (- k 1) (+ acc (count-close (points 2000 k))))))
(display (run 3 0))
(newline)
