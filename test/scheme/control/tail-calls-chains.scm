(import (scheme base) (scheme case-lambda))
;; Tail calls that are not loops: through rings of procedures, through closures held in local
;; variables and in data, in continuation-passing style, mixed with non-tail recursion, with
;; escapes and errors in the middle of a chain. Native code makes such calls as JS calls while
;; few are nested and through its trampoline past that (docs/jit.md, "Calls"): in every mode
;; these must run in bounded stack and give the interpreter's results.
(test-begin "control-tail-call-chains")

(define big 1000000)

;; A ring of five procedures, each tail-calling the next.
(define (p0 n acc) (if (= n 0) acc (p1 (- n 1) (+ acc 1))))
(define (p1 n acc) (if (= n 0) acc (p2 (- n 1) (+ acc 2))))
(define (p2 n acc) (if (= n 0) acc (p3 (- n 1) (+ acc 3))))
(define (p3 n acc) (if (= n 0) acc (p4 (- n 1) (+ acc 4))))
(define (p4 n acc) (if (= n 0) acc (p0 (- n 1) (+ acc 5))))
(test-equal "ring of five procedures" (* 3 big) (p0 big 0))

;; Two procedures, 10,000,000 mutual tail calls.
(define (ping n) (if (= n 0) 'ping (pong (- n 1))))
(define (pong n) (if (= n 0) 'pong (ping (- n 1))))
(test-equal "10,000,000 mutual tail calls" 'ping (ping 10000000))

;; Continuation-passing style: every call a tail call to a closure made on the way.
(define (count-cps n k) (if (= n 0) (k 0) (count-cps (- n 1) (lambda (v) (k (+ v 1))))))
(test-equal "CPS loop building a chain of 1,000,000 closures" 1000000 (count-cps 1000000 (lambda (v) v)))

(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))
(test-equal "cpstak" 7 (cpstak 18 12 6))

;; Closures reached through local variables and through a vector (no global to call directly).
(define (make-stepper other) (lambda (n) (if (= n 0) 'done ((vector-ref other 0) (- n 1)))))
(define cell (vector #f))
(define stepper (make-stepper cell))
(vector-set! cell 0 stepper)
(test-equal "closure found in a vector each time" 'done (stepper big))
(test-equal "closures in local variables"
  'even
  (let ((ev #f) (od #f))
    (set! ev (lambda (n) (if (= n 0) 'even (od (- n 1)))))
    (set! od (lambda (n) (if (= n 0) 'odd (ev (- n 1)))))
    (ev big)))

;; A state machine over an association list of closures.
(define machine
  (letrec ((table (list (cons 'a (lambda (n acc) (if (= n 0) acc (go 'b (- n 1) (+ acc 1)))))
                        (cons 'b (lambda (n acc) (if (= n 0) acc (go 'c (- n 1) (* acc 1)))))
                        (cons 'c (lambda (n acc) (if (= n 0) acc (go 'a (- n 1) (- acc 0)))))))
           (go (lambda (state n acc) ((cdr (assq state table)) n acc))))
    go))
(test-equal "state machine through a table" 1000000 (machine 'a 3000000 0))

;; Tail calls to case-lambda, to primitives and through apply, in one chain.
(define cl (case-lambda ((n) (via-cl n 0)) ((n acc) (via-cl n acc))))
(define (via-cl n acc) (if (= n 0) acc (if (even? n) (cl (- n 1) (+ acc 1)) (apply via-cl (list (- n 1) acc)))))
(test-equal "case-lambda and apply in a chain" 500000 (cl 1000000))
(define (to-prim n) (if (= n 0) (max 1 2 3) (to-prim2 (- n 1))))
(define (to-prim2 n) (to-prim n))
(test-equal "a chain ending in a primitive" 3 (to-prim big))

;; Non-tail recursion where each level runs a chain of tail calls, 100,000 levels deep.
(define (hop n k) (if (= k 0) n (hop2 n (- k 1))))
(define (hop2 n k) (hop n k))
(define (deep n) (if (= n 0) 0 (+ 1 (hop (deep (- n 1)) 7))))
(test-equal "tail chains at every level of a deep recursion" 100000 (deep 100000))

;; Escapes and errors from the middle of chains, then more chains: nothing is left counted.
(define (escape-after n k) (if (= n 0) (k 'escaped) (escape-after2 (- n 1) k)))
(define (escape-after2 n k) (escape-after n k))
(test-equal "call/cc escape from a chain, repeated" '(escaped escaped escaped)
  (let loop ((i 0) (acc '()))
    (if (= i 3) acc (loop (+ i 1) (cons (call/cc (lambda (k) (escape-after 100000 k))) acc)))))
(define (fail-after n) (if (= n 0) (car '()) (fail-after2 (- n 1))))
(define (fail-after2 n) (fail-after n))
(test-equal "errors raised in a chain are caught, repeatedly" 100
  (let loop ((i 0) (caught 0))
    (if (= i 100) caught
        (loop (+ i 1) (+ caught (guard (e (#t 1)) (fail-after 1000)))))))
(test-equal "chains still run after the errors" (quote ping) (ping 1000000))
(test-error "a wrong argument count in a chain raises" (p0 10 0 0))
(define (bad-tail n) (if (= n 0) (p1 1) (bad-tail2 (- n 1))))
(define (bad-tail2 n) (bad-tail n))
(test-error "a wrong argument count at the end of a chain raises" (bad-tail 1000))

;; A procedure redefined while a chain through it runs.
(define (r0 n) (if (= n 0) 'old (r1 (- n 1))))
(define (r1 n) (if (= n 500000) (begin (set! r0 (lambda (n) (if (= n 0) 'new (r1 (- n 1))))) (r0 n)) (r0 n)))
(test-equal "redefined in the middle of a chain" 'new (r0 1000000))

(test-end)
