(import (scheme base))
;; Vector and bytevector literals, quote abbreviations, dotted pairs.
(test-begin "reader-compound")

;; vectors are self-evaluating
(test-equal 3 (vector-length #(1 2 3)))
(test-equal 2 (vector-ref #(1 2 3) 1))
(test-equal '#(a b) #(a b))
(test-equal 'a (vector-ref #(a b) 0))
(test-equal 0 (vector-length #()))
(test-equal #(1 #(2) (3)) (vector 1 (vector 2) (list 3)))

;; bytevectors
(test-assert (bytevector? #u8(1 2 3)))
(test-equal 3 (bytevector-length #u8(1 2 3)))
(test-equal 255 (bytevector-u8-ref #u8(0 128 255) 2))
(test-equal 0 (bytevector-length #u8()))
(test-equal (bytevector 1 2 3) #u8(1 2 3))
(test-equal #u8(255) '#u8(#xff))
(test-assert (not (vector? #u8(1))))

;; quote abbreviations read as lists
(test-equal '(quote a) ''a)
(test-equal '(quasiquote (a (unquote b) (unquote-splicing c))) '`(a ,b ,@c))
(test-eq 'quote (car ''a))
(test-eq 'quasiquote (car '`a))
(test-eq 'unquote (car ',a))
(test-eq 'unquote-splicing (car ',@a))
(test-equal '(1 2 3) '(1 . (2 3)))
(test-equal '(1 2 . 3) '(1 . (2 . 3)))
(test-equal '(a . b) (cons 'a 'b))
(test-equal '() '( ))
(test-equal '(a b) '(a
                     b))

(test-end)
