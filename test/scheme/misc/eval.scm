(import (scheme base) (scheme eval) (scheme repl))
;; R7RS 6.12 eval and environments; 4.3.3 syntax-error (expansion-time, so only the
;; non-erroring branch of a macro using it can run here).
(test-begin "misc-eval")
(define x 5)
(test-equal 6 (eval '(+ x 1) (interaction-environment)))
(test-equal 6 (eval '(* 2 3) (environment '(scheme base))))
(test-equal 21 (eval '(let ((f (lambda (a) (* a 3)))) (f 7)) (environment '(scheme base))))
(eval '(define y 7) (interaction-environment))
(test-equal 7 (eval 'y (interaction-environment)))
(test-equal '(1 2) (eval '(list 1 2)))
(test-error (eval '(car 1) (environment '(scheme base))))
(test-error (environment '(no such library)))
(test-equal 10 (eval '(let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i)) (scheme-report-environment 5)))
;; eval is a proper tail call: a loop through eval runs in constant space
(define (count-down n) (if (= n 0) 'done (eval `(count-down ,(- n 1)) (interaction-environment))))
(test-equal 'done (count-down 20000))
(define-syntax must-be-pair
  (syntax-rules () ((_ (a . b)) 'ok) ((_ v) (syntax-error "expected a pair" v))))
(test-equal 'ok (must-be-pair (1 . 2)))
(test-end)
