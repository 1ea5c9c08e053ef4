(import (scheme base) (scheme write))
;; with-exception-handler, raise, raise-continuable, error and error objects (R7RS 6.11).
(test-begin "control-exceptions")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(test-equal '(exception "condition: an-error\n")
  (let* ((result #f)
         (out (output-of
               (lambda ()
                 (set! result
                       (call-with-current-continuation
                        (lambda (k)
                          (with-exception-handler
                           (lambda (e) (display "condition: ") (write e) (newline) (k 'exception))
                           (lambda () (+ 1 (raise 'an-error)))))))))))
    (list result out)))

;; a handler returning from a non-continuable raise: a secondary exception in the handler's
;; dynamic environment (that of the outer handler)
(test-equal "something went wrong\n"
  (output-of
   (lambda ()
     (guard (e (#t 'secondary))
       (with-exception-handler
        (lambda (e) (display "something went wrong\n"))
        (lambda () (+ 1 (raise 'an-error))))))))
(test-equal 'secondary
  (guard (e (#t 'secondary))
    (with-exception-handler (lambda (e) 'ignored) (lambda () (raise 'x)))))

(test-equal 65
  (with-exception-handler
   (lambda (con)
     (cond ((string? con) #f) (else #f))
     42)
   (lambda () (+ (raise-continuable "should be a number") 23))))
(test-equal "should be a number"
  (output-of (lambda ()
               (with-exception-handler
                (lambda (con) (if (string? con) (display con) (display "a warning has been issued")) 42)
                (lambda () (+ (raise-continuable "should be a number") 23))))))

;; the handler runs with the outer handler installed
(test-equal '(outer (inner x))
  (with-exception-handler
   (lambda (e) (list 'outer e))
   (lambda ()
     (with-exception-handler
      (lambda (e) (raise-continuable (list 'inner e)))
      (lambda () (raise-continuable 'x))))))
(test-equal '(outer (wrapped x))
  (guard (e (#t (list 'outer e)))
    (with-exception-handler
     (lambda (e) (raise (list 'wrapped e)))
     (lambda () (raise 'x)))))
(test-equal 'from-outer
  (call/cc
   (lambda (k)
     (with-exception-handler
      (lambda (e) (k 'from-outer))
      (lambda ()
        (with-exception-handler
         (lambda (e) (error "handler failed"))
         (lambda () (raise 'x))))))))
;; after with-exception-handler returns, its handler is no longer installed
(test-equal 'outer-only
  (guard (e (#t 'outer-only))
    (with-exception-handler (lambda (e) 'inner-value) (lambda () 1))
    (raise-continuable 'x)))
(test-equal 5 (with-exception-handler (lambda (e) 0) (lambda () 5)))
(test-equal '(1 2) (call-with-values (lambda () (with-exception-handler (lambda (e) 0) (lambda () (values 1 2)))) list))
(test-equal 30
  (with-exception-handler
   (lambda (e) (* e 10))
   (lambda () (raise-continuable 3))))
(test-equal 6
  (with-exception-handler
   (lambda (e) (+ e 1))
   (lambda () (+ (raise-continuable 1) (raise-continuable 2) (raise-continuable 0)))))

;; error objects
(define (catch thunk) (guard (e (#t e)) (thunk)))
(define e1 (catch (lambda () (error "msg" 1 'a "s"))))
(test-assert (error-object? e1))
(test-equal "msg" (error-object-message e1))
(test-equal '(1 a "s") (error-object-irritants e1))
(test-equal '() (error-object-irritants (catch (lambda () (error "no irritants")))))
(test-assert (not (error-object? 'sym)))
(test-assert (not (error-object? "string")))
(test-assert (not (error-object? (catch (lambda () (raise 'x))))))
(test-equal 42 (catch (lambda () (raise 42))))
(test-equal '(a list) (catch (lambda () (raise '(a list)))))
(test-assert (not (file-error? e1)))
(test-assert (not (read-error? e1)))
(test-assert (not (file-error? 'x)))
(test-assert (not (read-error? 'x)))
(test-equal '(1 2) (let ((e (catch (lambda () (error "m" 1 2))))) (error-object-irritants e)))

;; errors from primitives are error objects with a string message
(define e2 (catch (lambda () (car 1))))
(test-assert (error-object? e2))
(test-assert (string? (error-object-message e2)))
(test-assert (list? (error-object-irritants e2)))
(test-assert (error-object? (catch (lambda () (vector-ref (vector) 0)))))
(test-assert (error-object? (catch (lambda () (+ 1 "2")))))
(test-assert (error-object? (catch (lambda () (string-ref "abc" 10)))))
(test-assert (error-object? (catch (lambda () (symbol->string 5)))))
(test-assert (error-object? (catch (lambda () (inexact 'x)))))
(test-assert (error-object? (catch (lambda () (apply + 1)))))
(test-assert (error-object? (catch (lambda () ((lambda (a b) a) 1)))))
(test-assert (error-object? (catch (lambda () (raise-continuable-not-defined 1)))))
(test-error (car '()))
(test-error (cdr 5))
(test-error (vector-ref (vector 1 2 3) 3))
(test-error (vector-ref (vector 1 2 3) -1))
(test-error (list-tail '(1 2) 3))
(test-error (integer->char -1))
(test-error (exact (/ 1. 0.)))
(test-error (string->symbol 'a))
(test-error (make-vector -1))
(test-error (error "x"))
(test-error error-object? (error "x"))
(test-error symbol? (raise 'x))
(test-error (lambda (e) (equal? e '(1 2))) (raise (list 1 2)))
(test-error (raise #f))

;; raising in a deep recursion, handled at the top
(define (dive n) (if (= n 0) (raise 'deep) (+ 1 (dive (- n 1)))))
(test-equal 'deep (catch (lambda () (dive 100000))))
;; raise-continuable at the bottom of a deep recursion continues it
(define (dive2 n) (if (= n 0) (raise-continuable 'need-a-value) (+ 1 (dive2 (- n 1)))))
(test-equal 100005 (with-exception-handler (lambda (e) 5) (lambda () (dive2 100000))))

;; an exception inside map's procedure
(test-equal 'in-map (catch (lambda () (map (lambda (x) (if (= x 2) (raise 'in-map) x)) '(1 2 3)))))

;; handlers in a loop do not accumulate
(test-equal 10000
  (let loop ((i 0) (n 0))
    (if (= i 10000) n
        (loop (+ i 1) (+ n (with-exception-handler (lambda (e) 1) (lambda () (raise-continuable i))))))))

(test-end)
