(import (scheme base) (scheme lazy))
;; delay, delay-force, force, make-promise, promise? (R7RS 4.2.5).
(test-begin "derived-lazy")

(test-equal 3 (force (delay (+ 1 2))))
(test-equal '(3 3) (let ((p (delay (+ 1 2)))) (list (force p) (force p))))

(define integers
  (letrec ((next (lambda (n) (delay (cons n (next (+ n 1)))))))
    (next 0)))
(define (head stream) (car (force stream)))
(define (tail stream) (cdr (force stream)))
(test-equal 2 (head (tail (tail integers))))

(define (stream-filter p? s)
  (delay-force
   (if (null? (force s))
       (delay '())
       (let ((h (car (force s)))
             (t (cdr (force s))))
         (if (p? h)
             (delay (cons h (stream-filter p? t)))
             (stream-filter p? t))))))
(test-equal 5 (head (tail (tail (stream-filter odd? integers)))))

;; a promise is computed once, even when forced re-entrantly
(define count 0)
(define p
  (delay (begin (set! count (+ count 1))
                (if (> count x)
                    count
                    (force p)))))
(define x 5)
(test-assert (promise? p))
(test-equal 6 (force p))
(test-assert (promise? p))
(test-equal 6 (begin (set! x 10) (force p)))

;; memoization: the body runs once
(test-equal '(1 1)
  (let* ((n 0) (q (delay (begin (set! n (+ n 1)) n))))
    (force q)
    (force q)
    (list (force q) n)))

(test-assert (promise? (delay 1)))
(test-assert (promise? (delay-force (delay 1))))
(test-assert (promise? (make-promise 1)))
(test-assert (not (promise? 1)))
(test-assert (not (promise? (lambda () 1))))
(test-equal 7 (force (make-promise 7)))
(let ((pr (delay 1)))
  (test-eq "make-promise of a promise returns it" pr (make-promise pr)))
(test-equal 3 (force (delay-force (delay 3))))
(test-equal 4 (force (delay-force (make-promise 4))))
(test-equal 3 (car (force (delay (list 3)))))
(test-assert (promise? (car (list (delay (* 3 7)) 13))))

;; a promise whose body raises can be forced again
(test-equal '(caught 2)
  (let* ((n 0)
         (q (delay (begin (set! n (+ n 1)) (if (= n 1) (raise 'first) n)))))
    (let ((first (guard (e (#t 'caught)) (force q))))
      (list first (force q)))))

;; R7RS 4.2.5: iterative lazy algorithms run in constant space with delay-force
(define (loop n)
  (delay-force (if (= n 0) (delay 'done) (loop (- n 1)))))
(test-equal 'done (force (loop 1000000)))

(define (stream-ref s n)
  (if (= n 0) (head s) (stream-ref (tail s) (- n 1))))
(test-equal 1000000 (stream-ref integers 1000000))

(define (from n) (delay (cons n (from (+ n 1)))))
(define (stream-drop s n)
  (delay-force (if (= n 0) s (stream-drop (tail s) (- n 1)))))
(test-equal 1000000 (head (stream-drop (from 0) 1000000)))

;; filtering a long run of rejected elements
(test-equal 1000000
  (head (stream-filter (lambda (n) (>= n 1000000)) (from 0))))

(test-end)
