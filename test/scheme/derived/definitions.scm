(import (scheme base))
;; Definitions, lambda formals, sequencing, assignment (R7RS 4.1, 4.2.3, 5.3).
(test-begin "derived-definitions")

(define add3 (lambda (x) (+ x 3)))
(test-equal 6 (add3 3))
(define first car)
(test-equal 1 (first '(1 2)))
(define x 28)
(test-equal 28 x)
(define (curried a) (lambda (b) (+ a b)))
(test-equal 5 ((curried 2) 3))

;; lambda formals
(test-equal 8 ((lambda (x) (+ x x)) 4))
(test-equal '(3 4 5 6) ((lambda x x) 3 4 5 6))
(test-equal '(5 6) ((lambda (x y . z) z) 3 4 5 6))
(test-equal '() ((lambda (x y . z) z) 3 4))
(test-equal '() ((lambda args args)))
(define reverse-subtract (lambda (x y) (- y x)))
(test-equal 3 (reverse-subtract 7 10))
(define add4 (let ((x 4)) (lambda (y) (+ x y))))
(test-equal 10 (add4 6))
(define (rest-define a . more) (list a more))
(test-equal '(1 (2 3)) (rest-define 1 2 3))
(define (all-rest . more) more)
(test-equal '(1 2) (all-rest 1 2))

;; set!
(define y 2)
(set! y 4)
(test-equal 5 (+ y 1))
(test-equal 3 (let ((z 1)) (set! z (+ z 2)) z))
(test-equal '(1 2)
  (let ((n 0))
    (define (inc!) (set! n (+ n 1)) n)
    (list (inc!) (inc!))))

;; begin
(test-equal 6 (begin 1 2 3 (+ 1 5)))
(begin (define from-begin-1 1) (define from-begin-2 2))
(test-equal 3 (+ from-begin-1 from-begin-2))

;; internal definitions
(test-equal 45
  (let ((x 5))
    (define foo (lambda (y) (bar x y)))
    (define bar (lambda (a b) (+ (* a b) a)))
    (foo (+ x 3))))
(define (mixed)
  (define a 1)
  (begin (define b 2) (define c 3))
  (begin)
  (define (g) (+ a b c))
  (begin (define d 4))
  (+ (g) d))
(test-equal 10 (mixed))
(test-equal 2 (let () (define a 1) (define b (+ a 1)) b))
(test-equal '(1 2)
  (let ()
    (define-values (p q) (values 1 2))
    (define-record-type r (make-r v) r? (v r-v))
    (define-syntax twice (syntax-rules () ((_ e) (list e e))))
    (list p (r-v (make-r q)))))
(test-equal 'inner
  (let ((v 'outer))
    (define v 'inner)
    v))
(test-equal 'outer
  (let ((v 'outer))
    (let ()
      (define w v)
      w)))
;; internal definitions in lambda, named let, do-free bodies, cond-less bodies
(test-equal 12 ((lambda (n) (define m (* n 2)) (define (k) (* m 2)) (k)) 3))
(test-equal 3 (let loop ((i 0)) (define j (+ i 1)) (if (< j 3) (loop j) j)))
(test-equal '(even odd)
  (let ()
    (define (ev? n) (if (= n 0) #t (od? (- n 1))))
    (define (od? n) (if (= n 0) #f (ev? (- n 1))))
    (list (if (ev? 10) 'even 'odd) (if (ev? 7) 'even 'odd))))

;; a global can be redefined
(define redefined 1)
(define redefined 2)
(test-equal 2 redefined)
(define (uses-later) (defined-later))
(define (defined-later) 'later)
(test-equal 'later (uses-later))

;; procedures are closures
(define (make-acc n) (lambda (k) (set! n (+ n k)) n))
(define acc1 (make-acc 100))
(define acc2 (make-acc 0))
(acc1 10)
(acc2 1)
(test-equal '(120 2) (list (acc1 10) (acc2 1)))

(test-end)
