(import (scheme base))
;; Native code leaves at the failing instruction through an exit of its own (src/jit/exits.ts):
;; the frame records its live registers and the exception unwinds the native frames to the
;; interpreter, which takes over each of them. Whatever leaves, and from however deep, the
;; answers are those of the interpreter.
(test-begin "control-native-exits")

;; A failed speculation inside a call/cc receiver (a continuation kept local, so captured
;; lazily): the receiver goes on in the interpreter and its continuation is still the call's.
(define (plus-one-via-k x) (+ 100 (call/cc (lambda (k) (k (+ x 1))))))
(define (sum-via-k i acc) (if (= i 0) acc (sum-via-k (- i 1) (+ acc (plus-one-via-k i)))))
(test-equal "fixnums" 601500 (sum-via-k 1000 0))
(test-equal "a flonum after fixnums" 102.5 (plus-one-via-k 1.5))
(test-equal "a bignum result" 1180591620717411303525 (plus-one-via-k (expt 2 70)))
(test-equal "fixnums again" 1065 (sum-via-k 10 0))

;; An error deep in non-tail recursion, caught above it; the live values of every frame on
;; the way survive (each frame adds its own after the handler returns a value).
(define (depth-sum n fail-at)
  (if (= n 0) 0
      (let ((here (* n 2)))
        (+ here (if (= n fail-at) (guard (e ((string? e) 1000)) (raise "deep")) (depth-sum (- n 1) fail-at))))))
(test-equal "error 5,000 frames down" (+ 1000 (- (* 10000 10001) (* 4999 5000)))
  (depth-sum 10000 5000))
(define (car-all l) (if (null? l) '() (cons (car (car l)) (car-all (cdr l)))))
(test-equal "a type error 20,000 frames down, caught at the top" "caught"
  (guard (e ((error-object? e) "caught"))
    (car-all (append (map list (make-list 20000 1)) '(5)))))

;; Each call counted once, however the frames left native code.
(define calls 0)
(define (counted n) (set! calls (+ calls 1)) (if (= n 0) 0 (+ 1 (counted (- n 1)))))
(test-equal "deep counted recursion" 100000 (counted 100000))
(test-equal "each call once" 100001 calls)

;; A flonum loop that meets a non-number leaves with its unboxed registers boxed again.
(define (scale-all v k)
  (let loop ((i 0) (acc 0.5))
    (if (= i (vector-length v)) acc
        (loop (+ i 1) (+ acc (* k (vector-ref v i)))))))
(test-equal "flonum loop" 6.5 (scale-all (vector 1.5 2.5 2.) 1.))
(test-equal "flonum loop, then an error" "bad"
  (guard (e ((error-object? e) "bad")) (scale-all (vector 1.5 'x 2.) 1.)))
(test-equal "flonum loop, then exact values" 1.5 (scale-all (vector 1/2 1/2) 1))

(test-end)
