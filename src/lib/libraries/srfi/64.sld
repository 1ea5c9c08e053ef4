;;; (srfi 64): a Scheme API for test suites.
;;;
;;; Its names shadow those of Kiln's own test framework (src/lib/scheme/kiln-test.scm) in a
;;; program that imports this library. Written from the SRFI text:
;;;
;;;   test cases       test-assert test-eqv test-equal test-eq test-approximate test-error,
;;;                    each run under `guard` (an exception fails the test), names evaluated
;;;                    once, the expression not evaluated at all when the test is skipped
;;;   groups           test-begin [count] / test-end [name], test-group,
;;;                    test-group-with-cleanup; skip and expected-fail specifiers are undone
;;;                    by the test-end of the group that added them
;;;   specifiers       test-skip test-expect-fail with test-match-name test-match-nth
;;;                    test-match-all test-match-any, a string (a name) or an integer n
;;;                    ((test-match-nth 1 n)); every active specifier is applied before each
;;;                    test, so test-match-nth counters count every test
;;;   runners          records with counters, the group stack, the result alist, an aux value
;;;                    and seven callbacks; test-runner-null does nothing, test-runner-simple
;;;                    prints FAIL/XPASS lines and, at the outermost test-end, the summary
;;;                    "# of expected passes N" etc. (only the counts that are not zero)
;;;
;;; test-begin (or a test or test-skip outside any group) with no current runner installs
;;; one from (test-runner-factory); the outermost test-end calls its on-final callback and
;;; retires it: it stays current, so that a program can still read its counts (as with the
;;; reference implementation), until the next test-begin or test installs a fresh one. test-runner-current and
;;; test-runner-factory are procedures (get with no argument, set with one), not parameters.
;;; test-error's error type may be #t (anything raised), a predicate on the raised object
;;; (e.g. error-object?, file-error?), or anything else (also anything raised); with two
;;; operands a string first operand is taken as the test's name. Result properties set:
;;; result-kind, test-name, source-form, expected-value, actual-value, expected-error,
;;; actual-error (no source file or line).
(define-library (srfi 64)
  (export
   test-begin test-end test-group test-group-with-cleanup
   test-assert test-eqv test-equal test-eq test-approximate test-error
   test-read-eval-string
   test-skip test-expect-fail test-match-name test-match-nth test-match-all test-match-any
   test-apply test-with-runner
   test-runner? test-runner-current test-runner-get test-runner-simple test-runner-null
   test-runner-create test-runner-factory
   test-result-kind test-passed? test-result-ref test-result-set! test-result-remove
   test-result-clear test-result-alist
   test-runner-on-test-begin test-runner-on-test-begin!
   test-runner-on-test-end test-runner-on-test-end!
   test-runner-on-group-begin test-runner-on-group-begin!
   test-runner-on-group-end test-runner-on-group-end!
   test-runner-on-bad-count test-runner-on-bad-count!
   test-runner-on-bad-end-name test-runner-on-bad-end-name!
   test-runner-on-final test-runner-on-final!
   test-on-test-begin-simple test-on-test-end-simple test-on-group-begin-simple
   test-on-group-end-simple test-on-bad-count-simple test-on-bad-end-name-simple
   test-on-final-simple
   test-runner-pass-count test-runner-fail-count test-runner-xpass-count
   test-runner-xfail-count test-runner-skip-count
   test-runner-test-name test-runner-group-path test-runner-group-stack
   test-runner-aux-value test-runner-aux-value! test-runner-reset)
  (import (scheme base) (scheme read) (scheme write) (scheme eval) (scheme repl))
  (begin

    ;; ---- runners -----------------------------------------------------------------------

    (define-record-type test-runner
      (%make-runner)
      test-runner?
      (pass test-runner-pass-count %set-pass!)
      (fail test-runner-fail-count %set-fail!)
      (xpass test-runner-xpass-count %set-xpass!)
      (xfail test-runner-xfail-count %set-xfail!)
      (skip test-runner-skip-count %set-skip!)
      (skip-list %skip-list %set-skip-list!)       ; active skip specifiers
      (fail-list %fail-list %set-fail-list!)       ; active expected-fail specifiers
      (saved-lists %saved-lists %set-saved-lists!) ; (skip-list . fail-list) per open group
      (run-list %run-list %set-run-list!)          ; #t, or test-apply's specifiers
      (groups test-runner-group-stack %set-groups!) ; innermost first
      (counts %counts %set-counts!)                ; per open group: #(tests expected-count)
      (results test-result-alist %set-results!)
      (aux test-runner-aux-value test-runner-aux-value!)
      (auto %auto %set-auto!)                      ; #f, or installed: active / finished
      (on-test-begin test-runner-on-test-begin test-runner-on-test-begin!)
      (on-test-end test-runner-on-test-end test-runner-on-test-end!)
      (on-group-begin test-runner-on-group-begin test-runner-on-group-begin!)
      (on-group-end test-runner-on-group-end test-runner-on-group-end!)
      (on-bad-count test-runner-on-bad-count test-runner-on-bad-count!)
      (on-bad-end-name test-runner-on-bad-end-name test-runner-on-bad-end-name!)
      (on-final test-runner-on-final test-runner-on-final!))

    (define (test-runner-reset r)
      (%set-pass! r 0)
      (%set-fail! r 0)
      (%set-xpass! r 0)
      (%set-xfail! r 0)
      (%set-skip! r 0)
      (%set-skip-list! r '())
      (%set-fail-list! r '())
      (%set-saved-lists! r '())
      (%set-run-list! r #t)
      (%set-groups! r '())
      (%set-counts! r '())
      (%set-results! r '()))

    (define (%ignore . args) #f)

    (define (test-runner-null)
      (let ((r (%make-runner)))
        (test-runner-reset r)
        (test-runner-aux-value! r #f)
        (%set-auto! r #f)
        (test-runner-on-test-begin! r %ignore)
        (test-runner-on-test-end! r %ignore)
        (test-runner-on-group-begin! r %ignore)
        (test-runner-on-group-end! r %ignore)
        (test-runner-on-bad-count! r %ignore)
        (test-runner-on-bad-end-name! r %ignore)
        (test-runner-on-final! r %ignore)
        r))

    (define (test-runner-simple)
      (let ((r (test-runner-null)))
        (test-runner-on-test-begin! r test-on-test-begin-simple)
        (test-runner-on-test-end! r test-on-test-end-simple)
        (test-runner-on-group-begin! r test-on-group-begin-simple)
        (test-runner-on-group-end! r test-on-group-end-simple)
        (test-runner-on-bad-count! r test-on-bad-count-simple)
        (test-runner-on-bad-end-name! r test-on-bad-end-name-simple)
        (test-runner-on-final! r test-on-final-simple)
        r))

    (define %current #f)
    (define %factory test-runner-simple)

    (define (test-runner-current . runner)
      (if (pair? runner) (set! %current (car runner)) %current))

    (define (test-runner-factory . factory)
      (if (pair? factory) (set! %factory (car factory)) %factory))

    (define (test-runner-create) (%factory))

    (define (test-runner-get)
      (or %current (error "test-runner-get: there is no current test runner")))

    ;; The current runner, unless it is one test-begin installed and test-end finished.
    (define (%live-runner)
      (and %current (not (eq? (%auto %current) 'finished)) %current))

    ;; The live runner, installing a new one when there is none.
    (define (%runner)
      (or (%live-runner)
          (let ((r (test-runner-create)))
            (%set-auto! r 'active)
            (set! %current r)
            r)))

    (define (%with-runner runner thunk)
      (let ((saved %current))
        (dynamic-wind
         (lambda () (set! %current runner))
         thunk
         (lambda () (set! %current saved)))))

    ;; The value is the body's.
    (define-syntax test-with-runner
      (syntax-rules ()
        ((_ runner) (%with-runner runner (lambda () (if #f #f))))
        ((_ runner body1 body2 ...) (%with-runner runner (lambda () body1 body2 ...)))))

    (define (test-runner-group-path r) (reverse (test-runner-group-stack r)))

    ;; ---- result properties -------------------------------------------------------------

    (define (test-result-ref r name . default)
      (let ((entry (assq name (test-result-alist r))))
        (cond (entry (cdr entry))
              ((pair? default) (car default))
              (else #f))))

    (define (%alist-without name alist)
      (let loop ((l alist) (acc '()))
        (cond ((null? l) (reverse acc))
              ((eq? (car (car l)) name) (loop (cdr l) acc))
              (else (loop (cdr l) (cons (car l) acc))))))

    (define (test-result-set! r name value)
      (%set-results! r (cons (cons name value) (%alist-without name (test-result-alist r)))))

    (define (test-result-remove r name)
      (%set-results! r (%alist-without name (test-result-alist r))))

    (define (test-result-clear r) (%set-results! r '()))

    (define (test-result-kind . runner)
      (test-result-ref (if (pair? runner) (car runner) (test-runner-get)) 'result-kind))

    (define (test-passed? . runner)
      (and (memq (apply test-result-kind runner) '(pass xpass)) #t))

    (define (test-runner-test-name r) (test-result-ref r 'test-name ""))

    ;; ---- specifiers --------------------------------------------------------------------

    (define (%specifier s)
      (cond ((procedure? s) s)
            ((string? s) (test-match-name s))
            ((and (exact-integer? s) (>= s 0)) (test-match-nth 1 s))
            (else (error "test specifier: expected a procedure, a string or a count" s))))

    (define (test-match-name name)
      (lambda (r) (equal? name (test-runner-test-name r))))

    ;; Matches the nth call and the count - 1 after it (counting from 1).
    (define (test-match-nth n . count)
      (let ((calls 0) (count (if (pair? count) (car count) 1)))
        (lambda (r)
          (set! calls (+ calls 1))
          (and (>= calls n) (< calls (+ n count))))))

    ;; Both apply every specifier, in order, whatever the earlier ones answered.
    (define (test-match-all . specs)
      (let ((specs (map %specifier specs)))
        (lambda (r)
          (let loop ((s specs) (all #t))
            (if (null? s)
                all
                (let ((m ((car s) r))) (loop (cdr s) (and m all))))))))

    (define (test-match-any . specs)
      (let ((specs (map %specifier specs)))
        (lambda (r)
          (let loop ((s specs) (any #f))
            (if (null? s)
                any
                (let ((m ((car s) r))) (loop (cdr s) (or m any))))))))

    (define (%any-match? specs r)
      (let loop ((s specs) (any #f))
        (if (null? s)
            any
            (let ((m ((car s) r))) (loop (cdr s) (or m any))))))

    (define (test-skip . specs)
      (let* ((specs (map %specifier specs)) (r (%runner)))
        (%set-skip-list! r (append (%skip-list r) specs))))

    (define (test-expect-fail . specs)
      (let* ((specs (map %specifier specs)) (r (%runner)))
        (%set-fail-list! r (append (%fail-list r) specs))))

    ;; ---- running one test --------------------------------------------------------------

    ;; Counts a test (or a skipped group) in the innermost open group.
    (define (%count-in-group! r)
      (let ((counts (%counts r)))
        (if (pair? counts)
            (vector-set! (car counts) 0 (+ 1 (vector-ref (car counts) 0))))))

    ;; Applies the specifiers (all of them) and sets result-kind to skip or xfail; true when
    ;; the test is to run.
    (define (%should-run? r)
      (let* ((run-list (%run-list r))
             (selected (or (eq? run-list #t) (%any-match? run-list r)))
             (skipped (%any-match? (%skip-list r) r))
             (expect-fail (%any-match? (%fail-list r) r)))
        (cond ((or skipped (not selected)) (test-result-set! r 'result-kind 'skip) #f)
              (expect-fail (test-result-set! r 'result-kind 'xfail) #t)
              (else #t))))

    (define (%report! r)
      (case (test-result-kind r)
        ((pass) (%set-pass! r (+ 1 (test-runner-pass-count r))))
        ((fail) (%set-fail! r (+ 1 (test-runner-fail-count r))))
        ((xpass) (%set-xpass! r (+ 1 (test-runner-xpass-count r))))
        ((xfail) (%set-xfail! r (+ 1 (test-runner-xfail-count r))))
        ((skip) (%set-skip! r (+ 1 (test-runner-skip-count r)))))
      (%count-in-group! r)
      ((test-runner-on-test-end r) r))

    ;; name: a name or #f; form: the test's expression; body: (lambda (r) ...) runs the
    ;; test, records its properties and answers whether it passed.
    (define (%test-case name form body)
      (let ((r (%runner)))
        (test-result-clear r)
        (if name (test-result-set! r 'test-name name))
        (test-result-set! r 'source-form form)
        (let ((run? (%should-run? r)))
          ((test-runner-on-test-begin r) r)
          (when run?
            (let ((passed (body r)))
              (test-result-set! r 'result-kind
                                (if (eq? (test-result-kind r) 'xfail)
                                    (if passed 'xpass 'xfail)
                                    (if passed 'pass 'fail)))))
          (%report! r))))

    ;; (#t . value) when thunk returns, (#f . raised-object) when it raises.
    (define (%try thunk)
      (guard (condition (#t (cons #f condition)))
        (cons #t (thunk))))

    ;; Evaluates the test expression, recording actual-value or actual-error.
    (define (%run-expr r thunk)
      (let ((v (%try thunk)))
        (test-result-set! r (if (car v) 'actual-value 'actual-error) (cdr v))
        v))

    ;; Evaluates the expected value, recording expected-value (or actual-error).
    (define (%expected r thunk)
      (let ((v (%try thunk)))
        (test-result-set! r (if (car v) 'expected-value 'actual-error) (cdr v))
        v))

    (define (%holds? thunk)
      (let ((v (%try thunk))) (and (car v) (cdr v) #t)))

    (define (%assert-body thunk)
      (lambda (r)
        (let ((v (%run-expr r thunk)))
          (and (car v) (cdr v) #t))))

    (define (%compare-body same? expected-thunk thunk)
      (lambda (r)
        (let ((e (%expected r expected-thunk)))
          (and (car e)
               (let ((v (%run-expr r thunk)))
                 (and (car v) (%holds? (lambda () (same? (cdr e) (cdr v))))))))))

    (define (%approximate-body expected-thunk thunk error-thunk)
      (lambda (r)
        (let ((e (%expected r expected-thunk))
              (err (%try error-thunk)))
          (and (car e) (car err)
               (let ((v (%run-expr r thunk)))
                 (and (car v)
                      (%holds? (lambda ()
                                 (and (>= (cdr v) (- (cdr e) (cdr err)))
                                      (<= (cdr v) (+ (cdr e) (cdr err))))))))))))

    (define (%error-body type thunk)
      (lambda (r)
        (test-result-set! r 'expected-error type)
        (let ((v (%run-expr r thunk)))
          (and (not (car v))
               (or (not (procedure? type))
                   (%holds? (lambda () (type (cdr v)))))))))

    ;; With two operands: a string is the test's name, anything else the error type.
    (define (%test-error-2 first form thunk)
      (if (string? first)
          (%test-case first form (%error-body #t thunk))
          (%test-case #f form (%error-body first thunk))))

    (define-syntax test-assert
      (syntax-rules ()
        ((_ name expr) (%test-case name 'expr (%assert-body (lambda () expr))))
        ((_ expr) (%test-case #f 'expr (%assert-body (lambda () expr))))))

    (define-syntax test-eqv
      (syntax-rules ()
        ((_ name expected expr)
         (%test-case name 'expr (%compare-body eqv? (lambda () expected) (lambda () expr))))
        ((_ expected expr)
         (%test-case #f 'expr (%compare-body eqv? (lambda () expected) (lambda () expr))))))

    (define-syntax test-equal
      (syntax-rules ()
        ((_ name expected expr)
         (%test-case name 'expr (%compare-body equal? (lambda () expected) (lambda () expr))))
        ((_ expected expr)
         (%test-case #f 'expr (%compare-body equal? (lambda () expected) (lambda () expr))))))

    (define-syntax test-eq
      (syntax-rules ()
        ((_ name expected expr)
         (%test-case name 'expr (%compare-body eq? (lambda () expected) (lambda () expr))))
        ((_ expected expr)
         (%test-case #f 'expr (%compare-body eq? (lambda () expected) (lambda () expr))))))

    (define-syntax test-approximate
      (syntax-rules ()
        ((_ name expected expr error)
         (%test-case name 'expr
                     (%approximate-body (lambda () expected) (lambda () expr) (lambda () error))))
        ((_ expected expr error)
         (%test-case #f 'expr
                     (%approximate-body (lambda () expected) (lambda () expr) (lambda () error))))))

    (define-syntax test-error
      (syntax-rules ()
        ((_ name type expr) (%test-case name 'expr (%error-body type (lambda () expr))))
        ((_ type expr) (%test-error-2 type 'expr (lambda () expr)))
        ((_ expr) (%test-case #f 'expr (%error-body #t (lambda () expr))))))

    ;; ---- groups ------------------------------------------------------------------------

    (define (test-begin name . count)
      (let ((r (%runner)))
        (test-result-set! r 'test-name name)
        ((test-runner-on-group-begin r) r name (if (pair? count) (car count) #f))
        (%count-in-group! r)
        (%set-saved-lists! r (cons (cons (%skip-list r) (%fail-list r)) (%saved-lists r)))
        (%set-counts! r (cons (vector 0 (if (pair? count) (car count) #f)) (%counts r)))
        (%set-groups! r (cons name (test-runner-group-stack r)))))

    (define (test-end . name)
      (let* ((r (test-runner-get))
             (groups (test-runner-group-stack r)))
        (if (null? groups) (error "test-end: no test group is open" name))
        (if (and (pair? name) (not (equal? (car name) (car groups))))
            ((test-runner-on-bad-end-name r) r (car groups) (car name)))
        (let* ((counts (car (%counts r)))
               (actual (vector-ref counts 0))
               (expected (vector-ref counts 1)))
          (if (and expected (not (= expected actual)))
              ((test-runner-on-bad-count r) r actual expected)))
        ((test-runner-on-group-end r) r)
        (%set-groups! r (cdr groups))
        (%set-counts! r (cdr (%counts r)))
        (let ((saved (car (%saved-lists r))))
          (%set-skip-list! r (car saved))
          (%set-fail-list! r (cdr saved))
          (%set-saved-lists! r (cdr (%saved-lists r))))
        (when (null? (cdr groups))
          ((test-runner-on-final r) r)
          (if (eq? (%auto r) 'active) (%set-auto! r 'finished)))))

    ;; A group the skip specifiers match is not entered; it counts as one skipped test.
    (define (%test-group name thunk)
      (let ((r (%live-runner)))
        (if (and r
                 (begin
                   (test-result-clear r)
                   (test-result-set! r 'test-name name)
                   (%any-match? (%skip-list r) r)))
            (begin
              (test-result-set! r 'result-kind 'skip)
              (%set-skip! r (+ 1 (test-runner-skip-count r)))
              (%count-in-group! r))
            (dynamic-wind
             (lambda () (test-begin name))
             thunk
             (lambda () (test-end name))))))

    (define-syntax test-group
      (syntax-rules ()
        ((_ name body ...) (%test-group name (lambda () body ... (if #f #f))))))

    (define-syntax test-group-with-cleanup
      (syntax-rules ()
        ((_ name form ... cleanup)
         (test-group name
                     (dynamic-wind
                      (lambda () #f)
                      (lambda () form ... (if #f #f))
                      (lambda () cleanup))))))

    ;; (test-apply [runner] specifier ... procedure)
    (define (test-apply first . rest)
      (cond ((test-runner? first) (%test-apply first rest))
            ((%live-runner) (%test-apply (%live-runner) (cons first rest)))
            (else
             (let ((r (test-runner-create)))
               (%test-apply r (cons first rest))
               ((test-runner-on-final r) r)))))

    (define (%test-apply r args)
      (let* ((rev (reverse args))
             (proc (car rev))
             (specs (map %specifier (reverse (cdr rev))))
             (saved (%run-list r)))
        (dynamic-wind
         (lambda () (if (pair? specs) (%set-run-list! r specs)))
         (lambda () (%with-runner r proc))
         (lambda () (%set-run-list! r saved)))))

    ;; ---- reading and evaluating --------------------------------------------------------

    (define (test-read-eval-string string)
      (let* ((port (open-input-string string))
             (form (read port)))
        (if (or (eof-object? form) (not (eof-object? (peek-char port))))
            (error "test-read-eval-string: expected exactly one datum" string))
        (eval form (interaction-environment))))

    ;; ---- the simple runner -------------------------------------------------------------

    (define (test-on-test-begin-simple r) #f)

    (define (test-on-group-begin-simple r name count)
      (when (null? (test-runner-group-stack r))
        (display "%%%% Starting test ")
        (display name)
        (newline)))

    (define (test-on-group-end-simple r) #f)

    (define (%show-condition c)
      (cond ((error-object? c)
             (display (error-object-message c))
             (for-each (lambda (x) (display " ") (write x)) (error-object-irritants c)))
            (else (write c))))

    ;; FAIL or XPASS, the name (or the expression), then what was expected and what came.
    (define (test-on-test-end-simple r)
      (let ((kind (test-result-kind r)))
        (when (memq kind '(fail xpass))
          (display (if (eq? kind 'xpass) "XPASS " "FAIL "))
          (let ((name (test-runner-test-name r)))
            (if (equal? name "")
                (write (test-result-ref r 'source-form))
                (display name)))
          (newline)
          (when (eq? kind 'fail)
            (let ((alist (test-result-alist r)))
              (if (assq 'expected-value alist)
                  (begin (display "  expected: ") (write (cdr (assq 'expected-value alist))) (newline)))
              (if (assq 'expected-error alist)
                  (begin (display "  expected an error") (newline)))
              (if (assq 'actual-value alist)
                  (begin (display "  got: ") (write (cdr (assq 'actual-value alist))) (newline)))
              (if (assq 'actual-error alist)
                  (begin (display "  raised: ") (%show-condition (cdr (assq 'actual-error alist)))
                         (newline))))))))

    (define (test-on-bad-count-simple r actual expected)
      (display "*** Total number of tests was ")
      (display actual)
      (display " but should be ")
      (display expected)
      (display ". ***")
      (newline))

    (define (test-on-bad-end-name-simple r begin-name end-name)
      (error "test-end: the name does not match the open test group" end-name begin-name))

    (define (%summary-line label count)
      (when (> count 0)
        (display label)
        (display count)
        (newline)))

    (define (test-on-final-simple r)
      (%summary-line "# of expected passes      " (test-runner-pass-count r))
      (%summary-line "# of expected failures    " (test-runner-xfail-count r))
      (%summary-line "# of unexpected successes " (test-runner-xpass-count r))
      (%summary-line "# of unexpected failures  " (test-runner-fail-count r))
      (%summary-line "# of skipped tests        " (test-runner-skip-count r))
      ;; Kiln: a suite with unexpected results makes the program exit 1 when it ends (after
      ;; running to its end), so a failing suite fails a build or CI job.
      (if (> (+ (test-runner-fail-count r) (test-runner-xpass-count r)) 0)
          (%exit-status-at-end! 1)))))
