(import (scheme base) (scheme time) (scheme process-context) (scheme inexact))
;; (scheme time) and (scheme process-context) (R7RS 6.14), except exit and emergency-exit,
;; which end the program (test/harness/stdin.test.ts runs them from the command line).
(test-begin "io-system")

;; ---- (scheme time)
(test-assert (real? (current-second)))
(test-assert "current-second is inexact" (inexact? (current-second)))
(test-assert "current-second counts from 1970" (> (current-second) 1.5e9))
(test-assert (exact-integer? (current-jiffy)))
(test-assert (exact-integer? (jiffies-per-second)))
(test-assert (positive? (jiffies-per-second)))
(test-assert (>= (current-jiffy) 0))
(test-assert "current-jiffy never goes back"
  (let loop ((i 0) (last (current-jiffy)))
    (or (= i 1000)
        (let ((now (current-jiffy)))
          (and (>= now last) (loop (+ i 1) now))))))
(test-assert "jiffies measure elapsed time"
  (let* ((start (current-jiffy)) (s0 (current-second)))
    (let spin () (when (< (- (current-second) s0) 0.02) (spin)))
    (let ((elapsed (/ (- (current-jiffy) start) (jiffies-per-second))))
      (and (> elapsed 0.01) (< elapsed 10)))))
(test-assert "current-second agrees with itself"
  (let ((a (current-second)) (b (current-second))) (<= 0 (- b a) 1)))

;; ---- (scheme process-context)
(test-assert (list? (command-line)))
(test-assert (pair? (command-line)))
(test-assert "the program name comes first"
  (let ((name (car (command-line))))
    (and (string? name)
         (>= (string-length name) 10)
         (string=? "system.scm" (substring name (- (string-length name) 10) (string-length name))))))
(test-assert (string? (get-environment-variable "PATH")))
(test-equal #f (get-environment-variable "KILN_IO_SURELY_NOT_SET_31337"))
(test-assert (list? (get-environment-variables)))
(test-assert "every variable is a pair of strings"
  (let loop ((l (get-environment-variables)))
    (or (null? l) (and (pair? (car l)) (string? (caar l)) (string? (cdar l)) (loop (cdr l))))))
(test-assert "get-environment-variable agrees with get-environment-variables"
  (let ((entry (assoc "PATH" (get-environment-variables))))
    (and entry (equal? (cdr entry) (get-environment-variable "PATH")))))
(test-error (get-environment-variable 'PATH))
(test-equal #f (get-environment-variable "constructor"))
(test-equal #f (get-environment-variable "toString"))
(test-assert (procedure? exit))
(test-assert (procedure? emergency-exit))

(test-end)
