;; hello.scm -- the smallest Kiln program.
;;   node bin/kiln.js examples/hello.scm [name]
(import (scheme base) (scheme write) (scheme process-context))

(define who
  (let ((args (command-line)))
    (if (and (pair? args) (pair? (cdr args))) (cadr args) "world")))

(display "Hello, ")
(display who)
(display "!")
(newline)
