;; A test suite in the style of third-party SRFI 64 suites: it uses only (scheme base) and
;; (srfi 64), the default (simple) test runner, nested groups with counts, an expected
;; failure and a skipped test. test/unit/srfi.test.ts runs it and checks the runner's report
;; exactly (so this file is .sps, not .scm: it does not print Kiln's "N passed" line).
(import (scheme base) (srfi 64))

(test-begin "kiln-srfi-64-suite")

(test-begin "lists" 4)
(define l (list 3 1 2))
(test-assert "list?" (list? l))
(test-eqv "length" 3 (length l))
(test-equal "reverse" '(2 1 3) (reverse l))
(test-group "assoc"
  (test-equal '(b . 2) (assq 'b '((a . 1) (b . 2))))
  (test-eq #f (assq 'c '((a . 1)))))
(test-end "lists")

(test-group "numbers"
  (test-eqv 4 (+ 2 2))
  (test-approximate "pi" 3.14159 (* 4 (atan 1)) 1e-5)
  (test-equal "exact" 1/3 (/ 1 3))
  (test-error "division by zero" #t (/ 1 0))
  (test-error (vector-ref (vector) 0)))

(test-group "strings"
  (test-equal "ABC" (string-upcase "abc"))
  ;; A known bug, recorded as an expected failure.
  (test-expect-fail "known-bug")
  (test-equal "known-bug" "xyz" (string-append "x" "y"))
  ;; Not applicable here.
  (test-skip "platform-specific")
  (test-assert "platform-specific" (car '()))
  (test-assert (string=? "a" (string #\a))))

(let ((port (open-output-string)))
  (test-group-with-cleanup "cleanup"
    (write-string "data" port)
    (test-equal "data" (get-output-string port))
    (close-port port))
  (test-assert "closed" (not (output-port-open? port))))

(test-end "kiln-srfi-64-suite")

;; A common ending: the exit status from the finished runner's counts.
(exit (zero? (test-runner-fail-count (test-runner-get))))
