;; callcc-generator: a generator built on call/cc walking a tree of 2^17 leaves, consumed
;; value by value (131,072 values), three times.
(import (scheme base) (scheme write))
(define (make-tree depth start)
  (if (= depth 0)
      start
      (cons (make-tree (- depth 1) start)
            (make-tree (- depth 1) (+ start (expt 2 (- depth 1)))))))

(define (tree->generator tree)
  (define return #f)
  (define resume #f)
  (define (walk t)
    (if (pair? t)
        (begin (walk (car t)) (walk (cdr t)))
        (call-with-current-continuation
         (lambda (k)
           (set! resume k)
           (return t)))))
  (lambda ()
    (call-with-current-continuation
     (lambda (r)
       (set! return r)
       (if resume
           (resume #f)
           (begin (walk tree) (return 'done)))))))

(define (consume gen)
  (let loop ((sum 0) (count 0))
    (let ((v (gen)))
      (if (eq? v 'done)
          (list count sum)
          (loop (+ sum v) (+ count 1))))))

(define tree (make-tree 17 0))
(define (run times)
  (let loop ((i 0) (result #f))
    (if (= i times)
        result
        (loop (+ i 1) (consume (tree->generator tree))))))

(display (run 3))
(newline)
