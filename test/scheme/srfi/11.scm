(import (scheme base) (srfi 11))
;; SRFI 11, let-values and let*-values (R7RS's, re-exported).
(test-begin "srfi-11")

(test-equal '(1 2 3) (let-values (((a b) (values 1 2)) ((c) (values 3))) (list a b c)))
(test-equal '(1 (2 3)) (let-values (((a . rest) (values 1 2 3))) (list a rest)))
(test-equal '(1 2) (let-values ((all (values 1 2))) all))
(test-equal '(x y)
  (let ((a 'a) (b 'b) (x 'x) (y 'y))
    (let-values (((a b) (values x y)) ((x y) (values a b)))
      (list a b))))
(test-equal '(x y)
  (let ((a 'a) (b 'b) (x 'x) (y 'y))
    (let*-values (((a b) (values x y)) ((x y) (values a b)))
      (list x y))))
(test-equal 3 (let*-values (((a) 1) ((b) (+ a 1))) (+ a b)))

(test-end)
