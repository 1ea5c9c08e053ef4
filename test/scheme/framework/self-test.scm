(import (scheme base) (scheme write))
;; The test framework itself (src/lib/scheme/kiln-test.scm): which forms pass, which fail, and
;; what a failure prints.  Deliberate failures run inside a capturing port and are then taken
;; back out of the failure count.
(test-begin "framework")

(define (run-captured thunk)
  ;; -> (output-text . number-of-failures-it-recorded); the failures are uncounted again
  (let ((port (open-output-string))
        (before %test-failures)
        (passes-before %test-passes))
    (parameterize ((current-output-port port)) (thunk))
    (let ((recorded (- %test-failures before)))
      (set! %test-failures before)
      (set! %test-passes passes-before)
      (cons (get-output-string port) recorded))))

;; the passing forms
(test-assert #t)
(test-assert "named assert" 1)
(test-equal '(1 2) (list 1 2))
(test-equal "named equal" "ab" (string-append "a" "b"))
(test-eqv 2 (+ 1 1))
(test-eqv "named eqv" 1.5 (/ 3. 2))
(test-eq 'a 'a)
(test-eq "named eq" '() '())
(test-approximate 3.142857 (/ 22. 7) 1e-4)
(test-approximate "named approximate" 1 1.0001 .001)
(test-error (raise 'anything))
(test-error #t (raise 'anything))
(test-error "named error" (car '()))
(test-error "named error with predicate" symbol? (raise 'x))
(test-error error-object? (error "an error object"))
(test-error (lambda (e) (and (error-object? e) (equal? (error-object-irritants e) '(1 2)))) (error "m" 1 2))
(test-group "a nested group"
  (test-assert #t)
  (test-equal 1 1))

;; failures and what they print
(let ((r (run-captured (lambda () (test-equal 1 (+ 1 1))))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: (+ 1 1) expected: 1 got: 2\n" (car r)))
(let ((r (run-captured (lambda () (test-equal "my test" "a" "b")))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: my test expected: \"a\" got: \"b\"\n" (car r)))
(let ((r (run-captured (lambda () (test-assert #f)))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: #f expected: a true value got: #f\n" (car r)))
(let ((r (run-captured (lambda () (test-equal 1 (error "boom:" 'x "s" 42))))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: (error \"boom:\" 'x \"s\" 42) expected: 1 raised: boom: x \"s\" 42\n"
              (let ((text (car r)))
                ;; the quoted form may be written as (quote x) or 'x
                (if (string=? text "FAIL framework: (error \"boom:\" (quote x) \"s\" 42) expected: 1 raised: boom: x \"s\" 42\n")
                    "FAIL framework: (error \"boom:\" 'x \"s\" 42) expected: 1 raised: boom: x \"s\" 42\n"
                    text))))
(let ((r (run-captured (lambda () (test-assert "raises a symbol" (raise 'oops))))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: raises a symbol expected: a true value raised: oops\n" (car r)))
(let ((r (run-captured (lambda () (test-error "no error" (+ 1 2))))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL framework: no error expected: an exception to be raised got: 3\n" (car r)))
(let ((r (run-captured (lambda () (test-error "wrong kind" string? (raise 'sym))))))
  (test-equal 1 (cdr r)))
(let ((r (run-captured (lambda () (test-eqv 2 2.)))))
  (test-equal 1 (cdr r)))
(let ((r (run-captured (lambda () (test-eq (list 1) (list 1))))))
  (test-equal 1 (cdr r)))
(let ((r (run-captured (lambda () (test-approximate 1 1.1 .01)))))
  (test-equal 1 (cdr r)))
(let ((r (run-captured (lambda () (test-approximate 1 'not-a-number .01)))))
  (test-equal 1 (cdr r)))
(let ((r (run-captured (lambda () (test-begin "inner") (test-assert #f) (test-end "inner")))))
  (test-equal 1 (cdr r))
  (test-equal "FAIL inner: #f expected: a true value got: #f\n" (car r)))

;; a failing or raising test does not stop the following ones
(let ((r (run-captured (lambda ()
                         (test-equal 1 (car '()))
                         (test-assert (vector-ref (vector) 1))
                         (test-equal 2 2)))))
  (test-equal 2 (cdr r)))

;; expressions are evaluated once
(let ((n 0))
  (test-equal 1 (begin (set! n (+ n 1)) n))
  (test-equal 1 n))

(test-end)
