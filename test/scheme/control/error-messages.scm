;;; The shapes of Kiln's error messages (issue 11), the same in every tier: an arity error
;;; gives the expected count in words and the arguments as one list irritant (never spread
;;; onto the count); an index out of range gives the length; a failed arity check of a
;;; case-lambda names the count. Positions in reports are tested by
;;; test/harness/cli-messages.test.ts.
(import (scheme base))

(define (message+irritants thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)
    'no-error))

(define (two a b) a)
(define (at-least-one a . rest) a)
(define one-or-three (case-lambda ((a) a) ((a b c) c)))

(test-begin "error messages")

(test-group "arity"
  (test-equal '("two: wrong number of arguments: expected 2 arguments, got 3:" (1 2 3))
    (message+irritants (lambda () (two 1 2 3))))
  (test-equal '("two: wrong number of arguments: expected 2 arguments, got 0:" ())
    (message+irritants (lambda () (two))))
  (test-equal '("at-least-one: wrong number of arguments: expected at least 1 argument, got 0:" ())
    (message+irritants (lambda () (at-least-one))))
  (test-equal '("car: wrong number of arguments: expected 1 argument, got 2:" ((1) 2))
    (message+irritants (lambda () (car '(1) 2))))
  (test-equal '("two: wrong number of arguments: expected 2 arguments, got 1:" (x))
    (message+irritants (lambda () (apply two '(x)))))
  (test-equal '("one-or-three: no clause accepts 2 arguments:" (1 2))
    (message+irritants (lambda () (one-or-three 1 2))))
  ;; Many arguments: one irritant, not 100,000 (which used to overflow the stack).
  (test-equal 100000
    (length (cadr (message+irritants (lambda () (apply car (make-list 100000 1))))))))

(test-group "index out of range"
  (test-equal '("vector-ref: index out of range for length 3:" 5)
    (message+irritants (lambda () (vector-ref (vector 1 2 3) 5))))
  (test-equal '("vector-ref: index out of range for length 3:" -1)
    (message+irritants (lambda () (vector-ref (vector 1 2 3) -1))))
  (test-equal '("vector-set!: index out of range for length 0:" 0)
    (message+irritants (lambda () (vector-set! (vector) 0 'x))))
  (test-equal '("string-ref: index out of range for length 2:" 2)
    (message+irritants (lambda () (string-ref "ab" 2))))
  (test-equal '("bytevector-u8-ref: index out of range for length 1:" 1)
    (message+irritants (lambda () (bytevector-u8-ref (bytevector 7) 1))))
  ;; In a loop hot enough to be compiled, the inline vector-ref says the same.
  (test-equal '("vector-ref: index out of range for length 4:" 4)
    (let ((v (vector 1 2 3 4)))
      (message+irritants
        (lambda () (let loop ((i 0) (sum 0)) (loop (+ i 1) (+ sum (vector-ref v i)))))))))

(test-end)
