(import (scheme base) (scheme lazy))
;; R7RS 4.2.5 Delayed evaluation: delay, delay-force, force, promise?, make-promise.
(test-begin "4.2.5 delayed evaluation")

(test-eqv 3 (force (delay (+ 1 2))))
(test-equal '(3 3)
  (let ((p (delay (+ 1 2))))
    (list (force p) (force p))))

(define integers
  (letrec ((next
            (lambda (n)
              (delay (cons n (next (+ n 1)))))))
    (next 0)))
(define head
  (lambda (stream) (car (force stream))))
(define tail
  (lambda (stream) (cdr (force stream))))
(test-eqv 2 (head (tail (tail integers))))

(define (stream-filter p? s)
  (delay-force
   (if (null? (force s))
       (delay '())
       (let ((h (car (force s)))
             (t (cdr (force s))))
         (if (p? h)
             (delay (cons h (stream-filter p? t)))
             (stream-filter p? t))))))
(test-eqv 5 (head (tail (tail (stream-filter odd? integers)))))

;; only one value is computed for a promise, however many times it is forced
(define count 0)
(define p
  (delay (begin (set! count (+ count 1))
                (if (> count x)
                    count
                    (force p)))))
(define x 5)
(test-assert "p is a promise" (promise? p))
(test-eqv 6 (force p))
(test-assert "p is a promise, still" (promise? p))
(test-eqv 6 (begin (set! x 10)
                   (force p)))

(test-assert "(eqv? (delay 1) 1) is a boolean" (boolean? (eqv? (delay 1) 1)))
(test-assert "(pair? (delay (cons 1 2))) is a boolean" (boolean? (pair? (delay (cons 1 2)))))
(test-assert "(+ (delay (* 3 7)) 13) is unspecified: 34 (implicit forcing) or an error"
  (guard (e (#t #t)) (eqv? 34 (+ (delay (* 3 7)) 13))))
(test-assert "list does not force its arguments: (car (list (delay (* 3 7)) 13)) is a promise"
  (promise? (car (list (delay (* 3 7)) 13))))

;; memoisation
(test-eqv "the expression is evaluated once" 1
  (let* ((n 0) (p (delay (begin (set! n (+ n 1)) n))))
    (force p) (force p) (force p)
    n))
(test-eqv "delay does not evaluate its expression" 0
  (let* ((n 0) (p (delay (begin (set! n (+ n 1)) n)))) n))
(test-eqv "delay-force does not evaluate its expression" 0
  (let* ((n 0) (p (delay-force (begin (set! n (+ n 1)) (delay n))))) n))
(test-eqv "delay-force memoises" 1
  (let* ((n 0) (p (delay-force (begin (set! n (+ n 1)) (delay n)))))
    (force p) (force p)
    n))
(test-eqv "delay-force chains" 7 (force (delay-force (delay-force (delay 7)))))

;; delay-force iterates in constant space (the report's motivation)
(define (loop n) (delay-force (if (= n 0) (delay 'done) (loop (- n 1)))))
(test-eq "a long chain of delay-force" 'done (force (loop 100000)))

;; promise?, make-promise
(test-assert (promise? (delay 1)))
(test-assert (promise? (delay-force (delay 1))))
(test-assert (promise? (make-promise 1)))
(test-assert (not (promise? 1)))
(test-assert (not (promise? (lambda () 1))))
(test-assert (not (promise? '())))
(test-eqv (force (make-promise 7)) 7)
(test-assert "make-promise of a promise returns it"
  (let ((p (delay 1))) (eq? p (make-promise p))))
(test-eqv "make-promise does not delay its argument" 1
  (let* ((n 0) (p (make-promise (begin (set! n (+ n 1)) n)))) n))
(test-eqv "force of a non-promise may return it" 5
  (guard (e (#t 5)) (force 5)))

;; reentrancy: a promise forced again while its own forcing is under way
(test-eq "a promise forced during its own forcing keeps the first value computed" 'inner
  (letrec ((s (delay (begin (set! c (+ c 1)) (if (= c 1) (begin (force s) 'outer) 'inner))))
           (c 0))
    (force s)))

;; force uses the dynamic environment of the call to force
(define prm (make-parameter 'outer))
(define pp (delay (prm)))
(test-eq "the delayed expression sees the parameters of the forcing call" 'inner
  (parameterize ((prm 'inner)) (force pp)))
(test-eq "the value stays memoised" 'inner (force pp))
(test-eq "errors in a forced expression are raised to the forcer" 'caught
  (guard (e ((eq? e 'boom) 'caught)) (force (delay (raise 'boom)))))

(test-end)
