(import (scheme base))
;; let-syntax and letrec-syntax scoping.
(test-begin "syntax-let-syntax")

(define-syntax foo (syntax-rules () ((_) 'outer-foo)))

(test-equal 'inner (let-syntax ((foo (syntax-rules () ((_) 'inner)))) (foo)))
(test-equal 'outer-foo (foo))

;; let-syntax: the transformers are closed in the outer environment
(test-equal 'outer-foo
  (let-syntax ((foo (syntax-rules () ((_) 'inner)))
               (bar (syntax-rules () ((_) (foo)))))
    (bar)))

;; letrec-syntax: they see each other
(test-equal 'inner
  (letrec-syntax ((foo (syntax-rules () ((_) 'inner)))
                  (bar (syntax-rules () ((_) (foo)))))
    (bar)))

(test-equal '(3 2 1)
  (letrec-syntax ((rev (syntax-rules ()
                         ((_ () acc) 'acc)
                         ((_ (x y ...) (acc ...)) (rev (y ...) (x acc ...))))))
    (rev (1 2 3) ())))

;; the body can be several expressions; the value is the last one's
(test-equal 2 (let-syntax () 1 2))
(test-equal 5 (let-syntax ((m (syntax-rules () ((_ x) (+ x 1))))) (define y 4) (m y)))

;; nested let-syntax shadowing
(test-equal '(b a)
  (let-syntax ((m (syntax-rules () ((_) 'a))))
    (let ((x (m)))
      (let-syntax ((m (syntax-rules () ((_) 'b))))
        (list (m) x)))))

;; a local macro shadows a variable, and a variable shadows a local macro
(test-equal 'macro
  (let ((v (lambda () 'procedure)))
    (let-syntax ((v (syntax-rules () ((_) 'macro))))
      (v))))
(test-equal 'procedure
  (let-syntax ((v (syntax-rules () ((_) 'macro))))
    (let ((v (lambda () 'procedure)))
      (v))))

;; a local macro referring to a local variable
(test-equal 11
  (let ((base 10))
    (let-syntax ((add-base (syntax-rules () ((_ x) (+ base x)))))
      (let ((base 100))
        (add-base 1)))))

;; local macros used in internal definitions
(test-equal 20
  (let ()
    (let-syntax ((double (syntax-rules () ((_ x) (* 2 x)))))
      (let ()
        (define z (double 10))
        z))))

(test-end)
