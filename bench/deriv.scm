;; deriv: symbolic differentiation (after the Gabriel benchmark), repeated.
(import (scheme base) (scheme write) (scheme cxr))
(define (deriv a)
  (cond ((not (pair? a))
         (if (eq? a 'x) 1 0))
        ((eq? (car a) '+)
         (cons '+ (map deriv (cdr a))))
        ((eq? (car a) '-)
         (cons '- (map deriv (cdr a))))
        ((eq? (car a) '*)
         (list '*
               a
               (cons '+ (map (lambda (a) (list '/ (deriv a) a)) (cdr a)))))
        ((eq? (car a) '/)
         (list '-
               (list '/ (deriv (cadr a)) (caddr a))
               (list '/
                     (cadr a)
                     (list '* (caddr a) (caddr a) (deriv (caddr a))))))
        (else (error "No derivation method available" (car a)))))

(define (size t) (if (pair? t) (+ (size (car t)) (size (cdr t))) 1))

(define expr '(+ (* 3 x x) (* a x x) (* b x) 5))

(define (run n)
  (let loop ((i 0) (result #f))
    (if (= i n)
        result
        (loop (+ i 1) (deriv expr)))))

(define result (run 400000))
(write result)
(newline)
(display (size result))
(newline)
