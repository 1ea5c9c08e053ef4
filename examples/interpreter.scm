;; interpreter.scm -- a small metacircular Scheme interpreter, and a test program run by it.
;;   node bin/kiln.js examples/interpreter.scm
;;
;; It handles quote, if, define, set!, lambda (with rest arguments), begin, let, cond, and,
;; or, and calls, with environments as lists of frames (association lists) and primitives
;; borrowed from the host Scheme.
(import (scheme base) (scheme write) (scheme cxr))

;; ---- environments ---------------------------------------------------------------------------

(define (extend-env names values env)
  (cond ((null? names) (cons '() env))
        ((symbol? names) (cons (list (cons names values)) env))   ; rest argument
        (else
         (let ((frame (let bind ((names names) (values values))
                        (cond ((null? names)
                               (if (null? values) '() (error "too many arguments" values)))
                              ((symbol? names) (list (cons names values)))
                              ((null? values) (error "too few arguments" names))
                              (else (cons (cons (car names) (car values))
                                          (bind (cdr names) (cdr values))))))))
           (cons frame env)))))

(define (lookup-cell name env)
  (cond ((null? env) #f)
        ((assq name (car env)) => (lambda (cell) cell))
        (else (lookup-cell name (cdr env)))))

(define (lookup name env)
  (let ((cell (lookup-cell name env)))
    (if cell (cdr cell) (error "unbound variable" name))))

(define (define! name value env)
  (let ((cell (assq name (car env))))
    (if cell
        (set-cdr! cell value)
        (set-car! env (cons (cons name value) (car env))))))

(define (set-variable! name value env)
  (let ((cell (lookup-cell name env)))
    (if cell (set-cdr! cell value) (error "set! of an unbound variable" name))))

;; ---- the evaluator --------------------------------------------------------------------------

(define-record-type closure
  (make-closure params body env)
  closure?
  (params closure-params)
  (body closure-body)
  (env closure-env))

(define (m-eval expr env)
  (cond ((symbol? expr) (lookup expr env))
        ((not (pair? expr)) expr)
        (else
         (case (car expr)
           ((quote) (cadr expr))
           ((if) (if (m-eval (cadr expr) env)
                     (m-eval (caddr expr) env)
                     (if (pair? (cdddr expr)) (m-eval (cadddr expr) env) #f)))
           ((define)
            (if (pair? (cadr expr))
                (define! (caadr expr) (make-closure (cdadr expr) (cddr expr) env) env)
                (define! (cadr expr) (m-eval (caddr expr) env) env))
            (if (pair? (cadr expr)) (caadr expr) (cadr expr)))
           ((set!) (set-variable! (cadr expr) (m-eval (caddr expr) env) env))
           ((lambda) (make-closure (cadr expr) (cddr expr) env))
           ((begin) (eval-body (cdr expr) env))
           ((let) (m-eval (cons (cons 'lambda (cons (map car (cadr expr)) (cddr expr)))
                                (map cadr (cadr expr)))
                          env))
           ((cond) (eval-cond (cdr expr) env))
           ((and) (let loop ((es (cdr expr)) (last #t))
                    (cond ((null? es) last)
                          ((m-eval (car es) env) => (lambda (v) (loop (cdr es) v)))
                          (else #f))))
           ((or) (let loop ((es (cdr expr)))
                   (if (null? es)
                       #f
                       (or (m-eval (car es) env) (loop (cdr es))))))
           (else (m-apply (m-eval (car expr) env)
                          (map (lambda (e) (m-eval e env)) (cdr expr))))))))

(define (eval-body body env)
  (cond ((null? body) #f)
        ((null? (cdr body)) (m-eval (car body) env))
        (else (m-eval (car body) env) (eval-body (cdr body) env))))

(define (eval-cond clauses env)
  (if (null? clauses)
      #f
      (let ((clause (car clauses)))
        (if (eq? (car clause) 'else)
            (eval-body (cdr clause) env)
            (let ((test (m-eval (car clause) env)))
              (if test
                  (if (null? (cdr clause)) test (eval-body (cdr clause) env))
                  (eval-cond (cdr clauses) env)))))))

(define (m-apply f args)
  (cond ((procedure? f) (apply f args))
        ((closure? f)
         (eval-body (closure-body f) (extend-env (closure-params f) args (closure-env f))))
        (else (error "not a procedure" f))))

(define (make-global-env)
  (extend-env '(+ - * / = < > <= >= cons car cdr null? pair? list eq? equal? not display newline)
              (list + - * / = < > <= >= cons car cdr null? pair? list eq? equal? not display newline)
              '()))

;; ---- a test program, run by the interpreter ----------------------------------------------------

(define program
  '((define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
    (define (map f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l)))))
    (define (make-counter)
      (let ((n 0))
        (lambda () (set! n (+ n 1)) n)))
    (define counter (make-counter))
    (counter)
    (counter)
    (define (list-all . xs) xs)
    (define (fib n) (cond ((< n 2) n) (else (+ (fib (- n 1)) (fib (- n 2))))))
    (list (fact 20)
          (map (lambda (x) (* x x)) '(1 2 3 4 5))
          (counter)
          (list-all 'a 'b 'c)
          (fib 15)
          (and 1 2 3)
          (or #f 'found))))

(define (run program)
  (let ((env (make-global-env)))
    (let loop ((forms program) (result #f))
      (if (null? forms)
          result
          (loop (cdr forms) (m-eval (car forms) env))))))

(define expected '(2432902008176640000 (1 4 9 16 25) 3 (a b c) 610 3 found))

(define result (run program))
(display "The interpreted program returned: ")
(write result)
(newline)
(display (if (equal? result expected) "as expected" "NOT as expected"))
(newline)

;; The interpreter can run itself a little: an interpreted interpreter of arithmetic.
(define calc-program
  '((define (calc e)
      (cond ((pair? e)
             (let ((op (car e)) (a (calc (car (cdr e)))) (b (calc (car (cdr (cdr e))))))
               (cond ((eq? op '+) (+ a b))
                     ((eq? op '*) (* a b))
                     (else (- a b)))))
            (else e)))
    (calc '(+ (* 6 7) (- 10 (* 2 5))))))
(display "An interpreted calculator computed: ")
(write (run calc-program))
(newline)
