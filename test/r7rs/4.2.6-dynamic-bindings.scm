(import (scheme base))
;; R7RS 4.2.6 Dynamic bindings: make-parameter and parameterize.
(test-begin "4.2.6 dynamic bindings")

(define radix
  (make-parameter
   10
   (lambda (x)
     (if (and (exact-integer? x) (<= 2 x 16))
         x
         (error "invalid radix")))))

(define (f n) (number->string n (radix)))

(test-equal "(f 12) before parameterize" "12" (f 12))
(test-equal "1100" (parameterize ((radix 2))
                     (f 12)))
(test-equal "(f 12) after parameterize" "12" (f 12))
(test-assert "(radix 16): the effect of passing an argument is implementation-dependent"
  (begin (guard (e (#t #t)) (radix 16)) #t))
(test-error (parameterize ((radix 0))
              (f 12)))

(test-group "make-parameter"
  (define p (make-parameter 1))
  (test-eqv 1 (p))
  (test-assert "a parameter is a procedure" (procedure? p))
  (define q (make-parameter 5 (lambda (x) (* x 2))))
  (test-eqv "the converter is applied to the initial value" 10 (q))
  (test-eqv "the converter is applied to parameterized values" 6 (parameterize ((q 3)) (q)))
  (test-eqv "the restored value is not converted again" 10
    (begin (parameterize ((q 3)) (q)) (q)))
  (define calls 0)
  (define r (make-parameter 1 (lambda (x) (set! calls (+ calls 1)) x)))
  (test-eqv "the converter is called once for the initial value" 1 calls)
  (test-eqv "and once per parameterize" 2 (begin (parameterize ((r 2)) (r)) calls)))

(test-group "parameterize"
  (define p (make-parameter 'a))
  (define q (make-parameter 'b))
  (test-equal '(x y) (parameterize ((p 'x) (q 'y)) (list (p) (q))))
  (test-equal '(a b) (list (p) (q)))
  (test-equal "nested parameterize" '(z y)
    (parameterize ((p 'x) (q 'y)) (parameterize ((p 'z)) (list (p) (q)))))
  (test-equal "parameterize with no bindings" 'body (parameterize () 'body))
  (test-equal "the value is seen by called procedures (dynamic, not lexical)" 'dyn
    (let ((get (lambda () (p))))
      (parameterize ((p 'dyn)) (get))))
  (test-equal "a closure made inside sees the outer value when called outside" 'a
    (let ((get (parameterize ((p 'inside)) (lambda () (p)))))
      (get)))
  (test-eq "the value is restored when the body exits by an escape" 'a
    (begin
      (call-with-current-continuation
       (lambda (k) (parameterize ((p 'escaping)) (k 'out))))
      (p)))
  (test-eq "the value is restored after an error" 'a
    (begin (guard (e (#t #f)) (parameterize ((p 'err)) (raise 'oops))) (p)))
  (test-equal "re-entering the body restores the parameterized value" '(in in)
    (let ((k #f) (seen '()))
      (parameterize ((p 'in))
        (call-with-current-continuation (lambda (c) (set! k c)))
        (set! seen (cons (p) seen)))
      (if (< (length seen) 2) (k 'again))
      seen))
  (test-equal "body with internal definitions" 'x
    (parameterize ((p 'x)) (define v (p)) v))
  (test-equal "parameterize returns multiple values" '(1 2)
    (call-with-values (lambda () (parameterize ((p 1)) (values (p) 2))) list))
  (test-error "parameterize of a non-parameter" (parameterize ((car 1)) 'x))
  (test-eq "the converter's error leaves the value unchanged" 'a
    (let ((c (make-parameter 'a (lambda (x) (if (symbol? x) x (error "no"))))))
      (guard (e (#t #f)) (parameterize ((c 5)) 'never))
      (c))))

(test-end)
