;; (kiln parallel): futures, parallel-map/for-each/reduce, channels, values copied both ways,
;; errors raised at touch, and procedures refused. Runs on a pool of 2 workers (KILN_WORKERS
;; may say otherwise; nothing here depends on the number).
(define-library (inline helpers)
  (export twice)
  (import (scheme base))
  (begin (define (twice x) (* 2 x))))

(import (scheme base) (scheme write) (srfi 69) (kiln parallel) (par work) (inline helpers))

(define (message-of thunk)
  (guard (e ((error-object? e) (error-object-message e)) (#t (list 'raised e))) (thunk) 'no-error))
(define (contains? s part)
  (let ((n (string-length s)) (m (string-length part)))
    (let loop ((i 0)) (cond ((> (+ i m) n) #f) ((string=? (substring s i (+ i m)) part) #t) (else (loop (+ i 1)))))))

(define (every-count? alist)
  (or (null? alist) (and (exact-integer? (cdar alist)) (every-count? (cdr alist)))))

(test-begin "parallel")

(test-group "futures"
  (define f (future fib 20))
  (test-assert (future? f))
  (test-equal 6765 (touch f))
  (test-equal "touched twice" 6765 (touch f))
  (test-equal 8 (touch (future twice 4)))
  (test-equal "a builtin" 6 (touch (future + 1 2 3)))
  (test-equal "a thunk" '() (touch (future list)))
  (test-equal "several values" '(1 2) (call-with-values (lambda () (touch (future values 1 2))) list))
  (test-equal "no value" '() (call-with-values (lambda () (touch (future values))) list))
  (test-equal "a named procedure as an argument" 10 (touch (future call-with twice 5)))
  (test-assert (not (future? 5)))
  (test-assert (exact-integer? (parallel-workers)))
  (let ((stats (parallel-statistics)))
    (test-equal (parallel-workers) (cdr (assq 'workers stats)))
    (test-assert (>= (cdr (assq 'tasks stats)) 5))
    (test-assert (every-count? stats))))

(test-group "nested futures"
  (test-equal "parallel fib" 6765 (pfib 20))
  (let ((xs (let loop ((i 0) (acc '())) (if (= i 500) acc (loop (+ i 1) (cons (modulo (* i 7919) 1009) acc))))))
    (test-equal "parallel merge sort" (msort xs) (pmsort xs))))

(test-group "parallel-map and friends"
  (test-equal (map fib '(1 2 3 4 5 6 7 8 9 10)) (parallel-map fib '(1 2 3 4 5 6 7 8 9 10)))
  (test-equal #(2 4 6) (parallel-map twice #(1 2 3)))
  (test-equal '() (parallel-map twice '()))
  (test-equal #() (parallel-map twice #()))
  (test-equal '(2) (parallel-map twice '(1)))
  (test-equal 5050 (parallel-reduce + 0 (let loop ((i 100) (acc '())) (if (= i 0) acc (loop (- i 1) (cons i acc))))))
  (test-equal 120 (parallel-reduce * 1 #(1 2 3 4 5)))
  (test-equal 7 (parallel-reduce + 7 '()))
  (test-assert (begin (parallel-for-each fib '(1 2 3)) #t))
  (test-assert (begin (parallel-for-each fib #()) #t)))

(test-group "values cross intact"
  (define (round-trip x) (touch (future identity-of x)))
  (test-equal 123456789012345678901234567890 (round-trip 123456789012345678901234567890))
  (test-eqv 2/3 (round-trip 2/3))
  (test-eqv 2.0 (round-trip 2.0))
  (test-assert (eqv? -0.0 (round-trip -0.0)))
  (test-eqv 1.5 (round-trip 1.5))
  (test-eqv #\x3bb (round-trip #\x3bb))
  (test-equal "a\x1F600;b" (round-trip "a\x1F600;b"))
  (test-assert "symbols are interned again" (eq? 'hello (round-trip 'hello)))
  (test-equal #u8(1 2 255) (round-trip #u8(1 2 255)))
  (test-equal '(1 #(2 "three") (4 . 5)) (round-trip '(1 #(2 "three") (4 . 5))))
  (let* ((shared (list 1 2))
         (back (round-trip (list shared shared))))
    (test-assert "shared structure stays shared" (eq? (car back) (cadr back))))
  (let ((c (list 1 2 3)))
    (set-cdr! (cddr c) c)
    (let ((back (round-trip c)))
      (test-assert "a circular list stays circular" (eq? back (cdddr back)))))
  (let ((p (touch (future scale-point (make-point 1 2) 3))))
    (test-assert "a record of a library's type" (point? p))
    (test-equal '(3 6) (list (point-x p) (point-y p))))
  (let ((t (make-hash-table equal?)))
    (hash-table-set! t '(a) 1)
    (hash-table-set! t "b" 2)
    (test-equal "a hash table" 3 (touch (future table-sum t)))
    (let ((back (round-trip t)))
      (test-equal 1 (hash-table-ref/default back '(a) #f))
      (test-equal 2 (hash-table-ref/default back "b" #f)))))

(test-group "errors"
  (test-equal "the worker's message and irritants"
              '("boom:" (5 (5 y)))
              (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
                (touch (future boom 5))))
  (test-equal "a raised non-condition" '(raised oops) (message-of (lambda () (touch (future raise-symbol)))))
  (let ((f (future boom 1)))
    (test-equal "boom:" (message-of (lambda () (touch f))))
    (test-equal "raised again at every touch" "boom:" (message-of (lambda () (touch f)))))
  (test-assert "a closure is refused, saying why"
               (contains? (message-of (lambda () (let ((n 3)) (future (lambda () n))))) "closure over 1 local variable"))
  (test-assert "a closure argument is refused"
               (contains? (message-of (lambda () (let ((n 3)) (future call-with (lambda (x) (+ x n)) 1)))) "closures over local state"))
  (test-assert "the program's top level is not a library"
               (contains? (message-of (lambda () (future message-of list))) "program's top level"))
  (test-assert "a future cannot be sent" (string? (message-of (lambda () (future identity-of (future fib 1))))))
  (test-assert "a worker that exits fails its task"
               (contains? (message-of (lambda () (touch (future exit-now 3)))) "exit status 3"))
  (test-equal "the pool goes on after a worker died" 55 (touch (future fib 10)))
  (test-assert "the scheduler counted the replacement" (>= (cdr (assq 'replaced (parallel-statistics))) 1)))

(test-group "channels"
  (define ch (make-channel))
  (define out (make-channel))
  (test-assert (channel? ch))
  (let ((f (future channel-sum ch out 4)))
    (for-each (lambda (i) (channel-put ch i)) '(1 2 3 4))
    (test-equal 10 (touch f))
    (test-equal 10 (channel-get out)))
  (test-equal 'sent (touch (future channel-echo ch 7)))
  (test-equal '(from-worker 7) (channel-get ch)))

;; Every worker takes a task that waits on the channel before any task that fills it is run: a
;; waiting worker must run the queued tasks meanwhile (else this never ends).
(test-group "workers waiting on a channel run the tasks that fill it"
  (define ch (make-channel))
  (define n (* 2 (+ 1 (parallel-workers))))
  (define (upto k) (let loop ((i (- k 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))
  (define getters (map (lambda (i) (future channel-get ch)) (upto n)))
  (define putters (map (lambda (i) (future channel-put ch i)) (upto n)))
  (for-each touch putters)
  (test-equal (apply + (upto n)) (apply + (map touch getters))))

(test-end)
