(import (scheme base))
;; A procedure that calls itself by its letrec name (a named let, an internal define) reads its
;; own closure from a free slot; native code knows that slot holds the closure itself
;; (Code.selfSlot) and loops or recurses without loading or testing the callee. Whatever the
;; shape, the answers are those of any other call.
(test-begin "control-self-calls")

;; A named let: a loop through the self slot, with other captured variables beside it.
(define (sum-list l k)
  (let loop ((l l) (s 0))
    (if (null? l) (* k s) (loop (cdr l) (+ s (car l))))))
(define (iota* n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(test-equal "named let loop" 9999900000 (sum-list (iota* 100000) 2))

;; An internal define recursing (non-tail) through its self slot, deep enough to spill.
(define (count-leaves tree)
  (define (walk t) (if (pair? t) (+ (walk (car t)) (walk (cdr t))) (if (null? t) 0 1)))
  (walk tree))
(test-equal "internal define, non-tail" 100000 (count-leaves (iota* 100000)))

;; Lambdas made inside a self-recursive procedure capture it from its self slot.
(define (thunks n)
  (define (step k acc) (if (= k 0) acc (step (- k 1) (cons (lambda () (step 0 k)) acc))))
  (map (lambda (t) (t)) (step n '())))
(test-equal "closures capturing the self slot" '(1 2 3) (thunks 3))

;; Two lambdas with the same instructions and name: one calls itself, the other calls the
;; procedure it captured in the same slot. They must not be mistaken for one another (code
;; sharing keys on the self slot).
(define (make-self) (define (go n) (if (= n 0) 'done (go (- n 1)))) go)
(define (make-caller go2) (define (go n) (if (= n 0) 'done (go2 (- n 1)))) go)
(define self-go (make-self))
(define caller-go (make-caller (lambda (n) (list 'helped n))))
(test-equal "self" 'done (self-go 1000))
(test-equal "captured helper in the same slot" '(helped 4) (caller-go 5))
(test-equal "self again" 'done (self-go 10))

;; Mutual recursion among internal defines: each calls the other through a free slot that is
;; not its self slot, and itself through its own.
(define (parity n)
  (define (ev? n) (if (= n 0) #t (od? (- n 1))))
  (define (od? n) (if (= n 0) #f (ev? (- n 1))))
  (list (ev? n) (od? n)))
(test-equal "mutual recursion" '(#t #f) (parity 100000))

;; Wrong argument counts through the self slot are still errors.
(define (bad-self)
  (define (f n) (if (= n 0) (f) (f (- n 1))))
  (f 3))
(test-error "arity error through the self slot" (bad-self))

;; A self tail call whose argument comes from a continuation captured inside the loop; the
;; continuation is re-entered after the loop ended (the loop runs again from there).
(define (loop-with-k n)
  (let ((k-saved #f) (runs '()))
    (let ((result
           (let loop ((i 0) (acc 0))
             (if (= i n)
                 acc
                 (loop (+ i 1) (+ acc (call/cc (lambda (k) (if (= i 3) (set! k-saved k)) 1))))))))
      (set! runs (cons result runs))
      (if (= (length runs) 1) (k-saved 100))
      (reverse runs))))
(test-equal "re-entered continuation in the loop" '(10 109) (loop-with-k 10))

(test-end)
