(import (scheme base) (scheme write))
;; if, cond, case, and, or, when, unless (R7RS 4.1.5, 4.2.1).
(test-begin "derived-conditionals")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

;; if
(test-equal 'yes (if (> 3 2) 'yes 'no))
(test-equal 'no (if (> 2 3) 'yes 'no))
(test-equal 1 (if (> 3 2) (- 3 2) (+ 3 2)))
(test-equal 'true (if '() 'true 'false))
(test-equal 'true (if 0 'true 'false))
(test-equal 'true (if "" 'true 'false))
(test-equal 'false (if #f 'true 'false))
(test-equal "" (output-of (lambda () (if #f (display "x")))))

;; cond
(test-equal 'greater (cond ((> 3 2) 'greater) ((< 3 2) 'less)))
(test-equal 'equal (cond ((> 3 3) 'greater) ((< 3 3) 'less) (else 'equal)))
(test-equal 2 (cond ((assv 'b '((a 1) (b 2))) => cadr) (else #f)))
(test-equal #f (cond ((assv 'z '((a 1) (b 2))) => cadr) (else #f)))
(test-equal 3 (cond (#f 1) (3)))
(test-equal '(b c) (cond ((memq 'b '(a b c)))))
(test-equal 3 (cond (#f 1) (else 2 3)))
(test-equal "ab" (output-of (lambda () (cond (#t (display "a") (display "b")) (else (display "c"))))))
(test-equal 'second (cond ((= 1 2) 'first) ((= 2 2) 'second) ((= 3 3) 'third)))
(test-equal 11 (cond (10 => (lambda (x) (+ x 1)))))
(test-equal '(1 2) (call-with-values (lambda () (cond (#t (values 1 2)))) list))
(test-equal '(3 4) (call-with-values (lambda () (cond (5 => (lambda (x) (values 3 4))))) list))
(test-equal 'no-side-effects
  (let ((n 0))
    (cond ((begin (set! n (+ n 1)) #f) 'a)
          ((begin (set! n (+ n 1)) #t) 'b)
          ((begin (set! n (+ n 1)) #t) 'c))
    (if (= n 2) 'no-side-effects n)))

;; case
(test-equal 'composite (case (* 2 3) ((2 3 5 7) 'prime) ((1 4 6 8 9) 'composite)))
(test-equal 'c (case (car '(c d)) ((a e i o u) 'vowel) ((w y) 'semivowel) (else => (lambda (x) x))))
(test-equal 'vowel (case 'e ((a e i o u) 'vowel) ((w y) 'semivowel) (else 'consonant)))
(test-equal 'consonant (case 'z ((a e i o u) 'vowel) ((w y) 'semivowel) (else 'consonant)))
(test-equal 4 (case 3 ((1 2) 'small) ((3 4) => (lambda (x) (+ x 1))) (else 'big)))
(test-equal 'char (case #\a ((#\a #\b) 'char) (else 'other)))
(test-equal 'empty (case '() ((()) 'empty) (else 'other)))
(test-equal 'bool (case #f ((#t #f) 'bool) (else 'other)))
(test-equal 'other (case "a" ((1) 'one) (else 'other)))
(test-equal 'big (case (expt 10 30) ((1000000000000000000000000000000) 'big) (else 'other)))
(test-equal 'inexact (case 2.5 ((2.5) 'inexact) (else 'other)))
(test-equal 'no-match-exactness (case 2.0 ((2) 'exact-two) (else 'no-match-exactness)))
(test-equal 'x (case 'x ((a) 1) (else => (lambda (v) v))))
(test-equal 2 (case 1 ((1) 1 2)))
(test-equal "b" (output-of (lambda () (case 2 ((1) (display "a")) ((2) (display "b")) (else (display "c"))))))
(test-equal 1 (let ((n 0)) (case (begin (set! n (+ n 1)) 'k) ((a) 'a) ((b) 'b) (else n))))

;; and
(test-equal #t (and (= 2 2) (> 2 1)))
(test-equal #f (and (= 2 2) (< 2 1)))
(test-equal '(f g) (and 1 2 'c '(f g)))
(test-equal #t (and))
(test-equal 5 (and 5))
(test-equal #f (and #f (car '())))
(test-equal '(1 2) (call-with-values (lambda () (and #t (values 1 2))) list))

;; or
(test-equal #t (or (= 2 2) (> 2 1)))
(test-equal #t (or (= 2 2) (< 2 1)))
(test-equal #f (or #f #f #f))
(test-equal #f (or))
(test-equal '(b c) (or (memq 'b '(a b c)) (/ 3 0)))
(test-equal 5 (or #f 5 (car '())))
(test-equal '(1 2) (call-with-values (lambda () (or #f (values 1 2))) list))

;; when and unless
(test-equal "12" (output-of (lambda () (when (= 1 1.0) (display "1") (display "2")))))
(test-equal "" (output-of (lambda () (unless (= 1 1.0) (display "1") (display "2")))))
(test-equal "" (output-of (lambda () (when #f (display "x")))))
(test-equal "xy" (output-of (lambda () (unless #f (display "x") (display "y")))))
(test-equal 3 (let ((n 0)) (when (> 1 0) (set! n (+ n 1)) (set! n (+ n 2))) n))
(test-equal 0 (let ((n 0)) (unless (> 1 0) (set! n (+ n 1))) n))

(test-end)
