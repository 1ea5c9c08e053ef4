(import (scheme base) (scheme write) (scheme read))
;; R7RS 6.13.3 Output: write, write-shared, write-simple, display, newline, write-char,
;; write-string, write-u8, write-bytevector, flush-output-port.
(test-begin "6.13.3 output")

(define (to-string proc obj)
  (let ((port (open-output-string))) (proc obj port) (get-output-string port)))
(define (w obj) (to-string write obj))
(define (d obj) (to-string display obj))

(test-group "write"
  (test-equal "(1 2 3)" (w '(1 2 3)))
  (test-equal "(1 . 2)" (w '(1 . 2)))
  (test-equal "(1 2 . 3)" (w '(1 2 . 3)))
  (test-equal "()" (w '()))
  (test-equal "#(1 \"a\" #\\b)" (w (vector 1 "a" #\b)))
  (test-equal "#()" (w #()))
  (test-equal "#u8(1 2 255)" (w #u8(1 2 255)))
  (test-equal "#u8()" (w #u8()))
  (test-equal "\"abc\"" (w "abc"))
  (test-equal "strings escape backslash and quote" "\"a\\\\b\\\"c\"" (w "a\\b\"c"))
  (test-equal "a string with a newline reads back" "a\nb" (read (open-input-string (w "a\nb"))))
  (test-equal "#\\a" (w #\a))
  (test-equal "#\\space" (w #\space))
  (test-equal "#\\newline" (w #\newline))
  (test-equal "#\\tab" (w #\tab))
  (test-equal "#\\null" (w #\null))
  (test-equal "#\\x7f or #\\delete" #t (and (member (w #\delete) '("#\\delete" "#\\x7f" "#\\x7F")) #t))
  (test-equal "#t" (w #t))
  (test-equal "#f" (w #f))
  (test-equal "abc" (w 'abc))
  (test-equal "a symbol with a space is written with vertical lines" "|a b|" (w (string->symbol "a b")))
  (test-equal "a symbol with non-ASCII characters is escaped with vertical lines"
    #t (let ((s (w (string->symbol "λ")))) (and (char=? #\| (string-ref s 0)) #t)))
  (test-equal "the empty symbol" "||" (w (string->symbol "")))
  (test-equal "42" (w 42))
  (test-equal "-1/2" (w -1/2))
  (test-equal "1.5" (w 1.5))
  (test-equal "quote forms may be abbreviated" #t
    (and (member (w ''a) '("(quote a)" "'a")) #t))
  (test-equal "no labels without cycles, even with sharing" "((a) (a))"
    (let ((x (list 'a))) (w (list x x))))
  (test-equal "a cycle is written with a datum label" "#0=(a b c . #0#)"
    (let ((x (list 'a 'b 'c))) (set-cdr! (cddr x) x) (w x)))
  (test-equal "a cycle through a vector" "#0=#(1 #0#)"
    (let ((v (vector 1 #f))) (vector-set! v 1 v) (w v)))
  (test-equal "a cycle in the car" "#0=(#0#)"
    (let ((x (list #f))) (set-car! x x) (w x)))
  (test-equal "write returns after writing to the current output port" "x"
    (let ((s (open-output-string))) (parameterize ((current-output-port s)) (write 'x)) (get-output-string s))))

(test-group "write-shared and write-simple"
  (test-equal "write-shared labels shared structure" "(#0=(a) #0#)"
    (let ((x (list 'a))) (to-string write-shared (list x x))))
  (test-equal "write-shared of a shared vector" "#(#0=#(1) #0#)"
    (let ((v (vector 1))) (to-string write-shared (vector v v))))
  (test-equal "write-shared without sharing" "(1 2)" (to-string write-shared '(1 2)))
  (test-equal "write-shared of a cycle" "#0=(a . #0#)"
    (let ((x (list 'a))) (set-cdr! x x) (to-string write-shared x)))
  (test-equal "write-simple never uses labels" "((a) (a))"
    (let ((x (list 'a))) (to-string write-simple (list x x))))
  (test-equal "write-simple of a string" "\"s\"" (to-string write-simple "s")))

(test-group "display"
  (test-equal "abc" (d "abc"))
  (test-equal "a\\b\"c" (d "a\\b\"c"))
  (test-equal "a" (d #\a))
  (test-equal " " (d #\space))
  (test-equal "abc" (d 'abc))
  (test-equal "a b" (d (string->symbol "a b")))
  (test-equal "(a \"b\" #\\c) displays as (a b c)" "(a b c)" (d '(a "b" #\c)))
  (test-equal "#(1 x)" (d (vector 1 "x")))
  (test-equal "1.5" (d 1.5))
  (test-assert "display of a cycle terminates"
    (let ((x (list 1 2))) (set-cdr! (cdr x) x) (string? (d x))))
  (test-equal "display to the current output port" "hi"
    (let ((s (open-output-string))) (parameterize ((current-output-port s)) (display "hi")) (get-output-string s))))

(test-group "newline write-char write-string"
  (test-equal "\n" (let ((s (open-output-string))) (newline s) (get-output-string s)))
  (test-equal "a" (let ((s (open-output-string))) (write-char #\a s) (get-output-string s)))
  (test-equal "λ" (let ((s (open-output-string))) (write-char #\λ s) (get-output-string s)))
  (test-equal "abc" (let ((s (open-output-string))) (write-string "abc" s) (get-output-string s)))
  (test-equal "bc" (let ((s (open-output-string))) (write-string "abc" s 1) (get-output-string s)))
  (test-equal "b" (let ((s (open-output-string))) (write-string "abc" s 1 2) (get-output-string s)))
  (test-equal "to the current output port" "x\ny"
    (let ((s (open-output-string)))
      (parameterize ((current-output-port s)) (write-char #\x) (newline) (write-string "y"))
      (get-output-string s)))
  (test-error "write-char of a non-character" (write-char "a" (open-output-string)))
  (test-error "write-string to a binary port" (write-string "a" (open-output-bytevector))))

(test-group "write-u8 write-bytevector"
  (test-equal #u8(1 255) (let ((p (open-output-bytevector))) (write-u8 1 p) (write-u8 255 p) (get-output-bytevector p)))
  (test-equal #u8(1 2 3) (let ((p (open-output-bytevector))) (write-bytevector #u8(1 2 3) p) (get-output-bytevector p)))
  (test-equal #u8(2 3) (let ((p (open-output-bytevector))) (write-bytevector #u8(1 2 3) p 1) (get-output-bytevector p)))
  (test-equal #u8(2) (let ((p (open-output-bytevector))) (write-bytevector #u8(1 2 3) p 1 2) (get-output-bytevector p)))
  (test-error "write-u8 of a non-byte" (write-u8 256 (open-output-bytevector)))
  (test-error "write-u8 to a textual port" (write-u8 1 (open-output-string))))

(test-group "flush-output-port"
  (test-assert (begin (flush-output-port) #t))
  (test-assert (begin (flush-output-port (open-output-string)) #t))
  (test-equal "flushing does not lose output" "kept"
    (let ((s (open-output-string))) (write-string "kept" s) (flush-output-port s) (get-output-string s))))

(test-end)
