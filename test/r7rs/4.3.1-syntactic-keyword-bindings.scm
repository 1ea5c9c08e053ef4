(import (scheme base))
;; R7RS 4.3 Macros and 4.3.1 Binding constructs for syntactic keywords: let-syntax and
;; letrec-syntax; hygiene in both directions.
(test-begin "4.3.1 let-syntax and letrec-syntax")

(test-eq 'now
  (let-syntax ((given-that (syntax-rules ()
                             ((given-that test stmt1 stmt2 ...)
                              (if test
                                  (begin stmt1
                                         stmt2 ...))))))
    (let ((if #t))
      (given-that if (set! if 'now))
      if)))
(test-eq 'outer
  (let ((x 'outer))
    (let-syntax ((m (syntax-rules () ((m) x))))
      (let ((x 'inner))
        (m)))))
(test-eqv 7
  (letrec-syntax
      ((my-or (syntax-rules ()
                ((my-or) #f)
                ((my-or e) e)
                ((my-or e1 e2 ...)
                 (let ((temp e1))
                   (if temp
                       temp
                       (my-or e2 ...)))))))
    (let ((x #f)
          (y 7)
          (temp 8)
          (let odd?)
          (if even?))
      (my-or x
             (let temp)
             (if y)
             y))))

(test-group "let-syntax"
  (test-eqv "let-syntax with no bindings" 1 (let-syntax () 1))
  (test-eqv "several keywords" 3
    (let-syntax ((one (syntax-rules () ((_) 1)))
                 (two (syntax-rules () ((_) 2))))
      (+ (one) (two))))
  (test-eq "let-syntax transformers see the outer keyword, not each other" 'outer
    (let-syntax ((m (syntax-rules () ((_) 'outer))))
      (let-syntax ((m (syntax-rules () ((_) 'inner)))
                   (n (syntax-rules () ((_) (m)))))
        (n))))
  (test-eqv "the body may contain definitions" 6
    (let ()
      (let-syntax ((double (syntax-rules () ((_ x) (* 2 x)))))
        (define y (double 3))
        y)))
  (test-eq "a keyword shadows a variable" 'macro
    (let ((f (lambda () 'procedure)))
      (let-syntax ((f (syntax-rules () ((_) 'macro))))
        (f))))
  (test-eq "a variable shadows a keyword" 'procedure
    (let-syntax ((f (syntax-rules () ((_) 'macro))))
      (let ((f (lambda () 'procedure)))
        (f))))
  (test-eq "a keyword can shadow a standard syntax locally" 'shadowed
    (let-syntax ((if (syntax-rules () ((_ a b c) 'shadowed))))
      (if #t 1 2)))
  (test-eq "the standard binding is back outside the let-syntax" 1
    (begin (let-syntax ((if (syntax-rules () ((_ a b c) 'shadowed)))) 'x) (if #t 1 2))))

(test-group "letrec-syntax"
  (test-eq "transformers can refer to each other" 'even
    (letrec-syntax ((ev? (syntax-rules () ((_) 'even) ((_ x . r) (od? . r))))
                    (od? (syntax-rules () ((_) 'odd) ((_ x . r) (ev? . r)))))
      (ev? 1 2 3 4)))
  (test-eqv "a recursive macro" 4
    (letrec-syntax ((count (syntax-rules () ((_) 0) ((_ x . r) (+ 1 (count . r))))))
      (count a b c d))))

(test-group "hygiene"
  (define-syntax my-or2
    (syntax-rules ()
      ((_ a b) (let ((t a)) (if t t b)))))
  (test-eqv "an inserted binding does not capture a user variable" 5
    (let ((t 5)) (my-or2 #f t)))
  (define-syntax use-list
    (syntax-rules () ((_ x) (list x))))
  (test-equal "a free identifier in a template refers to its definition environment" '(1)
    (let ((list vector)) (use-list 1)))
  (define-syntax swap!
    (syntax-rules ()
      ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
  (test-equal "swap! with a variable named tmp" '(2 1)
    (let ((tmp 1) (other 2)) (swap! tmp other) (list tmp other)))
  (define-syntax my-if
    (syntax-rules () ((_ c a b) (cond (c a) (else b)))))
  (test-eq "else inserted by a macro is the else keyword" 'b
    (let ((else #f)) (my-if #f 'a 'b)))
  (define-syntax define-getter
    (syntax-rules () ((_ name v) (define (name) v))))
  (define-getter get-seven 7)
  (test-eqv "a macro defining a user-named procedure" 7 (get-seven))
  (define-syntax define-hidden
    (syntax-rules () ((_ getter v) (begin (define hidden v) (define (getter) hidden)))))
  (test-eqv "a binding introduced by a macro is visible to the macro's own code" 9
    (let () (define-hidden reveal 9) (reveal)))
  (test-eq "a binding introduced by a macro does not capture the user's identifier" 'user
    (let ((hidden 'user)) (define-hidden reveal2 'macro) hidden)))

(test-end)
