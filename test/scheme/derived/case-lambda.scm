(import (scheme base) (scheme case-lambda))
;; case-lambda (R7RS 4.2.9).
(test-begin "derived-case-lambda")

(define range
  (case-lambda
   ((e) (range 0 e))
   ((b e) (do ((r '() (cons e r))
               (e (- e 1) (- e 1)))
              ((< e b) r)))))
(test-equal '(0 1 2) (range 3))
(test-equal '(3 4) (range 3 5))

(define arity
  (case-lambda
   (() 'zero)
   ((a) 'one)
   ((a b) 'two)
   ((a b . rest) (list 'many rest))))
(test-equal 'zero (arity))
(test-equal 'one (arity 1))
(test-equal 'two (arity 1 2))
(test-equal '(many (3)) (arity 1 2 3))
(test-equal '(many (3 4 5)) (arity 1 2 3 4 5))

(define first-match
  (case-lambda
   ((a . rest) 'rest-clause)
   ((a) 'never)))
(test-equal 'rest-clause (first-match 1))

(define only-two
  (case-lambda ((a b) (+ a b))))
(test-equal 3 (only-two 1 2))
(test-error (only-two 1))
(test-error (only-two 1 2 3))

(define all (case-lambda (args args)))
(test-equal '() (all))
(test-equal '(1 2) (all 1 2))

(test-assert (procedure? (case-lambda ((x) x))))
(test-equal '(many (3 4 5)) (apply arity 1 2 '(3 4 5)))

;; closures over the environment
(define (make-counter)
  (let ((n 0))
    (case-lambda
     (() n)
     ((k) (set! n (+ n k)) n))))
(define c (make-counter))
(test-equal 5 (c 5))
(test-equal 7 (c 2))
(test-equal 7 (c))

;; clauses with bodies containing definitions
(define g
  (case-lambda
   ((x) (define y (* x 2)) y)
   ((x y) (define z (+ x y)) (* z z))))
(test-equal 6 (g 3))
(test-equal 25 (g 2 3))

;; tail call from a case-lambda clause
(define count-down
  (case-lambda
   ((n) (count-down n 0))
   ((n acc) (if (= n 0) acc (count-down (- n 1) (+ acc 1))))))
(test-equal 1000000 (count-down 1000000))

(test-end)
