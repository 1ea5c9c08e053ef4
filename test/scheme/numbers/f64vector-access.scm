(import (scheme base) (scheme write) (srfi 160 f64))
;; f64vector-ref and f64vector-set! inside compiled procedures: the JS tier reads an element
;; as an unboxed double and stores one without boxing (src/jit/unbox.ts, VECTOR_PRIMS), the
;; Wasm tier in its memory. Elements keep their bits (-0.0, NaN, infinities, integral values
;; read back inexact); exact integers and integral flonums stored convert as the procedure
;; does; a bad index, a non-real value or another vector type raises the same error in every
;; tier, after the procedure ran many times on good arguments.
(test-begin "f64vector-access")

(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))
(define (error-of thunk)
  (guard (e ((error-object? e) (error-object-message e))) (thunk) 'no-error))
(define (show v) (map number->string (f64vector->list v)))

;; Reads mixed with generic code: a list of the elements, each doubled.
(define (doubled v)
  (let loop ((i (- (f64vector-length v) 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (* 2 (f64vector-ref v i)) acc)))))
(define specials (f64vector 1.5 -0.0 0.0 +nan.0 +inf.0 -inf.0 4. 1e308))
(test-equal '("3.0" "-0.0" "0.0" "+nan.0" "+inf.0" "-inf.0" "8.0" "+inf.0")
            (map number->string (repeat 300 (lambda () (doubled specials)))))
(test-equal "4.0 is inexact" #f (exact? (repeat 300 (lambda () (f64vector-ref specials 6)))))

;; Stores of exact integers, integral flonums, -0.0 and computed doubles.
(define (fill! v x i) (if (< i (f64vector-length v)) (begin (f64vector-set! v i x) (fill! v x (+ i 1)))))
(define (scaled-copy! dst src k i)
  (if (< i (f64vector-length src))
      (begin (f64vector-set! dst i (* k (f64vector-ref src i))) (scaled-copy! dst src k (+ i 1)))))
(define v (make-f64vector 4 0.))
(test-equal '("7.0" "7.0" "7.0" "7.0") (repeat 300 (lambda () (fill! v 7 0) (show v))))
(test-equal '("-0.0" "-0.0" "-0.0" "-0.0") (repeat 300 (lambda () (fill! v -0.0 0) (show v))))
(test-equal '("2.0" "2.0" "2.0" "2.0") (repeat 300 (lambda () (fill! v 2. 0) (show v))))
(test-equal '("-1.5" "0.0" "-0.0" "-inf.0") (repeat 300 (lambda () (scaled-copy! v (f64vector 1.5 -0.0 0.0 +inf.0) -1. 0) (show v))))

;; Errors after warm-up: the same message in every tier.
(define (at v i) (let loop ((k 0) (x 0.)) (if (= k 3) x (loop (+ k 1) (+ x (f64vector-ref v i))))))
(define (put! v i x) (let loop ((k 0)) (if (< k 2) (begin (f64vector-set! v i x) (loop (+ k 1))))))
(repeat 300 (lambda () (at specials 0) (put! v 0 1.)))
(test-equal "f64vector-ref: index out of range for length 8:" (error-of (lambda () (at specials 8))))
(test-equal "f64vector-ref: index out of range for length 8:" (error-of (lambda () (at specials -1))))
(test-equal "f64vector-ref: expected an exact integer index" (error-of (lambda () (at specials 1.))))
(test-equal "f64vector-ref: expected a f64vector" (error-of (lambda () (at (vector 1. 2.) 0))))
(test-equal "f64vector-set!: expected a real number" (error-of (lambda () (put! v 0 'x))))
(test-equal "f64vector-set!: index out of range for length 4:" (error-of (lambda () (put! v 4 1.))))
(test-equal 4.5 (at specials 0))
(test-equal '("1.0" "0.0" "-0.0" "-inf.0") (begin (put! v 0 1) (show v)))

(test-end)
