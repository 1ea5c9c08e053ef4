(import (scheme base) (scheme read) (scheme char))
;; R7RS 6.13.2 Input: read, read-char, peek-char, read-line, eof-object?, eof-object,
;; char-ready?, read-string, read-u8, peek-u8, u8-ready?, read-bytevector, read-bytevector!.
(test-begin "6.13.2 input")

(define (in s) (open-input-string s))
(define (bin . bytes) (open-input-bytevector (apply bytevector bytes)))

(test-group "read"
  (test-equal '(a b (c)) (read (in "(a b (c))")))
  (test-equal "reads one datum at a time" '(1 two "three")
    (let ((p (in "1 two \"three\""))) (let* ((a (read p)) (b (read p)) (c (read p))) (list a b c))))
  (test-equal "the port points past the datum" #\space
    (let ((p (in "abc def"))) (read p) (read-char p)))
  (test-assert "end of file before a datum" (eof-object? (read (in ""))))
  (test-assert "end of file after whitespace and comments" (eof-object? (read (in "  ; comment\n #| block |# "))))
  (test-assert "further reads also return eof" (let ((p (in ""))) (read p) (eof-object? (read p))))
  (test-equal "quote abbreviations" '(quote x) (read (in "'x")))
  (test-equal "vectors" #(1 #\a "s") (read (in "#(1 #\\a \"s\")")))
  (test-equal "bytevectors" #u8(1 2) (read (in "#u8(1 2)")))
  (test-equal "dotted lists" '(1 . 2) (read (in "(1 . 2)")))
  (test-equal "datum comments are skipped" '(1 3) (read (in "(1 #;2 3)")))
  (test-eq "#t and #true" #t (read (in "#true")))
  (test-equal "strings with escapes" "a\nb" (read (in "\"a\\nb\"")))
  (test-eq "symbols with |...|" (string->symbol "a b") (read (in "|a b|")))
  (test-eq "#!fold-case" 'abc (let ((p (in "#!fold-case ABC"))) (read p)))
  (test-eq "#!no-fold-case" 'ABC (let ((p (in "#!fold-case #!no-fold-case ABC"))) (read p)))
  (test-assert "datum labels"
    (let ((x (read (in "#0=(a . #0#)")))) (eq? x (cdr x))))
  (test-error "an incomplete datum is a read error" read-error? (read (in "(1 2")))
  (test-error "an unbalanced close" read-error? (read (in ")")))
  (test-error "read from a binary port" (read (bin 1 2))))

(test-group "read-char and peek-char"
  (define p (in "ab"))
  (test-eqv #\a (peek-char p))
  (test-eqv #\a (peek-char p))
  (test-eqv #\a (read-char p))
  (test-eqv #\b (peek-char p))
  (test-eqv #\b (read-char p))
  (test-assert (eof-object? (peek-char p)))
  (test-assert (eof-object? (read-char p)))
  (test-assert "still eof" (eof-object? (read-char p)))
  (test-eqv "read-char from current-input-port" #\q
    (parameterize ((current-input-port (in "q"))) (read-char)))
  (test-eqv "peek-char from current-input-port" #\q
    (parameterize ((current-input-port (in "q"))) (peek-char)))
  (test-error "read-char from a binary port" (read-char (bin 65))))

(test-group "read-line"
  (define p (in "one\ntwo\r\nthree\rfour"))
  (test-equal "one" (read-line p))
  (test-equal "CR LF ends a line" "two" (read-line p))
  (test-equal "CR ends a line" "three" (read-line p))
  (test-equal "the last line without a line ending" "four" (read-line p))
  (test-assert (eof-object? (read-line p)))
  (test-equal "an empty line" "" (read-line (in "\nx")))
  (test-assert "an empty port" (eof-object? (read-line (in ""))))
  (test-equal "the port points past the line ending" #\x (let ((q (in "a\nx"))) (read-line q) (read-char q))))

(test-group "eof-object"
  (test-eq #t (eof-object? (eof-object)))
  (test-eq #f (eof-object? 'eof))
  (test-eq #f (eof-object? ""))
  (test-eq #f (eof-object? '()))
  (test-eq "the eof object is not a datum read" #f (eof-object? (read (in "eof")))))

(test-group "char-ready?"
  (test-eq #t (char-ready? (in "abc")))
  (test-eq "at end of file char-ready? is #t" #t (char-ready? (in "")))
  (test-eq #t (parameterize ((current-input-port (in "x"))) (char-ready?))))

(test-group "read-string"
  (define p (in "abcdef"))
  (test-equal "abc" (read-string 3 p))
  (test-equal "de" (read-string 2 p))
  (test-equal "as many as are available" "f" (read-string 10 p))
  (test-assert "nothing available: eof" (eof-object? (read-string 1 p)))
  (test-equal "read-string 0" "" (read-string 0 (in "abc")))
  (test-equal "non-ASCII" "λ\x1F600;" (read-string 2 (in "λ\x1F600;z")))
  (test-equal "from current-input-port" "xy" (parameterize ((current-input-port (in "xyz"))) (read-string 2))))

(test-group "read-u8 peek-u8 u8-ready?"
  (define p (bin 1 2))
  (test-eqv 1 (peek-u8 p))
  (test-eqv 1 (read-u8 p))
  (test-eqv 2 (peek-u8 p))
  (test-eqv 2 (read-u8 p))
  (test-assert (eof-object? (peek-u8 p)))
  (test-assert (eof-object? (read-u8 p)))
  (test-eq #t (u8-ready? (bin 1)))
  (test-eq "at end of file u8-ready? is #t" #t (u8-ready? (bin)))
  (test-error "read-u8 from a textual port" (read-u8 (in "a"))))

(test-group "read-bytevector read-bytevector!"
  (define p (bin 1 2 3 4 5))
  (test-equal #u8(1 2) (read-bytevector 2 p))
  (test-equal "as many as are available" #u8(3 4 5) (read-bytevector 10 p))
  (test-assert "nothing available: eof" (eof-object? (read-bytevector 1 p)))
  (define bv (make-bytevector 5 0))
  (test-eqv 3 (read-bytevector! bv (bin 7 8 9)))
  (test-equal #u8(7 8 9 0 0) bv)
  (test-eqv "with start" 2 (read-bytevector! bv (bin 1 2 3) 3))
  (test-equal #u8(7 8 9 1 2) bv)
  (test-eqv "with start and end" 1 (read-bytevector! bv (bin 6 6 6) 0 1))
  (test-equal #u8(6 8 9 1 2) bv)
  (test-assert "no bytes available: eof" (eof-object? (read-bytevector! bv (bin))))
  (test-eqv "reading into an empty range" 0 (read-bytevector! bv (bin 1) 2 2)))

(test-end)
