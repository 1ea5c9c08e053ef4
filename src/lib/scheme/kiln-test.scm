;;; kiln-test.scm -- Kiln's small SRFI-64-style test framework.
;;;
;;; Loaded into every program's global environment as part of the prelude, so every name
;;; here starts with `test-` or `%test-`.  Written in portable R7RS-small (it also runs
;;; unchanged under other R7RS Schemes, which is how the test suite is cross-checked).
;;;
;;;   (test-begin name)                          open a group
;;;   (test-end [name])                          close it; the outermost one prints
;;;                                              "<passes> passed, <failures> failed" and
;;;                                              calls (exit 1) when anything failed
;;;   (test-group name body ...)                 test-begin + body + test-end
;;;   (test-assert [name] expr)                  expr is true
;;;   (test-equal [name] expected expr)          (equal? expected expr)
;;;   (test-eqv [name] expected expr)            (eqv? expected expr)
;;;   (test-eq [name] expected expr)             (eq? expected expr)
;;;   (test-approximate [name] expected expr error)
;;;                                              |expr - expected| <= error
;;;   (test-error [name] [predicate-or-#t] expr) evaluating expr raises something (that
;;;                                              satisfies the predicate, when one is given)
;;;
;;; With two operands, test-error decides at run time: a string first operand is a name,
;;; anything else is the predicate (or #t).
;;;
;;; Every test runs under `guard`, so an error in one test is reported as a failure of that
;;; test and the following tests still run.  A failure prints one line to the current output
;;; port:
;;;
;;;   FAIL <group>: <name, or the expression written> expected: <x> got: <y>
;;;   FAIL <group>: <name, or the expression written> expected: <x> raised: <message irritants>

(define %test-group-stack '())   ; innermost group name first
(define %test-passes 0)
(define %test-failures 0)

(define (%test-current-group)
  (if (null? %test-group-stack) "(no group)" (car %test-group-stack)))

(define (test-begin name)
  (set! %test-group-stack (cons name %test-group-stack)))

(define (test-end . maybe-name)
  (cond
   ((null? %test-group-stack)
    (display "FAIL test-end: no group is open")
    (newline)
    (set! %test-failures (+ %test-failures 1)))
   (else
    (if (and (pair? maybe-name)
             (not (equal? (car maybe-name) (car %test-group-stack))))
        (begin
          (display "FAIL ")
          (display (car %test-group-stack))
          (display ": test-end names ")
          (write (car maybe-name))
          (newline)
          (set! %test-failures (+ %test-failures 1))))
    (set! %test-group-stack (cdr %test-group-stack))))
  (if (null? %test-group-stack)
      (let ((passes %test-passes)
            (failures %test-failures))
        (set! %test-passes 0)
        (set! %test-failures 0)
        (display passes)
        (display " passed, ")
        (display failures)
        (display " failed")
        (newline)
        (flush-output-port)
        (if (> failures 0) (exit 1)))))

(define-syntax test-group
  (syntax-rules ()
    ((_ name body ...)
     (begin (test-begin name) body ... (test-end name)))))

;; ---- running one test --------------------------------------------------------------------

;; Call thunk; return (#t . value) when it returns, (#f . raised-object) when it raises.
(define (%test-catch thunk)
  (guard (condition (#t (cons #f condition)))
    (cons #t (thunk))))

(define (%test-pass!)
  (set! %test-passes (+ %test-passes 1)))

(define (%test-write-condition obj)
  (cond
   ((error-object? obj)
    (display (error-object-message obj))
    (for-each (lambda (irritant) (display " ") (write irritant))
              (error-object-irritants obj)))
   (else
    (write obj))))

;; Print the FAIL line.  `got` is a pair from %test-catch.
(define (%test-fail! name form expected-text got)
  (set! %test-failures (+ %test-failures 1))
  (display "FAIL ")
  (display (%test-current-group))
  (display ": ")
  (if name (display name) (write form))
  (display " expected: ")
  (display expected-text)
  (cond
   ((car got)
    (display " got: ")
    (write (cdr got)))
   (else
    (display " raised: ")
    (%test-write-condition (cdr got))))
  (newline))

(define (%test-written obj)
  (let ((port (open-output-string)))
    (write obj port)
    (get-output-string port)))

(define (%test-assert name form thunk)
  (let ((got (%test-catch thunk)))
    (if (and (car got) (cdr got))
        (%test-pass!)
        (%test-fail! name form "a true value" got))))

(define (%test-compare name form same? expected-thunk thunk)
  (let ((expected (%test-catch expected-thunk)))
    (if (not (car expected))
        (%test-fail! name form "(the expected-value expression raised)" expected)
        (let ((got (%test-catch thunk)))
          (if (and (car got) (same? (cdr expected) (cdr got)))
              (%test-pass!)
              (%test-fail! name form (%test-written (cdr expected)) got))))))

(define (%test-approximate name form expected-thunk thunk error-thunk)
  (let ((expected (%test-catch expected-thunk))
        (error-bound (%test-catch error-thunk)))
    (cond
     ((not (car expected))
      (%test-fail! name form "(the expected-value expression raised)" expected))
     ((not (car error-bound))
      (%test-fail! name form "(the error-bound expression raised)" error-bound))
     (else
      (let ((got (%test-catch thunk))
            (text (string-append (%test-written (cdr expected))
                                 " +/- "
                                 (%test-written (cdr error-bound)))))
        (if (and (car got)
                 (real? (cdr got))
                 (<= (abs (- (cdr got) (cdr expected))) (cdr error-bound)))
            (%test-pass!)
            (%test-fail! name form text got)))))))

;; name-or-pred: a string names the test; anything else is the predicate (#t: any object).
(define (%test-error name-or-pred form thunk)
  (if (string? name-or-pred)
      (%test-error-3 name-or-pred #t form thunk)
      (%test-error-3 #f name-or-pred form thunk)))

(define (%test-error-3 name pred form thunk)
  (let ((got (%test-catch thunk)))
    (cond
     ((car got)
      (%test-fail! name form "an exception to be raised" got))
     ((or (eq? pred #t)
          (let ((ok (%test-catch (lambda () (pred (cdr got))))))
            (and (car ok) (cdr ok))))
      (%test-pass!))
     (else
      (%test-fail! name form "a raised object satisfying the predicate" got)))))

;; ---- the syntax ---------------------------------------------------------------------------

(define-syntax test-assert
  (syntax-rules ()
    ((_ name expr) (%test-assert name 'expr (lambda () expr)))
    ((_ expr) (%test-assert #f 'expr (lambda () expr)))))

(define-syntax test-equal
  (syntax-rules ()
    ((_ name expected expr)
     (%test-compare name 'expr equal? (lambda () expected) (lambda () expr)))
    ((_ expected expr)
     (%test-compare #f 'expr equal? (lambda () expected) (lambda () expr)))))

(define-syntax test-eqv
  (syntax-rules ()
    ((_ name expected expr)
     (%test-compare name 'expr eqv? (lambda () expected) (lambda () expr)))
    ((_ expected expr)
     (%test-compare #f 'expr eqv? (lambda () expected) (lambda () expr)))))

(define-syntax test-eq
  (syntax-rules ()
    ((_ name expected expr)
     (%test-compare name 'expr eq? (lambda () expected) (lambda () expr)))
    ((_ expected expr)
     (%test-compare #f 'expr eq? (lambda () expected) (lambda () expr)))))

(define-syntax test-approximate
  (syntax-rules ()
    ((_ name expected expr error)
     (%test-approximate name 'expr (lambda () expected) (lambda () expr) (lambda () error)))
    ((_ expected expr error)
     (%test-approximate #f 'expr (lambda () expected) (lambda () expr) (lambda () error)))))

(define-syntax test-error
  (syntax-rules ()
    ((_ name pred expr) (%test-error-3 name pred 'expr (lambda () expr)))
    ((_ name-or-pred expr) (%test-error name-or-pred 'expr (lambda () expr)))
    ((_ expr) (%test-error-3 #f #t 'expr (lambda () expr)))))
