(import (scheme base) (scheme write))
;; call/cc in hot (native) code: escapes that never leave native code (docs/jit.md,
;; "Continuations from native code"), and continuations that must become real because they
;; are stored, re-entered, or because the frames are reified while the receiver runs. Every
;; test runs many times, so that the procedures are compiled in the default mode too.
(test-begin "control-callcc-native")

(define (repeat n thunk)
  (let loop ((i 0) (r #f)) (if (= i n) r (loop (+ i 1) (thunk)))))

;; ---- escapes -----------------------------------------------------------------------------

;; From a named let loop (the loop closure holds the continuation).
(define (find-index vec x)
  (call/cc
   (lambda (return)
     (let loop ((i 0))
       (cond ((= i (vector-length vec)) #f)
             ((eqv? (vector-ref vec i) x) (return i))
             (else (loop (+ i 1))))))))
(define v100 (let ((v (make-vector 100 0))) (let fill ((i 0)) (if (< i 100) (begin (vector-set! v i (* i i)) (fill (+ i 1))))) v))
(test-equal 37 (repeat 2000 (lambda () (find-index v100 (* 37 37)))))
(test-equal #f (repeat 2000 (lambda () (find-index v100 5))))

;; From deep non-tail recursion (the frames between are abandoned).
(define (sum-until-negative lst)
  (call/cc
   (lambda (k)
     (let walk ((l lst))
       (cond ((null? l) 0)
             ((negative? (car l)) (k 'negative))
             (else (+ (car l) (walk (cdr l)))))))))
(define (iota* n) (let loop ((i n) (acc '())) (if (= i 0) acc (loop (- i 1) (cons i acc)))))
(define long (iota* 10000))
(test-equal 50005000 (repeat 50 (lambda () (sum-until-negative long))))
(test-equal 'negative (repeat 50 (lambda () (sum-until-negative (append long '(-1))))))
(test-equal 'negative (sum-until-negative (append (iota* 200000) '(-1))))

;; ctak-style: the continuation passed on to global procedures that only call it.
(define (ctak x y z) (call/cc (lambda (k) (ctak-aux k x y z))))
(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call/cc
       (lambda (k)
         (ctak-aux k
                   (call/cc (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call/cc (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call/cc (lambda (k) (ctak-aux k (- z 1) x y))))))))
(test-equal 7 (repeat 3 (lambda () (ctak 18 12 6))))

;; fibc-style: every addition through a continuation.
(define (addc x y k) (if (zero? y) (k x) (addc (+ x 1) (- y 1) k)))
(define (fibc x c)
  (if (zero? x)
      (c 0)
      (if (zero? (- x 1))
          (c 1)
          (addc (call/cc (lambda (c) (fibc (- x 1) c)))
                (call/cc (lambda (c) (fibc (- x 2) c)))
                c))))
(test-equal 6765 (repeat 3 (lambda () (fibc 20 (lambda (n) n)))))

;; An escape with several values, and with none.
(define (two) (call/cc (lambda (k) (let loop ((i 0)) (if (= i 10) (k i (* i i)) (loop (+ i 1)))))))
(test-equal '(10 100) (repeat 1000 (lambda () (call-with-values two list))))
(test-equal '() (repeat 1000 (lambda () (call-with-values (lambda () (call/cc (lambda (k) (k)))) list))))

;; The receiver returns normally: the continuation is not used.
(test-equal 3 (repeat 1000 (lambda () (+ 1 (call/cc (lambda (k) 2))))))

;; Nested: an escape to the outer continuation passes the inner capture.
(define (nested n)
  (call/cc (lambda (outer)
    (+ 1 (call/cc (lambda (inner)
      (let loop ((i 0)) (if (= i n) (outer i) (loop (+ i 1))))))))))
(test-equal 50 (repeat 1000 (lambda () (nested 50))))

;; call/cc in tail position of a receiver, a million times: constant space.
(define (tail-callcc n) (if (= n 0) 'done (call/cc (lambda (k) (tail-callcc (- n 1))))))
(test-equal 'done (tail-callcc 1000000))
(define (tail-callcc-escape n) (call/cc (lambda (k) (if (= n 0) (k 'out) (tail-callcc-escape (- n 1))))))
(test-equal 'out (tail-callcc-escape 1000000))

;; A capture at every level of a deep recursion; each continuation used once.
(define (deep-callcc n) (if (= n 0) 0 (+ 1 (call/cc (lambda (k) (k (deep-callcc (- n 1))))))))
(test-equal 100000 (deep-callcc 100000))
(test-equal 1000000 (deep-callcc 1000000))

;; ---- escapes and the dynamic state -------------------------------------------------------

(define trail '())
(define (note x) (set! trail (cons x trail)))
(define (wind-escape)
  (call/cc
   (lambda (k)
     (dynamic-wind
      (lambda () (note 'in))
      (lambda () (let loop ((i 0)) (if (= i 5) (k i) (loop (+ i 1)))))
      (lambda () (note 'out))))))
(set! trail '())
(test-equal 5 (repeat 500 wind-escape))
(test-equal 1000 (length trail))
(test-equal '(out in out in) (list-tail trail 996))

;; Escaping out of a with-exception-handler restores the outer handler.
(define (handler-escape)
  (call/cc
   (lambda (k)
     (with-exception-handler
      (lambda (e) (k 'inner-handler))
      (lambda () (k 'escaped))))))
(test-equal 'escaped (repeat 500 handler-escape))
(test-equal 'outer (guard (e (#t 'outer)) (handler-escape) (raise 'boom)))

;; Escaping out of parameterize restores the parameter.
(define p (make-parameter 1))
(define (param-escape) (call/cc (lambda (k) (parameterize ((p 2)) (k (p))))))
(test-equal 2 (repeat 500 param-escape))
(test-equal 1 (p))

;; An error raised in the receiver, caught outside: the frames are reified meanwhile.
(define (error-in-receiver n)
  (guard (e ((error-object? e) (error-object-message e)))
    (call/cc (lambda (k) (if (> n 0) (error "inside receiver" n) (k 'fine))))))
(test-equal "inside receiver" (repeat 500 (lambda () (error-in-receiver 1))))
(test-equal 'fine (repeat 500 (lambda () (error-in-receiver 0))))

;; An error caught inside the receiver, then an escape.
(define (guarded-escape)
  (call/cc (lambda (k) (guard (e (#t (k (list 'caught e)))) (raise 'oops)))))
(test-equal '(caught oops) (repeat 500 guarded-escape))

;; ---- continuations that outlive their frame ----------------------------------------------

;; Stored, invoked after the call/cc returned (re-entry), several times.
(define (reenter-count n)
  (let ((k #f) (count 0))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! count (+ count 1))
      (if (< v n) (k (+ v 1)) (list v count)))))
(test-equal '(100 101) (repeat 100 (lambda () (reenter-count 100))))

;; The same continuation invoked twice from outside its extent.
(define saved #f)
(define (capture-plus-one) (+ 1 (call/cc (lambda (k) (set! saved k) 1))))
(define (twice)
  (let ((results '()))
    (let ((r (capture-plus-one)))
      (set! results (cons r results))
      (if (< (length results) 3) (saved (* 10 (length results))) (reverse results)))))
(test-equal '(2 11 21) (repeat 200 twice))

;; Captured at depth and re-entered many times: each re-entry returns through 1000 frames.
(define (deep-capture n)
  (if (= n 0)
      (call/cc (lambda (k) (set! saved k) 0))
      (+ 1 (deep-capture (- n 1)))))
(let ((sum 0) (i 0))
  (let ((d (deep-capture 1000))) (set! sum (+ sum d)))
  (set! i (+ i 1))
  (if (< i 200) (saved i))
  (test-equal (+ (* 200 1000) (/ (* 199 200) 2)) sum))

;; Generators: capture and resume on every element.
(define (make-tree depth start)
  (if (= depth 0) start
      (cons (make-tree (- depth 1) start) (make-tree (- depth 1) (+ start (expt 2 (- depth 1)))))))
(define (tree->generator tree)
  (define return #f)
  (define resume #f)
  (define (walk t)
    (if (pair? t)
        (begin (walk (car t)) (walk (cdr t)))
        (call/cc (lambda (k) (set! resume k) (return t)))))
  (lambda ()
    (call/cc (lambda (r)
      (set! return r)
      (if resume (resume #f) (begin (walk tree) (return 'done)))))))
(define (gen->list gen)
  (let loop ((acc '()))
    (let ((v (gen))) (if (eq? v 'done) (reverse acc) (loop (cons v acc))))))
(test-equal (iota* 1024) (map (lambda (x) (+ x 1)) (gen->list (tree->generator (make-tree 10 0)))))
(test-equal 8386560 (apply + (gen->list (tree->generator (make-tree 12 0)))))

;; A continuation captured lazily, materialized because the frames were reified (deep
;; recursion inside the receiver), then stored by a later capture and re-entered.
(define (deep-then-escape n)
  (call/cc (lambda (k) (let down ((i n)) (if (= i 0) (k 'bottom) (+ 1 (down (- i 1))))))))
(test-equal 'bottom (repeat 5 (lambda () (deep-then-escape 300000))))

;; Re-entering a continuation captured inside dynamic-wind runs the before thunk again.
(define (wind-reenter)
  (let ((log '()) (k #f) (n 0))
    (dynamic-wind
     (lambda () (set! log (cons 'before log)))
     (lambda () (call/cc (lambda (c) (set! k c))))
     (lambda () (set! log (cons 'after log))))
    (set! n (+ n 1))
    (if (< n 3) (k #f))
    (reverse log)))
(test-equal '(before after before after before after) (repeat 200 wind-reenter))

(test-end)
