(import (scheme base) (scheme eval))
;; R7RS 4.3.3 Signaling errors in macro transformers: syntax-error.  A syntax error may be
;; signalled before the program runs, so the erroring uses go through eval.
(test-begin "4.3.3 syntax-error")

(define-syntax simple-let
  (syntax-rules ()
    ((simple-let ((x . y) val) body1 body2 ...)
     (syntax-error "expected an identifier" (x . y)))
    ((simple-let (name val) body1 body2 ...)
     ((lambda (name) body1 body2 ...) val))))

(test-eqv "the non-erroring rule expands normally" 3 (simple-let (x 1) (+ x 2)))
(test-assert "a program that never expands syntax-error runs" #t)
(test-error "syntax-error is signalled when expanded (through eval)"
  (eval '(let-syntax ((m (syntax-rules () ((_ a) (syntax-error "bad use" a)))))
           (m 1))
        (environment '(scheme base))))
(test-error "a macro's syntax-error rule (through eval)"
  (eval '(let-syntax ((simple-let
                       (syntax-rules ()
                         ((_ ((x . y) val) body1 body2 ...)
                          (syntax-error "expected an identifier" (x . y)))
                         ((_ (name val) body1 body2 ...)
                          ((lambda (name) body1 body2 ...) val)))))
           (simple-let ((a . b) 1) a))
        (environment '(scheme base))))
(test-assert "the raised object of a syntax-error caught through eval, if caught, carries the message"
  (guard (e ((error-object? e) (string? (error-object-message e)))
            (#t #t))
    (eval '(let-syntax ((m (syntax-rules () ((_) (syntax-error "the message")))))
             (m))
          (environment '(scheme base)))
    #f))

(test-end)
