;;; (srfi 124): ephemerons, also (scheme ephemeron). The ephemerons are src/lib/srfi-124.ts:
;;; a WeakRef to the key and a WeakMap from the key to the datum, so the garbage collector
;;; breaks an ephemeron once its key is otherwise unreachable (keys that are plain numbers
;;; are held strongly and never break).
(define-library (srfi 124)
  (include-library-declarations "124-exports.scm")
  (import (scheme base))
  (begin
    (define make-ephemeron %make-ephemeron)
    (define ephemeron? %ephemeron?)
    (define ephemeron-key %ephemeron-key)
    (define ephemeron-datum %ephemeron-datum)
    (define ephemeron-broken? %ephemeron-broken?)
    (define reference-barrier %reference-barrier)))
