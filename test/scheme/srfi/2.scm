(import (scheme base) (srfi 2))
;; SRFI 2, and-let*: the three kinds of clause, the value without a body, short-circuiting,
;; and bindings visible to later clauses.
(test-begin "srfi-2")

(test-equal #t (and-let* ()))
(test-equal 1 (and-let* () 1))
(test-equal 2 (and-let* () 1 2))
(test-equal 1 (and-let* ((x 1))))
(test-equal #f (and-let* ((x #f))))
(test-equal 2 (and-let* ((x 1)) (+ x 1)))
(test-equal #f (and-let* ((x #f)) 'not-reached))
(test-equal 3 (and-let* ((x 1) (y (+ x 1))) (+ x y)))
(test-equal #f (and-let* ((x 1) (y #f)) 'not-reached))
;; (expression) clauses
(test-equal 'yes (and-let* (((= 1 1))) 'yes))
(test-equal #f (and-let* (((= 1 2))) 'yes))
(test-equal 5 (and-let* (((+ 2 3)))))
;; bound-variable clauses
(let ((a 1) (b #f))
  (test-equal 'ok (and-let* (a) 'ok))
  (test-equal #f (and-let* (b) 'ok))
  (test-equal 1 (and-let* (a)))
  (test-equal #f (and-let* (a b))))
;; Mixed, with later clauses seeing earlier bindings.
(test-equal 4
  (and-let* ((l '(1 2 3 4)) ((pair? l)) (x (car l)) (n (length l)) ((> n x))) n))
(test-equal #f
  (and-let* ((l '()) ((pair? l)) (x (car l))) x))
;; Evaluation stops at the first false clause.
(test-equal '(1)
  (let ((trace '()))
    (and-let* ((a (begin (set! trace (cons 1 trace)) #f))
               (b (begin (set! trace (cons 2 trace)) #t))))
    trace))
;; A typical use: look something up and use it only when found.
(define (lookup key alist)
  (and-let* ((entry (assq key alist))) (cdr entry)))
(test-equal 2 (lookup 'b '((a . 1) (b . 2))))
(test-equal #f (lookup 'c '((a . 1) (b . 2))))
;; The body is a body: it may hold definitions.
(test-equal 10 (and-let* ((x 5)) (define y (* x 2)) y))

(test-end)
