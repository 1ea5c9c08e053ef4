(import (scheme base))
;; make-parameter and parameterize (R7RS 4.2.6).
(test-begin "derived-parameterize")

(define radix
  (make-parameter 10
                  (lambda (x)
                    (if (and (exact-integer? x) (<= 2 x 16))
                        x
                        (error "invalid radix")))))
(define (f n) (number->string n (radix)))
(test-equal "12" (f 12))
(test-equal "1100" (parameterize ((radix 2)) (f 12)))
(test-equal "12" (f 12))
(test-error (parameterize ((radix 0)) (f 12)))
(test-equal 10 (radix))

(define p (make-parameter 1))
(test-equal 1 (p))
(test-equal 2 (parameterize ((p 2)) (p)))
(test-equal '(3 2 1) (list (parameterize ((p 2)) (parameterize ((p 3)) (p))) (parameterize ((p 2)) (p)) (p)))
(test-assert (procedure? p))

;; the converter runs on the initial value and on parameterized values, not on restore
(define log '())
(define q (make-parameter 5 (lambda (x) (set! log (cons x log)) (* x 10))))
(test-equal 50 (q))
(test-equal '(5) log)
(test-equal 70 (parameterize ((q 7)) (q)))
(test-equal '(7 5) log)
(test-equal 50 (q))
(test-equal '(7 5) log)

;; several parameters at once; the values are evaluated outside the new bindings
(define a (make-parameter 'a))
(define b (make-parameter 'b))
(test-equal '(b a) (parameterize ((a (b)) (b (a))) (list (a) (b))))
(test-equal '(x y) (parameterize ((a 'x) (b 'y)) (list (a) (b))))

;; dynamic, not lexical
(define (get-p) (p))
(test-equal 9 (parameterize ((p 9)) (get-p)))
(test-equal 1 (let ((thunk (parameterize ((p 9)) (lambda () (p))))) (thunk)))

;; restored on escape by a continuation and by an exception
(test-equal 1 (begin (call-with-current-continuation (lambda (k) (parameterize ((p 2)) (k 'out)))) (p)))
(test-equal 1 (begin (guard (e (#t #f)) (parameterize ((p 2)) (raise 'oops))) (p)))
;; guard clauses run in the dynamic environment of the guard
(test-equal 1 (guard (e (#t (p))) (parameterize ((p 2)) (raise 'oops))))
(test-equal 2
  (parameterize ((p 2))
    (guard (e (#t (p)))
      (parameterize ((p 3)) (raise 'x)))))

;; re-entering a parameterize body restores its binding
(test-equal '(2 1 2 1)
  (let ((k #f) (trace '()) (n 0))
    (parameterize ((p 2))
      (call-with-current-continuation (lambda (c) (set! k c)))
      (set! trace (cons (p) trace)))
    (set! trace (cons (p) trace))
    (set! n (+ n 1))
    (if (< n 2) (k 'again))
    (reverse trace)))

;; the body is a body: definitions allowed, last value returned
(test-equal 4 (parameterize ((p 2)) (define y (p)) (* y 2)))
(test-equal '(1 2) (call-with-values (lambda () (parameterize ((p 7)) (values 1 2))) list))

;; current-output-port is a parameter
(test-equal "hello"
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port))
      (write-string "hello"))
    (get-output-string port)))

(test-end)
