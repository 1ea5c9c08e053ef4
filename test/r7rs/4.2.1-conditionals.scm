(import (scheme base) (scheme write) (scheme char))
;; R7RS 4.2.1 Conditionals: cond, case, and, or, when, unless, cond-expand.
(test-begin "4.2.1 conditionals")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

;; ---- cond ---------------------------------------------------------------------------------
(test-group "cond"
  (test-eq 'greater
    (cond ((> 3 2) 'greater)
          ((< 3 2) 'less)))
  (test-eq 'equal
    (cond ((> 3 3) 'greater)
          ((< 3 3) 'less)
          (else 'equal)))
  (test-eqv 2
    (cond ((assv 'b '((a 1) (b 2))) => cadr)
          (else #f)))
  (test-eqv "a clause with only a test returns the test's value" 7 (cond (#f 1) (7) (else 2)))
  (test-equal "test-only clause with a list value" '(b c) (cond ((memq 'b '(a b c))) (else 'no)))
  (test-eq "the expressions are evaluated in order, last one returned" 'last
    (cond (#t 'first 'second 'last)))
  (test-eq "else with several expressions" 'c (cond (#f 'no) (else 'a 'b 'c)))
  (test-eq "later clauses are not evaluated" 'first
    (cond (#t 'first) ((car '()) 'never)))
  (test-eq "tests after the true one are not evaluated" 'ok
    (let ((evaluated #f))
      (cond ((= 1 1) 'x) ((begin (set! evaluated #t) #t) 'y))
      (if evaluated 'bad 'ok)))
  (test-eqv "=> receives the test value" 3 (cond ((+ 1 2) => (lambda (x) x)) (else 0)))
  (test-equal "=> result can be multiple values" '(1 2)
    (call-with-values (lambda () (cond (#t => (lambda (x) (values 1 2))))) list))
  (test-eq "cond with all tests false and else" 'else (cond (#f 1) (#f 2) (else 'else)))
  (test-equal "cond returns multiple values" '(a b)
    (call-with-values (lambda () (cond ((= 1 1) (values 'a 'b)))) list))
  (test-eq "cond recognises => hygienically (4.3.2)" 'ok
    (let ((=> #f))
      (cond (#t => 'ok))))
  (test-eq "a locally bound else is not the else keyword" 'not-else
    (let ((else #f))
      (cond (else 'else-taken) (#t 'not-else))))
  (test-error "=> with a non-procedure" (cond (1 => 5))))

;; ---- case ---------------------------------------------------------------------------------
(test-group "case"
  (test-eq 'composite
    (case (* 2 3)
      ((2 3 5 7) 'prime)
      ((1 4 6 8 9) 'composite)))
  (test-assert "case with no matching clause and no else: unspecified"
    (begin (case (car '(c d))
             ((a) 'a)
             ((b) 'b))
           #t))
  (test-eq 'c
    (case (car '(c d))
      ((a e i o u) 'vowel)
      ((w y) 'semivowel)
      (else => (lambda (x) x))))
  (test-eq "case compares with eqv?: characters" 'vowel
    (case #\e ((#\a #\e #\i) 'vowel) (else 'consonant)))
  (test-eq "case compares with eqv?: symbols" 'b (case 'y ((x) 'a) ((y z) 'b) (else 'c)))
  (test-eq "case compares with eqv?: empty list" 'empty (case '() ((()) 'empty) (else 'other)))
  (test-eq "case compares with eqv?: booleans" 'false (case #f ((#t) 'true) ((#f) 'false)))
  (test-eq "case: exact 1 does not match inexact 1.0" 'other (case 1.0 ((1) 'one) (else 'other)))
  (test-eq "case: inexact datum matches eqv? inexact" 'one-point-0 (case 1.0 ((1.0) 'one-point-0) (else 'other)))
  (test-eq "case: strings are not eqv? to fresh strings" 'other
    (case (string #\a) (("a") 'a) (else 'other)))
  (test-eq "case with else" 'other (case 99 ((1) 'one) (else 'other)))
  (test-eqv "case clause with several expressions" 3 (case 1 ((1) 1 2 3)))
  (test-equal "clause with =>" '(1 one)
    (case 1 ((1) => (lambda (x) (list x 'one))) (else 'other)))
  (test-eq "key is evaluated once" 1
    (let ((n 0)) (case (begin (set! n (+ n 1)) n) ((5) 'five) ((6) 'six) (else #f)) n))
  (test-equal "case returns multiple values" '(x y)
    (call-with-values (lambda () (case 'k ((k) (values 'x 'y)))) list))
  (test-eq "an empty datum list never matches" 'else (case 'a (() 'never) (else 'else))))

;; ---- and ----------------------------------------------------------------------------------
(test-group "and"
  (test-eq #t (and (= 2 2) (> 2 1)))
  (test-eq #f (and (= 2 2) (< 2 1)))
  (test-equal '(f g) (and 1 2 'c '(f g)))
  (test-eq #t (and))
  (test-eqv "and with one expression" 5 (and 5))
  (test-eq "stops at the first false value" #f (and #f (car '())))
  (test-equal "returns the values of the last expression" '(1 2)
    (call-with-values (lambda () (and #t (values 1 2))) list))
  (test-eq "'() is a true value" '() (and 1 '())))

;; ---- or -----------------------------------------------------------------------------------
(test-group "or"
  (test-eq #t (or (= 2 2) (> 2 1)))
  (test-eq #t (or (= 2 2) (< 2 1)))
  (test-eq #f (or #f #f #f))
  (test-equal '(b c) (or (memq 'b '(a b c))
                         (/ 3 0)))
  (test-eq #f (or))
  (test-eqv "or with one expression" 5 (or 5))
  (test-eqv "returns the first true value" 2 (or #f 2 3))
  (test-equal "returns the values of the last expression" '(1 2)
    (call-with-values (lambda () (or #f (values 1 2))) list))
  (test-eq "the last expression is in tail position" 'done
    (let loop ((n 100000)) (or (and (= n 0) 'done) (loop (- n 1))))))

;; ---- when, unless -------------------------------------------------------------------------
(test-group "when and unless"
  (test-equal "12"
    (output-of (lambda ()
                 (when (= 1 1.0)
                   (display "1")
                   (display "2")))))
  (test-equal ""
    (output-of (lambda ()
                 (unless (= 1 1.0)
                   (display "1")
                   (display "2")))))
  (test-equal "when with a false test prints nothing" ""
    (output-of (lambda () (when #f (display "x")))))
  (test-equal "unless with a false test runs the body" "34"
    (output-of (lambda () (unless #f (display "3") (display "4")))))
  (test-eq "when returns the last value when the test is true (in practice)" 'last
    (when #t 'first 'last))
  (test-eq "unless returns the last value when the test is false (in practice)" 'last
    (unless #f 'first 'last)))

;; ---- cond-expand --------------------------------------------------------------------------
(test-group "cond-expand"
  (test-eq "r7rs is a feature" 'yes (cond-expand (r7rs 'yes) (else 'no)))
  (test-eq "else clause" 'else (cond-expand (this-feature-does-not-exist 'no) (else 'else)))
  (test-eq "and of features" 'yes (cond-expand ((and r7rs) 'yes) (else 'no)))
  (test-eq "empty and is true" 'yes (cond-expand ((and) 'yes) (else 'no)))
  (test-eq "empty or is false" 'no (cond-expand ((or) 'yes) (else 'no)))
  (test-eq "or of features" 'yes (cond-expand ((or no-such-feature r7rs) 'yes) (else 'no)))
  (test-eq "not of a missing feature" 'yes (cond-expand ((not no-such-feature) 'yes) (else 'no)))
  (test-eq "not of a present feature" 'no (cond-expand ((not r7rs) 'yes) (else 'no)))
  (test-eq "nested requirements" 'yes
    (cond-expand ((and (or no-such-feature r7rs) (not (and r7rs no-such-feature))) 'yes) (else 'no)))
  (test-eq "library requirement: (scheme base)" 'yes
    (cond-expand ((library (scheme base)) 'yes) (else 'no)))
  (test-eq "library requirement: a missing library" 'no
    (cond-expand ((library (no such library)) 'yes) (else 'no)))
  (test-eq "the first true clause is taken" 'first
    (cond-expand (r7rs 'first) ((not no-such-feature) 'second) (else 'third)))
  (test-eqv "several expressions, expanded to a begin" 3 (cond-expand (r7rs 1 2 3)))
  (test-assert "every feature in (features) is true in cond-expand"
    (let loop ((fs (features)))
      (or (null? fs)
          (and (symbol? (car fs)) (loop (cdr fs))))))
  (test-assert "features includes r7rs" (memq 'r7rs (features)))
  (test-eq "a feature from (features) satisfies cond-expand" 'yes
    (cond-expand (full-unicode 'yes) (else (if (memq 'full-unicode (features)) 'no 'yes)))))

;; cond-expand at top level, expanding to definitions
(cond-expand
  ((not r7rs) (define cond-expand-defined 'wrong))
  (else (define cond-expand-defined 'right)))
(test-eq "cond-expand at top level defines" 'right cond-expand-defined)

(test-end)
