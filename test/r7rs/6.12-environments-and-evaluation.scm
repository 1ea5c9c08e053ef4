(import (scheme base) (scheme eval) (scheme repl) (scheme r5rs))
;; R7RS 6.12 Environments and evaluation: environment, scheme-report-environment,
;; null-environment, interaction-environment, eval.
(test-begin "6.12 environments and evaluation")

(test-eqv 21 (eval '(* 7 3) (environment '(scheme base))))
(test-eqv 20
  (let ((f (eval '(lambda (f x) (f x x))
                 (null-environment 5))))
    (f + 10)))
(test-error (eval '(define foo 32)
                  (environment '(scheme base))))

(test-group "environment"
  (test-eqv "several import sets" 3
    (eval '(caddr '(1 2 3)) (environment '(scheme base) '(scheme cxr))))
  (test-eqv "syntax from the environment" 2 (eval '(let ((x 1)) (+ x 1)) (environment '(scheme base))))
  (test-eqv "(scheme char)" #\A (eval '(char-upcase #\a) (environment '(scheme char))))
  (test-error "a name not imported" (eval '(char-upcase #\a) (environment '(scheme base))))
  (test-error "assigning an immutable binding" (eval '(set! square 1) (environment '(scheme base))))
  (test-eqv "the environment's car is the standard car" 1 (eval '(car '(1 2)) (environment '(scheme base))))
  (test-error "an unknown library" (environment '(no such library)))
  (test-eqv "a lambda made by eval is a procedure" 9 ((eval '(lambda (x) (* x x)) (environment '(scheme base))) 3))
  (test-equal "eval of a self-evaluating datum" "str" (eval "str" (environment '(scheme base))))
  (test-equal "eval of a quoted list" '(a b) (eval ''(a b) (environment '(scheme base))))
  (test-eqv "eval returns multiple values" 2
    (call-with-values (lambda () (eval '(values 1 2) (environment '(scheme base)))) (lambda (a b) b))))

(test-group "scheme-report-environment and null-environment"
  (test-eqv 10 (eval '(let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i)) (scheme-report-environment 5)))
  (test-eqv "R5RS procedures" 3 (eval '(length '(a b c)) (scheme-report-environment 5)))
  (test-equal "R5RS names such as exact->inexact" .5 (eval '(exact->inexact 1/2) (scheme-report-environment 5)))
  (test-eqv "null-environment has the syntax" 2 (eval '(if #t 2 3) (null-environment 5)))
  (test-error "null-environment has no procedures" (eval '(car '(1)) (null-environment 5)))
  (test-error "an unsupported version of scheme-report-environment" (scheme-report-environment 4))
  (test-error "an unsupported version of null-environment" (null-environment 'five)))

(define x 5)
(test-group "interaction-environment"
  (test-eqv "the program's global variables" 6 (eval '(+ x 1) (interaction-environment)))
  (eval '(define defined-by-eval 7) (interaction-environment))
  (test-eqv "definitions are allowed" 7 (eval 'defined-by-eval (interaction-environment)))
  (eval '(define-syntax twice (syntax-rules () ((_ e) (begin e e)))) (interaction-environment))
  (test-eqv "syntax definitions are allowed" 2
    (eval '(let ((n 0)) (twice (set! n (+ n 1))) n) (interaction-environment)))
  (test-eqv "it contains (scheme base)" 3 (eval '(length '(1 2 3)) (interaction-environment)))
  (test-eqv "eval is a proper tail call" 'done
    (let loop ((n 10000)) (if (= n 0) 'done (eval `(quote ,(loop (- n 1))) (interaction-environment))))))

(test-error "eval of a syntax error raises" (eval '(if) (environment '(scheme base))))
(test-error "eval of an error raises" (eval '(car '()) (environment '(scheme base))))

(test-end)
