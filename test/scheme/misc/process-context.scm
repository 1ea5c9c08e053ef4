(import (scheme base) (scheme process-context))
;; (scheme process-context), except exit (tested from the command line).
(test-begin "misc-process-context")

(test-assert (list? (command-line)))
(test-assert (pair? (command-line)))
(test-assert (string? (car (command-line))))
(test-assert (let loop ((l (command-line))) (or (null? l) (and (string? (car l)) (loop (cdr l))))))
(test-equal #f (get-environment-variable "KILN_SURELY_NOT_SET_4711"))
(test-assert (list? (get-environment-variables)))
(test-assert (let loop ((l (get-environment-variables)))
               (or (null? l)
                   (and (pair? (car l)) (string? (caar l)) (string? (cdar l)) (loop (cdr l))))))
(test-assert (procedure? exit))
(test-assert (procedure? emergency-exit))

(test-end)
