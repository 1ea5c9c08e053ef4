(import (scheme base))
;; R7RS 5.4 Syntax definitions: define-syntax at top level and in bodies.
(test-begin "5.4 syntax definitions")

(test-equal '(2 1)
  (let ((x 1) (y 2))
    (define-syntax swap!
      (syntax-rules ()
        ((swap! a b)
         (let ((tmp a))
           (set! a b)
           (set! b tmp)))))
    (swap! x y)
    (list x y)))

(define-syntax my-unless
  (syntax-rules () ((_ c body ...) (if c #f (begin body ...)))))
(test-eq "top-level define-syntax" 'ran (my-unless #f 'ran))
(test-eq "top-level define-syntax, false branch" #f (my-unless #t 'ran))


(define-syntax ten (syntax-rules () ((_) 10)))
(define (uses-ten) (ten))
(test-eqv "a macro used in a procedure" 10 (uses-ten))

(test-eqv "internal define-syntax shadows a top-level variable" 'macro
  (let ()
    (define-syntax car (syntax-rules () ((_ x) 'macro)))
    (car '(1 2))))
(test-eqv "car is a procedure again outside" 1 (car '(1 2)))
(test-eqv "internal define-syntax mixed with definitions" 6
  (let ()
    (define a 2)
    (define-syntax triple (syntax-rules () ((_ x) (* 3 x))))
    (define b (triple a))
    b))
(test-eqv "internal macros can refer to later internal definitions" 7
  (let ()
    (define-syntax get-b (syntax-rules () ((_) b)))
    (define (f) (get-b))
    (define b 7)
    (f)))
(test-eq "a macro expanding into define-syntax" 'generated
  (let ()
    (define-syntax def-const
      (syntax-rules () ((_ name v) (define-syntax name (syntax-rules () ((_) v))))))
    (def-const gen 'generated)
    (gen)))
(define-syntax def-top-const
  (syntax-rules () ((_ name v) (define-syntax name (syntax-rules () ((_) v))))))
(def-top-const top-gen 'top-generated)
(test-eq "a top-level macro expanding into define-syntax" 'top-generated (top-gen))
(define-syntax my-define
  (syntax-rules () ((_ n v) (define n v))))
(my-define via-macro 'defined)
(test-eq "a top-level macro expanding into define" 'defined via-macro)
(test-eqv "a recursive macro" 3
  (let ()
    (define-syntax my-len (syntax-rules () ((_) 0) ((_ x y ...) (+ 1 (my-len y ...)))))
    (my-len a b c)))

(test-end)
