(import (scheme base))
;; dynamic-wind (R7RS 6.10): before/after thunks on normal exit, escapes and re-entries.
(test-begin "control-dynamic-wind")

(test-equal '(connect talk1 disconnect connect talk2 disconnect)
  (let ((path '())
        (c #f))
    (let ((add (lambda (s) (set! path (cons s path)))))
      (dynamic-wind
       (lambda () (add 'connect))
       (lambda ()
         (add (call-with-current-continuation
               (lambda (c0) (set! c c0) 'talk1))))
       (lambda () (add 'disconnect)))
      (if (< (length path) 4)
          (c 'talk2)
          (reverse path)))))

(define trace '())
(define (note x) (set! trace (cons x trace)))
(define (take-trace) (let ((t (reverse trace))) (set! trace '()) t))

(test-equal '(before during after)
  (begin (dynamic-wind (lambda () (note 'before)) (lambda () (note 'during)) (lambda () (note 'after)))
         (take-trace)))
(test-equal 'value (dynamic-wind (lambda () #f) (lambda () 'value) (lambda () 'ignored)))
(test-equal '(1 2)
  (call-with-values (lambda () (dynamic-wind (lambda () #f) (lambda () (values 1 2)) (lambda () #f))) list))

;; escape from nested winds: afters run innermost first
(test-equal '(b1 b2 body a2 a1 escaped)
  (begin
    (note (call/cc
           (lambda (k)
             (dynamic-wind
              (lambda () (note 'b1))
              (lambda ()
                (dynamic-wind
                 (lambda () (note 'b2))
                 (lambda () (note 'body) (k 'escaped) (note 'not-here))
                 (lambda () (note 'a2))))
              (lambda () (note 'a1))))))
    (take-trace)))

;; re-entry: befores run outermost first
(test-equal '(b1 b2 a2 a1 out b1 b2 a2 a1 out)
  (let ((k #f) (n 0))
    (dynamic-wind
     (lambda () (note 'b1))
     (lambda ()
       (dynamic-wind
        (lambda () (note 'b2))
        (lambda () (call/cc (lambda (c) (set! k c))))
        (lambda () (note 'a2))))
     (lambda () (note 'a1)))
    (note 'out)
    (set! n (+ n 1))
    (if (< n 2) (k #f))
    (take-trace)))

;; jumping between sibling extents: leave one, enter the other
(test-equal '(enter-a leave-a enter-b leave-b enter-a leave-a)
  (let ((ka #f) (done #f))
    (dynamic-wind
     (lambda () (note 'enter-a))
     (lambda () (call/cc (lambda (c) (set! ka c))))
     (lambda () (note 'leave-a)))
    (if (not done)
        (dynamic-wind
         (lambda () (note 'enter-b))
         (lambda () (set! done #t) (ka #f))
         (lambda () (note 'leave-b))))
    (take-trace)))

;; escaping from a shared outer extent into a sibling only unwinds the inner one
(test-equal '(outer-in a-in a-out b-in b-out outer-out)
  (begin
    (dynamic-wind
     (lambda () (note 'outer-in))
     (lambda ()
       (let ((kb (call/cc (lambda (c) c))))
         (if (procedure? kb)
             (dynamic-wind
              (lambda () (note 'a-in))
              (lambda () (kb 'from-a))
              (lambda () (note 'a-out)))
             (dynamic-wind
              (lambda () (note 'b-in))
              (lambda () 'b-body)
              (lambda () (note 'b-out))))))
     (lambda () (note 'outer-out)))
    (take-trace)))

;; errors and handlers: the handler runs inside the extent, guard clauses outside it
(test-equal '(in handler out)
  (begin
    (call/cc
     (lambda (k)
       (with-exception-handler
        (lambda (e) (note 'handler) (k 'x))
        (lambda ()
          (dynamic-wind (lambda () (note 'in)) (lambda () (raise 'boom)) (lambda () (note 'out)))))))
    (take-trace)))
(test-equal '(in out clause)
  (begin
    (guard (e (#t (note 'clause)))
      (dynamic-wind (lambda () (note 'in)) (lambda () (error "boom")) (lambda () (note 'out))))
    (take-trace)))
(test-equal '(in cont out 43)
  (begin
    (note (with-exception-handler
           (lambda (e) 42)
           (lambda ()
             (dynamic-wind (lambda () (note 'in))
                           (lambda () (+ 1 (raise-continuable 'c)))
                           (lambda () (note 'cont) (note 'out))))))
    (let ((t (take-trace)))
      ;; 'cont and 'out both come from the after thunk
      t)))

;; generator re-entered from outside: befores and afters each time
;; each (return i) leaves the extent before i is noted
(test-equal '(in out 1 in out 2 in out 3)
  (let ((return #f) (resume #f))
    (define (gen)
      (call/cc (lambda (r)
                 (set! return r)
                 (if resume
                     (resume #f)
                     (dynamic-wind
                      (lambda () (note 'in))
                      (lambda ()
                        (for-each (lambda (i) (call/cc (lambda (k) (set! resume k) (return i)))) '(1 2 3))
                        (return 'end))
                      (lambda () (note 'out)))))))
    (note (gen))
    (note (gen))
    (note (gen))
    (let ((t (take-trace))) t)))

;; the before thunk runs before the body, even when the body is re-entered many times
(test-equal 1000
  (let ((k #f) (befores 0) (n 0))
    (dynamic-wind
     (lambda () (set! befores (+ befores 1)))
     (lambda () (call/cc (lambda (c) (set! k c))))
     (lambda () #f))
    (set! n (+ n 1))
    (if (< n 1000) (k #f))
    befores))

;; dynamic-wind in a loop does not accumulate
(test-equal 100000
  (let loop ((i 0) (count 0))
    (if (= i 100000)
        count
        (loop (+ i 1) (dynamic-wind (lambda () #f) (lambda () (+ count 1)) (lambda () #f))))))

(test-end)
