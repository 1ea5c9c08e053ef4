(import (scheme base))
;; define-record-type (R7RS 5.5).
(test-begin "derived-records")

(define-record-type pare
  (kons x y)
  pare?
  (x kar set-kar!)
  (y kdr))
(test-assert (pare? (kons 1 2)))
(test-assert (not (pare? (cons 1 2))))
(test-equal 1 (kar (kons 1 2)))
(test-equal 2 (kdr (kons 1 2)))
(test-equal 3 (let ((k (kons 1 2))) (set-kar! k 3) (kar k)))

(define-record-type <point>
  (make-point y x)
  point?
  (x point-x set-point-x!)
  (y point-y))
(define pt (make-point 1 2))
(test-equal 2 (point-x pt))
(test-equal 1 (point-y pt))
(set-point-x! pt 10)
(test-equal 10 (point-x pt))
(test-assert (point? pt))
(test-assert (not (point? (kons 1 2))))
(test-assert (not (pare? pt)))

;; records are a distinct type
(test-assert (not (pair? pt)))
(test-assert (not (vector? pt)))
(test-assert (not (procedure? pt)))
(test-assert (not (symbol? pt)))
(test-assert (not (string? pt)))
(test-assert (not (point? 5)))
(test-assert (not (point? '(1 2))))
(test-assert (not (point? (vector 1 2))))

;; fields not in the constructor
(define-record-type node
  (make-node value)
  node?
  (value node-value)
  (next node-next set-node-next!))
(define n1 (make-node 'a))
(set-node-next! n1 'b)
(test-equal 'b (node-next n1))
(test-equal 'a (node-value n1))

;; accessors check their argument
(test-error (kar (cons 1 2)))
(test-error (point-x (kons 1 2)))
(test-error (set-kar! pt 1))

;; two record types with the same field names are distinct
(define-record-type thing-a (make-thing-a v) thing-a? (v thing-a-v))
(define-record-type thing-b (make-thing-b v) thing-b? (v thing-b-v))
(test-assert (not (thing-a? (make-thing-b 1))))
(test-error (thing-a-v (make-thing-b 1)))

;; each constructor call makes a new object; eqv? on records is identity
(test-assert (not (eqv? (kons 1 2) (kons 1 2))))
(test-assert (let ((k (kons 1 2))) (eqv? k k)))

;; a record type with no fields
(define-record-type empty-rec (make-empty-rec) empty-rec?)
(test-assert (empty-rec? (make-empty-rec)))

;; a local record type
(test-equal '(3 #t)
  (let ()
    (define-record-type box (make-box v) box? (v unbox set-box!))
    (define b (make-box 1))
    (set-box! b 3)
    (list (unbox b) (box? b))))

;; records hold any values, including procedures and other records
(define k2 (kons (lambda (x) (* x x)) (kons 'inner '())))
(test-equal 16 ((kar k2) 4))
(test-equal 'inner (kar (kdr k2)))

;; constructor arity is checked
(test-error (apply kons '(1)))

(test-end)
