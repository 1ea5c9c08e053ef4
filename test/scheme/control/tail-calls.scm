(import (scheme base))
;; Proper tail calls (R7RS 3.5): none of these loops may grow the stack.
(test-begin "control-tail-calls")

(define big 1000000)

(test-equal "named let, 10,000,000 iterations" 10000000
  (let loop ((i 0)) (if (< i 10000000) (loop (+ i 1)) i)))

(define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
(test-equal "mutual recursion even?" #t (my-even? big))
(test-equal "mutual recursion odd?" #f (my-odd? big))
(test-equal "local mutual recursion" #t
  (letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
           (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
    (od? (+ big 1))))

(define (via-apply n) (if (= n 0) 'done (apply via-apply (list (- n 1)))))
(test-equal "apply" 'done (via-apply big))
(define (via-apply2 n acc) (if (= n 0) acc (apply via-apply2 (- n 1) (list (+ acc 1)))))
(test-equal "apply with spread arguments" big (via-apply2 big 0))

(define (via-cond-arrow n) (cond ((= n 0) 'done) ((- n 1) => via-cond-arrow)))
(test-equal "cond =>" 'done (via-cond-arrow big))
(define (via-cond n) (cond ((= n 0) 'done) (else (via-cond (- n 1)))))
(test-equal "cond else" 'done (via-cond big))
(define (via-cond-clause n) (cond ((= n 0) 'done) ((> n 0) (via-cond-clause (- n 1)))))
(test-equal "cond clause" 'done (via-cond-clause big))

(define (via-case n)
  (case (if (= n 0) 'stop 'go)
    ((stop) 'done)
    ((go) (via-case (- n 1)))))
(test-equal "case clause" 'done (via-case big))
(define (via-case-else n)
  (case (if (= n 0) 'stop 'go)
    ((stop) 'done)
    (else (via-case-else (- n 1)))))
(test-equal "case else" 'done (via-case-else big))
(define (via-case-arrow n)
  (case n
    ((0) 'done)
    (else => (lambda (m) (via-case-arrow (- m 1))))))
(test-equal "case else =>" 'done (via-case-arrow big))

(define (via-and n) (if (= n 0) 'done (and #t (via-and (- n 1)))))
(test-equal "and" 'done (via-and big))
(define (via-or n) (if (= n 0) 'done (or #f (via-or (- n 1)))))
(test-equal "or" 'done (via-or big))
(define (via-when n) (when (> n 0) (via-when (- n 1))))
(test-equal "when" 'ok (begin (via-when big) 'ok))
(define (via-unless n) (unless (= n 0) (via-unless (- n 1))))
(test-equal "unless" 'ok (begin (via-unless big) 'ok))
(define (via-when-result n) (if (= n 0) 'done (when #t (via-when-result (- n 1)))))
(test-equal "when result" 'done (via-when-result big))

(define (via-do n)
  (do ((i 0 (+ i 1))) ((= i 1) (if (= n 0) 'done (via-do (- n 1))))))
(test-equal "do result" 'done (via-do big))

(define (via-let n) (let ((m (- n 1))) (if (< m 0) 'done (via-let m))))
(test-equal "let body" 'done (via-let big))
(define (via-let* n) (let* ((m (- n 1)) (k m)) (if (< k 0) 'done (via-let* k))))
(test-equal "let* body" 'done (via-let* big))
(define (via-letrec n) (letrec ((m (- n 1))) (if (< m 0) 'done (via-letrec m))))
(test-equal "letrec body" 'done (via-letrec big))
(define (via-begin n) (begin 1 (if (= n 0) 'done (via-begin (- n 1)))))
(test-equal "begin" 'done (via-begin big))
(define (via-lambda n) ((lambda () (if (= n 0) 'done (via-lambda (- n 1))))))
(test-equal "lambda body" 'done (via-lambda big))
(define (via-let-values n)
  (let-values (((a b) (values n 1)))
    (if (= a 0) 'done (via-let-values (- a b)))))
(test-equal "let-values body" 'done (via-let-values big))
(define (via-internal-define n)
  (define m (- n 1))
  (if (< m 0) 'done (via-internal-define m)))
(test-equal "body with definitions" 'done (via-internal-define big))

(define (via-call-with-values n)
  (if (= n 0)
      'done
      (call-with-values (lambda () (- n 1)) via-call-with-values)))
(test-equal "call-with-values consumer" 'done (via-call-with-values big))
(define (via-call/cc n)
  (if (= n 0) 'done (call-with-current-continuation (lambda (k) (via-call/cc (- n 1))))))
(test-equal "call/cc receiver" 'done (via-call/cc big))

(define-syntax my-if
  (syntax-rules () ((_ c a b) (cond (c a) (else b)))))
(define (via-macro n) (my-if (= n 0) 'done (via-macro (- n 1))))
(test-equal "through a macro" 'done (via-macro big))

(define count-down
  (case-lambda
   ((n) (count-down n 'done))
   ((n result) (if (= n 0) result (count-down (- n 1) result)))))
(test-equal "case-lambda" 'done (count-down big))

;; a tail call to a procedure passed as an argument (continuation-passing style)
(define (cps-loop n k) (if (= n 0) (k 'done) (cps-loop (- n 1) (lambda (v) (k v)))))
(test-equal "CPS with growing closures (heap, not stack)" 'done (cps-loop big (lambda (v) v)))
(define (cps-count n k) (if (= n 0) (k 0) (cps-count (- n 1) (lambda (v) (k (+ v 1))))))
(test-equal "CPS continuation chain" big (cps-count big (lambda (v) v)))

;; tail calls with more arguments than parameters of the caller, and rest arguments
(define (many-args a b c d e f g) (if (= a 0) (list b c d e f g) (many-args (- a 1) c d e f g b)))
(test-equal "argument shuffling" '(3 4 5 6 7 2) (many-args 1 2 3 4 5 6 7))
(test-equal "argument shuffling, long" '(2 3 4 5 6 7) (many-args (* 6 100000) 2 3 4 5 6 7))
(define (rest-loop n . rest) (if (= n 0) rest (apply rest-loop (- n 1) rest)))
(test-equal "rest arguments" '(a b) (rest-loop big 'a 'b))

;; a loop in a procedure stored in a data structure
(define table (vector (lambda (n self) (if (= n 0) 'done ((vector-ref table 0) (- n 1) self)))))
(test-equal "call through a vector" 'done ((vector-ref table 0) big #f))

;; string ports and for-each inside a tail-recursive loop do not grow anything
(test-equal "loop with side effects" 100000
  (let loop ((i 0) (acc 0))
    (if (= i 100000) acc (begin (vector-fill! (make-vector 1) i) (loop (+ i 1) (+ acc 1))))))

(test-end)
