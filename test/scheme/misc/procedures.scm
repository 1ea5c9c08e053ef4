(import (scheme base))
;; procedure?, apply, closures and higher-order procedures (R7RS 4.1.4, 6.10).
(test-begin "misc-procedures")

(test-assert (procedure? car))
(test-assert (not (procedure? 'car)))
(test-assert (procedure? (lambda (x) (* x x))))
(test-assert (not (procedure? '(lambda (x) (* x x)))))
(test-assert (call-with-current-continuation procedure?))
(test-assert (procedure? (make-parameter 1)))
(test-assert (procedure? apply))
(test-assert (not (procedure? 5)))
(test-assert (not (procedure? "car")))

(test-equal 7 (apply + (list 3 4)))
(test-equal '(30 0)
  (let ((compose (lambda (f g) (lambda args (f (apply g args))))))
    ((compose (lambda (x) (list x 0)) *) 5 6)))
(test-equal 'b (apply cadr '((a b c))))
(test-equal '(a b c d) (apply list 'a 'b '(c d)))
(test-equal 3 (apply (lambda (a b) (+ a b)) 1 '(2)))
(test-equal 6 (apply apply + '((1 2 3))))
(test-equal '(1 2 3) (apply apply (list list 1 2 '(3))))
(test-equal '((1 4) (2 5) (3 6)) (apply map list '((1 2 3) (4 5 6))))
(test-error (apply + 1 2))
;; Primitives applied to a list whose result is a request to the VM (a capture, values, a
;; tail call, a continuation throw): apply's result is theirs.
(test-equal 42 (+ 1 (apply call-with-current-continuation (list (lambda (k) 41)))))
(test-equal 5 (+ 1 (apply call/cc (list (lambda (k) (k 4) 99)))))
(test-equal '(1 2) (call-with-values (lambda () (apply values '(1 2))) list))
(test-equal 10 (apply apply (list apply (list + (list 1 2 3 4)))))
(test-equal 'out (call/cc (lambda (k) (apply k '(out)) 'not-here)))
(test-equal 7 (let loop ((i 0) (acc 0)) (if (= i 7) acc (loop (+ i 1) (apply + (list acc 1))))))
(test-equal "an arity error through apply names the arguments" '((1 2))
  (guard (e (#t (error-object-irritants e))) (apply car '(1 2))))
(test-error (apply car '(1)))
(test-error (apply vector-ref (list (vector 1) 5)))
(test-error ((lambda (a b) a) 1))
(test-error ((lambda (a b) a) 1 2 3))
(test-error ((lambda (a . b) a)))
(test-error (car 1 2))

;; higher order
(define (compose . fs)
  (if (null? fs) (lambda (x) x) (lambda (x) ((car fs) ((apply compose (cdr fs)) x)))))
(test-equal 9 ((compose (lambda (x) (* x x)) (lambda (x) (+ x 1))) 2))
(define (curry f . args) (lambda more (apply f (append args more))))
(test-equal 10 ((curry + 1 2) 3 4))
(define (fold-left f init lst) (if (null? lst) init (fold-left f (f init (car lst)) (cdr lst))))
(test-equal '(((() 1) 2) 3) (fold-left list '() '(1 2 3)))
(define (fold-right f init lst) (if (null? lst) init (f (car lst) (fold-right f init (cdr lst)))))
(test-equal '(1 2 3) (fold-right cons '() '(1 2 3)))
(define (filter p l) (cond ((null? l) '()) ((p (car l)) (cons (car l) (filter p (cdr l)))) (else (filter p (cdr l)))))
(test-equal '(1 3 5) (filter odd? '(1 2 3 4 5)))

;; closures capture variables, not values
(test-equal '(2 2)
  (let* ((x 1) (get (lambda () x)))
    (set! x 2)
    (list x (get))))
(test-equal '(1 2 3)
  (let ((counters (map (lambda (start) (let ((n start)) (lambda () (set! n (+ n 1)) n))) '(0 1 2))))
    (map (lambda (c) (c)) counters)))
(test-equal '(0 1 2)
  (let loop ((i 0) (procs '()))
    (if (= i 3)
        (map (lambda (p) (p)) (reverse procs))
        (loop (+ i 1) (cons (lambda () i) procs)))))

;; primitives as first-class values
(test-equal '(1 2 3) (map car '((1) (2) (3))))
(test-equal 6 (let ((f +)) (f 1 2 3)))
(test-equal '(#t #f) (map (lambda (p) (p 1)) (list number? string?)))

;; arity variations
(define (opt a . rest) (if (null? rest) (list a 'default) (list a (car rest))))
(test-equal '(1 default) (opt 1))
(test-equal '(1 2) (opt 1 2))

;; evaluation order of operands is unspecified but all are evaluated once
(test-equal 3 (let ((n 0)) (list (begin (set! n (+ n 1)) n) (begin (set! n (+ n 1)) n) (begin (set! n (+ n 1)) n)) n))

(test-end)
