(import (scheme base))
;; guard (R7RS 4.2.7).
(test-begin "derived-guard")

(test-equal 42
  (guard (condition ((assq 'a condition) => cdr) ((assq 'b condition)))
    (raise (list (cons 'a 42)))))
(test-equal '(b . 23)
  (guard (condition ((assq 'a condition) => cdr) ((assq 'b condition)))
    (raise (list (cons 'b 23)))))
(test-equal 'caught (guard (e (#t 'caught)) (raise 'boom)))
(test-equal 'boom (guard (e (else e)) (raise 'boom)))
(test-equal 'symbol (guard (e ((string? e) 'string) ((symbol? e) 'symbol)) (raise 'x)))
(test-equal 'normal (guard (e (#t 'caught)) 'normal))
(test-equal '(1 2) (call-with-values (lambda () (guard (e (#t 'caught)) (values 1 2))) list))
(test-equal 3 (guard (e (#t 'caught)) (define x 1) (define y 2) (+ x y)))
(test-equal "boom" (guard (e ((error-object? e) (error-object-message e))) (error "boom" 1 2)))
(test-equal '(1 2) (guard (e ((error-object? e) (error-object-irritants e))) (error "boom" 1 2)))
(test-equal 11 (guard (e ((number? e) => (lambda (b) (if b 11 12)))) (raise 5)))
(test-equal 6 (guard (e ((and (number? e) e) => (lambda (n) (+ n 1)))) (raise 5)))

;; no clause matches: re-raised to the outer handler
(test-equal '(outer sym)
  (guard (e (#t (list 'outer e)))
    (guard (e ((number? e) 'num))
      (raise 'sym))))
(test-equal 'num
  (guard (e (#t (list 'outer e)))
    (guard (e ((number? e) 'num))
      (raise 1))))
;; ... with raise-continuable, in the dynamic environment of the original raise
(test-equal 43
  (with-exception-handler
   (lambda (e) 42)
   (lambda ()
     (+ 1 (guard (e ((string? e) 's))
            (raise-continuable 'oops))))))
(test-equal '(in out in out outer)
  (let ((trace '()))
    (define (note x) (set! trace (cons x trace)))
    (guard (e (#t (note 'outer)))
      (guard (e ((string? e) (note 'inner)))
        (dynamic-wind
         (lambda () (note 'in))
         (lambda () (raise 'x))
         (lambda () (note 'out)))))
    (reverse trace)))
;; the clauses run after leaving the body's dynamic extent
(test-equal '(in out handler)
  (let ((trace '()))
    (define (note x) (set! trace (cons x trace)))
    (guard (e (#t (note 'handler)))
      (dynamic-wind
       (lambda () (note 'in))
       (lambda () (raise 'x))
       (lambda () (note 'out))))
    (reverse trace)))

;; errors raised by primitives are caught
(test-equal 'caught (guard (e (#t 'caught)) (car 1)))
(test-assert (guard (e (#t (error-object? e))) (car 1)))
(test-assert (guard (e (#t (error-object? e))) (vector-ref (vector 1 2) 5)))
(test-assert (guard (e (#t (error-object? e))) (undefined-procedure-xyz 1)))
(test-equal 'caught (guard (e (#t 'caught)) (+ 'a 1)))
(test-equal 'caught (guard (e (#t 'caught)) ((lambda (x) x))))
(test-equal 'caught (guard (e (#t 'caught)) ("not a procedure" 1)))
(test-equal 'caught (guard (e (#t 'caught)) (exact (/ 1. 0.))))
(test-equal 'caught (guard (e (#t 'caught)) (/ 1 0)))

;; nesting and re-raising from a clause
(test-equal '(outer (inner-saw x))
  (guard (e (#t (list 'outer e)))
    (guard (e (#t (raise (list 'inner-saw e))))
      (raise 'x))))
(test-equal 'second
  (guard (e ((eq? e 'second) 'second))
    (guard (e ((eq? e 'first) (raise 'second)))
      (raise 'first))))

;; the guard variable is local to the clauses
(test-equal '(e-outer 1)
  (let ((e 'e-outer))
    (list e (guard (e (#t e)) (raise 1)))))

;; guard inside a loop
(test-equal 1000
  (let loop ((i 0) (caught 0))
    (if (= i 1000)
        caught
        (loop (+ i 1) (+ caught (guard (e (#t 1)) (raise i)))))))

(test-end)
