(import (scheme base) (scheme write))
;; Local loops whose free variables become parameters (compiler/lift.ts): what they compute,
;; how they fail and how continuations see them must be what the unlifted loops did.
(test-begin "control-lifted-loops")

;; A named let reading variables of the procedure around it.
(define (scale-all k l) (let loop ((l l) (acc '())) (if (null? l) (reverse acc) (loop (cdr l) (cons (* k (car l)) acc)))))
(test-equal "a loop reading an outer variable" '(3 6 9) (scale-all 3 '(1 2 3)))

;; Nested loops, the inner one calling the outer one's variables and the outer loop.
(define (pairs n)
  (let outer ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (outer (+ i 1)
               (let inner ((j 0) (acc acc))
                 (if (= j i) acc (inner (+ j 1) (cons (list i j n) acc))))))))
(test-equal "nested loops" '((1 0 3) (2 0 3) (2 1 3)) (pairs 3))

;; Non-tail recursion of an internal define over a captured procedure.
(define (my-map f l)
  (define (walk l) (if (null? l) '() (cons (f (car l)) (walk (cdr l)))))
  (walk l))
(test-equal "an internal define, non-tail" '(2 4 6) (my-map (lambda (x) (* 2 x)) '(1 2 3)))
(test-equal "deep non-tail recursion of a lifted loop" 100000 (length (my-map (lambda (x) x) (make-list 100000 1))))

;; A loop called from a lambda inside it.
(define (via-lambda n)
  (let loop ((i 0) (acc 0))
    (if (= i n) acc ((lambda (x) (loop (+ i 1) (+ acc x n))) i))))
(test-equal "called from a nested lambda" 12 (via-lambda 3))

;; A captured variable that is assigned stays shared (not copied into the loop).
(define (assigned n)
  (let ((total 0))
    (let loop ((i 0)) (when (< i n) (set! total (+ total i)) (loop (+ i 1))))
    total))
(test-equal "an assigned outer variable" 10 (assigned 5))

;; A loop passed as a value is not lifted, and still works.
(define (escaping k) (let loop ((i 0)) (if (< i 2) (loop (+ i 1)) (lambda () (list i k loop)))))
(test-equal "a loop used as a value" '(2 7 #t) (let ((r ((escaping 7)))) (list (car r) (cadr r) (procedure? (caddr r)))))

;; A wrong argument count keeps the loop's own arity in the message.
(define (bad k) (let loop ((i 0)) (if (< i 1) (loop (+ i 1) k) i)))
(test-error "wrong argument count" (bad 1))

;; A continuation captured inside a lifted loop, re-entered after the loop has moved on.
(define (reenter-loop k0)
  (let ((saved #f) (runs 0))
    (let ((r (let loop ((i 0) (acc '()))
               (if (= i 3) (reverse acc)
                   (loop (+ i 1) (cons (+ k0 (call/cc (lambda (c) (if (= i 1) (set! saved c)) i))) acc))))))
      (set! runs (+ runs 1))
      (if (= runs 1) (saved 10))
      (list runs r))))
(test-equal "re-entered loop" '(2 (100 110 102)) (reenter-loop 100))

;; Errors raised inside a lifted loop name it in the backtrace like any procedure.
(define (fails l) (let loop ((l l)) (if (null? l) 'done (begin (car (car l)) (loop (cdr l))))))
(test-error "an error inside a lifted loop" (fails '((1) 2)))

;; An escape continuation called inside a loop (it stays a capture of the loop: lazy capture).
(define (index-of vec x)
  (call-with-current-continuation
   (lambda (return)
     (let loop ((i 0))
       (if (< i (vector-length vec)) (begin (if (equal? (vector-ref vec i) x) (return i)) (loop (+ i 1))) -1)))))
(test-equal "escaping from a loop" '(2 -1) (list (index-of #(a b c d) 'c) (index-of #(a b) 'z)))

(test-end)
