(import (scheme base) (scheme char))
;; The #!fold-case and #!no-fold-case directives.
(test-begin "reader-fold-case")

(define Hello 1)
(test-assert (not (eq? 'ABC 'abc)))
(test-equal "Hello" (symbol->string 'Hello))

#!fold-case
(test-eq 'abc 'ABC)
(test-equal "hello" (symbol->string 'Hello))
(test-equal "hello" (symbol->string 'HELLO))
(DEFINE (Twice X) (* 2 x))
(test-equal 10 (TWICE 5))
(test-equal 10 (twice 5))
(test-eqv #\a (STRING-REF "a" 0))
(test-equal "MiXeD" "MiXeD")
(test-eqv #\A #\A)
(test-assert (not (char=? #\A #\a)))
(test-eqv 32 (char->integer #\SPACE))
(test-eqv 10 (char->integer #\NewLine))
(test-equal "Sym" (symbol->string '|Sym|))
(test-eqv 255 #XFF)

#!no-fold-case
(test-assert (not (eq? 'abc 'ABC)))
(test-equal "Hello" (symbol->string 'Hello))
(test-equal 1 Hello)
(test-equal 10 (twice 5))

(test-end)
