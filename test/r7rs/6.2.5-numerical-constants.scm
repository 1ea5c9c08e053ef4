(import (scheme base) (scheme read) (scheme inexact))
;; R7RS 6.2.5 Syntax of numerical constants (with the grammar of 7.1.1): radix and exactness
;; prefixes, decimal points and exponents, rationals, infinities and NaNs, and the complex
;; notations (through string->number and read, so that an implementation whose numbers are all
;; real fails those tests one by one instead of failing to read this file).
(test-begin "6.2.5 numerical constants")

(define (read-number s) (read (open-input-string s)))

(test-group "radix prefixes"
  (test-eqv 5 #b101)
  (test-eqv 63 #o77)
  (test-eqv 99 #d99)
  (test-eqv 255 #xff)
  (test-eqv "case is not significant: #XFF" 255 #XFF)
  (test-eqv "case is not significant: #xAbC" 2748 #xAbC)
  (test-eqv "#B" 2 #B10)
  (test-eqv "negative binary" -5 #b-101)
  (test-eqv "binary fraction" 5/2 #b101/10)
  (test-eqv "hexadecimal fraction" 1/16 #x1/10)
  (test-eqv "explicit sign" 255 #x+ff))

(test-group "exactness prefixes"
  (test-eqv 3 #e3.0)
  (test-eqv 1/2 #e.5)
  (test-eqv 1500 #e1.5e3)
  (test-eqv 3.0 #i3)
  (test-eqv .5 #i1/2)
  (test-eqv "exactness before radix" 15 #e#xf)
  (test-eqv "radix before exactness" 15 #x#ef)
  (test-eqv "inexact hexadecimal" 255.0 #i#xff)
  (test-eqv "radix before inexactness" 255.0 #x#iff)
  (test-eqv "#E and #I" 2.0 (+ #E1 #I1))
  (test-eqv "#e with an exponent gives an exact integer" 100000000000000000000 #e1e20)
  (test-eqv "#e of a long decimal is exact" 12345678901234567890123/1000 #e12345678901234567890.123))

(test-group "decimal notation"
  (test-eqv "a decimal point makes it inexact" #t (inexact? 1.))
  (test-eqv "an exponent makes it inexact" #t (inexact? 1e2))
  (test-eqv 100.0 1e2)
  (test-eqv 100.0 1E2)
  (test-eqv .015 1.5e-2)
  (test-eqv 123.0 +123.)
  (test-eqv -0.5 -.5)
  (test-eqv "leading dot" .5 (/ 1. 2))
  (test-eqv "no digits after the dot" 12.0 12.)
  (test-eqv "exponent with a sign" 1000.0 1e+3)
  (test-eqv "rational literal is reduced" 1/2 6/12)
  (test-eqv "negative rational" -1/3 -2/6)
  (test-eqv "rational with an integral value" 2 6/3)
  (test-eqv "exact integer" 145932 145932)
  (test-eqv "large exact integer" (* 1000000000 1000000000 1000000000) 1000000000000000000000000000)
  (test-eqv "negative exact integer" -17 -17)
  (test-eqv "+5" 5 +5))

(test-group "infinities and NaN"
  (test-assert "+inf.0" (and (inexact? +inf.0) (> +inf.0 0) (= +inf.0 (* 2 +inf.0))))
  (test-assert "-inf.0" (and (< -inf.0 0) (= -inf.0 (* 2 -inf.0))))
  (test-assert "+nan.0" (nan? +nan.0))
  (test-assert "-nan.0" (nan? -nan.0))
  (test-assert "+INF.0 (case is not significant)" (eqv? +inf.0 (string->number "+INF.0")))
  (test-assert "+NaN.0 (case is not significant)" (nan? (string->number "+NaN.0"))))

(test-group "reading numbers"
  (test-eqv 42 (read-number "42"))
  (test-eqv 1/3 (read-number "2/6"))
  (test-eqv -2.5 (read-number "-2.5"))
  (test-eqv 255 (read-number "#xFF"))
  (test-eqv 3 (read-number "#e3.0"))
  (test-assert "an identifier that looks like a number prefix" (symbol? (read-number "+a")))
  (test-assert "... is a symbol" (symbol? (read-number "...")))
  (test-assert "+ is a symbol" (symbol? (read-number "+")))
  (test-assert "- is a symbol" (symbol? (read-number "-")))
  (test-assert "-i is a symbol or a complex number" (let ((v (read-number "-i"))) (or (symbol? v) (number? v))))
  (test-assert "+.5 is a number" (eqv? .5 (read-number "+.5")))
  (test-assert "+.a is a symbol" (symbol? (read-number "+.a"))))

(test-group "precision exponent markers and complex notations"
  (test-assert "3+4i is a complex number" (let ((z (string->number "3+4i"))) (and z (complex? z) (not (real? z)))))
  (test-assert "3-4i" (let ((z (string->number "3-4i"))) (and z (not (real? z)))))
  (test-assert "+i" (let ((z (string->number "+i"))) (and z (not (real? z)))))
  (test-assert "-2.5i" (let ((z (string->number "-2.5i"))) (and z (not (real? z)))))
  (test-assert "polar notation 1@0 is the real 1" (eqv? 1 (string->number "1@0")))
  (test-assert "polar notation 2@1.5 is a complex number"
    (let ((z (string->number "2@1.5"))) (and z (not (real? z)))))
  (test-assert "read of a complex number"
    (let ((z (read-number "1.5+2i"))) (and (number? z) (not (real? z)))))
  (test-assert "+inf.0i is a complex number" (let ((z (string->number "+inf.0i"))) (and z (not (real? z)))))
  (test-assert "1+inf.0i" (let ((z (string->number "1+inf.0i"))) (and z (not (real? z)))))
  (test-assert "#x1+2i" (let ((z (string->number "#x1+2i"))) (and z (not (real? z)))))
  ;; 6.2.5: s f d l may replace e as exponent markers; with one precision they all mean e
  (test-eqv "1s2" 100.0 (string->number "1s2"))
  (test-eqv "1f2" 100.0 (string->number "1f2"))
  (test-eqv "1d2" 100.0 (string->number "1d2"))
  (test-eqv "1L2" 100.0 (string->number "1L2"))
  (test-eqv "read of 1d-2" 0.01 (read-number "1d-2")))

(test-end)
