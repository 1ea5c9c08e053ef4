(import (scheme base) (scheme write) (scheme inexact) (srfi 160 f64) (srfi 160 s32) (srfi 160 u8)
        (srfi 160 s16) (srfi 160 f32))
;; Numeric kernels in the shapes real code has: named let and `do` loops inside a procedure,
;; nested, the inner one called non-tail or tail-calling the outer one, over homogeneous vectors
;; and bytevectors. In the suite's Wasm mode (--wasm=all) each procedure and its loops are one
;; Wasm module; the results (bignums past the fixnum range, -0.0, NaN, errors) must be the
;; interpreter's. Each kernel runs many times so the default tiers compile it too.
(test-begin "numeric-kernels")

(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))

;; An inner do loop called non-tail from an outer do loop (matrix product), on f64vectors.
(define (matmul! a b c n)
  (do ((i 0 (+ i 1))) ((= i n))
    (do ((j 0 (+ j 1))) ((= j n))
      (f64vector-set! c (+ (* i n) j)
        (do ((k 0 (+ k 1))
             (s 0. (+ s (* (f64vector-ref a (+ (* i n) k)) (f64vector-ref b (+ (* k n) j))))))
            ((= k n) s))))))
(define a (f64vector 1 2 3 4 5 6 7 8 9))
(define b (f64vector 9 8 7 6 5 4 3 2 1))
(define c (make-f64vector 9 0.))
(repeat 600 (lambda () (matmul! a b c 3)))
(test-equal '(30. 24. 18. 84. 69. 54. 138. 114. 90.) (f64vector->list c))
;; A bound too large for the vectors: the index guard leaves Wasm and the interpreter raises.
(test-error (matmul! a b c 4))

;; The Mandelbrot grid: the innermost loop in a procedure of its own, the two grid loops in
;; another, the inner grid loop tail-calling the outer one.
(define (count-iterations cr ci max-iter)
  (let loop ((zr 0.) (zi 0.) (i 0))
    (if (or (= i max-iter) (> (+ (* zr zr) (* zi zi)) 4.))
        i
        (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2. zr zi) ci) (+ i 1)))))
(define (mbrot size max-iter)
  (let ((step (/ 3. size)))
    (let yloop ((y 0) (total 0))
      (if (= y size)
          total
          (let xloop ((x 0) (total total))
            (if (= x size)
                (yloop (+ y 1) total)
                (xloop (+ x 1) (+ total (count-iterations (- (* x step) 2.) (- (* y step) 1.5) max-iter)))))))))
(test-equal 11129 (repeat 3 (lambda () (mbrot 30 50))))

;; Fixnums crossing the range inside an inner loop: the guard leaves Wasm inside the loop (its
;; closure is made again from the Wasm frame) and the interpreter finishes with bignums.
(define (powers base n)
  (let outer ((i 0) (acc 0))
    (if (= i n)
        acc
        (outer (+ i 1) (+ acc (let inner ((j 0) (p 1)) (if (= j i) p (inner (+ j 1) (* p base)))))))))
(test-equal 111111 (repeat 600 (lambda () (powers 10 6))))
(test-equal 111111111111111111111111111111 (powers 10 30))
(test-equal 111111 (powers 10 6))

;; Flonum corner cases through an inner loop: -0.0, infinities, NaN.
(define (scale-sum x k n)
  (do ((i 0 (+ i 1)) (s -0.0 (+ s (let loop ((j 0) (y x)) (if (= j k) y (loop (+ j 1) (* y 2.)))))))
      ((= i n) s)))
(test-eqv -0.0 (repeat 600 (lambda () (scale-sum -0.0 3 4))))
(test-eqv 32. (scale-sum 1. 3 4))
(test-eqv +inf.0 (scale-sum 1e308 3 2))
(test-assert (nan? (scale-sum +nan.0 1 1)))
(test-eqv -inf.0 (scale-sum -1e308 4 1))

;; s32vectors: sums past 2^31 are fixnums; a store outside the element range raises.
(define (s32-sum v)
  (let loop ((i 0) (s 0)) (if (= i (s32vector-length v)) s (loop (+ i 1) (+ s (s32vector-ref v i))))))
(define (s32-fill! v x)
  (do ((i 0 (+ i 1))) ((= i (s32vector-length v))) (s32vector-set! v i x)))
(define w (make-s32vector 5 0))
(repeat 600 (lambda () (s32-fill! w 2147483647)))
(test-equal 10737418235 (repeat 600 (lambda () (s32-sum w))))
(test-error (s32-fill! w 2147483648))
(test-equal 2147483647 (s32vector-ref w 0))
(s32-fill! w -2147483648)
(test-equal -10737418240 (s32-sum w))

;; Bytevectors (a large one is in the Wasm vector memory) and u8vectors: a checksum.
(define data (make-bytevector 1000 0))
(define (fill-bytes! bv)
  (do ((i 0 (+ i 1))) ((= i (bytevector-length bv))) (bytevector-u8-set! bv i (modulo (* i 7) 251))))
(define (checksum bv)
  (let loop ((i 0) (a 1) (b 0))
    (if (= i (bytevector-length bv))
        (+ (* b 65536) a)
        (let ((a2 (modulo (+ a (bytevector-u8-ref bv i)) 65521)))
          (loop (+ i 1) a2 (modulo (+ b a2) 65521))))))
(repeat 600 (lambda () (fill-bytes! data)))
(test-equal 2942630 (repeat 600 (lambda () (checksum data))))
(test-equal 2942630 (checksum (bytevector-copy data)))
(test-equal 65537 (checksum (bytevector 0)))
(define (u8-store! v x) (do ((i 0 (+ i 1))) ((= i (u8vector-length v))) (u8vector-set! v i x)))
(define u (make-u8vector 4 0))
(repeat 600 (lambda () (u8-store! u 255)))
(test-equal '(255 255 255 255) (u8vector->list u))
(test-error (u8-store! u 256))
(test-error (u8-store! u -1))

;; s16 and f32 elements: the element types' ranges and rounding.
(define (s16-sum v) (let loop ((i 0) (s 0)) (if (= i (s16vector-length v)) s (loop (+ i 1) (+ s (s16vector-ref v i))))))
(test-equal -32767 (repeat 600 (lambda () (s16-sum (s16vector -32768 1)))))
(define (f32-scale! v k) (do ((i 0 (+ i 1))) ((= i (f32vector-length v))) (f32vector-set! v i (* k (f32vector-ref v i)))))
(define fv (f32vector 0.1 -0.0 1e30))
(repeat 2 (lambda () (f32-scale! fv 1e10)))
(test-equal '(9999999980506448000. -0.0 +inf.0) (f32vector->list fv))

(test-end)
