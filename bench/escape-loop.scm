;; escape-loop: call/cc to leave loops early, the way searches are written: a vector search that
;; returns from its loop, a product over a list that leaves the recursion at the first zero, and
;; a search over nested loops; each many times with the exit point varying.
(import (scheme base) (scheme write))

(define (vector-index vec pred)
  (call-with-current-continuation
   (lambda (return)
     (let loop ((i 0))
       (if (< i (vector-length vec))
           (begin (if (pred (vector-ref vec i)) (return i)) (loop (+ i 1)))
           -1)))))

(define (list-product lst)
  (call-with-current-continuation
   (lambda (k)
     (let walk ((l lst))
       (cond ((null? l) 1)
             ((= (car l) 0) (k 0))
             (else (* (car l) (walk (cdr l)))))))))

(define (find-pair n target)
  (call-with-current-continuation
   (lambda (k)
     (do ((i 0 (+ i 1))) ((= i n) 0)
       (do ((j i (+ j 1))) ((= j n))
         (if (= (+ (* i i) (* j j)) target) (k (+ (* 100 i) j))))))))

(define vec (let ((v (make-vector 50 0)))
              (do ((i 0 (+ i 1))) ((= i 50) v) (vector-set! v i (modulo (* i 37) 50)))))
(define lst (let loop ((i 30) (acc '())) (if (= i 0) acc (loop (- i 1) (cons (modulo i 17) acc)))))

(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (let ((x (modulo i 50)))
          (loop (+ i 1)
                (+ sum
                   (vector-index vec (lambda (y) (= y x)))
                   (list-product lst)
                   (if (= 0 (modulo i 100)) (find-pair 40 (+ (* x x) 1369)) 0)))))))

(display (run 300000))
(newline)
