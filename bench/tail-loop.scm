;; tail-loop: a named-let loop of N iterations (default 20,000,000; the first command-line
;; argument overrides it).
(import (scheme base) (scheme write) (scheme process-context))
(define n
  (let ((args (command-line)))
    (if (and (pair? args) (pair? (cdr args)) (string->number (cadr args)))
        (string->number (cadr args))
        20000000)))

(define (count-to limit)
  (let loop ((i 0) (acc 0))
    (if (= i limit)
        acc
        (loop (+ i 1) (+ acc 2)))))

(display (count-to n))
(newline)
