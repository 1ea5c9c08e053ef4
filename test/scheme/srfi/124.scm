(import (scheme base) (srfi 124))
;; SRFI 124, ephemerons: construction, accessors, the SRFI's ephemeron-ref example, and keys
;; that cannot be held weakly. (Whether the collector breaks an ephemeron is not observable
;; deterministically, so breaking is not tested here.)
(test-begin "srfi-124")

(define key (list 'key))
(define e (make-ephemeron key 'datum))
(test-assert (ephemeron? e))
(test-assert (not (ephemeron? key)))
(test-assert (not (ephemeron? (vector key 'datum))))
(test-eq key (ephemeron-key e))
(test-eq 'datum (ephemeron-datum e))
(test-assert (not (ephemeron-broken? e)))
(reference-barrier key)

;; the SRFI's example
(define (ephemeron-ref ephemeron key)
  (let ((k (ephemeron-key ephemeron))
        (d (ephemeron-datum ephemeron)))
    (and (not (ephemeron-broken? ephemeron))
         (eq? key k)
         (reference-barrier k)
         d)))
(test-equal 'datum (ephemeron-ref e key))
(test-equal #f (ephemeron-ref e (list 'key)))

;; a weak reference: key and datum the same
(define s (string #\a))
(define w (make-ephemeron s s))
(test-eq s (ephemeron-datum w))

;; keys of every kind, including ones that cannot be held weakly
(for-each
 (lambda (k)
   (let ((e (make-ephemeron k (list k))))
     (test-eqv k (ephemeron-key e))
     (test-equal (list k) (ephemeron-datum e))
     (test-assert (not (ephemeron-broken? e)))))
 (list 42 1.5 (expt 2 100) #t #f '() #\x 'sym "str" car (vector)))

;; a datum of #f is returned as #f
(test-equal #f (ephemeron-datum (make-ephemeron key #f)))
(test-error (ephemeron-key 'not-an-ephemeron))
(test-error (ephemeron-broken? 5))

(test-end)
