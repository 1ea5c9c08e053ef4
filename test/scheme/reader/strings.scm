(import (scheme base))
;; String literals and their escapes, including line continuations.
(test-begin "reader-strings")

;; strings and their escapes
(test-equal 3 (string-length "abc"))
(test-equal 0 (string-length ""))
(test-equal '(#\a #\newline #\b) (string->list "a\nb"))
(test-equal '(#\tab) (string->list "\t"))
(test-equal '(#\return) (string->list "\r"))
(test-equal '(#\alarm) (string->list "\a"))
(test-equal '(#\backspace) (string->list "\b"))
(test-equal '(#\") (string->list "\""))
(test-equal '(#\\) (string->list "\\"))
(test-equal '(#\|) (string->list "\|"))
(test-equal '(#\λ) (string->list "\x3bb;"))
(test-equal '(#\λ #\x) (string->list "\x3bb;x"))
(test-equal '(#\A #\B) (string->list "\x41;\x42;"))
(test-equal "A" "\x41;")
(test-equal "aAb" "a\x41;b")
(test-equal '(#\x1F600) (string->list "\x1F600;"))
(test-equal 1 (string-length "\x1F600;"))
(test-equal "abcdef" "abc\
                      def")
(test-equal "abc def" "abc \
                       def")
(test-equal "line1\nline2" "line1
line2")
(test-equal "a;b" "a;b")
(test-equal "(" "(")
(test-equal 10 (char->integer (string-ref "\n" 0)))

(test-end)
