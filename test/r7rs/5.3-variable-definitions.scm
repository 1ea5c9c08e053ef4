(import (scheme base))
;; R7RS 5.3 Variable definitions: top-level (5.3.1) and internal (5.3.2) definitions, and
;; define-values (5.3.3).
(test-begin "5.3 variable definitions")

(test-group "5.3.1 top level definitions"
  (define add3
    (lambda (x) (+ x 3)))
  (test-eqv 6 (add3 3))
  (define first car)
  (test-eqv 1 (first '(1 2))))

(define (top-fixed a b) (list a b))
(define (top-rest a . rest) (list a rest))
(define (top-all . all) all)
(define (top-none) 'none)
(define top-value (* 6 7))
(test-equal "(define (f formals) body)" '(1 2) (top-fixed 1 2))
(test-equal "(define (f a . rest) body)" '(1 (2 3)) (top-rest 1 2 3))
(test-equal "(define (f . all) body)" '(1 2 3) (top-all 1 2 3))
(test-equal "(define (f . all) body) with no arguments" '() (top-all))
(test-eq "(define (f) body)" 'none (top-none))
(test-eqv "(define var expr)" 42 top-value)
(define top-value 'redefined)
(test-eq "a second top-level definition acts as an assignment" 'redefined top-value)
(define (use-later) later-variable)
(define later-variable 10)
(test-eqv "a top-level procedure may refer to a variable defined later" 10 (use-later))
(define (curried-outer) (lambda (x) (* x 2)))
(test-eqv "a definition of a procedure returning a procedure" 8 ((curried-outer) 4))

(test-group "5.3.2 internal definitions"
  (test-eqv 45
    (let ((x 5))
      (define foo (lambda (y) (bar x y)))
      (define bar (lambda (a b) (+ (* a b) a)))
      (foo (+ x 3))))
  (test-eqv "the equivalent letrec*" 45
    (let ((x 5))
      (letrec* ((foo (lambda (y) (bar x y)))
                (bar (lambda (a b) (+ (* a b) a))))
        (foo (+ x 3)))))
  (test-eqv "internal definitions are local" 'outer
    (let ((v 'outer))
      (let () (define v 'inner) v)
      v))
  (test-eqv "internal definitions see earlier ones (letrec* semantics)" 3
    (let () (define a 1) (define b (+ a 2)) b))
  (test-eqv "(begin <definition> ...) in a body" 3
    (let () (begin (define a 1) (define b 2)) (+ a b)))
  (test-eqv "nested begin in a body" 6
    (let () (begin (define a 1) (begin (define b 2) (define c 3))) (+ a b c)))
  (test-eqv "internal (define (f . args)) form" 3
    (let () (define (f . args) (length args)) (f 1 2 3)))
  (test-eqv "internal definitions shadow outer bindings in the whole body" 'inner
    (let ((x 'outer))
      (define (get) x)
      (define x 'inner)
      (get)))
  (test-eqv "definitions in a lambda body" 4 ((lambda () (define x 4) x)))
  (test-eqv "definitions in a let* body" 4 (let* ((a 1)) (define x (+ a 3)) x))
  (test-eqv "definitions in a letrec body" 4 (letrec ((a 1)) (define x (+ a 3)) x))
  (test-eqv "definitions in a named let body" 4 (let loop ((a 1)) (define x (+ a 3)) x))
  (test-eqv "definitions in a do body are not allowed, but in a let inside one they are" 3
    (do ((i 0 (+ i 1)) (r 0 (let () (define z 3) z))) ((= i 1) r)))
  (test-eqv "definitions in a case-lambda clause" 4 ((case-lambda ((a) (define x (+ a 3)) x)) 1))
  (test-eqv "definitions in a parameterize body" 4
    (parameterize () (define x 4) x))
  (test-eqv "definitions in a guard body" 4 (guard (e (#t 0)) (define x 4) x))
  (test-eqv "definitions in a let-values body" 4 (let-values (((a) 1)) (define x (+ a 3)) x))
  (test-eqv "definitions in a when body are not required; body of lambda is" 'ok
    ((lambda () (define ok 'ok) ok)))
  (test-eqv "a macro use that expands into a definition" 5
    (let ()
      (define-syntax def (syntax-rules () ((_ n v) (define n v))))
      (def five 5)
      five)))

(test-group "5.3.3 define-values"
  (define-values (x y) (exact-integer-sqrt 17))
  (test-equal '(4 1) (list x y))
  (test-eqv 3
    (let ()
      (define-values (x y) (values 1 2))
      (+ x y)))
  (test-equal "rest formals" '(1 (2 3))
    (let () (define-values (a . b) (values 1 2 3)) (list a b)))
  (test-equal "a single variable takes all values" '(1 2)
    (let () (define-values all (values 1 2)) all))
  (test-equal "no values" 'ok
    (let () (define-values () (values)) 'ok))
  (test-equal "define-values mixed with other definitions" 6
    (let () (define a 1) (define-values (b c) (values 2 3)) (define d (+ a b c)) d))
  (test-error "wrong number of values"
    (let () (define-values (a b) (values 1)) a)))

(define-values (tv1 tv2) (values 'one 'two))
(test-equal "top-level define-values" '(one two) (list tv1 tv2))
(define-values (tv-first . tv-rest) (values 1 2 3))
(test-equal "top-level define-values with rest" '(1 (2 3)) (list tv-first tv-rest))
(define-values tv-all (values 4 5))
(test-equal "top-level define-values with one variable" '(4 5) tv-all)

(test-end)
