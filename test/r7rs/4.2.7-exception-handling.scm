(import (scheme base) (scheme write))
;; R7RS 4.2.7 Exception handling: guard.  (The procedures are in 6.11-exceptions.scm.)
(test-begin "4.2.7 exception handling")

(test-eqv 42
  (guard (condition
           ((assq 'a condition) => cdr)
           ((assq 'b condition)))
    (raise (list (cons 'a 42)))))
(test-equal '(b . 23)
  (guard (condition
           ((assq 'a condition) => cdr)
           ((assq 'b condition)))
    (raise (list (cons 'b 23)))))

(test-eq "no exception: the body's value" 'body (guard (e (#t 'handler)) 'body))
(test-equal "no exception: the body's values" '(1 2)
  (call-with-values (lambda () (guard (e (#t 'handler)) (values 1 2))) list))
(test-eq "else clause" 'else (guard (e ((string? e) 'string) (else 'else)) (raise 'sym)))
(test-equal "the variable is bound to the raised object" '(raised 5)
  (guard (e (#t (list 'raised e))) (raise 5)))
(test-equal "error objects are caught" "msg"
  (guard (e ((error-object? e) (error-object-message e))) (error "msg" 1 2)))
(test-equal "errors signalled by primitives are caught" 'caught
  (guard (e (#t 'caught)) (car '())))
(test-equal "clauses with several expressions" 3 (guard (e (#t 1 2 3)) (raise 'x)))
(test-equal "the clauses are evaluated with the guard's continuation" '(handled 1)
  (list (guard (e (#t 'handled)) (raise 'x) 'not-here) 1))
(test-equal "raise-continuable caught by guard" 'continuable
  (guard (e ((eq? e 'c) 'continuable)) (raise-continuable 'c)))
(test-equal "guard body with internal definitions" 'x
  (guard (e (#t e)) (define v 'x) (raise v)))

(test-group "re-raising when no clause matches"
  (test-eq "an outer guard gets the object" 'outer
    (guard (e ((eq? e 'inner-only) 'inner) ((symbol? e) 'outer))
      (guard (e2 ((string? e2) 'wrong))
        (raise 'x))))
  (test-eqv "re-raised with raise-continuable in the dynamic environment of the raise" 43
    (with-exception-handler
     (lambda (e) 42)
     (lambda ()
       (+ (guard (e ((string? e) 'wrong))
            (raise-continuable 'not-a-string))
          1))))
  (test-equal "dynamic-wind before/after run again when re-raising from the raise's environment"
    '(in out in out outer)
    (let ((log '()))
      (guard (e (#t (set! log (cons 'outer log))))
        (guard (e ((string? e) 'no))
          (dynamic-wind
            (lambda () (set! log (cons 'in log)))
            (lambda () (raise 'sym))
            (lambda () (set! log (cons 'out log))))))
      (reverse log))))

(test-group "dynamic environment"
  (test-eq "the clauses run in the dynamic environment of the guard" 'outer-value
    (let ((p (make-parameter 'outer-value)))
      (guard (e (#t (p)))
        (parameterize ((p 'inner-value))
          (raise 'x)))))
  (test-equal "dynamic-wind after thunks run before the clause" '(before after handler)
    (let ((log '()))
      (guard (e (#t (set! log (cons 'handler log))))
        (dynamic-wind
          (lambda () (set! log (cons 'before log)))
          (lambda () (raise 'x))
          (lambda () (set! log (cons 'after log)))))
      (reverse log)))
  (test-equal "an exception raised in a clause goes to the outer handler" 'outer
    (guard (e2 (#t 'outer))
      (guard (e (#t (raise 'from-clause)))
        (raise 'first))))
  (test-equal "the guard's handler is not active in its own clauses" 'outer-got-second
    (guard (e2 ((eq? e2 'second) 'outer-got-second))
      (guard (e ((eq? e 'first) (raise 'second))
                ((eq? e 'second) 'inner-got-second))
        (raise 'first)))))

(test-eq "guard's else is hygienic" 'ok
  (let ((else #f))
    (guard (e (else 'wrong) (#t 'ok)) (raise 'x))))
(test-eq "guard with => in a clause" 'b
  (guard (e ((memq 'b e) => car)) (raise '(a b c))))

(test-end)
