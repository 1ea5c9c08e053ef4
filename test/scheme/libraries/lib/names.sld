;; Several plain exports, for only / except / prefix / rename import sets.
(define-library (lib names)
  (export alpha beta gamma delta swap-me swap-you)
  (import (scheme base))
  (begin
    (define alpha 'a)
    (define beta 'b)
    (define gamma 'g)
    (define delta 'd)
    (define swap-me 'me)
    (define swap-you 'you)))
