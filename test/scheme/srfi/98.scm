(import (scheme base) (srfi 98))
;; SRFI 98, environment variables. Values differ between machines, so this checks shapes
;; and consistency rather than particular variables.
(test-begin "srfi-98")

(test-equal #f (get-environment-variable "KILN_SURELY_UNSET_VARIABLE_4711"))
(define all (get-environment-variables))
(test-assert (list? all))
(test-assert (let loop ((l all))
               (or (null? l)
                   (and (pair? (car l)) (string? (caar l)) (string? (cdar l)) (loop (cdr l))))))
;; Every listed variable reads back with the same value.
(test-assert (let loop ((l all))
               (or (null? l)
                   (and (equal? (cdar l) (get-environment-variable (caar l))) (loop (cdr l))))))

(test-end)
