(import (scheme base) (scheme inexact))
;; R7RS 4.2.2 Binding constructs: let, let*, letrec, letrec*, let-values, let*-values.
(test-begin "4.2.2 binding constructs")

;; ---- let ----------------------------------------------------------------------------------
(test-group "let"
  (test-eqv 6 (let ((x 2) (y 3))
                (* x y)))
  (test-eqv 35 (let ((x 2) (y 3))
                 (let ((x 7)
                       (z (+ x y)))
                   (* z x))))
  (test-eqv "let with no bindings" 1 (let () 1))
  (test-eqv "inits are evaluated in the outer environment" 1
    (let ((x 1)) (let ((x 2) (y x)) y)))
  (test-eqv "internal definitions in a let body" 5
    (let ((x 2)) (define y 3) (+ x y)))
  (test-equal "let body returns multiple values" '(1 2)
    (call-with-values (lambda () (let () (values 1 2))) list))
  (test-eqv "let binds fresh locations" 1
    (let ((x 1)) (let ((y x)) (set! y 2)) x)))

;; ---- let* ---------------------------------------------------------------------------------
(test-group "let*"
  (test-eqv 70 (let ((x 2) (y 3))
                 (let* ((x 7)
                        (z (+ x y)))
                   (* z x))))
  (test-eqv "let* with no bindings" 1 (let* () 1))
  (test-eqv "the variables need not be distinct" 3 (let* ((x 1) (x (+ x 1)) (x (+ x 1))) x))
  (test-equal "each init sees the previous bindings" '(1 2 3)
    (let* ((a 1) (b (+ a 1)) (c (+ b 1))) (list a b c)))
  (test-eqv "internal definitions in a let* body" 3 (let* ((x 1)) (define y 2) (+ x y))))

;; ---- letrec -------------------------------------------------------------------------------
(test-group "letrec"
  (test-eq #t
    (letrec ((even?
              (lambda (n)
                (if (zero? n)
                    #t
                    (odd? (- n 1)))))
             (odd?
              (lambda (n)
                (if (zero? n)
                    #f
                    (even? (- n 1))))))
      (even? 88)))
  (test-eqv "letrec with no bindings" 1 (letrec () 1))
  (test-eqv "recursive procedure" 120
    (letrec ((fact (lambda (n) (if (= n 0) 1 (* n (fact (- n 1))))))) (fact 5)))
  (test-eqv "the body sees the bindings" 10
    (letrec ((x 10)) x)))

;; ---- letrec* ------------------------------------------------------------------------------
(test-group "letrec*"
  ;; Returns the arithmetic, geometric, and harmonic means of a nested list of numbers
  (define (means ton)
    (letrec*
       ((mean
          (lambda (f g)
            (f (/ (sum g ton) n))))
        (sum
          (lambda (g ton)
            (if (null? ton)
              (+)
              (if (number? ton)
                  (g ton)
                  (+ (sum g (car ton))
                     (sum g (cdr ton)))))))
        (n (sum (lambda (x) 1) ton)))
      (values (mean values values)
              (mean exp log)
              (mean / /))))
  (test-equal "means: arithmetic mean 8/3" 8/3
    (call-with-values (lambda () (means '(3 (1 4)))) (lambda (a g h) a)))
  (test-approximate "means: geometric mean about 2.28942848510666" 2.28942848510666
    (call-with-values (lambda () (means '(3 (1 4)))) (lambda (a g h) g))
    1e-10)
  (test-equal "means: harmonic mean 36/19" 36/19
    (call-with-values (lambda () (means '(3 (1 4)))) (lambda (a g h) h)))
  (test-equal "inits are evaluated left to right, each seeing the earlier ones" '(1 2 3)
    (letrec* ((a 1) (b (+ a 1)) (c (+ b 1))) (list a b c)))
  (test-eqv "letrec* with no bindings" 1 (letrec* () 1))
  (test-eqv "a later lambda can refer to an earlier value" 42
    (letrec* ((x 21) (f (lambda () (* 2 x)))) (f))))

;; ---- let-values ---------------------------------------------------------------------------
(test-group "let-values"
  (test-eqv 35 (let-values (((root rem) (exact-integer-sqrt 32)))
                 (* root rem)))
  (test-equal "several formals" '(1 2 3 4)
    (let-values (((a b) (values 1 2)) ((c d) (values 3 4))) (list a b c d)))
  (test-equal "a rest formal" '(1 (2 3))
    (let-values (((a . rest) (values 1 2 3))) (list a rest)))
  (test-equal "a single variable formal takes all values" '(1 2 3)
    (let-values ((all (values 1 2 3))) all))
  (test-equal "zero values" '()
    (let-values ((() (values))) '()))
  (test-equal "a single value" '(5)
    (let-values (((x) 5)) (list x)))
  (test-equal "inits are evaluated in the outer environment" '(x y)
    (let ((a 'x) (b 'y))
      (let-values (((a b) (values b a)) ((c d) (values a b)))
        (list c d))))
  (test-eqv "internal definitions in the body" 3
    (let-values (((a) 1)) (define b 2) (+ a b)))
  (test-error "too few values for the formals" (let-values (((a b) (values 1))) a))
  (test-error "too many values for the formals" (let-values (((a) (values 1 2))) a)))

;; ---- let*-values --------------------------------------------------------------------------
(test-group "let*-values"
  (test-equal '(x y x y)
    (let ((a 'a) (b 'b) (x 'x) (y 'y))
      (let*-values (((a b) (values x y))
                    ((x y) (values a b)))
        (list a b x y))))
  (test-equal "rest formals" '(1 (2) 1)
    (let*-values (((a . b) (values 1 2)) ((c) (values a))) (list a b c)))
  (test-eqv "no bindings" 1 (let*-values () 1)))

(test-end)
