(import (scheme base) (scheme case-lambda))
;; R7RS 4.2.9 Case-lambda.
(test-begin "4.2.9 case-lambda")

(define range
  (case-lambda
   ((e) (range 0 e))
   ((b e) (do ((r '() (cons e r))
               (e (- e 1) (- e 1)))
              ((< e b) r)))))
(test-equal '(0 1 2) (range 3))
(test-equal '(3 4) (range 3 5))

(define plus
  (case-lambda
    (() 0)
    ((x) x)
    ((x y) (+ x y))
    ((x y z) (+ (+ x y) z))
    (args (apply + args))))
(test-eqv 0 (plus))
(test-eqv 1 (plus 1))
(test-eqv 3 (plus 1 2))
(test-eqv 6 (plus 1 2 3))
(test-eqv 15 (plus 1 2 3 4 5))

(define g
  (case-lambda
    ((a) (list 'one a))
    ((a b . rest) (list 'two-or-more a b rest))))
(test-equal '(one 1) (g 1))
(test-equal '(two-or-more 1 2 ()) (g 1 2))
(test-equal '(two-or-more 1 2 (3 4)) (g 1 2 3 4))
(test-error "no clause matches" (g))

(define first-match
  (case-lambda
    ((a . rest) 'rest-clause)
    ((a b) 'exact-clause)))
(test-eq "the first matching clause is selected" 'rest-clause (first-match 1 2))

(test-assert "case-lambda makes a procedure" (procedure? (case-lambda ((x) x))))
(test-equal "clause bodies may have internal definitions" 4
  ((case-lambda ((x) (define y (* x 2)) y)) 2))
(test-equal "case-lambda closes over its environment" 11
  (let ((n 10)) ((case-lambda ((x) (+ x n)) ((x y) 0)) 1)))
(test-error "case-lambda with no clauses cannot be called" ((case-lambda) 1))
(test-eqv "a clause with only a rest formal" 3
  ((case-lambda ((a b) 'two) (all (length all))) 1 2 3))
(test-eqv "tail call in a case-lambda clause" 'done
  (letrec ((loop (case-lambda ((n) (loop n 0)) ((n acc) (if (= n 0) 'done (loop (- n 1) acc))))))
    (loop 100000)))

(test-end)
