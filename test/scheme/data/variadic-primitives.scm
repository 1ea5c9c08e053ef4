(import (scheme base) (scheme char) (scheme write))
;; Variadic primitives called from compiled procedures with a fixed number of arguments: native
;; code passes them positionally (a two-argument fast path for comparisons and string-append),
;; and every count and every argument check must be what the array path does.
(test-begin "variadic-primitives")

(define (message thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)
    'no-error))

;; Each procedure runs often enough to be compiled in the default mode.
(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))

(define (c1 a) (char=? a))
(define (c2 a b) (char=? a b))
(define (c3 a b c) (char<? a b c))
(define (ci2 a b) (char-ci=? a b))
(define (s1 a) (string<? a))
(define (s2 a b) (string=? a b))
(define (s3 a b c) (string<=? a b c))
(define (sci2 a b) (string-ci=? a b))
(define (a0) (string-append))
(define (a1 a) (string-append a))
(define (a2 a b) (string-append a b))
(define (a3 a b c) (string-append a b c))
(define (n3 a b c) (* a b c))
(define (l2 a b) (list a b))
;; The same in non-tail position (the procedures above tail-call the primitive).
(define (nc2 a b) (if (char=? a b) 'same 'different))
(define (nc3 a b c) (if (string<? a b c) 'ordered 'unordered))
(define (na2 a b) (string-length (string-append a b)))

(test-equal #t (repeat 2000 (lambda () (c1 #\a))))
(test-equal #t (repeat 2000 (lambda () (c2 #\a #\a))))
(test-equal #f (repeat 2000 (lambda () (c2 #\a #\A))))
(test-equal #t (repeat 2000 (lambda () (c3 #\a #\b #\c))))
(test-equal #f (repeat 2000 (lambda () (c3 #\a #\c #\b))))
(test-equal #t (repeat 2000 (lambda () (ci2 #\x3A3 #\x3C3))))
(test-equal #t (repeat 2000 (lambda () (s1 "x"))))
(test-equal #t (repeat 2000 (lambda () (s2 "abc" (string #\a #\b #\c)))))
(test-equal #f (repeat 2000 (lambda () (s2 "abc" "ab"))))
(test-equal #t (repeat 2000 (lambda () (s3 "a" "a" "b"))))
(test-equal #t (repeat 2000 (lambda () (sci2 "Straße" "STRASSE"))))
(test-equal "" (repeat 2000 a0))
(test-equal "a" (repeat 2000 (lambda () (a1 "a"))))
(test-equal "ab" (repeat 2000 (lambda () (a2 "a" "b"))))
(test-equal "abc" (repeat 2000 (lambda () (a3 "a" "b" "c"))))
(test-equal 24 (repeat 2000 (lambda () (n3 2 3 4))))
(test-equal 6.0 (repeat 2000 (lambda () (n3 2.0 1.5 2))))
(test-equal '(1 2) (repeat 2000 (lambda () (l2 1 2))))

;; Non-tail calls.
(test-equal 'same (repeat 2000 (lambda () (nc2 #\a #\a))))
(test-equal 'different (repeat 2000 (lambda () (nc2 #\a #\b))))
(test-equal 'ordered (repeat 2000 (lambda () (nc3 "a" "b" "c"))))
(test-equal 'unordered (repeat 2000 (lambda () (nc3 "a" "c" "b"))))
(test-equal 3 (repeat 2000 (lambda () (na2 "ab" (string (integer->char #x1F600))))))
(test-equal (message (lambda () (char=? #\a "a"))) (repeat 2000 (lambda () (message (lambda () (nc2 #\a "a"))))))
(test-equal (message (lambda () (string-append "a" 5))) (repeat 2000 (lambda () (message (lambda () (na2 "a" 5))))))

;; Strings beyond the BMP: code points, not UTF-16 units.
(define smile (string (integer->char #x1F600)))
(test-equal 3 (repeat 2000 (lambda () (string-length (a2 smile "ab")))))
(test-equal (integer->char #x1F600) (string-ref (a2 "ab" smile) 2))
(test-equal #t (repeat 2000 (lambda () (s2 (a2 smile "x") (string (integer->char #x1F600) #\x)))))
(test-equal #f (s2 smile (string (integer->char #x1F601))))
(test-equal #t (string<? "a" smile))
;; A fresh string every time, never an argument.
(let* ((a (string #\a)) (r (a2 a "")))
  (test-assert (not (eq? r a)))
  (string-set! r 0 #\z)
  (test-equal "a" a))

;; The checks: every argument, whatever the count, with the same message.
(test-equal (message (lambda () (char=? #\a 1))) (repeat 2000 (lambda () (message (lambda () (c2 #\a 1))))))
(test-equal (message (lambda () (char=? 1 #\a))) (repeat 2000 (lambda () (message (lambda () (c2 1 #\a))))))
(test-assert (pair? (repeat 2000 (lambda () (message (lambda () (c3 #\b #\a 5))))))) ; answer known, last still checked
(test-assert (pair? (repeat 2000 (lambda () (message (lambda () (s2 "a" 'b)))))))
(test-assert (pair? (repeat 2000 (lambda () (message (lambda () (a2 "a" #\b)))))))
(test-equal (message (lambda () (string-append "a" 'b))) (message (lambda () (a2 "a" 'b))))
(test-assert (pair? (repeat 2000 (lambda () (message (lambda () (n3 1 'x 2)))))))

(test-end)
