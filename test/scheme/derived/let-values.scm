(import (scheme base) (srfi 8))
;; let-values, let*-values, receive (SRFI 8) and define-values, compiled without closures or a
;; call of call-with-values (the VALUE instruction): every shape of formals, wrong counts as
;; Scheme errors, hygiene, continuations re-entered with several values, deep recursion.
;; Tests that matter for native code run many times, so the default mode compiles them too.
(test-begin "derived-let-values")

(define (repeat n thunk)
  (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))
(define (two) (values 1 2))
(define (three) (values 1 2 3))
(define (none) (values))
(define (one) 7)

(test-group "shapes"
  (test-equal '(1 2) (let-values (((a b) (values 1 2))) (list a b)))
  (test-equal '(1 2) (let-values (((a b) (two))) (list a b)))
  (test-equal '(1 (2 3)) (let-values (((a . rest) (values 1 2 3))) (list a rest)))
  (test-equal '(1 ()) (let-values (((a . rest) (values 1))) (list a rest)))
  (test-equal '(7 ()) (let-values (((a . rest) (one))) (list a rest)))
  (test-equal '(1 2 (3)) (let-values (((a b . rest) (three))) (list a b rest)))
  (test-equal '() (let-values ((x (values))) x))
  (test-equal '() (let-values ((x (none))) x))
  (test-equal '(1 2 3) (let-values ((x (three))) x))
  (test-equal '(7) (let-values ((x (one))) x))
  (test-equal '(5) (let-values ((x 5)) x))
  (test-equal 5 (let-values (((x) 5)) x))
  (test-equal 7 (let-values (((x) (one))) x))
  (test-equal 7 (let-values (((x) (values 7))) x))
  (test-equal 'ok (let-values ((() (values))) 'ok))
  (test-equal 'ok (let-values ((() (none))) 'ok))
  (test-equal 'empty (let-values () 'empty))
  (test-equal '(a b c d e f)
    (let-values (((a b c d e f) (values 'a 'b 'c 'd 'e 'f))) (list a b c d e f)))
  (test-equal '(1 2 3 (1 2 3) 7)
    (let-values (((a b) (two)) ((c) (values 3)) (all (three)) ((d . r) (one)))
      (list a b c all d)))
  ;; the body is a body: definitions allowed
  (test-equal 3 (let-values (((a b) (two))) (define c (+ a b)) c))
  ;; a value that is a procedure, a list, a vector
  (test-equal '(1 (x) #(y)) (let-values (((f l v) (values (lambda () 1) '(x) #(y)))) (list (f) l v)))
  ;; in argument position, nested, as an operator
  (test-equal 6 (+ 1 (let-values (((a b) (two))) (+ a b)) 2))
  (test-equal '(1 2 1 2 3)
    (let-values (((a b) (two)))
      (let-values (((c d e) (three))) (list a b c d e))))
  (test-equal 3 ((let-values (((f g) (values + -))) f) 1 2))
  ;; a producer that is itself a let-values, or an if with values in its branches
  (test-equal '(2 1)
    (let-values (((a b) (let-values (((c d) (two))) (values d c)))) (list a b)))
  (test-equal '((1 (2 3)) (1 (2)))
    (map (lambda (c) (let-values (((e . r) (if c (three) (values 1 2)))) (list e r))) '(#t #f))))

(test-group "scoping"
  ;; let-values: every init sees the outer bindings
  (test-equal '(outer 1)
    (let ((a 'outer))
      (let-values (((a) (values 1)) ((b) (values a))) (list b a))))
  ;; let*-values: each init sees the previous formals
  (test-equal '(1 2 3)
    (let*-values (((a) (values 1)) ((b c) (values (+ a 1) (+ a 2)))) (list a b c)))
  (test-equal '(x y x y)
    (let ((a 'a) (b 'b) (x 'x) (y 'y))
      (let*-values (((a b) (values x y)) ((x y) (values a b))) (list a b x y))))
  (test-equal '(2 1)
    (let-values (((a b) (two)))
      (let-values (((a b) (values b a))) (list a b))))
  ;; a formal captured by a closure, and assigned
  (test-equal '(2 3)
    (let-values (((a b) (two)))
      (let ((get (lambda () (list a b))))
        (set! a (+ a 1)) (set! b (+ b 1))
        (get))))
  (test-equal '(1 2 3)
    (receive (a . rest) (three) (cons a rest)))
  (test-equal '(1 2) (receive all (two) all))
  (test-equal 3 (receive (a b) (two) (+ a b))))

;; A user's binding or assignment of call-with-values, values or lambda changes nothing:
;; let-values is syntax (as in Chez).
(define saved-cwv call-with-values)
;; (The test framework's guard calls call-with-values: the results are tested once it is back.)
(set! call-with-values (lambda (p c) 'hijacked))
(define hijacked
  (list (let-values (((a b) (two))) (list a b))
        (receive (a . r) (three) (list a r))
        (let () (define-values (x y) (two)) (list x y))))
(set! call-with-values saved-cwv)
(test-group "hygiene"
  (test-equal '(1 2 #f 5)
    (let ((call-with-values #f) (lambda 5) (values list))
      (let-values (((a b) (two))) (list a b #f lambda))))
  (test-equal '(1 2)
    (let ((lambda list)) (receive (a b) (two) (list a b))))
  (test-equal '((1 2) 2)
    (let ((values (lambda args 'mine)))
      (let-values ((all (two)) ((x y) (two))) (list all y))))
  (test-equal '((1 2) (1 (2 3)) (1 2)) hijacked)
  (test-equal '(1 2) (call-with-values two list)))

;; ---- define-values -----------------------------------------------------------------------

(define-values (dv-a dv-b) (two))
(define-values (dv-c . dv-rest) (three))
(define-values dv-all (three))
(define-values dv-none (values))
(define-values () (values))
(define-values (dv-one) (one))
(define-values (dv-x dv-y) (values (lambda () dv-y) 'y))
(define-values (dv-p dv-q) (values 1 2))
(define-values (dv-p dv-q) (values dv-q dv-p))
(define dv-swapped (list dv-p dv-q))
(test-group "define-values"
  (test-equal '(1 2) (list dv-a dv-b))
  (test-equal '(1 (2 3)) (list dv-c dv-rest))
  (test-equal '(1 2 3) dv-all)
  (test-equal '() dv-none)
  (test-equal 7 dv-one)
  (test-equal 'y (dv-x))
  (test-equal 3
    (let () (define-values (x y) (two)) (+ x y)))
  (test-equal '(1 (2 3))
    (let () (define-values (x . y) (three)) (list x y)))
  (test-equal '(1 2 3)
    (let () (define-values all (three)) all))
  ;; letrec* order: a procedure defined before may use the variables once they are set
  (test-equal '(10 20 (10 20))
    (let ()
      (define (get) (list x y))
      (define-values (x y) (values 10 20))
      (define z (get))
      (list x y z)))
  ;; a closure made by the producer captures a variable it defines
  (test-equal 'q
    (let () (define-values (p q) (values (lambda () q) 'q)) (p)))
  ;; definitions after an expression
  (test-equal '(1 2)
    (let ((log '()))
      (set! log (cons 0 log))
      (define-values (a b) (two))
      (list a b)))
  ;; a redefinition at top level: the producer sees the old values
  (test-equal '(2 1) dv-swapped))

;; ---- wrong counts ------------------------------------------------------------------------

(define (count-error thunk)
  (guard (e ((error-object? e) (list 'error (error-object-message e) (error-object-irritants e)))
            (else (list 'not-an-error-object e)))
    (thunk)))
(test-group "wrong counts"
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 3:" ((1 2 3)))
    (count-error (lambda () (let-values (((a b) (three))) (list a b)))))
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 1:" ((7)))
    (count-error (lambda () (let-values (((a b) (one))) (list a b)))))
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 0:" (()))
    (count-error (lambda () (let-values (((a b) (none))) (list a b)))))
  (test-equal '(error "let-values: wrong number of values: expected 1 value, got 2:" ((1 2)))
    (count-error (lambda () (let-values (((a) (two))) a))))
  (test-equal '(error "let-values: wrong number of values: expected 1 value, got 0:" (()))
    (count-error (lambda () (let-values (((a) (none))) a))))
  (test-equal '(error "let-values: wrong number of values: expected 0 values, got 1:" ((7)))
    (count-error (lambda () (let-values ((() (one))) 'no))))
  (test-equal '(error "let-values: wrong number of values: expected at least 2 values, got 1:" ((7)))
    (count-error (lambda () (let-values (((a b . c) (one))) a))))
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 3:" ((1 2 3)))
    (count-error (lambda () (receive (a b) (three) a))))
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 1:" ((7)))
    (count-error (lambda () (let*-values (((a) (one)) ((b c) a)) b))))
  (test-equal '(error "define-values: wrong number of values: expected 2 values, got 3:" ((1 2 3)))
    (count-error (lambda () (define-values (a b) (three)) a)))
  (test-equal '(error "define-values: wrong number of values: expected at least 1 value, got 0:" (()))
    (count-error (lambda () (define-values (a . b) (none)) a)))
  ;; in native code too: the same error, many times
  (test-equal '(error "let-values: wrong number of values: expected 2 values, got 3:" ((1 2 3)))
    (repeat 1000 (lambda () (count-error (lambda () (let-values (((a b) (three))) (list a b)))))))
  ;; caught by the handler of the binding form's frame, which then goes on
  (test-equal '(caught 2)
    (repeat 500 (lambda ()
      (list (guard (e ((error-object? e) 'caught)) (let-values (((a) (two))) a))
            (let-values (((a b) (two))) b))))))

;; ---- continuations re-entered with several values ------------------------------------------

;; A continuation captured in the producer, called again from the body with two values: both
;; formals are bound again.
(define (reenter)
  (let ((k #f) (seen '()))
    (let-values (((a b) (call/cc (lambda (c) (set! k c) (values 1 2)))))
      (set! seen (cons (list a b) seen))
      (if (= (length seen) 1) (k 3 4)))
    (reverse seen)))
(test-equal '((1 2) (3 4)) (reenter))
(test-equal '((1 2) (3 4)) (repeat 1000 reenter))

;; Called after the let-values returned (the continuation outlives it), with one value, with
;; three, with none: the rest formal gets every value after the first.
(define (reenter-later)
  (let* ((k #f) (seen '())
         (r (let-values (((a . rest) (call/cc (lambda (c) (set! k c) 1))))
              (cons a rest))))
    (set! seen (cons r seen))
    (case (length seen)
      ((1) (k 2 3))
      ((2) (k 4 5 6))
      (else (reverse seen)))))
(test-equal '((1) (2 3) (4 5 6)) (reenter-later))
(test-equal '((1) (2 3) (4 5 6)) (repeat 1000 reenter-later))

;; A continuation re-entered with the wrong count raises the binding form's error.
(define (reenter-wrong)
  (let ((k #f) (n 0))
    (guard (e ((error-object? e) (list n (error-object-message e))))
      (let-values (((a b) (call/cc (lambda (c) (set! k c) (values 1 2)))))
        (set! n (+ n 1))
        (if (= n 1) (k 'only))
        (list a b)))))
(test-equal '(1 "let-values: wrong number of values: expected 2 values, got 1:") (reenter-wrong))
(test-equal '(1 "let-values: wrong number of values: expected 2 values, got 1:") (repeat 500 reenter-wrong))

;; define-values and receive re-entered.
(define (reenter-receive)
  (let ((k #f) (seen '()))
    (receive (a b . c) (call/cc (lambda (c) (set! k c) (values 1 2)))
      (set! seen (cons (list a b c) seen))
      (if (= (length seen) 1) (k 3 4 5 6)))
    (reverse seen)))
(test-equal '((1 2 ()) (3 4 (5 6))) (repeat 1000 reenter-receive))
(define (reenter-define)
  (define k #f)
  (define seen '())
  (define-values (a b) (call/cc (lambda (c) (set! k c) (values 1 2))))
  (set! seen (cons (list a b) seen))
  (if (= (length seen) 1) (k 3 4))
  (reverse seen))
(test-equal '((1 2) (3 4)) (repeat 1000 reenter-define))

;; A generator: the producer's continuation resumed from outside, each time with two values.
(define (pairs-of lst)
  (let ((return #f) (resume #f) (out '()))
    (let-values (((x y) (call/cc (lambda (k) (set! resume k) (values 'start 0)))))
      (if (not (eq? x 'start)) (set! out (cons (+ x y) out)))
      (call/cc (lambda (r) (set! return r)))
      (if (pair? lst)
          (let ((a (car lst)) (b (cadr lst)))
            (set! lst (cddr lst))
            (resume a b))))
    (reverse out)))
(test-equal '(3 7 11) (pairs-of '(1 2 3 4 5 6)))
(test-equal '(3 7 11) (repeat 500 (lambda () (pairs-of '(1 2 3 4 5 6)))))

;; A continuation bound by let-values (one formal, or in a rest list) and stored: it outlives
;; the receiver, so native code must capture it for real (jit/lazy-capture.ts follows it
;; through VALUE).
(define stored-k #f)
(define (bind-k) (+ 1 (call/cc (lambda (k) (let-values (((kk) k)) (set! stored-k kk)) 1))))
(define (bind-k-list) (+ 1 (call/cc (lambda (k) (let-values ((all k)) (set! stored-k (car all))) 1))))
(define (stored-reentry producer arg)
  (let ((n 0))
    (let ((v (producer)))
      (set! n (+ n 1))
      (if (< n 3) (stored-k arg) (list v n)))))
(test-equal '(11 3) (repeat 1000 (lambda () (stored-reentry bind-k 10))))
(test-equal '(21 3) (repeat 1000 (lambda () (stored-reentry bind-k-list 20))))

;; ---- depth and tail position -----------------------------------------------------------------

;; A split as in bench/sort-list.scm: let-values in non-tail position, 500,000 deep.
(define (split lst)
  (if (or (null? lst) (null? (cdr lst)))
      (values lst '())
      (let-values (((a b) (split (cddr lst))))
        (values (cons (car lst) a) (cons (cadr lst) b)))))
(define (iota* n) (let loop ((i n) (acc '())) (if (= i 0) acc (loop (- i 1) (cons (- i 1) acc)))))
(define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
(define big (iota* 1000000))
(test-equal "split of 1,000,000"
  '(500000 500000 249999500000 250000000000)
  (let-values (((a b) (split big))) (list (length a) (length b) (sum a) (sum b))))
(define (sum-and-count l)
  (if (null? l)
      (values 0 0)
      (receive (s n) (sum-and-count (cdr l))
        (values (+ s (car l)) (+ n 1)))))
(test-equal "receive 1,000,000 deep" '(499999500000 1000000) (receive all (sum-and-count big) all))

;; The body of let-values is in tail position: a loop through it runs in constant space.
(define (countdown n)
  (let-values (((a b) (values n 1)))
    (if (= a 0) 'done (countdown (- a b)))))
(test-equal 'done (countdown 1000000))
(define (countdown* n)
  (let*-values (((a) n) ((b . c) (values 1 2)))
    (if (= a 0) (list 'done c) (countdown* (- a b)))))
(test-equal '(done (2)) (countdown* 1000000))

(test-end)
