(import (scheme base) (srfi 23))
;; SRFI 23, error (R7RS's, re-exported): message and irritants reach the handler.
(test-begin "srfi-23")

(define (catch thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (thunk)))
(test-equal '("bad thing" 1 "two" (3)) (catch (lambda () (error "bad thing" 1 "two" '(3)))))
(test-equal '("no irritants") (catch (lambda () (error "no irritants"))))
(test-error (error "raised"))
(test-assert (guard (e (#t (error-object? e))) (error "x")))

(test-end)
