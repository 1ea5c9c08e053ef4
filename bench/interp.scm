;; interp: a small interpreter for a Scheme subset (closures, if, let, arithmetic), written as an
;; AST walker over association-list environments, running (fib 27) and a counting loop.
(import (scheme base) (scheme write))
(define (lookup name env)
  (let ((b (assq name env)))
    (if b (cdr b) (error "unbound" name))))

(define (ev e env)
  (cond ((symbol? e) (lookup e env))
        ((not (pair? e)) e)
        (else
         (case (car e)
           ((quote) (cadr e))
           ((if) (if (ev (cadr e) env) (ev (caddr e) env) (ev (cadddr e) env)))
           ((lambda) (list 'closure (cadr e) (caddr e) env))
           ((let) (ev (caddr e)
                      (append (map (lambda (b) (cons (car b) (ev (cadr b) env))) (cadr e)) env)))
           ((letrec1) ; (letrec1 name lambda-expr body): one recursive binding
            (let* ((cell (list (cons (cadr e) #f)))
                   (env2 (append cell env)))
              (set-cdr! (car cell) (ev (caddr e) env2))
              (ev (cadddr e) env2)))
           (else (ap (ev (car e) env) (map (lambda (a) (ev a env)) (cdr e))))))))

(define (ap f args)
  (if (procedure? f)
      (apply f args)
      (let bind ((params (cadr f)) (args args) (env (cadddr f)))
        (if (null? params)
            (ev (caddr f) env)
            (bind (cdr params) (cdr args) (cons (cons (car params) (car args)) env))))))

(define global
  (list (cons '+ +) (cons '- -) (cons '< <) (cons '= =) (cons '* *)))

(define program
  '(letrec1 fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
     (letrec1 count (lambda (i acc) (if (= i 0) acc (count (- i 1) (+ acc i))))
       (+ (fib 27) (count 100000 0)))))

(display (ev program global))
(newline)
