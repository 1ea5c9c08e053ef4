(import (scheme base) (scheme complex) (scheme inexact))
;; R7RS 6.2.6 (scheme complex): make-rectangular make-polar real-part imag-part magnitude
;; angle.  The real arguments work in every implementation; non-real numbers are made with
;; string->number so that an implementation whose numbers are all real fails those tests one by
;; one.
(test-begin "6.2.6 complex numbers")

(define pi 3.141592653589793)
(define (z s) (string->number s))

(test-group "on real numbers"
  (test-eqv 3 (real-part 3))
  (test-eqv 0 (imag-part 3))
  (test-eqv 2.5 (real-part 2.5))
  (test-eqv 7 (magnitude -7))
  (test-eqv 1/2 (magnitude -1/2))
  (test-eqv 2.5 (magnitude 2.5))
  (test-assert "(angle 5) is zero" (zero? (angle 5)))
  (test-approximate pi (angle -1) 1e-15)
  (test-approximate pi (angle -1.0) 1e-15)
  (test-eqv 3 (make-rectangular 3 0))
  (test-eqv 2 (make-polar 2 0))
  (test-approximate "make-polar with angle pi" -2.0 (real-part (make-polar 2 pi)) 1e-12)
  (test-error "real-part of a non-number" (real-part 'a)))

(test-group "on non-real numbers"
  (test-assert "(make-rectangular 1 2) is 1+2i" (= (z "1+2i") (make-rectangular 1 2)))
  (test-assert "(real-part 1+2i) is 1" (= 1 (real-part (z "1+2i"))))
  (test-assert "(imag-part 1+2i) is 2" (= 2 (imag-part (z "1+2i"))))
  (test-assert "(magnitude 3+4i) is 5" (= 5 (magnitude (z "3+4i"))))
  (test-approximate "(angle +i) is pi/2" (/ pi 2) (angle (z "+i")) 1e-15)
  (test-approximate "(make-polar 1 pi/2) has real part 0" 0.0 (real-part (make-polar 1 (/ pi 2))) 1e-12)
  (test-approximate "(make-polar 1 pi/2) has imaginary part 1" 1.0 (imag-part (make-polar 1 (/ pi 2))) 1e-12)
  (test-assert "(+ 1+2i 3-2i) is 4" (= 4 (+ (z "1+2i") (z "3-2i"))))
  (test-assert "(* +i +i) is -1" (= -1 (* (z "+i") (z "+i"))))
  (test-assert "(sqrt -4) is +2i" (= (z "+2i") (sqrt -4)))
  (test-assert "(expt +i 2) is -1" (= -1 (expt (z "+i") 2)))
  (test-approximate "(exp (* +i pi)) is -1" -1.0 (real-part (exp (* (z "+i") pi))) 1e-12)
  (test-approximate "(imag-part (log -1)) is pi" pi (imag-part (log -1)) 1e-12)
  (test-approximate "(imag-part (log -1.0-0.0i)) is -pi with negative zero"
    (- pi) (imag-part (log (z "-1.0-0.0i"))) 1e-12)
  (test-eqv "(inexact 1+2i)" (z "1.0+2.0i") (inexact (z "1+2i")))
  (test-assert "number->string of 1+2i" (member (number->string (z "1+2i")) '("1+2i" "1.0+2.0i")))
  (test-assert "non-real numbers are complex? but not real?"
    (and (complex? (z "1+2i")) (not (real? (z "1+2i")))))
  (test-error "< on non-real numbers" (< (z "1+2i") 1)))

(test-end)
