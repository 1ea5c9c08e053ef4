;; generators.scm -- a generator built on call/cc: each call to the generator resumes the
;; walk of a tree where it left off and returns the next leaf.
(import (scheme base) (scheme write))

(define (make-generator walk)
  (define return #f)
  (define (resume-walk)
    (walk (lambda (leaf)
            (call/cc (lambda (k)
                       (set! resume-walk (lambda () (k #f)))
                       (return leaf)))))
    (return 'done))
  (lambda () (call/cc (lambda (r) (set! return r) (resume-walk)))))

(define (tree-walker tree)
  (lambda (yield)
    (let walk ((t tree))
      (cond ((null? t) #f)
            ((pair? t) (walk (car t)) (walk (cdr t)))
            (else (yield t))))))

(define next (make-generator (tree-walker '((a b) (c (d e)) f))))
(let loop ((x (next)))
  (unless (eq? x 'done)
    (display x) (display " ")
    (loop (next))))
(newline)
