;;; The control features of R7RS written in Scheme over the interpreter's primitives
;;; (vm/control-primitives.ts), so that every call back into Scheme is an ordinary Scheme call:
;;; tail calls, continuations and deep recursion keep working through them (DESIGN.md, 6).

(define (call-with-values producer consumer)
  (%apply-values consumer (producer)))

;; R7RS 6.10: the winders list holds (before . after) pairs, innermost first.
(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (call-with-values thunk
    (lambda results
      (%set-winders! (cdr (%winders)))
      (after)
      (apply values results))))

(define (%common-tail a b)
  (let ((la (length a)) (lb (length b)))
    (let loop ((a (if (> la lb) (list-tail a (- la lb)) a))
               (b (if (> lb la) (list-tail b (- lb la)) b)))
      (if (eq? a b) a (loop (cdr a) (cdr b))))))

;; Run the after thunks out of the current extent and the before thunks into `to`.
(define (%rewind to)
  (let* ((from (%winders)) (common (%common-tail from to)))
    (let unwind ((w from))
      (unless (eq? w common)
        (%set-winders! (cdr w))
        ((cdar w))
        (unwind (cdr w))))
    (let rewind ((w to))
      (unless (eq? w common)
        (rewind (cdr w))
        ((caar w))
        (%set-winders! w)))))

;; Called by the interpreter when a continuation is invoked from another dynamic extent.
(define (%continue k winders value)
  (%rewind winders)
  (%throw k value))

;; R7RS 6.11. The handler stack is part of the dynamic state that continuations restore.
(define (with-exception-handler handler thunk)
  (unless (procedure? handler) (error "with-exception-handler: expected a procedure" handler))
  (unless (procedure? thunk) (error "with-exception-handler: expected a procedure" thunk))
  (let ((outer (%handlers)))
    (%set-handlers! (cons handler outer))
    (call-with-values thunk
      (lambda results
        (%set-handlers! outer)
        (apply values results)))))

;; raise and raise-continuable are builtins (src/vm/control-primitives.ts) that call these once
;; a handler is installed; with none, they report the uncaught raise from their caller's frame.
(define (%raise obj)
  (let ((hs (%handlers)))
    (if (null? hs)
        (%uncaught obj)
        (begin
          (%set-handlers! (cdr hs))
          ((car hs) obj)
          (%set-handlers! (cdr hs))
          (%raise (%make-error "exception handler returned from a non-continuable raise" (list obj)))))))

(define (%raise-continuable obj)
  (let ((hs (%handlers)))
    (if (null? hs)
        (%uncaught obj)
        (begin
          (%set-handlers! (cdr hs))
          (call-with-values (lambda () ((car hs) obj))
            (lambda results
              (%set-handlers! hs)
              (apply values results)))))))

;; guard, as in R7RS 7.3: the body runs under a handler that escapes to the guard's
;; continuation to evaluate the clauses, and re-raises from the raise's own extent when no
;; clause matches. The machinery is the procedure %guard, so that its frames are the prelude's
;; (left out of backtraces) and only the body and the clauses are code of the guard's own
;; site: an error the machinery reports never names another guard's position (identical
;; template code is shared between sites, src/cache/share.ts).
(define-syntax guard
  (syntax-rules ()
    ((guard (var clause ...) e1 e2 ...)
     (%guard (lambda () e1 e2 ...)
             (lambda (var reraise) (%guard-aux (reraise) clause ...))))))

;; body: the guarded body as a thunk; clauses: the clauses as a procedure of the condition
;; and a thunk that re-raises it (called when no clause matches).
(define (%guard body clauses)
  (define (handler guard-k)
    (lambda (condition)
      ((call/cc
        (lambda (handler-k)
          (guard-k
           (lambda ()
             (clauses condition
                      (lambda ()
                        (handler-k (lambda () (raise-continuable condition))))))))))))
  ((call/cc
    (lambda (guard-k)
      (with-exception-handler
       (handler guard-k)
       (lambda ()
         (call-with-values body
           (lambda args (guard-k (lambda () (apply values args)))))))))))

(define-syntax %guard-aux
  (syntax-rules (else =>)
    ((_ reraise (else result1 result2 ...))
     (begin result1 result2 ...))
    ((_ reraise (test => result))
     (let ((temp test))
       (if temp (result temp) reraise)))
    ((_ reraise (test => result) clause1 clause2 ...)
     (let ((temp test))
       (if temp (result temp) (%guard-aux reraise clause1 clause2 ...))))
    ((_ reraise (test))
     (or test reraise))
    ((_ reraise (test) clause1 clause2 ...)
     (let ((temp test))
       (if temp temp (%guard-aux reraise clause1 clause2 ...))))
    ((_ reraise (test result1 result2 ...))
     (if test (begin result1 result2 ...) reraise))
    ((_ reraise (test result1 result2 ...) clause1 clause2 ...)
     (if test
         (begin result1 result2 ...)
         (%guard-aux reraise clause1 clause2 ...)))))

;; R7RS 4.2.6 parameter objects.
(define (make-parameter value . converter)
  (if (pair? converter)
      (%make-parameter ((car converter) value) (car converter))
      (%make-parameter value #f)))

(define (%parameterize params values body)
  (let ((new (map (lambda (p v)
                    (let ((conv (%parameter-converter p)))
                      (if conv (conv v) v)))
                  params values))
        (old #f))
    (dynamic-wind
     (lambda ()
       (set! old (map %parameter-value params))
       (for-each %set-parameter-value! params new))
     body
     (lambda ()
       (set! new (map %parameter-value params))
       (for-each %set-parameter-value! params old)))))

(define-syntax parameterize
  (syntax-rules ()
    ((_ () body1 body2 ...) (let () body1 body2 ...))
    ((_ ((param value) ...) body1 body2 ...)
     (%parameterize (list param ...) (list value ...) (lambda () body1 body2 ...)))))

;; R7RS 4.2.5 promises, after the reference implementation in 7.3: a promise is a box around
;; a (done? . value) pair, so that delay-force chains share one state and force iterates.
(define-record-type <promise> (%make-promise-box state) promise? (state %promise-state %set-promise-state!))

(define (%make-promise done? value) (%make-promise-box (cons done? value)))

(define-syntax delay-force
  (syntax-rules () ((_ expr) (%make-promise #f (lambda () expr)))))

(define-syntax delay
  (syntax-rules () ((_ expr) (delay-force (%make-promise #t expr)))))

(define (make-promise obj)
  (if (promise? obj) obj (%make-promise #t obj)))

(define (force promise)
  (if (promise? promise)
      (let ((state (%promise-state promise)))
        (if (car state)
            (cdr state)
            (let ((promise* ((cdr state))))
              (unless (car (%promise-state promise))
                (%promise-update! promise* promise))
              (force promise))))
      promise))

(define (%promise-update! new old)
  (let ((new-state (%promise-state new)) (old-state (%promise-state old)))
    (set-car! old-state (car new-state))
    (set-cdr! old-state (cdr new-state))
    (%set-promise-state! new old-state)))

(define (exit . args)
  (%rewind '())
  (%exit (if (pair? args) (car args) #t)))


;; R7RS 6.13.1
(define (call-with-port port proc)
  (call-with-values (lambda () (proc port))
    (lambda results
      (close-port port)
      (apply values results))))
