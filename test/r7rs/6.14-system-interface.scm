(import (scheme base) (scheme load) (scheme file) (scheme process-context) (scheme time)
        (scheme eval) (scheme repl) (scheme write))
;; R7RS 6.14 System interface: load, file-exists?, delete-file, command-line, exit,
;; emergency-exit, get-environment-variable(s), current-second, current-jiffy,
;; jiffies-per-second, features.  (exit is checked in a child-free way: only its presence, since
;; it ends the program; file-exists? and delete-file are also in 6.13.1-file-ports.scm.)
(test-begin "6.14 system interface")

;; files next to this one, found from the program name in (command-line)
(define here
  (let* ((prog (car (command-line)))
         (slash (let loop ((i (- (string-length prog) 1)))
                  (cond ((< i 0) #f) ((char=? (string-ref prog i) #\/) i) (else (loop (- i 1)))))))
    (if slash (substring prog 0 (+ slash 1)) "")))
(define (near name) (string-append here name))

(test-group "load"
  (test-assert "load returns" (begin (load (near "data/load-me.inc")) #t))
  (test-eq "definitions from the loaded file are in the interaction environment" 'from-load
    (eval 'loaded-value (interaction-environment)))
  (test-eqv "procedures from the loaded file" 12 (eval '(loaded-procedure 4) (interaction-environment)))
  (test-assert "load with an environment specifier"
    (begin (load (near "data/load-me.inc") (interaction-environment)) #t))
  (test-error "load of a missing file" (load (near "data/no-such-file.scm")))
  (test-error "load of a non-string" (load 'file)))

(test-group "file-exists? delete-file"
  (test-eq #t (file-exists? (near "6.14-system-interface.scm")))
  (test-eq #f (file-exists? (near "no-such-file.scm")))
  (test-error "delete-file of a missing file" file-error? (delete-file (near "no-such-file.scm"))))

(test-group "command-line"
  (test-assert "a list of strings"
    (let ((cl (command-line))) (and (pair? cl) (list? cl) (let loop ((l cl)) (or (null? l) (and (string? (car l)) (loop (cdr l))))))))
  (test-assert "the first element names the program"
    (let ((s (car (command-line))))
      (and (>= (string-length s) 4) (string=? ".scm" (substring s (- (string-length s) 4) (string-length s)))))))

(test-group "exit and emergency-exit"
  (test-assert (procedure? exit))
  (test-assert (procedure? emergency-exit)))

(test-group "environment variables"
  (test-assert "PATH is set to a string" (string? (get-environment-variable "PATH")))
  (test-eq "an unset variable" #f (get-environment-variable "KILN_R7RS_SURELY_UNSET_VARIABLE_12345"))
  (test-assert "get-environment-variables is an alist of strings"
    (let loop ((l (get-environment-variables)))
      (or (null? l) (and (string? (caar l)) (string? (cdar l)) (loop (cdr l))))))
  (test-equal "it agrees with get-environment-variable" (get-environment-variable "PATH")
    (cdr (assoc "PATH" (get-environment-variables))))
  (test-error "get-environment-variable of a non-string" (get-environment-variable 'PATH)))

(test-group "time"
  (test-assert "current-second is inexact" (inexact? (current-second)))
  (test-assert "current-second is after 2020" (> (current-second) 1577836800.))
  (test-assert "current-jiffy is an exact integer" (exact-integer? (current-jiffy)))
  (test-assert "jiffies-per-second is an exact positive integer"
    (and (exact-integer? (jiffies-per-second)) (positive? (jiffies-per-second))))
  (test-assert "jiffies do not go backwards" (let* ((a (current-jiffy)) (b (current-jiffy))) (<= a b)))
  (define (time-length)
    (let ((list (make-list 100000))
          (start (current-jiffy)))
      (length list)
      (/ (- (current-jiffy) start)
         (jiffies-per-second))))
  (test-assert "the report's time-length example returns a non-negative exact rational"
    (let ((t (time-length))) (and (exact? t) (>= t 0)))))

(test-group "features"
  (test-assert "a list of symbols"
    (let loop ((l (features))) (or (null? l) (and (symbol? (car l)) (loop (cdr l))))))
  (test-assert "r7rs is a feature" (memq 'r7rs (features)))
  (test-assert "every listed feature satisfies cond-expand (checked through eval)"
    (let loop ((l (features)))
      (or (null? l)
          (and (eval `(cond-expand (,(car l) #t) (else #f)) (environment '(scheme base)))
               (loop (cdr l)))))))

(test-end)
