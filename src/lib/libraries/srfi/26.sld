;;; (srfi 26): cut and cute, notation for specializing parameters without currying.
;;;
;;;   (cut  slot-or-expr ...)    a procedure of one parameter per <> slot (and a rest
;;;   (cute slot-or-expr ...)    parameter when the last is <...>); cute evaluates the
;;;                              non-slot expressions once, when the procedure is made.
;;;
;;; The helpers walk the slots left to right, accumulating the parameters and the call; each
;;; step's `x` is a fresh identifier (hygiene), so every <> gets its own parameter. `<>` and
;;; `<...>` are matched as literals, so they must not be bound where cut is used.
(define-library (srfi 26)
  (export cut cute)
  (import (scheme base))
  (begin
    (define-syntax cut
      (syntax-rules ()
        ((_ slot ...) (%cut () () slot ...))))

    (define-syntax %cut
      (syntax-rules (<> <...>)
        ((_ (param ...) (call ...))
         (lambda (param ...) (call ...)))
        ((_ (param ...) (call ...) <...>)
         (lambda (param ... . rest) (apply call ... rest)))
        ((_ (param ...) (call ...) <> slot ...)
         (%cut (param ... x) (call ... x) slot ...))
        ((_ (param ...) (call ...) expr slot ...)
         (%cut (param ...) (call ... expr) slot ...))))

    (define-syntax cute
      (syntax-rules ()
        ((_ slot ...) (%cute () () () slot ...))))

    (define-syntax %cute
      (syntax-rules (<> <...>)
        ((_ (binding ...) (param ...) (call ...))
         (let (binding ...) (lambda (param ...) (call ...))))
        ((_ (binding ...) (param ...) (call ...) <...>)
         (let (binding ...) (lambda (param ... . rest) (apply call ... rest))))
        ((_ (binding ...) (param ...) (call ...) <> slot ...)
         (%cute (binding ...) (param ... x) (call ... x) slot ...))
        ((_ (binding ...) (param ...) (call ...) expr slot ...)
         (%cute (binding ... (t expr)) (param ...) (call ... t) slot ...))))))
