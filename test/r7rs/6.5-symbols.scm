(import (scheme base) (scheme write) (scheme read))
;; R7RS 6.5 Symbols: symbol?, symbol=?, symbol->string, string->symbol.
(test-begin "6.5 symbols")

(define (written obj)
  (let ((port (open-output-string))) (write obj port) (get-output-string port)))

(test-eq #t (symbol? 'foo))
(test-eq #t (symbol? (car '(a b))))
(test-eq #f (symbol? "bar"))
(test-eq #t (symbol? 'nil))
(test-eq #f (symbol? '()))
(test-eq #f (symbol? #f))
(test-eq #t (symbol? '|hello world|))
(test-eq #t (symbol? (string->symbol "")))
(test-eq #f (symbol? #\a))

(test-eq #t (symbol=? 'a 'a))
(test-eq #f (symbol=? 'a 'b))
(test-eq #t (symbol=? 'a 'a 'a))
(test-eq #f (symbol=? 'a 'a 'b))
(test-eq #t (symbol=? 'abc (string->symbol "abc")))
(test-eq "symbols are case sensitive" #f (symbol=? 'abc 'ABC))
(test-error "symbol=? of a non-symbol" (symbol=? 'a "a"))

(test-equal "flying-fish" (symbol->string 'flying-fish))
(test-equal "Martin" (symbol->string 'Martin))
(test-equal "Malvina" (symbol->string
                        (string->symbol "Malvina")))
(test-equal "no escapes are added" "hello world" (symbol->string '|hello world|))
(test-equal "escapes in |...| are interpreted by the reader" "a\tb" (symbol->string '|a\tb|))
(test-equal "|a\\x41;b|" "aAb" (symbol->string '|a\x41;b|))
(test-equal "the empty symbol" "" (symbol->string '||))
(test-error "symbol->string of a non-symbol" (symbol->string "a"))
(test-error "string-set! of the string from symbol->string is an error"
  (string-set! (symbol->string 'immutable) 0 #\?))

(test-eq 'mISSISSIppi (string->symbol "mISSISSIppi"))
(test-eq #t (eqv? 'bitBlt (string->symbol "bitBlt")))
(test-eq #t (eqv? 'LollyPop
                  (string->symbol
                    (symbol->string 'LollyPop))))
(test-eq #t (string=? "K. Harper, M.D."
                      (symbol->string
                        (string->symbol "K. Harper, M.D."))))
(test-eq "string->symbol does not interpret escapes" #f (eq? 'a (string->symbol "|a|")))
(test-eq "string->symbol returns the same symbol each time" #t
  (eq? (string->symbol "fresh-name") (string->symbol (string-append "fresh" "-name"))))
(test-eq "a symbol with special characters" #t (eq? '|(weird) "name"| (string->symbol "(weird) \"name\"")))
(test-eq "a symbol from a mutated string is unaffected"
  'abc
  (let* ((s (string #\a #\b #\c)) (sym (string->symbol s)))
    (string-set! s 0 #\z)
    sym))
(test-error "string->symbol of a non-string" (string->symbol 'a))

;; write/read invariance (6.5): symbols needing escapes are written with vertical lines
(test-equal "write of an ordinary symbol" "abc" (written 'abc))
(test-equal "write of a symbol with a space" "|a b|" (written (string->symbol "a b")))
(test-equal "write of the empty symbol" "||" (written (string->symbol "")))
;; 7.1.1: +i, -i and <infnan> are numbers, not identifiers; Chibi's suite also bars +NaN.0abc
(test-equal "write of the symbol +i" "|+i|" (written (string->symbol "+i")))
(test-equal "write of the symbol -i" "|-i|" (written (string->symbol "-i")))
(test-equal "write of the symbol +inf.0" "|+inf.0|" (written (string->symbol "+inf.0")))
(test-equal "write of the symbol +NaN.0" "|+NaN.0|" (written (string->symbol "+NaN.0")))
(test-equal "write of the symbol +NaN.0abc" "|+NaN.0abc|" (written (string->symbol "+NaN.0abc")))
(test-equal "write of the symbol 1+2i" "|1+2i|" (written (string->symbol "1+2i")))
(test-equal "write of the symbol 1@2" "|1@2|" (written (string->symbol "1@2")))
(test-assert "written symbols read back as the same symbol"
  (let loop ((names '("a b" "" "A" "(x)" "#foo" "1" "+1" "." ".." "a|b" "a\\b" "λ" "+i" "-i" "+inf.0i" "1@2" "+NaN.0abc")))
    (or (null? names)
        (let ((sym (string->symbol (car names))))
          (and (eq? sym (read (open-input-string (written sym))))
               (loop (cdr names)))))))

(test-end)
