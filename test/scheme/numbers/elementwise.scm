(import (scheme base) (scheme write) (scheme inexact) (srfi 160 f64))
;; Element-wise f64vector loops: the shape the Wasm tier runs two elements at a time (f64x2
;; SIMD, src/wasm/simd.ts). Every element must get the bits the interpreter gives it (-0.0,
;; NaN, infinities), for odd and even lengths and start indices, with the destination also a
;; source, and an index out of range or a guard (sqrt of a negative, a fixnum divisor 0) must
;; raise the same error with the elements before it done and the others untouched. Each kernel
;; runs many times so the default tiers compile it too.
(test-begin "elementwise")

(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))
;; Elements as text: -0.0 and +nan.0 are told apart from 0.0.
(define (show v) (map number->string (f64vector->list v)))
(define (error-of thunk)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e)))) (thunk) 'no-error))

(define specials (f64vector 1.5 -0.0 0.0 +nan.0 +inf.0 -inf.0 -2.5 1e308 -1e-320 3.))

;; y[i] = a x[i] + y[i], a top-level loop (i < n), on a copy of the inputs each time.
(define (axpy! y x a i n)
  (if (< i n)
      (begin (f64vector-set! y i (+ (* a (f64vector-ref x i)) (f64vector-ref y i)))
             (axpy! y x a (+ i 1) n))))
(define (axpy-list a xs ys) (map (lambda (x y) (+ (* a x) y)) xs ys))
(define (run-axpy a x y from n)
  (let ((y (f64vector-copy y)))
    (axpy! y x a from n)
    (show y)))
(define ys (f64vector 2. 0.0 -0.0 1. -inf.0 +inf.0 +nan.0 1e308 -0.0 -3.))
(test-equal (map number->string (axpy-list 2. (f64vector->list specials) (f64vector->list ys)))
            (repeat 300 (lambda () (run-axpy 2. specials ys 0 10))))
(test-equal (map number->string (axpy-list -0.0 (f64vector->list specials) (f64vector->list ys)))
            (repeat 300 (lambda () (run-axpy -0.0 specials ys 0 10))))
;; Odd and even lengths, odd start: the scalar loop does the last element.
(define (prefix-axpy a n from)
  (let ((y (f64vector-copy ys)))
    (axpy! y specials a from n)
    (show y)))
(define (expected-prefix a n from)
  (let loop ((i 0) (xs (f64vector->list specials)) (zs (f64vector->list ys)) (out '()))
    (if (null? xs)
        (reverse out)
        (loop (+ i 1) (cdr xs) (cdr zs)
              (cons (number->string (if (and (>= i from) (< i n)) (+ (* a (car xs)) (car zs)) (car zs))) out)))))
(for-each
 (lambda (n)
   (for-each
    (lambda (from)
      (test-equal (expected-prefix 0.5 n from) (repeat 50 (lambda () (prefix-axpy 0.5 n from)))))
    '(0 1 2 3)))
 '(0 1 2 3 4 5 7 9 10))

;; The destination is a source: a[i] = a[i] * a[i] - 1 (a `do` loop inside a procedure, the
;; bound a vector's length, the loop ending at (= i n)).
(define (square-minus-one! a)
  (do ((i 0 (+ i 1))) ((= i (f64vector-length a)))
    (f64vector-set! a i (- (* (f64vector-ref a i) (f64vector-ref a i)) 1))))
(define (sq-list v) (map (lambda (x) (number->string (- (* x x) 1))) (f64vector->list v)))
(test-equal (sq-list specials) (repeat 300 (lambda () (let ((a (f64vector-copy specials))) (square-minus-one! a) (show a)))))
;; The same vector as both sources of axpy.
(test-equal (map (lambda (x) (number->string (+ (* 3. x) x))) (f64vector->list specials))
            (repeat 300 (lambda () (let ((a (f64vector-copy specials))) (axpy! a a 3. 0 10) (show a)))))

;; Unary operations, a fixnum constant and a fixnum parameter (converted), <= as the test.
(define (unary! dst src k n)
  (let loop ((i 0))
    (when (<= i n)
      (f64vector-set! dst i (+ (abs (- (f64vector-ref src i))) (* 2 (round (f64vector-ref src i))) (floor (f64vector-ref src i))
                               (ceiling (f64vector-ref src i)) (truncate (f64vector-ref src i)) (/ (f64vector-ref src i) k)
                               (square (f64vector-ref src i)) (exact->inexact k)))
      (loop (+ i 1)))))
(define rounding (f64vector -0.4 0.5 1.5 2.5 -2.5 -0.0 0.0 +nan.0 -inf.0 7.25 -7.75))
(define (unary-list v k)
  (map (lambda (x) (number->string (+ (abs (- x)) (* 2 (round x)) (floor x) (ceiling x) (truncate x) (/ x k) (square x) (exact->inexact k))))
       (f64vector->list v)))
(test-equal (unary-list rounding 3)
            (repeat 300 (lambda () (let ((d (make-f64vector 11 0.))) (unary! d rounding 3 10) (show d)))))
(test-equal (unary-list rounding -4)
            (repeat 30 (lambda () (let ((d (make-f64vector 11 0.))) (unary! d rounding -4 10) (show d)))))
;; A fixnum divisor 0: the pairs do not run; the interpreter raises the error at element 0.
(test-equal '("/: division by zero")
            (let ((d (make-f64vector 11 9.))) (error-of (lambda () (unary! d rounding 0 10)))))

;; An index out of range: the same error, the elements before it done, the rest untouched.
(define short (f64vector 1. 2. 3. 4. 5.))
(define (bounds-case n)
  (let ((y (make-f64vector 9 10.)))
    (list (error-of (lambda () (axpy! y short 2. 0 n))) (show y))))
(test-equal '(("f64vector-ref: index out of range for length 5:" 5)
              ("12.0" "14.0" "16.0" "18.0" "20.0" "10.0" "10.0" "10.0" "10.0"))
            (repeat 300 (lambda () (bounds-case 9))))
(test-equal '(("f64vector-ref: index out of range for length 9:" 9)
              ("20.0" "20.0" "20.0" "20.0" "20.0" "20.0" "20.0" "20.0" "20.0"))
            (let ((y (make-f64vector 9 10.)))
              (list (error-of (lambda () (axpy! y y 1. 0 10))) (show y))))
;; A negative start: the scalar loop raises at once.
(test-equal '("f64vector-ref: index out of range for length 5:" -1)
            (error-of (lambda () (axpy! (make-f64vector 5 0.) short 1. -1 3))))

;; sqrt: -0.0 and NaN lanes are fine; a negative one stops the pairs and the interpreter makes
;; the complex root, which f64vector-set! refuses, at exactly that element.
(define (roots! d s n)
  (do ((i 0 (+ i 1))) ((= i n))
    (f64vector-set! d i (sqrt (f64vector-ref s i)))))
(define (roots-case s)
  (let ((d (make-f64vector (f64vector-length s) 7.)))
    (list (error-of (lambda () (roots! d s (f64vector-length s)))) (show d))))
(test-equal '(no-error ("2.0" "-0.0" "0.0" "+nan.0" "+inf.0" "1.5"))
            (repeat 300 (lambda () (roots-case (f64vector 4. -0.0 0.0 +nan.0 +inf.0 2.25)))))
(test-equal '(("f64vector-set!: expected a real number" +2.0i) ("1.0" "2.0" "3.0" "7.0" "7.0" "7.0"))
            (roots-case (f64vector 1. 4. 9. -4. 16. 25.)))
(test-equal '(("f64vector-set!: expected a real number" +3.0i) ("1.0" "2.0" "3.0" "4.0" "7.0" "7.0"))
            (roots-case (f64vector 1. 4. 9. 16. -9. 25.)))

;; A long loop (many chunks of pairs), with a global vector and a free variable.
(define big (make-f64vector 10001 1.))
(define (scale-big! s)
  (let loop ((i 0))
    (if (< i (f64vector-length big))
        (begin (f64vector-set! big i (* (f64vector-ref big i) s)) (loop (+ i 1))))))
(repeat 20 (lambda () (scale-big! 1.5)))
(test-equal (make-list 10001 (let loop ((k 0) (v 1.)) (if (= k 20) v (loop (+ k 1) (* v 1.5)))))
            (f64vector->list big))

(test-end)
