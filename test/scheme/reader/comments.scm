(import (scheme base))
;; Comments of every kind, as seen from a program.
(test-begin "reader-comments")

; a line comment
(test-equal 3 (+ 1 ; comment inside an expression
                 2))
(test-equal 3 (+ 1 #| block comment |# 2))
(test-equal 3 (+ 1 #| outer #| nested |# still outer |# 2))
(test-equal 3 (+ 1 #| deeply #| nested #| three |# levels |# here |# 2))
#| a block comment
   spanning lines, containing ( unbalanced parens and "quotes
   and ; semicolons |#
(test-equal 10 (+ 1 #|#||#|# 9))
(test-equal '(1 4) (list 1 #;(2 3) 4))
(test-equal '(1 4) (list 1 #; (2 3) 4))
(test-equal '(1 4) (list 1 #;#;2 3 4))
(test-equal '(1 4) (list 1 #; #; 2 3 4))
(test-equal '(a) '(a #;b))
(test-equal '(a c) '(a #;(b #;c) c))
(test-equal '(a c) '(a #;#(1 2 3) c))
(test-equal '(a c) '(a #;"str)ing" c))
(test-equal '(a c) '(a #;#|x|# b c))
(test-equal '(a c) '(a #;
                        b c))
(test-equal "#| not a comment |#" "#| not a comment |#")
(test-equal "; not a comment" "; not a comment")
(test-equal 2 (length '(#\; #\#)))
(test-equal 5 #;(this is ignored) 5)
#;(test-assert "a datum comment removes a whole test" #f)
#|
(test-assert "a block comment removes a whole test" #f)
|#
(test-equal 'x '#| c |# x)

(test-end)
