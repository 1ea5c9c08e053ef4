;; Deep non-tail recursion and continuations across tiers (issue 7): native frames that are
;; reified (native depth budget, call/cc, errors) must come back and finish correctly, in
;; every tier. Run with --no-jit, --jit-threshold=0 and the default.
(import (scheme base) (scheme write))

(test-begin "control-deep-native")

(define (iota* n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
(define big (iota* 1000000))

;; Hand-written non-tail list recursions over 1,000,000 elements.
(define (my-map f l) (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
(define (my-append a b) (if (null? a) b (cons (car a) (my-append (cdr a) b))))
(define (my-filter p l)
  (cond ((null? l) '())
        ((p (car l)) (cons (car l) (my-filter p (cdr l))))
        (else (my-filter p (cdr l)))))
(define (my-length l) (if (null? l) 0 (+ 1 (my-length (cdr l)))))

(test-equal "map 1e6" 500000500000 (sum (my-map (lambda (x) (+ x 1)) big)))
(test-equal "append 1e6" 2000000 (my-length (my-append big big)))
(test-equal "filter 1e6" 249999500000 (sum (my-filter even? big)))
(test-equal "map twice (resumed frames are hot)" 500001500000 (sum (my-map (lambda (x) (+ x 2)) big)))

;; Ackermann: about 16,000 frames deep, up and down many times.
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))
(test-equal "ack 2 9" 21 (ack 2 9))
(test-equal "ack 3 7" 1021 (ack 3 7))

;; Deep mutual non-tail recursion.
(define (ev? n) (if (= n 0) #t (eq? #t (od? (- n 1)))))
(define (od? n) (if (= n 0) #f (eq? #t (ev? (- n 1)))))
(test-equal "mutual recursion 300001" #f (ev? 300001))
(define (down-a n) (if (= n 0) '() (cons 'a (down-b (- n 1)))))
(define (down-b n) (if (= n 0) '() (cons 'b (down-a (- n 1)))))
(test-equal "mutual list building" 200000 (length (down-a 200000)))

;; A continuation captured 100,000 frames deep and re-entered many times.
(define saved #f)
(define entries 0)
(define (deep-capture n)
  (if (= n 0)
      (call/cc (lambda (k) (set! saved k) 0))
      (+ 1 (deep-capture (- n 1)))))
(let ((r (deep-capture 100000)))
  (set! entries (+ entries 1))
  (if (< entries 20) (saved entries))
  (test-equal "re-entered deep continuation" (+ 100000 19) r))
(test-equal "entries" 20 entries)

;; Escaping continuations in a loop (one capture per iteration).
(define (find-first p l)
  (call/cc (lambda (return) (for-each (lambda (x) (if (p x) (return x))) l) #f)))
(test-equal "escapes in a loop" 99999
  (let loop ((i 0) (last #f))
    (if (= i 2000) last (loop (+ i 1) (find-first (lambda (x) (>= x 99999)) (list-tail big 99990))))))

;; ctak: call/cc on every call.
(define (ctak x y z)
  (call/cc (lambda (k) (ctak-aux k x y z))))
(define (ctak-aux k x y z)
  (if (not (< y x))
      (k z)
      (call/cc
       (lambda (k)
         (ctak-aux k
                   (call/cc (lambda (k) (ctak-aux k (- x 1) y z)))
                   (call/cc (lambda (k) (ctak-aux k (- y 1) z x)))
                   (call/cc (lambda (k) (ctak-aux k (- z 1) x y))))))))
(test-equal "ctak" 5 (ctak 12 8 4))

;; A generator that captures and resumes on every element of a tree.
(define (make-tree d) (if (= d 0) 'leaf (cons (make-tree (- d 1)) (make-tree (- d 1)))))
(define (tree->generator tree)
  (define return #f)
  (define resume-walk
    (lambda (ignored)
      (let walk ((t tree))
        (if (pair? t)
            (begin (walk (car t)) (walk (cdr t)))
            (call/cc (lambda (k) (set! resume-walk k) (return t)))))
      (return 'done)))
  (lambda () (call/cc (lambda (r) (set! return r) (resume-walk #f)))))
(define (count-leaves gen)
  (let loop ((n 0)) (if (eq? (gen) 'done) n (loop (+ n 1)))))
(test-equal "tree generator" 4096 (count-leaves (tree->generator (make-tree 12))))

;; An error raised 100,000 frames deep, caught by guard higher up; the frames in between are
;; abandoned, and the program goes on.
(define (deep-raise n) (if (= n 0) (raise 'bottom) (+ 1 (deep-raise (- n 1)))))
(test-equal "guard catches a deep raise" 'bottom (guard (e ((symbol? e) e)) (deep-raise 100000)))
(define (deep-error n) (if (= n 0) (car '()) (+ 1 (deep-error (- n 1)))))
(test-assert "guard catches a deep primitive error"
  (guard (e ((error-object? e) #t)) (deep-error 100000)))
;; A handler that returns (raise-continuable) into the deep frames, which then finish.
(define (deep-continuable n) (if (= n 0) (raise-continuable 'more) (+ 1 (deep-continuable (- n 1)))))
(test-equal "raise-continuable 100,000 deep" 100042
  (with-exception-handler (lambda (e) 42) (lambda () (deep-continuable 100000))))

;; Multiple values at depth: a merge sort whose split returns two values through
;; let-values, non-tail, 10,000 deep; and call-with-values at every level of a deep recursion.
(define (split lst)
  (if (or (null? lst) (null? (cdr lst)))
      (values lst '())
      (let-values (((a b) (split (cddr lst))))
        (values (cons (car lst) a) (cons (cadr lst) b)))))
(define (merge a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((< (car b) (car a)) (cons (car b) (merge a (cdr b))))
        (else (cons (car a) (merge (cdr a) b)))))
(define (merge-sort lst)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let-values (((a b) (split lst)))
        (merge (merge-sort a) (merge-sort b)))))
(define (descending n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons i acc)))))
(test-equal "merge sort with let-values 10,000 deep" (iota* 20000) (merge-sort (descending 20000)))
(define (sum-and-count l)
  (if (null? l)
      (values 0 0)
      (call-with-values (lambda () (sum-and-count (cdr l)))
        (lambda (s n) (values (+ s (car l)) (+ n 1))))))
(test-equal "call-with-values 100,000 deep" '(4999950000 100000)
  (call-with-values (lambda () (sum-and-count (iota* 100000))) list))

;; A procedure with a rest list, non-tail, 300,000 deep: calls cross stack segments (the
;; interpreter's overflow must adjust the arguments exactly once).
(define (rest-deep n . r)
  (if (not (equal? r '(x))) (error "wrong rest list" n r))
  (if (= n 0) 0 (+ 1 (rest-deep (- n 1) 'x))))
(test-equal "rest list 300,000 deep" 300000 (rest-deep 300000 'x))

(test-end)
