(import (scheme base))
;; quasiquote (R7RS 4.2.8).
(test-begin "derived-quasiquote")

(test-equal '(list 3 4) `(list ,(+ 1 2) 4))
(test-equal '(list a (quote a)) (let ((name 'a)) `(list ,name ',name)))
(test-equal '(a 3 4 5 6 b) `(a ,(+ 1 2) ,@(map abs '(4 -5 6)) b))
(test-equal '((foo 7) . cons) `((foo ,(- 10 3)) ,@(cdr '(c)) . ,(car '(cons))))
(test-equal #(10 5 2 4 3 8) `#(10 5 ,(+ 1 1) ,@(map (lambda (x) (- x 1)) '(5 4)) 8))
(test-equal '(list foo bar baz) (let ((foo '(foo bar)) (@baz 'baz)) `(list ,@foo , @baz)))

;; nesting
(test-equal '(a `(b ,(+ 1 2) ,(foo 4 d) e) f)
  `(a `(b ,(+ 1 2) ,(foo ,(+ 1 3) d) e) f))
(test-equal '(a `(b ,x ,'y d) e)
  (let ((name1 'x) (name2 'y)) `(a `(b ,,name1 ,',name2 d) e)))
(test-equal '(quasiquote (a (unquote (b 1 2))))
  ``(a ,(b ,@(list 1 2))))
(test-equal '(1 `,(+ 1 5) 4) `(1 `,(+ 1 ,(+ 2 3)) 4))
(test-equal '(a `(b `(c ,,3))) `(a `(b `(c ,,,(+ 1 2)))))

;; long forms
(test-equal '(list 3 4) (quasiquote (list (unquote (+ 1 2)) 4)))
(test-equal '(quasiquote (list (unquote (+ 1 2)) 4)) '`(list ,(+ 1 2) 4))
(test-equal '(1 2 3) (quasiquote (1 (unquote-splicing (list 2 3)))))

;; no unquote: like quote
(test-equal '(a b c) `(a b c))
(test-equal 'x `x)
(test-equal 5 `5)
(test-equal "s" `"s")
(test-equal '() `())
(test-equal 3 `,(+ 1 2))

;; splicing
(test-equal '(1 2 3) `(,@(list 1 2 3)))
(test-equal '() `(,@'()))
(test-equal '(a b) `(a ,@'() b))
(test-equal '(1 2 3 4) `(,@(list 1 2) ,@(list 3 4)))
(test-equal '(0 1 2) `(0 ,@(list 1 2)))
(test-equal '(1 2 . 3) `(,@(list 1 2) . 3))
(test-equal '(1 . 2) `(1 . ,(+ 1 1)))
(test-equal '(x 1 2) `(x . ,(list 1 2)))
;; the spliced list is not shared at the end? (any answer is allowed); its elements are there
(test-equal '(1 2 3) (let ((tail (list 2 3))) `(1 ,@tail)))

;; vectors
(test-equal #(1 2 3) `#(1 ,(+ 1 1) 3))
(test-equal #(1 2 3) `#(,@(list 1 2 3)))
(test-equal #() `#(,@'()))
(test-equal #(a (1 2) #(3)) `#(a (1 ,(+ 1 1)) #(,(+ 1 2))))
(test-equal '(1 #(2 3)) `(1 #(,@(list 2 3))))
(test-equal '(a `#(b ,(c 3))) `(a `#(b ,(c ,(+ 1 2)))))

;; deep structure
(test-equal '((1 (2 (3 (4)))) end)
  (let ((n 4)) `((1 (2 (3 (,n)))) end)))
(test-equal '(1 2 3 4 5 6 7 8 9 10)
  `(1 ,@(let loop ((i 2) (acc '())) (if (> i 9) (reverse acc) (loop (+ i 1) (cons i acc)))) 10))

;; fresh structure where unquotes occur
(test-assert (let ((f (lambda (x) `(a ,x)))) (not (eq? (f 1) (f 1)))))

(test-end)
