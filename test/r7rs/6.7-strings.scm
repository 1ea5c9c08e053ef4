(import (scheme base) (scheme char))
;; R7RS 6.7 Strings.
(test-begin "6.7 strings")

(test-group "string literals"
  (test-equal "The word \"recursion\" has many meanings."
    (string-append "The word " (string #\") "recursion" (string #\") " has many meanings."))
  (test-equal "Another example:\ntwo lines of text"
    (string-append "Another example:" (string #\newline) "two lines of text"))
  (test-equal "Here's text \
       containing just one line"
    "Here's text containing just one line")
  (test-equal "\x03B1; is named GREEK SMALL LETTER ALPHA."
    (string-append (string (integer->char #x3B1)) " is named GREEK SMALL LETTER ALPHA."))
  (test-equal "\\a" (string #\alarm) "\a")
  (test-equal "\\b" (string #\backspace) "\b")
  (test-equal "\\t" (string #\tab) "\t")
  (test-equal "\\n" (string #\newline) "\n")
  (test-equal "\\r" (string #\return) "\r")
  (test-equal "\\\"" (string #\") "\"")
  (test-equal "\\\\" (string #\\) "\\")
  (test-equal "\\|" (string #\|) "\|")
  (test-equal "\\x41;" "A" "\x41;")
  (test-equal "a hex escape beyond the BMP" 1 (string-length "\x1F600;"))
  (test-equal "a literal line ending is a newline" (string #\a #\newline #\b) "a
b")
  (test-equal "line continuation with whitespace before the line ending" "ab" "a\   
     b")
  (test-eqv "string length counts characters" 3 (string-length "λμν"))
  (test-eqv "#\\null is allowed in strings" 0 (char->integer (string-ref (string #\null) 0))))

(test-group "string? make-string string string-length"
  (test-eq #t (string? ""))
  (test-eq #t (string? "abc"))
  (test-eq #f (string? #\a))
  (test-eq #f (string? 'abc))
  (test-equal "***" (make-string 3 #\*))
  (test-eqv 3 (string-length (make-string 3)))
  (test-equal "" (make-string 0 #\a))
  (test-equal "abc" (string #\a #\b #\c))
  (test-equal "" (string))
  (test-eqv 0 (string-length ""))
  (test-eqv 3 (string-length "abc"))
  (test-eqv 1 (string-length "\x1F600;"))
  (test-error "make-string with a negative length" (make-string -1))
  (test-error "make-string with a non-character fill" (make-string 2 "a"))
  (test-error "string of a non-character" (string #\a "b"))
  (test-error "string-length of a non-string" (string-length 'abc)))

(test-group "string-ref string-set!"
  (test-eqv #\b (string-ref "abc" 1))
  (test-eqv #\x1F600 (string-ref "a\x1F600;b" 1))
  (test-eqv #\b (string-ref "a\x1F600;b" 2))
  (test-error "string-ref past the end" (string-ref "abc" 3))
  (test-error "string-ref with a negative index" (string-ref "abc" -1))
  (test-error "string-ref with an inexact index" (string-ref "abc" 1.0))
  (define (f) (make-string 3 #\*))
  (define (g) "***")
  (test-assert "(string-set! (f) 0 #\\?) is allowed" (begin (string-set! (f) 0 #\?) #t))
  (test-error "(string-set! (g) 0 #\\?) is an error" (string-set! (g) 0 #\?))
  (test-error "(string-set! (symbol->string 'immutable) 0 #\\?) is an error"
    (string-set! (symbol->string 'immutable)
                 0
                 #\?))
  (test-equal "a?c" (let ((s (string-copy "abc"))) (string-set! s 1 #\?) s))
  (test-equal "string-set! of a character beyond the BMP" "a\x1F600;c"
    (let ((s (make-string 3 #\a))) (string-set! s 1 #\x1F600) (string-set! s 2 #\c) s))
  (test-error "string-set! past the end" (string-set! (make-string 2 #\a) 2 #\b))
  (test-error "string-set! of a non-character" (string-set! (make-string 2 #\a) 0 "b")))

(define (filter-true l) (cond ((null? l) '()) ((car l) (cons #t (filter-true (cdr l)))) (else (filter-true (cdr l)))))

(test-group "comparisons"
  (test-eq #t (string=? "abc" "abc"))
  (test-eq #f (string=? "abc" "abd"))
  (test-eq #f (string=? "abc" "ab"))
  (test-eq #t (string=? "" ""))
  (test-eq #t (string=? "a" "a" "a"))
  (test-eq #f (string=? "a" "a" "b"))
  (test-eq #t (string<? "abc" "abd"))
  (test-eq #t (string<? "ab" "abc"))
  (test-eq #f (string<? "abc" "ab"))
  (test-eq #f (string<? "abc" "abc"))
  (test-eq #t (string<? "a" "b" "c"))
  (test-eq #f (string<? "a" "c" "b"))
  (test-eq #t (string>? "b" "a"))
  (test-eq #t (string>? "abc" "ab"))
  (test-eq #t (string<=? "a" "a" "b"))
  (test-eq #f (string<=? "b" "a"))
  (test-eq #t (string>=? "b" "b" "a"))
  (test-eq #f (string>=? "a" "b"))
  (test-eq "exactly one of <, =, > holds" #t
    (let loop ((pairs '(("a" . "b") ("b" . "a") ("a" . "a") ("" . "a") ("abc" . "abd") ("Z" . "a"))))
      (or (null? pairs)
          (let ((a (caar pairs)) (b (cdar pairs)))
            (and (= 1 (length (filter-true (list (string<? a b) (string=? a b) (string>? a b)))))
                 (eq? (string<=? a b) (not (string>? a b)))
                 (eq? (string>=? a b) (not (string<? a b)))
                 (loop (cdr pairs)))))))
  (test-eq #t (string-ci=? "abc" "ABC"))
  (test-eq #t (string-ci=? "Straße" "STRASSE"))
  (test-eq #f (string-ci=? "abc" "abd"))
  (test-eq #t (string-ci=? "a" "A" "a"))
  (test-eq #t (string-ci<? "abc" "ABD"))
  (test-eq #f (string-ci<? "ABC" "abc"))
  (test-eq #t (string-ci>? "ABD" "abc"))
  (test-eq #t (string-ci<=? "abc" "ABC" "abd"))
  (test-eq #t (string-ci>=? "ABC" "abc" "ABB"))
  (test-eq #f (string-ci>=? "abc" "abd"))
  (test-error "string=? of a non-string" (string=? "a" 'a))
  (test-error "string<? of a non-string" (string<? "a" #\a)))

(test-group "string-upcase string-downcase string-foldcase"
  (test-equal "ABC" (string-upcase "abc"))
  (test-equal "ABC1!" (string-upcase "aBc1!"))
  (test-equal "abc" (string-downcase "ABC"))
  (test-equal "abc" (string-foldcase "AbC"))
  (test-equal "" (string-upcase ""))
  (test-equal "the result can be longer: sharp s" "STRASSE" (string-upcase "straße"))
  (test-equal "sharp s folds to ss" "strasse" (string-foldcase "Straße"))
  (test-equal "Greek" "ΛΑΜΒΔΑ" (string-upcase "λαμβδα"))
  (test-assert "downcasing a capital sigma gives sigma or final sigma at the end"
    (member (string-downcase "\x39F;\x394;\x39F;\x3A3;") '("\x3BF;\x3B4;\x3BF;\x3C3;" "\x3BF;\x3B4;\x3BF;\x3C2;")))
  (test-assert "string-upcase returns a string equal to its argument or a new one"
    (string=? "ABC" (string-upcase "ABC")))
  (test-error "string-upcase of a non-string" (string-upcase #\a)))

(test-group "substring string-append"
  (test-equal "bc" (substring "abcd" 1 3))
  (test-equal "" (substring "abcd" 2 2))
  (test-equal "abcd" (substring "abcd" 0 4))
  (test-equal "\x1F600;b" (substring "a\x1F600;bc" 1 3))
  (test-error "substring with end before start" (substring "abcd" 3 2))
  (test-error "substring past the end" (substring "abcd" 2 5))
  (test-equal "abcdef" (string-append "ab" "cd" "ef"))
  (test-equal "" (string-append))
  (test-equal "abc" (string-append "abc"))
  (test-equal "string-append returns a new string" "ab"
    (let* ((s (string #\a #\b)) (r (string-append s))) (string-set! r 0 #\z) s))
  (test-error "string-append of a non-string" (string-append "a" #\b)))

(test-group "string->list list->string"
  (test-equal '(#\a #\b #\c) (string->list "abc"))
  (test-equal '(#\b #\c) (string->list "abc" 1))
  (test-equal '(#\b) (string->list "abc" 1 2))
  (test-equal '() (string->list ""))
  (test-equal '() (string->list "abc" 3))
  (test-equal "abc" (list->string '(#\a #\b #\c)))
  (test-equal "" (list->string '()))
  (test-equal "inverses" "hello" (list->string (string->list "hello")))
  (test-error "string->list with a bad start" (string->list "abc" 4))
  (test-error "string->list with end before start" (string->list "abc" 2 1))
  (test-error "list->string of a non-character" (list->string '(#\a 1))))

(test-group "string-copy string-copy! string-fill!"
  (test-equal "abc" (string-copy "abc"))
  (test-equal "bc" (string-copy "abc" 1))
  (test-equal "b" (string-copy "abc" 1 2))
  (test-equal "" (string-copy "abc" 3))
  (test-equal "string-copy returns a new string" "abc"
    (let* ((s (string #\a #\b #\c)) (c (string-copy s))) (string-set! c 0 #\z) s))
  (test-error "string-copy past the end" (string-copy "abc" 1 4))
  (define a "12345")
  (define b (string-copy "abcde"))
  (string-copy! b 1 a 0 2)
  (test-equal "a12de" b)
  (test-equal "string-copy! of a whole string" "xyz45"
    (let ((s (string-copy "12345"))) (string-copy! s 0 "xyz") s))
  (test-equal "string-copy! with a start" "yz345"
    (let ((s (string-copy "12345"))) (string-copy! s 0 "xyz" 1) s))
  (test-equal "string-copy! at the very end copies nothing" "12345"
    (let ((s (string-copy "12345"))) (string-copy! s 5 "") s))
  (test-equal "overlapping copy to the right" "1123"
    (let ((s (string-copy "1234"))) (string-copy! s 1 s 0 3) s))
  (test-equal "overlapping copy to the left" "2344"
    (let ((s (string-copy "1234"))) (string-copy! s 0 s 1 4) s))
  (test-error "string-copy! past the end of the destination"
    (let ((s (string-copy "123"))) (string-copy! s 2 "abc")))
  (test-error "string-copy! with at beyond the length" (string-copy! (make-string 2 #\a) 3 ""))
  (test-equal "***" (let ((s (make-string 3 #\a))) (string-fill! s #\*) s))
  (test-equal "a**" (let ((s (make-string 3 #\a))) (string-fill! s #\* 1) s))
  (test-equal "a*a" (let ((s (make-string 3 #\a))) (string-fill! s #\* 1 2) s))
  (test-equal "string-fill! with a character beyond the BMP" "a\x1F600;"
    (let ((s (make-string 2 #\a))) (string-fill! s #\x1F600 1) s))
  (test-error "string-fill! with a non-character" (string-fill! (make-string 2 #\a) "b"))
  (test-error "string-fill! past the end" (string-fill! (make-string 2 #\a) #\b 0 3)))

(test-end)
