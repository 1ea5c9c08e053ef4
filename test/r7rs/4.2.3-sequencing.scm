(import (scheme base) (scheme write))
;; R7RS 4.2.3 Sequencing: the two forms of begin.
(test-begin "4.2.3 sequencing")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(define x 0)
(test-eqv 6 (and (= x 0)
                 (begin (set! x 5)
                        (+ x 1))))
(test-equal "4 plus 1 equals 5"
  (output-of (lambda ()
               (begin (display "4 plus 1 equals ")
                      (display (+ 4 1))))))

(test-eqv "begin returns the last value" 3 (begin 1 2 3))
(test-eqv "begin with one expression" 1 (begin 1))
(test-equal "expressions are evaluated left to right" '(c b a)
  (let ((log '()))
    (begin (set! log (cons 'a log)) (set! log (cons 'b log)) (set! log (cons 'c log)))
    log))
(test-equal "begin returns the values of the last expression" '(1 2)
  (call-with-values (lambda () (begin 'ignored (values 1 2))) list))
(test-equal "non-final expressions may return any number of values" 'ok
  (begin (values) (values 1 2 3) 'ok))

;; begin splicing definitions at the top level
(begin (define spliced-a 1) (define spliced-b 2))
(test-equal "top-level begin splices definitions" '(1 2) (list spliced-a spliced-b))
(begin)
(test-assert "(begin) is allowed at the top level" #t)
(begin (begin (define nested-spliced 'deep)))
(test-eq "nested top-level begin splices" 'deep nested-spliced)

;; begin splicing definitions in a body
(test-eqv "begin of definitions in a body" 3
  (let ()
    (begin (define p 1) (define q 2))
    (+ p q)))
(test-eqv "begin of definitions produced by a macro" 10
  (let ()
    (define-syntax define-two
      (syntax-rules () ((_ a b v) (begin (define a v) (define b v)))))
    (define-two m n 5)
    (+ m n)))
(define-syntax define-pair-at-top
  (syntax-rules () ((_ a b) (begin (define a 'first) (define b 'second)))))
(define-pair-at-top top-first top-second)
(test-equal "a macro expanding to begin of definitions at top level" '(first second)
  (list top-first top-second))

(test-end)
