(import (scheme base))
;; Datum labels #n= and #n# in literals.
(test-begin "reader-datum-labels")

(define c1 '#0=(a . #0#))
(test-assert (pair? c1))
(test-eq 'a (car c1))
(test-eq c1 (cdr c1))
(test-eq c1 (cddddr c1))

(define c2 '#0=(a b c . #0#))
(test-eq c2 (cdddr c2))
(test-eq 'b (cadr c2))
(test-eq 'a (list-ref c2 3))

(define shared '(#1=(x y) #1# #1#))
(test-equal 3 (length shared))
(test-equal '(x y) (car shared))
(test-eq (car shared) (cadr shared))
(test-eq (car shared) (caddr shared))

(define v '#2=#(1 #2# 3))
(test-assert (vector? v))
(test-eq v (vector-ref v 1))
(test-equal 3 (vector-ref v 2))

(define car-cycle '#3=(#3# . tail))
(test-eq car-cycle (car car-cycle))
(test-eq 'tail (cdr car-cycle))

(define two-labels '(#10=(p) #20=(q) #20# #10#))
(test-eq (car two-labels) (cadddr two-labels))
(test-eq (cadr two-labels) (caddr two-labels))

(define nested '#5=(a #6=(b . #5#) . #6#))
(test-eq nested (cdr (cadr nested)))
(test-eq (cadr nested) (cddr nested))

(define in-string-vector '#(#7="str" #7#))
(test-eq (vector-ref in-string-vector 0) (vector-ref in-string-vector 1))

(test-assert (not (list? c1)))
(test-assert (list? shared))

(test-end)
