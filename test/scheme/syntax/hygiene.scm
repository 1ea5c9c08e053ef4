(import (scheme base))
;; syntax-rules hygiene: macro-introduced bindings do not capture user identifiers, and user
;; bindings do not capture identifiers the template refers to.
(test-begin "syntax-hygiene")

(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))

(test-equal 5 (let ((t 5)) (my-or #f t)))
(test-equal 5 (let ((t 5)) (my-or t #f)))
(test-equal #f (let ((t #f)) (my-or #f t)))
(test-equal 3 (let ((if (lambda (a b c) 'user-if))) (my-or #f 3)))
(test-equal 'user-if (let ((if (lambda (a b c) 'user-if))) (if 1 2 3)))
(test-equal 7 (let ((let 'user-let) (t 7)) (my-or #f t)))

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(test-equal '(2 1) (let ((tmp 1) (other 2)) (swap! tmp other) (list tmp other)))
(test-equal '(2 1) (let ((tmp 1) (other 2)) (swap! other tmp) (list tmp other)))

(define-syntax my-cons
  (syntax-rules () ((_ a b) (cons a b))))
(test-equal '(1 . 2) (let ((cons +)) (my-cons 1 2)))
(test-equal 3 (let ((cons +)) (cons 1 2)))

(define-syntax with-x
  (syntax-rules () ((_ body) (let ((x 10)) body))))
(test-equal 1 (let ((x 1)) (with-x x)))

;; R7RS 4.3.1
(test-equal 'outer
  (let ((x 'outer))
    (let-syntax ((m (syntax-rules () ((m) x))))
      (let ((x 'inner))
        (m)))))

(test-equal 'now
  (let-syntax ((given-that (syntax-rules ()
                             ((_ test stmt1 stmt2 ...)
                              (if test
                                  (begin stmt1
                                         stmt2 ...))))))
    (let ((if #t))
      (given-that if (set! if 'now))
      if)))

(test-equal 7
  (letrec-syntax
      ((my-or (syntax-rules ()
                ((my-or) #f)
                ((my-or e) e)
                ((my-or e1 e2 ...)
                 (let ((temp e1))
                   (if temp
                       temp
                       (my-or e2 ...)))))))
    (let ((x #f)
          (y 7)
          (temp 8)
          (let odd?)
          (if even?))
      (my-or x
             (let temp)
             (if y)
             y))))

;; R7RS 4.3.2: cond's => is matched by binding, not by name.
(test-equal 'ok (let ((=> #f)) (cond (#t => 'ok))))

;; a global macro whose template refers to a global, used where that name is rebound
(define outer-value 'global)
(define-syntax get-outer (syntax-rules () ((_) outer-value)))
(test-equal 'global (let ((outer-value 'local)) (get-outer)))

;; a macro defined inside a scope refers to that scope's binding
(test-equal 'outer
  (let ((x 'outer))
    (define-syntax m (syntax-rules () ((m) x)))
    (let ((x 'inner))
      (m))))

;; a local variable shadows a global macro
(define-syntax shadowed (syntax-rules () ((_) 'macro)))
(test-equal 'variable (let ((shadowed (lambda () 'variable))) (shadowed)))
(test-equal 'macro (shadowed))

;; a user binding named like a special form used by a template
(define-syntax my-when
  (syntax-rules () ((_ c e ...) (if c (begin e ...) #f))))
(test-equal 'yes (let ((begin list) (if 0)) (my-when #t 'no 'yes)))
(test-equal #f (let ((if list)) (my-when #f 'yes)))

;; a macro that defines a user-supplied name
(define-syntax def
  (syntax-rules () ((_ n v) (define n v))))
(def defined-by-macro 42)
(test-equal 42 defined-by-macro)
(test-equal 9 (let () (def y 9) y))

;; a macro expanding into a definition of a helper that user code cannot see
(define-syntax define-counter
  (syntax-rules ()
    ((_ next)
     (begin
       (define count 0)
       (define (next) (set! count (+ count 1)) count)))))
(test-equal '(1 2 100)
  (let ()
    (define count 100)
    (define-counter next!)
    (let* ((a (next!)) (b (next!)))
      (list a b count))))

;; macros generating macros
(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name
       (syntax-rules ()
         ((name expr (... ...))
          (begin expr (... ...))))))))
(be-like-begin sequence)
(test-equal 4 (sequence 1 2 3 4))

;; recursion through a macro
(define-syntax my-list-of
  (syntax-rules ()
    ((_) '())
    ((_ x rest ...) (cons x (my-list-of rest ...)))))
(test-equal '(1 2 3) (my-list-of 1 2 3))

;; a macro using a procedure defined after it
(define-syntax call-later (syntax-rules () ((_ x) (later-proc x))))
(define (later-proc x) (* x 2))
(test-equal 8 (call-later 4))

;; internal define-syntax
(test-equal 6
  (let ()
    (define-syntax triple (syntax-rules () ((_ x) (* 3 x))))
    (define y 2)
    (triple y)))

;; hygiene with nested lets introduced at different expansion steps
(define-syntax my-let2
  (syntax-rules ()
    ((_ v e body) (let ((tmp e)) (let ((v tmp)) body)))))
(test-equal '(1 2) (let ((tmp 2)) (my-let2 a 1 (list a tmp))))

;; quote inside a template keeps the original symbol name
(define-syntax quote-it (syntax-rules () ((_) 'introduced)))
(test-eq 'introduced (quote-it))
(test-assert (symbol? (quote-it)))

(test-end)
