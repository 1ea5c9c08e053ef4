(import (scheme base) (scheme write))
;; Calls the JIT makes without the generic protocol, and what must not change because of it:
;; a named let's one closure (code.ts selfClosure), a case-lambda global's clause chosen at
;; compile time (codegen-js.ts directCalls), and map and for-each over one list (%map1).
(test-begin "control-known-calls")

;; A named let whose only free variable is its own name: the closure is made once per Code.
(define (count-to n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))
(define (repeat k) (let rep ((j 0) (acc 0)) (if (= j k) acc (rep (+ j 1) (+ acc (count-to 10))))))
(test-equal "a named let called many times" 10000 (repeat 1000))

;; The loop escapes and is called later: it still refers to itself.
(define (escaping) (let loop ((i 0)) (if (< i 3) (loop (+ i 1)) loop)))
(test-assert "an escaping loop is a procedure" (procedure? (escaping)))
(test-eqv "an escaping loop called again" (escaping) ((escaping) 7))

;; An internal define that captures only itself, recursing non-tail.
(define (sum-list l)
  (define (walk l) (if (null? l) 0 (+ (car l) (walk (cdr l)))))
  (walk l))
(define (iota-list n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(test-equal "internal define, non-tail recursion" 5050 (sum-list (iota-list 101)))

;; A loop that captures another variable too is a closure of its own each time.
(define (adder k) (let loop ((i 0) (acc '())) (if (= i 2) (lambda (x) (+ x k)) (loop (+ i 1) acc))))
(test-equal "loops capturing other variables stay distinct" '(11 12) (list ((adder 1) 10) ((adder 2) 10)))

;; A continuation captured inside such a loop and re-entered.
(define (reenter)
  (let ((k #f) (n 0))
    (let loop ((i 0))
      (when (= i 2) (call/cc (lambda (c) (set! k c))))
      (if (< i 4) (loop (+ i 1))))
    (set! n (+ n 1))
    (if (< n 3) (k #f))
    n))
(test-equal "re-entering a named let" 3 (reenter))

;; map and for-each over one list: values, order of effects, errors, re-entry.
(test-equal "map" '(2 3 4) (map (lambda (x) (+ x 1)) '(1 2 3)))
(test-equal "map over ()" '() (map car '()))
(test-equal "for-each order" '(3 2 1) (let ((acc '())) (for-each (lambda (x) (set! acc (cons x acc))) '(1 2 3)) acc))
(test-error "map over an improper list" (map (lambda (x) x) '(1 2 . 3)))
(test-error "for-each over a non-list" (for-each (lambda (x) x) 5))
(test-equal "map's error message" "map: expected a list"
  (guard (e ((error-object? e) (error-object-message e))) (map (lambda (x) x) 7)))
;; R7RS 6.10: earlier returns of map are not mutated by a later one.
(define (map-twice)
  (let ((k #f) (results '()))
    (let ((r (map (lambda (x) (call/cc (lambda (c) (if (= x 2) (set! k c)) x))) '(1 2 3))))
      (set! results (cons r results))
      (if (= (length results) 1) (k 20))
      results)))
(test-equal "map re-entered through a continuation" '((1 20 3) (1 2 3)) (map-twice))

;; A case-lambda global: the clause is chosen by argument count, at every arity.
(define cl (case-lambda ((a) (list 'one a)) ((a b) (list 'two a b)) ((a . rest) (list 'many a rest))))
(define (call-cl x) (list (cl x) (cl x x) (cl x x x)))
(define (warm k) (if (> k 0) (begin (call-cl k) (warm (- k 1)))))
(warm 2000)
(test-equal "case-lambda clauses" '((one 1) (two 1 1) (many 1 (1 1))) (call-cl 1))
(define (tail-cl x) (cl x x))
(test-equal "case-lambda clause in tail position" '(two 5 5) (tail-cl 5))
(define two-only (case-lambda ((a b) (+ a b))))
(define (bad-arity x) (two-only x))
(test-error "no clause for the count" (bad-arity 1))

(test-end)
