(import (scheme base) (scheme write))
;; Calls to small known procedures, which the JIT inlines into their callers (issue 8): the
;; same values, errors and redefinitions in every tier.
(test-begin "control-inlining")

(define (square x) (* x x))
(define (first p) (car p))
(define (second p) (car (cdr p)))
(define (pair-sum p) (+ (car p) (cdr p)))
(define (small? x) (< x 10))
(define (mk a b) (cons b a))

(define (sum-squares n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (square i))))))
(define (firsts l) (if (null? l) '() (cons (first (car l)) (firsts (cdr l)))))
(define (count-small l) (let loop ((l l) (k 0)) (if (null? l) k (loop (cdr l) (if (small? (car l)) (+ k 1) k)))))

(test-equal 328350 (sum-squares 100))
(test-equal 328350 (sum-squares 100))
(test-equal '(1 3 5) (firsts '((1 2) (3 4) (5 6))))
(test-equal 3 (count-small '(1 20 3 40 5)))
(test-equal 7 (pair-sum (mk 4 3)))
(test-equal 'b (second '(a b c)))

;; Warm up, then change the types: fixnum speculation in the callee fails, the call is made.
(define (square-all l) (if (null? l) '() (cons (square (car l)) (square-all (cdr l)))))
(let loop ((i 0)) (when (< i 2000) (square-all '(1 2 3)) (loop (+ i 1))))
(test-equal '(1 4 9) (square-all '(1 2 3)))
(test-equal '(2.25 0.25) (square-all '(1.5 -0.5)))
(test-equal '(100000000000000000000 1/4) (square-all '(10000000000 1/2)))

;; An error inside an inlined callee is raised by the callee itself.
(define (first-of x) (+ 1 (first x)))
(let loop ((i 0)) (when (< i 2000) (first-of '(1)) (loop (+ i 1))))
(test-equal 2 (first-of '(1)))
(test-equal "car: expected a pair"
  (guard (e ((error-object? e) (error-object-message e))) (first-of 5)))
(test-equal '(5)
  (guard (e ((error-object? e) (error-object-irritants e))) (first-of 5)))
(test-equal "car: expected a pair"
  (guard (e ((error-object? e) (error-object-message e))) (first-of 'x)))
(test-equal 3 (first-of '(2)))

;; Redefining the callee: its callers call the new procedure.
(define (use-square x) (+ (square x) 1))
(let loop ((i 0)) (when (< i 2000) (use-square i) (loop (+ i 1))))
(test-equal 10 (use-square 3))
(set! square (lambda (x) (- x)))
(test-equal -2 (use-square 3))
(set! square (lambda (x) (* x x)))
(test-equal 10 (use-square 3))

;; Redefining a builtin the callee uses (car) reaches callers that inlined the callee.
(define (head-of x) (list (first x)))
(let loop ((i 0)) (when (< i 2000) (head-of '(1 2)) (loop (+ i 1))))
(test-equal '(1) (head-of '(1 2)))
(define saved-car car)
(set! car cdr)
(test-equal '((2)) (head-of '(1 2)))
(set! car saved-car)
(test-equal '(1) (head-of '(1 2)))

;; A callee that allocates: every call gets a new pair.
(define (twice x) (mk x x))
(define (fresh) (let ((a (twice 1)) (b (twice 1))) (list (eq? a b) (equal? a b))))
(let loop ((i 0)) (when (< i 2000) (fresh) (loop (+ i 1))))
(test-equal '(#f #t) (fresh))

;; Deep recursion through an inlined call, and a continuation captured around it.
(define (deep-firsts n) (if (= n 0) '() (cons (first (list n)) (deep-firsts (- n 1)))))
(test-equal 100000 (length (deep-firsts 100000)))
(define k #f)
(define hits 0)
(define (with-k x) (+ (square x) (call/cc (lambda (c) (set! k c) 0))))
(define result (with-k 4))
(set! hits (+ hits 1))
(when (< hits 3) (k hits))
(test-equal 18 result)
(test-equal 3 hits)

;; A builtin redefined inside a procedure that inlined it: the rest of that activation, and
;; the frames of a deep recursion returning through it, use the new value at once.
(define real-car car)
(define (redefine-at k)
  (if (= k 0)
      '()
      (let ((r (redefine-at (- k 1))))
        (when (= k 5000) (set! car (lambda (p) 'redefined)))
        (cons (car (list k)) r))))
(define redefined-out (redefine-at 200000))
(set! car real-car)
(test-equal "redefined during a deep return"
  '(redefined redefined redefined 4999)
  (list (list-ref redefined-out 0) (list-ref redefined-out 194999) (list-ref redefined-out 195000) (list-ref redefined-out 195001)))
(test-equal "restored" 1 (car '(1 2)))
;; ... and in the caller of the procedure that redefined it, natively waiting for it.
(define (redefine-car!) (set! car cdr))
(define (around) (let ((x (car '(1 2)))) (redefine-car!) (let ((y (car '(1 2)))) (set! car real-car) (list x y))))
(let loop ((i 0)) (when (< i 2000) (set! real-car car) (loop (+ i 1))))
(test-equal "redefined by a callee" '(1 (2)) (around))
(test-equal "restored again" 1 (car '(1 2)))

(test-end)
