(import (scheme base) (scheme write))
;; R7RS 4.1 Primitive expression types: variable references (4.1.1), literal expressions
;; (4.1.2), procedure calls (4.1.3), procedures (4.1.4), conditionals (4.1.5) and assignments
;; (4.1.6).  Inclusion (4.1.7) is in 4.1.7-inclusion.scm.
(test-begin "4.1 primitive expressions")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

;; ---- 4.1.1 Variable references -------------------------------------------------------------
(test-group "4.1.1 variable references"
  (define x 28)
  (test-eqv 28 x)
  (test-eqv 'shadowed (let ((x 'shadowed)) x))
  (test-eqv 28 (begin (let ((x 'inner)) x) x))
  (test-error "unbound variable" (eval-unbound-variable-here))
  (test-error "unbound variable reference" (let () this-variable-is-not-bound)))

;; ---- 4.1.2 Literal expressions -------------------------------------------------------------
(test-group "4.1.2 literal expressions"
  (test-eq 'a (quote a))
  (test-equal '#(a b c) (quote #(a b c)))
  (test-equal (list '+ 1 2) (quote (+ 1 2)))
  (test-eq 'a 'a)
  (test-equal (vector 'a 'b 'c) '#(a b c))
  (test-eq '() '())
  (test-equal (list '+ 1 2) '(+ 1 2))
  (test-equal (list 'quote 'a) '(quote a))
  (test-equal (list 'quote 'a) ''a)
  (test-eqv 145932 '145932)
  (test-eqv 145932 145932)
  (test-equal "abc" '"abc")
  (test-equal "abc" "abc")
  (test-eqv #\a '#\a)
  (test-eqv #\a #\a)
  (test-equal (vector 'a 10) '#(a 10))
  (test-equal (vector 'a 10) #(a 10))
  (test-equal (bytevector 64 65) '#u8(64 65))
  (test-equal (bytevector 64 65) #u8(64 65))
  (test-eq #t '#t)
  (test-eq #t #t)
  (test-eq #f '#f)
  (test-eq #f #f)
  (test-equal "quote is the same as '" (quote (quote x)) ''x)
  (test-equal "quoted quasiquote is a list" (list 'quasiquote (list 'a (list 'unquote 'b))) '`(a ,b))
  (test-equal "quoted unquote-splicing" (list 'unquote-splicing 'x) '(unquote-splicing x))
  (test-assert "quoted vector is a vector" (vector? '#(1 2)))
  (test-assert "quoted nested list" (equal? '(1 (2 (3))) (list 1 (list 2 (list 3)))))
  (test-equal "literal string with escapes" 5 (string-length "a\tb\nc"))
  (test-equal "inexact literal" 1.5 '1.5)
  (test-equal "rational literal" 1/2 '2/4)
  (test-error "(set-car! (g) 3) on a literal constant"
    (let ((g (lambda () '(constant-list)))) (set-car! (g) 3))))

;; ---- 4.1.3 Procedure calls -----------------------------------------------------------------
(test-group "4.1.3 procedure calls"
  (test-eqv 7 (+ 3 4))
  (test-eqv 12 ((if #f + *) 3 4))
  (test-eqv "operator is an arbitrary expression" 3 ((lambda (x) (+ x 1)) 2))
  (test-eqv "operator from a list" 6 ((car (list * +)) 2 3))
  (test-equal "operands evaluated once each" '(1 2)
    (let ((n 0)) (list (begin (set! n (+ n 1)) n) (begin (set! n (+ n 1)) 3)) (list 1 n)))
  (test-equal "evaluation order is some sequential order" '(a b)
    (let ((log '()))
      ((lambda (x y) (list x y))
       (begin (set! log (cons 'a log)) 'a)
       (begin (set! log (cons 'b log)) 'b))))
  (test-error "calling a non-procedure" (let ((f 5)) (f 1)))
  (test-error "calling a string" ("not a procedure"))
  (test-error "calling the empty list" (let ((f '())) (f)))
  (test-error "too many arguments" ((lambda (x) x) 1 2))
  (test-error "too few arguments" ((lambda (x y) x) 1))
  (test-error "too few arguments to a rest lambda" ((lambda (x y . z) x) 1))
  (test-error "builtin called with too few arguments" (car))
  (test-error "builtin called with too many arguments" (cons 1 2 3)))

;; ---- 4.1.4 Procedures ----------------------------------------------------------------------
(test-group "4.1.4 procedures"
  (test-assert "(lambda (x) (+ x x)) is a procedure" (procedure? (lambda (x) (+ x x))))
  (test-eqv 8 ((lambda (x) (+ x x)) 4))
  (define reverse-subtract
    (lambda (x y) (- y x)))
  (test-eqv 3 (reverse-subtract 7 10))
  (define add4
    (let ((x 4))
      (lambda (y) (+ x y))))
  (test-eqv 10 (add4 6))
  (test-equal '(3 4 5 6) ((lambda x x) 3 4 5 6))
  (test-equal '(5 6) ((lambda (x y . z) z) 3 4 5 6))
  (test-equal "variadic with no arguments" '() ((lambda x x)))
  (test-equal "rest is empty when exactly n arguments" '() ((lambda (x y . z) z) 1 2))
  (test-equal "rest list is newly allocated" '(1 2)
    (let* ((args (list 1 2)) (r (apply (lambda x x) args)))
      (set-car! r 99)
      args))
  (test-eqv "body with internal definitions" 12
    ((lambda (x) (define y (* x 2)) (define (z) (+ y x)) (z)) 4))
  (test-eqv "body of several expressions returns the last" 3 ((lambda () 1 2 3)))
  (test-eqv "closures capture fresh locations" 2
    (let ((make (lambda (n) (lambda () n))))
      ((make 2))))
  (test-equal "each call has fresh locations" '(1 1)
    (let ((f (lambda (x) (set! x (+ x 1)) x)))
      (list (f 0) (f 0))))
  (test-equal "counters are independent" '(1 2 1)
    (let* ((make-counter (lambda () (let ((n 0)) (lambda () (set! n (+ n 1)) n))))
           (a (make-counter))
           (b (make-counter)))
      (list (a) (a) (b))))
  (test-assert "a lambda is eqv? to itself" (let ((p (lambda (x) x))) (eqv? p p)))
  (test-equal "zero-argument procedure" 'ok ((lambda () 'ok)))
  (test-equal "procedure returning multiple values" '(1 2)
    (call-with-values (lambda () ((lambda () (values 1 2)))) list)))

;; ---- 4.1.5 Conditionals --------------------------------------------------------------------
(test-group "4.1.5 conditionals"
  (test-eq 'yes (if (> 3 2) 'yes 'no))
  (test-eq 'no (if (> 2 3) 'yes 'no))
  (test-eqv 1 (if (> 3 2)
                  (- 3 2)
                  (+ 3 2)))
  (test-eq "only #f is false: '()" 'true (if '() 'true 'false))
  (test-eq "only #f is false: 0" 'true (if 0 'true 'false))
  (test-eq "only #f is false: \"\"" 'true (if "" 'true 'false))
  (test-eq "#f is false" 'false (if #f 'true 'false))
  (test-eq "if without alternate, true test" 'yes (if #t 'yes))
  (test-equal "the branch not taken is not evaluated" 'ok
    (if #t 'ok (car '())))
  (test-equal "if returns the values of the branch" '(1 2)
    (call-with-values (lambda () (if #t (values 1 2) 0)) list)))

;; ---- 4.1.6 Assignments ---------------------------------------------------------------------
(test-group "4.1.6 assignments"
  (define x 2)
  (test-eqv 3 (+ x 1))
  (set! x 4)
  (test-eqv 5 (+ x 1))
  (test-equal "set! of a local variable" 10 (let ((y 1)) (set! y 10) y))
  (test-equal "set! seen by a closure" 7
    (let* ((y 1) (get (lambda () y))) (set! y 7) (get)))
  (test-equal "set! from a closure" 8
    (let* ((y 1) (put (lambda (v) (set! y v)))) (put 8) y))
  (test-equal "set! of a lambda parameter" 'new ((lambda (p) (set! p 'new) p) 'old))
  (test-error "set! of an unbound variable" (set! this-variable-was-never-defined 1)))

(test-end)
