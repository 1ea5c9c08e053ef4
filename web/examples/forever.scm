;; forever.scm -- a loop that never ends: press Stop.
(import (scheme base) (scheme write))

(let loop ((i 0))
  (when (= 0 (remainder i 10000000))
    (display "still going: ") (display i) (newline))
  (loop (+ i 1)))
