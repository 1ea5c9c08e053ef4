(import (scheme base) (scheme eval) (scheme repl))
;; Large forms (issue 9): or, and, cond, case and let* with tens of thousands of operands
;; (expanded in a loop, src/expander/flat-forms.ts), long bodies, and tens of thousands of
;; levels of nested calls and lambdas (the compiler's passes use an explicit stack). Each form
;; is built as data and handed to eval, so the suite runs it in every execution mode.
(test-begin "deep-nesting")

(define (run form) (eval form (interaction-environment)))
;; (f 0) ... (f (- n 1))
(define (build n f)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (f i) acc)))))
;; (w (w ... (w x))) with n levels of w
(define (nest n w x)
  (let loop ((i 0) (x x))
    (if (= i n) x (loop (+ i 1) (w x)))))
(define (sym prefix i) (string->symbol (string-append prefix (number->string i))))

(define x 0)
(define v 0)
(define hits 0)

(test-group "or"
  (test-equal 1 (run `(or ,@(build 19999 (lambda (i) #f)) 1)))
  (test-equal 7 (run `(or ,@(build 10000 (lambda (i) #f)) 7 ,@(build 10000 (lambda (i) '(car '()))))))
  (test-equal #f (run `(or ,@(build 20000 (lambda (i) #f)))))
  ;; Each operand is evaluated once, left to right, up to the first true one.
  (set! hits 0)
  (test-equal 'done (run `(or ,@(build 20000 (lambda (i) '(begin (set! hits (+ hits 1)) #f))) 'done)))
  (test-equal 20000 hits))

(test-group "and"
  (test-equal 2 (run `(and ,@(build 19999 (lambda (i) #t)) 2)))
  (test-equal #f (run `(and ,@(build 10000 (lambda (i) i)) #f ,@(build 10000 (lambda (i) '(car '()))))))
  (set! hits 0)
  (test-equal #t (run `(and ,@(build 20000 (lambda (i) '(begin (set! hits (+ hits 1)) #t))))))
  (test-equal 20000 hits))

(test-group "cond"
  (set! x 9999)
  (test-equal 9999 (run `(cond ,@(build 10000 (lambda (i) `((= x ,i) ,i))) (else 'none))))
  (set! x -1)
  (test-equal 'none (run `(cond ,@(build 10000 (lambda (i) `((= x ,i) ,i))) (else 'none))))
  (test-equal 10000 (run `(cond ,@(build 10000 (lambda (i) `((= x ,i) ,i))) ((+ x 10001) => (lambda (v) v)))))
  (test-equal 5 (run `(cond ,@(build 10000 (lambda (i) `((= x ,i) ,i))) ((+ x 6))))))

(test-group "case"
  (set! x 'k9999)
  (test-equal 9999 (run `(case x ,@(build 10000 (lambda (i) `((,(sym "k" i)) ,i))) (else 'none))))
  (set! x 9998)
  (test-equal "9998" (run `(case x ,@(build 10000 (lambda (i) `((,i ,(- -1 i)) ,(number->string i)))) (else 'none))))
  (set! x "no")
  (test-equal "no!" (run `(case x ,@(build 10000 (lambda (i) `((,i) ,i))) (else => (lambda (s) (string-append s "!")))))))

(test-group "let*"
  ;; Each binding sees the one before it.
  (test-equal 20000 (run `(let* ((a0 1) ,@(build 19999 (lambda (i) `(,(sym "a" (+ i 1)) (+ ,(sym "a" i) 1))))) a19999)))
  (test-equal 3 (run `(let* ,(build 20000 (lambda (i) '(a 3))) a)))
  (test-equal '(1 2) (run `(let* ,(build 20000 (lambda (i) `(,(sym "b" i) ,i))) (define y 2) (list b1 y)))))

(test-group "bodies"
  (set! x 0)
  (run `(when #t ,@(build 20000 (lambda (i) '(set! x (+ x 1))))))
  (test-equal 20000 x)
  (test-equal 20000 (run `((lambda () (set! x 0) ,@(build 20000 (lambda (i) '(set! x (+ x 1)))) x)))))

(test-group "nested"
  (test-equal 1 (run (nest 10000 (lambda (e) `(car (list ,e))) 1)))
  (test-equal 3 (run (nest 10000 (lambda (e) `(+ 0 (- ,e 0))) 3)))
  (test-equal 4 (run (nest 3000 (lambda (e) `((lambda () ,e))) 4)))
  (test-equal 10001 (run (nest 10000 (lambda (e) `(let ((v (+ v 1))) ,e)) '(+ v 1))))
  ;; 10,000 nested closures, each capturing n for the innermost one.
  (define thunks (nest 10000 (lambda (e) `(lambda () ,e)) '(+ n 1)))
  (test-equal 42 (let loop ((f (run `(let ((n 41)) ,thunks))))
                   (if (procedure? f) (loop (f)) f))))

(test-end)
