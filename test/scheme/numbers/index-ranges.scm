(import (scheme base) (scheme write) (srfi 160 f64) (srfi 160 s32))
;; Loops whose index stays in range: the Wasm tier tests at entry that 0 <= i <= n <= 2^31 and
;; that the invariant fixnums are within +-2^31, and then runs a copy of the loop without the
;; fixnum guards of the index arithmetic it proves (src/wasm/induction.ts). At the edges of
;; those conditions the results (bignums past the fixnum range, errors) must be the
;; interpreter's. Each loop runs many times so the default tiers compile it too.
(test-begin "index-ranges")

(define (repeat n thunk) (let loop ((i 1) (r (thunk))) (if (= i n) r (loop (+ i 1) (thunk)))))

;; A constant bound: 2^22 - 1. (* i n) with |i| <= 2^31 is below 2^53: no guard in the copy.
(define n 4194303)
(define (offsets i k acc)
  (if (= k n) acc (offsets i (+ k 1) (+ acc (+ (* i n) k)))))
(test-equal 37748721 (repeat 500 (lambda () (offsets 2 (- n 3) 0))))
;; At the edge of the assumption: |i| = 2^31 (the copy), 2^31 + 1 (the ordinary loop); the sum
;; leaves the fixnum range either way (its guard stays) and becomes a bignum: 3 i n + 3 n - 6.
(test-equal 27021591334354935 (offsets 2147483648 (- n 3) 0))
(test-equal 27021591346937844 (offsets 2147483649 (- n 3) 0))
(test-equal -27021591309189129 (offsets -2147483648 (- n 3) 0))
(test-equal -27021591321772038 (offsets -2147483649 (- n 3) 0))
(test-equal 0 (offsets 5 n 0))
;; A start past the bound: the `=` test never holds (the ordinary loop runs, ended by another test).
(define (count-to i k stop)
  (if (= k n) 'reached (if (= k stop) (* i k) (count-to i (+ k 1) stop))))
(test-equal 8388612 (repeat 500 (lambda () (count-to 2 (+ n 1) (+ n 3)))))

;; A bound from a parameter (n <= 2^31 at entry): products of two invariants are not proven.
(define (grid rows cols)
  (let row ((i 0) (acc 0))
    (if (< i rows)
        (row (+ i 1) (let col ((j 0) (acc acc)) (if (< j cols) (col (+ j 1) (+ acc (* i cols) j)) acc)))
        acc)))
(test-equal 4950 (repeat 200 (lambda () (grid 10 10))))
(test-equal 7999998000000 (grid 2000 2000))

;; An index into vectors: a matrix product over s32vectors with a constant size.
(define m 3)
(define (mat* a b c)
  (do ((i 0 (+ i 1))) ((= i m))
    (do ((j 0 (+ j 1))) ((= j m))
      (s32vector-set! c (+ (* i m) j)
        (do ((k 0 (+ k 1)) (s 0 (+ s (* (s32vector-ref a (+ (* i m) k)) (s32vector-ref b (+ (* k m) j))))))
            ((= k m) s))))))
(define a (s32vector 1 2 3 4 5 6 7 8 9))
(define b (s32vector 9 8 7 6 5 4 3 2 1))
(define c (make-s32vector 9 0))
(repeat 300 (lambda () (mat* a b c)))
(test-equal '(30 24 18 84 69 54 138 114 90) (s32vector->list c))
;; Elements whose products leave the s32 range: the store raises.
(s32vector-set! a 0 2147483647)
(test-error (mat* a b c))

;; A row offset past the vector: the bounds check stays and raises.
(define v (make-f64vector 12 1.5))
(define (row-sum v r)
  (let loop ((k 0) (s 0.)) (if (= k m) s (loop (+ k 1) (+ s (f64vector-ref v (+ (* r m) k)))))))
(test-equal 4.5 (repeat 300 (lambda () (row-sum v 3))))
(test-error (row-sum v 4))
(test-error (row-sum v -1))

;; A vector's length as the bound (a do loop's (= k (f64vector-length v))), empty and not.
(define (weighted v)
  (do ((k 0 (+ k 1)) (s 0. (+ s (* (f64vector-ref v k) (exact->inexact (* k 3))))))
      ((= k (f64vector-length v)) s)))
(test-equal 297. (repeat 300 (lambda () (weighted v))))
(test-equal 0. (weighted (make-f64vector 0 1.)))

(test-end)
