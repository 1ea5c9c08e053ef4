(import (scheme base))
;; R7RS 4.2.4 Iteration: do and named let.
(test-begin "4.2.4 iteration")

(test-group "do"
  (test-equal #(0 1 2 3 4)
    (do ((vec (make-vector 5))
         (i 0 (+ i 1)))
        ((= i 5) vec)
      (vector-set! vec i i)))
  (test-eqv 25
    (let ((x '(1 3 5 7 9)))
      (do ((x x (cdr x))
           (sum 0 (+ sum (car x))))
          ((null? x) sum))))
  (test-eqv "a variable without a step keeps its value" 10
    (do ((i 0 (+ i 1)) (k 10)) ((= i 3) k)))
  (test-equal "result expressions are evaluated in order, the last returned" '(done 3)
    (let ((log '()))
      (do ((i 0 (+ i 1))) ((= i 3) (set! log (cons 'done log)) (list (car log) i)))))
  (test-assert "do with no result expressions: unspecified value"
    (begin (do ((i 0 (+ i 1))) ((= i 3))) #t))
  (test-eqv "the commands run before the steps" 6
    (let ((total 0))
      (do ((i 1 (+ i 1))) ((> i 3) total) (set! total (+ total i)))))
  (test-eqv "steps are evaluated before any variable is rebound" 21
    (do ((a 1 b) (b 1 (+ a b)) (n 0 (+ n 1))) ((= n 6) b)))
  (test-equal "each iteration binds fresh locations" '(2 1 0)
    (let ((thunks '()))
      (do ((i 0 (+ i 1))) ((= i 3))
        (set! thunks (cons (lambda () i) thunks)))
      (map (lambda (t) (t)) thunks)))
  (test-eqv "do with no variables" 'ok
    (let ((n 0)) (do () ((= n 3) 'ok) (set! n (+ n 1)))))
  (test-eqv "a long do loop runs in constant space" 1000000
    (do ((i 0 (+ i 1))) ((= i 1000000) i)))
  (test-equal "do returns multiple values from the result" '(1 2)
    (call-with-values (lambda () (do ((i 0 (+ i 1))) ((= i 1) (values 1 2)))) list)))

(test-group "named let"
  (test-equal '((6 1 3) (-5 -2))
    (let loop ((numbers '(3 -2 1 6 -5))
               (nonneg '())
               (neg '()))
      (cond ((null? numbers) (list nonneg neg))
            ((>= (car numbers) 0)
             (loop (cdr numbers)
                   (cons (car numbers) nonneg)
                   neg))
            ((< (car numbers) 0)
             (loop (cdr numbers)
                   nonneg
                   (cons (car numbers) neg))))))
  (test-eqv "named let with no bindings" 'done (let loop () 'done))
  (test-eqv "named let loops in constant space" 1000000
    (let loop ((i 0)) (if (< i 1000000) (loop (+ i 1)) i)))
  (test-eqv "the name is bound only in the body, not in the inits" 1
    (let ((loop (lambda (x) 1)))
      (let loop ((x (loop 0))) x)))
  (test-assert "the name is bound to a procedure in the body"
    (let loop ((i 0)) (procedure? loop)))
  (test-eqv "non-tail recursion" 120
    (let fact ((n 5)) (if (= n 0) 1 (* n (fact (- n 1))))))
  (test-eqv "the procedure can escape the body" 3
    (let ((f (let loop ((x 0)) (if (= x 0) loop x))))
      (f 3)))
  (test-eqv "internal definitions in the body" 6
    (let loop ((i 3)) (define twice (* 2 i)) twice)))

(test-end)
