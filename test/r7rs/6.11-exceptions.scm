(import (scheme base) (scheme write) (scheme read) (scheme file))
;; R7RS 6.11 Exceptions: with-exception-handler, raise, raise-continuable, error, error-object?,
;; error-object-message, error-object-irritants, read-error?, file-error?.
(test-begin "6.11 exceptions")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(test-group "with-exception-handler"
  (define result #f)
  (test-equal "condition: an-error\n"
    (output-of
     (lambda ()
       (set! result
             (call-with-current-continuation
              (lambda (k)
                (with-exception-handler
                 (lambda (x)
                   (display "condition: ")
                   (write x)
                   (newline)
                   (k 'exception))
                 (lambda ()
                   (+ 1 (raise 'an-error))))))))))
  (test-eq 'exception result)
  (test-equal "a handler returning from raise: prints, then a secondary exception"
    '("something went wrong\n" secondary)
    (let* ((secondary #f)
           (out (output-of
                 (lambda ()
                   (guard (e (#t (set! secondary 'secondary)))
                     (with-exception-handler
                      (lambda (x)
                        (display "something went wrong\n"))
                      (lambda ()
                        (+ 1 (raise 'an-error)))))))))
      (list out secondary)))
  (test-eqv "returns the values of the thunk" 3 (with-exception-handler (lambda (e) 0) (lambda () 3)))
  (test-equal "returns several values of the thunk" '(1 2)
    (call-with-values (lambda () (with-exception-handler (lambda (e) 0) (lambda () (values 1 2)))) list))
  (test-eq "the handler is called in the dynamic environment of the raise, minus the handler"
    'outer-handled
    (with-exception-handler
     (lambda (e) 'outer-handled)
     (lambda ()
       (with-exception-handler
        (lambda (e) (raise-continuable (list 'inner e)))
        (lambda () (raise-continuable 'x))))))
  (test-eq "parameters inside the handler are those of the raise" 'inner
    (let ((p (make-parameter 'outer)))
      (call/cc
       (lambda (k)
         (with-exception-handler
          (lambda (e) (k (p)))
          (lambda () (parameterize ((p 'inner)) (raise 'x))))))))
  (test-error "with-exception-handler with a non-procedure handler"
    (with-exception-handler 5 (lambda () 1))))

(test-group "raise and raise-continuable"
  (test-eqv 65
    (with-exception-handler
      (lambda (con)
        (cond
          ((string? con)
           (display con (open-output-string)))
          (else
           (display "a warning has been issued" (open-output-string))))
        42)
      (lambda ()
        (+ (raise-continuable "should be a number")
           23))))
  (test-equal "should be a number"
    (output-of
     (lambda ()
       (with-exception-handler
        (lambda (con)
          (cond ((string? con) (display con))
                (else (display "a warning has been issued")))
          42)
        (lambda () (+ (raise-continuable "should be a number") 23))))))
  (test-equal "any object can be raised" '(1 "two" #(3))
    (map (lambda (obj) (guard (e (#t e)) (raise obj))) (list 1 "two" #(3))))
  (test-eq "raise of #f" #f (guard (e (#t e)) (raise #f)))
  (test-equal "the handler of raise-continuable may return several values" '(1 2)
    (with-exception-handler (lambda (e) (values 1 2))
      (lambda () (call-with-values (lambda () (raise-continuable 'c)) list))))
  (test-eq "raise from inside the handler goes to the outer handler" 'outer
    (guard (e ((eq? e 'second) 'outer))
      (with-exception-handler
       (lambda (e) (raise 'second))
       (lambda () (raise 'first)))))
  (test-eqv "nested raise-continuable" 111
    (with-exception-handler
     (lambda (e) (+ e 100))
     (lambda ()
       (with-exception-handler
        (lambda (e) (+ (raise-continuable (+ e 10)) 0))
        (lambda () (raise-continuable 1)))))))

(test-group "error and error objects"
  (define (null-list? l)
    (cond ((pair? l) #f)
          ((null? l) #t)
          (else
            (error
              "null-list?: argument out of domain"
              l))))
  (test-eq #t (null-list? '()))
  (test-eq #f (null-list? '(1)))
  (test-error (null-list? 5))
  (test-equal "null-list?: argument out of domain"
    (guard (e ((error-object? e) (error-object-message e))) (null-list? 5)))
  (test-equal '(5)
    (guard (e ((error-object? e) (error-object-irritants e))) (null-list? 5)))
  (test-assert "error raises an error object" (guard (e (#t (error-object? e))) (error "msg")))
  (test-equal "the message" "msg" (guard (e (#t (error-object-message e))) (error "msg" 1 2)))
  (test-equal "the irritants" '(1 "two" three) (guard (e (#t (error-object-irritants e))) (error "msg" 1 "two" 'three)))
  (test-equal "no irritants" '() (guard (e (#t (error-object-irritants e))) (error "msg")))
  (test-eq "error-object? of other objects" #f (error-object? 'sym))
  (test-eq "error-object? of a string" #f (error-object? "msg"))
  (test-eq "error-object? of a list" #f (error-object? '(error "msg")))
  (test-eq "a handler returning from error: a secondary exception" 'secondary
    (guard (e (#t 'secondary))
      (with-exception-handler (lambda (e) 'ignored) (lambda () (error "x")))))
  (test-assert "errors signalled by primitives are raised objects that guard can catch"
    (guard (e (#t #t)) (vector-ref (vector) 0) #f))
  (test-assert "errors signalled by primitives satisfy error-object? (in practice)"
    (guard (e (#t (error-object? e))) (car 1))))

(test-group "read-error? and file-error?"
  (test-eq "read-error? of an incomplete datum" #t
    (guard (e (#t (read-error? e))) (read (open-input-string "(1 2"))))
  (test-eq "read-error? of an unterminated string" #t
    (guard (e (#t (read-error? e))) (read (open-input-string "\"abc"))))
  (test-eq "read-error? of a bad token" #t
    (guard (e (#t (read-error? e))) (read (open-input-string "#<abc>"))))
  (test-eq "file-error? of opening a missing file" #t
    (guard (e (#t (file-error? e))) (open-input-file "/no/such/directory/no-such-file.txt")))
  (test-eq "read-error? of other objects" #f (read-error? 'x))
  (test-eq "file-error? of other objects" #f (file-error? "file"))
  (test-eq "an error from error is not a file error" #f (guard (e (#t (file-error? e))) (error "x")))
  (test-eq "an error from error is not a read error" #f (guard (e (#t (read-error? e))) (error "x"))))

(test-end)
