(import (scheme base))
;; Deep non-tail recursion: the stack is limited only by memory.
(test-begin "control-deep-recursion")

(define n 1000000)

(define (build k) (if (= k 0) '() (cons k (build (- k 1)))))
(define (sum lst) (if (null? lst) 0 (+ (car lst) (sum (cdr lst)))))
(define big (build n))
(test-equal "cons recursion 1,000,000 deep" n (length big))
(test-equal "summing recursively" 500000500000 (sum big))
(test-equal 1 (list-ref big (- n 1)))

(define (iota-list k) (let loop ((i (- k 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(define ints (iota-list n))
(test-equal "(apply + <1,000,000 numbers>)" 499999500000 (apply + ints))
(test-equal "apply max" (- n 1) (apply max ints))
(test-equal "apply list" n (length (apply list ints)))

(define doubled (map (lambda (x) (* 2 x)) ints))
(test-equal "map over 1,000,000 elements" n (length doubled))
(test-equal 999999000000 (apply + doubled))
(test-equal '(0 2 4) (list (car doubled) (cadr doubled) (caddr doubled)))
(test-equal "map with two lists" (* 2 n) (length (append ints (map + ints ints))))
(test-equal "for-each over 1,000,000 elements" 499999500000
  (let ((total 0)) (for-each (lambda (x) (set! total (+ total x))) ints) total))

(define (my-append a b) (if (null? a) b (cons (car a) (my-append (cdr a) b))))
(test-equal n (length (my-append ints '())))
(define (my-map f l) (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
(test-equal 500000500000 (apply + (my-map (lambda (x) (+ x 1)) ints)))

(define (count-up k) (if (= k 0) 0 (+ 1 (count-up (- k 1)))))
(test-equal "plain recursion" n (count-up n))
(test-equal "recursion a second time (stack reuse)" n (count-up n))

(define (through-apply k) (if (= k 0) 0 (+ 1 (apply through-apply (list (- k 1))))))
(test-equal "recursion through apply" 100000 (through-apply 100000))

(define (through-map k) (if (= k 0) 0 (+ 1 (car (map through-map (list (- k 1)))))))
(test-equal "recursion through map" 100000 (through-map 100000))

(define (through-for-each k)
  (let ((r 0)) (if (= k 0) 0 (begin (for-each (lambda (j) (set! r (+ 1 (through-for-each j)))) (list (- k 1))) r))))
(test-equal "recursion through for-each" 100000 (through-for-each 100000))

(define (through-vector-map k) (if (= k 0) 0 (+ 1 (vector-ref (vector-map through-vector-map (vector (- k 1))) 0))))
(test-equal "recursion through vector-map" 100000 (through-vector-map 100000))

(define (through-call-with-values k)
  (if (= k 0) 0 (+ 1 (call-with-values (lambda () (through-call-with-values (- k 1))) (lambda (v) v)))))
(test-equal "recursion through call-with-values" 100000 (through-call-with-values 100000))

(define (through-dynamic-wind k)
  (if (= k 0) 0 (+ 1 (dynamic-wind (lambda () #f) (lambda () (through-dynamic-wind (- k 1))) (lambda () #f)))))
(test-equal "recursion through dynamic-wind" 100000 (through-dynamic-wind 100000))

(define (through-guard k) (if (= k 0) 0 (+ 1 (guard (e (#t 0)) (through-guard (- k 1))))))
(test-equal "recursion through guard" 100000 (through-guard 100000))

(define p (make-parameter 0))
(define (through-parameterize k) (if (= k 0) (p) (+ 1 (parameterize ((p k)) (through-parameterize (- k 1))))))
(test-equal "recursion through parameterize" 100001 (through-parameterize 100000))

(define (through-force k) (if (= k 0) 0 (+ 1 (force (delay (through-force (- k 1)))))))
(test-equal "recursion through force" 100000 (through-force 100000))

(define (through-with-exception-handler k)
  (if (= k 0) 0 (+ 1 (with-exception-handler (lambda (e) 0) (lambda () (through-with-exception-handler (- k 1)))))))
(test-equal "recursion through with-exception-handler" 100000 (through-with-exception-handler 100000))

(define (raise-at-bottom k) (if (= k 0) (raise 'bottom) (+ 1 (raise-at-bottom (- k 1)))))
(test-equal "raise 1,000,000 deep, caught at the top" 'bottom (guard (e (#t e)) (raise-at-bottom n)))

(define (deep-tree k) (if (= k 0) '() (list (deep-tree (- k 1)))))
(define (depth t) (if (null? t) 0 (+ 1 (depth (car t)))))
(define tree (deep-tree 100000))
(test-equal "nested list 100,000 deep" 100000 (depth tree))
(test-assert "equal? on 100,000-deep nesting" (equal? tree (deep-tree 100000)))
(test-assert "equal? on 1,000,000-element lists" (equal? ints (list-copy ints)))

(define (tree-sum t) (if (pair? t) (+ (tree-sum (car t)) (tree-sum (cdr t))) (if (number? t) t 0)))
(test-equal "binary recursion" 500000500000 (tree-sum big))

(define (fib k) (if (< k 2) k (+ (fib (- k 1)) (fib (- k 2)))))
(test-equal 6765 (fib 20))

(test-end)
