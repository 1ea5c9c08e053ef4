(import (scheme base) (scheme write))
;; R7RS 5.5 Record-type definitions: define-record-type.
(test-begin "5.5 record-type definitions")

(define-record-type <pare>
  (kons x y)
  pare?
  (x kar set-kar!)
  (y kdr))

(test-eq #t (pare? (kons 1 2)))
(test-eq #f (pare? (cons 1 2)))
(test-eqv 1 (kar (kons 1 2)))
(test-eqv 2 (kdr (kons 1 2)))
(test-eqv 3 (let ((k (kons 1 2)))
              (set-kar! k 3)
              (kar k)))

(test-group "predicates and disjointness"
  (define k (kons 1 2))
  (test-assert "a record is not a vector" (not (vector? k)))
  (test-assert "a record is not a pair" (not (pair? k)))
  (test-assert "a record is not a procedure" (not (procedure? k)))
  (test-assert "a record is not a symbol, string, number, char, boolean, null"
    (not (or (symbol? k) (string? k) (number? k) (char? k) (boolean? k) (null? k))))
  (test-assert "the predicate is false on other objects"
    (not (or (pare? 1) (pare? '()) (pare? (vector 1 2)) (pare? "kons") (pare? pare?))))
  (define-record-type <pare2> (kons2 x y) pare2? (x kar2) (y kdr2))
  (test-assert "a record type with the same structure is a different type"
    (and (not (pare? (kons2 1 2))) (not (pare2? (kons 1 2)))))
  (test-assert "records are eqv? only to themselves"
    (let ((a (kons 1 2)) (b (kons 1 2))) (and (eqv? a a) (not (eqv? a b)))))
  (test-assert "records are equal? only when eqv? (or the implementation's choice)"
    (boolean? (equal? (kons 1 2) (kons 1 2)))))

(test-group "constructors and fields"
  (define-record-type point (make-point x y) point? (x point-x set-point-x!) (y point-y set-point-y!))
  (define p (make-point 3 4))
  (test-equal '(3 4) (list (point-x p) (point-y p)))
  (set-point-y! p 10)
  (test-equal "a modifier changes only its field" '(3 10) (list (point-x p) (point-y p)))
  (define-record-type thing (make-thing b) thing? (a thing-a set-thing-a!) (b thing-b))
  (define t (make-thing 'bee))
  (test-eq "a constructor may omit fields" 'bee (thing-b t))
  (set-thing-a! t 'ay)
  (test-eq "an omitted field can be set" 'ay (thing-a t))
  (define-record-type reversed (make-reversed y x) reversed? (x rev-x) (y rev-y))
  (test-equal "constructor arguments in a different order than the fields" '(1 2)
    (let ((r (make-reversed 2 1))) (list (rev-x r) (rev-y r))))
  (define-record-type empty (make-empty) empty?)
  (test-assert "a record type with no fields" (empty? (make-empty)))
  (test-assert "each constructor call makes a new record" (not (eq? (make-empty) (make-empty))))
  (define-record-type <node> (make-node val next) node? (val node-val) (next node-next set-node-next!))
  (test-equal "records can refer to each other" '(1 2)
    (let* ((b (make-node 2 '())) (a (make-node 1 b)))
      (list (node-val a) (node-val (node-next a)))))
  (test-assert "a record can refer to itself"
    (let ((n (make-node 1 #f))) (set-node-next! n n) (eq? n (node-next n))))
  (test-assert "a modifier returns (an unspecified value)"
    (begin (set-point-x! p 1) #t)))

(test-group "errors"
  (test-error "accessor applied to another record type" (kar (let () (define-record-type o (mk-o a) o? (a o-a)) (mk-o 1))))
  (test-error "accessor applied to a non-record" (kar '(1 . 2)))
  (test-error "modifier applied to a non-record" (set-kar! (vector 1 2) 3))
  (test-error "constructor with too few arguments" (kons 1))
  (test-error "constructor with too many arguments" (kons 1 2 3)))

(test-group "scope"
  (test-eqv "define-record-type in a body" 5
    (let ()
      (define-record-type cell (make-cell v) cell? (v cell-v))
      (cell-v (make-cell 5))))
  (test-assert "define-record-type in a body is generative each time it is evaluated"
    (let ((make (lambda ()
                  (define-record-type r (mk) r?)
                  (cons (mk) r?))))
      (let ((a (make)) (b (make)))
        (and ((cdr a) (car a)) (boolean? ((cdr a) (car b))))))))

(test-assert "a record can be written" (string? (let ((p (open-output-string))) (write (kons 1 2) p) (get-output-string p))))

(test-end)
