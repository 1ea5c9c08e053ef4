(import (scheme base))
;; syntax-rules patterns: literals, ellipsis depth, custom ellipsis, (... ...), dotted and
;; vector patterns, the _ wildcard.
(test-begin "syntax-patterns")

;; literals
(define-syntax arrow
  (syntax-rules (=>)
    ((_ a => b) (list 'arrow a b))
    ((_ a b c) (list 'plain a b c))))
(test-equal '(arrow 1 2) (arrow 1 => 2))
(test-equal '(plain 1 3 2) (arrow 1 3 2))
(test-equal '(plain 1 1 2) (let ((=> 1)) (arrow 1 => 2)))

(define-syntax my-if
  (syntax-rules (then else)
    ((_ c then t else e) (if c t e))))
(test-equal 1 (my-if #t then 1 else 2))
(test-equal 2 (my-if #f then 1 else 2))

(define-syntax kind
  (syntax-rules (foo)
    ((_ foo) 'literal-foo)
    ((_ x) 'other)))
(test-equal 'literal-foo (kind foo))
(test-equal 'other (kind bar))
(test-equal 'other (kind 1))
(test-equal 'other (kind (foo)))

;; simple ellipsis, zero matches
(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x rest ...) (+ 1 (count-args rest ...)))))
(test-equal 0 (count-args))
(test-equal 4 (count-args a b c d))

(define-syntax my-list
  (syntax-rules () ((_ x ...) (list x ...))))
(test-equal '() (my-list))
(test-equal '(1 2 3) (my-list 1 2 3))

;; ellipsis depth 2
(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(test-equal 6 (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) c))

(define-syntax flip-all
  (syntax-rules ()
    ((_ (a b ...) ...) '((b ... a) ...))))
(test-equal '((2 3 1) (5 4) (6)) (flip-all (1 2 3) (4 5) (6)))
(test-equal '() (flip-all))

(define-syntax pairs
  (syntax-rules ()
    ((_ (k v ...) ...) '((k v ...) ... ))))
(test-equal '((a 1 2) (b 3)) (pairs (a 1 2) (b 3)))

(define-syntax flatten2
  (syntax-rules ()
    ((_ (x ...) ...) '(x ... ...))))
(test-equal '(1 2 3 4 5) (flatten2 (1 2) () (3) (4 5)))

;; ellipsis depth 3
(define-syntax flatten3
  (syntax-rules ()
    ((_ ((x ...) ...) ...) '(x ... ... ...))))
(test-equal '(1 2 3 4 5 6) (flatten3 ((1 2) (3)) () ((4) () (5 6))))

(define-syntax nest3
  (syntax-rules ()
    ((_ ((x ...) ...) ...) '(((x 0) ... ...) ... end))))
(test-equal '(((1 0) (2 0)) ((3 0)) end) (nest3 ((1 2)) ((3))))

(define-syntax depth3
  (syntax-rules ()
    ((_ (a (b c ...) ...) ...)
     '((a (c ... b) ...) ...))))
(test-equal '((x (1 2 y) (z)) (w))
  (depth3 (x (y 1 2) (z)) (w)))

;; a depth-1 variable used inside a depth-2 template, alongside a depth-2 variable
(define-syntax tag-all
  (syntax-rules ()
    ((_ tag (x ...) ...) '((tag x ...) ...))))
(test-equal '((t 1 2) (t 3)) (tag-all t (1 2) (3)))

;; ellipsis followed by more patterns, and by a dotted tail
(define-syntax last-two
  (syntax-rules () ((_ a ... b c) '(b c))))
(test-equal '(3 4) (last-two 1 2 3 4))
(test-equal '(1 2) (last-two 1 2))

(define-syntax but-last
  (syntax-rules () ((_ a ... z) '(a ...))))
(test-equal '(1 2 3) (but-last 1 2 3 4))
(test-equal '() (but-last 1))

;; custom ellipsis
(define-syntax my-list2
  (syntax-rules ::: ()
    ((_ x :::) (list x :::))))
(test-equal '(1 2 3) (my-list2 1 2 3))

;; with a custom ellipsis, ... is an ordinary pattern variable
(define-syntax tuple
  (syntax-rules ::: ()
    ((_ (a ...) :::) '((... a) :::))))
(test-equal '((2 1) (4 3)) (tuple (1 2) (3 4)))

(define-syntax def-lister
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ::: ()
         ((_ x :::) (list 'name x :::)))))))
(def-lister lister)
(test-equal '(lister 1 2) (lister 1 2))

;; (... ...) produces a literal ellipsis in the output
(define-syntax def-my-list3
  (syntax-rules ()
    ((_ name)
     (define-syntax name
       (syntax-rules ()
         ((_ x (... ...)) (list x (... ...))))))))
(def-my-list3 my-list3)
(test-equal '(a b c) (my-list3 'a 'b 'c))

(define-syntax ellipsis-symbol
  (syntax-rules () ((_) '(... ...))))
(test-eq '... (ellipsis-symbol))

(define-syntax escaped-template
  (syntax-rules ()
    ((_ a) '(... (a ...)))))
(test-equal '(5 ...) (escaped-template 5))

;; dotted patterns
(define-syntax rest-of
  (syntax-rules () ((_ a . rest) 'rest)))
(test-equal '(2 3) (rest-of 1 2 3))
(test-equal '() (rest-of 1))

(define-syntax pair-parts
  (syntax-rules () ((_ (a . b)) '(a b))))
(test-equal '(1 (2 3)) (pair-parts (1 2 3)))
(test-equal '(1 2) (pair-parts (1 . 2)))

(define-syntax dotted-tail
  (syntax-rules () ((_ (a ... . r)) '((a ...) r))))
(test-equal '((1 2) 3) (dotted-tail (1 2 . 3)))
(test-equal '((1 2) ()) (dotted-tail (1 2)))

;; vector patterns
(define-syntax vec-sum
  (syntax-rules () ((_ #(a ...)) (+ a ...))))
(test-equal 6 (vec-sum #(1 2 3)))
(test-equal 0 (vec-sum #()))

(define-syntax vec-ends
  (syntax-rules () ((_ #(first mid ... last)) '(first last (mid ...)))))
(test-equal '(1 4 (2 3)) (vec-ends #(1 2 3 4)))

(define-syntax vec-template
  (syntax-rules () ((_ a ...) #(a ... end))))
(test-equal #(1 2 end) (vec-template 1 2))

(define-syntax nested-vec
  (syntax-rules () ((_ #((a b) ...)) '((b a) ...))))
(test-equal '((2 1) (4 3)) (nested-vec #((1 2) (3 4))))

;; the _ wildcard
(define-syntax second
  (syntax-rules () ((_ _ x . _) 'x)))
(test-equal 'b (second a b c d))
(test-equal 'b (second a b))

(define-syntax ignore-all
  (syntax-rules () ((_ _ _ _) 'three) ((_ . _) 'other)))
(test-equal 'three (ignore-all 1 2 3))
(test-equal 'other (ignore-all 1 2))

(define-syntax wild-in-ellipsis
  (syntax-rules () ((_ (_ x) ...) '(x ...))))
(test-equal '(1 2) (wild-in-ellipsis (a 1) (b 2)))

;; non-symbol data in patterns
(define-syntax match-num
  (syntax-rules ()
    ((_ 1) 'one)
    ((_ "two") 'two)
    ((_ #t) 'true)
    ((_ x) 'other)))
(test-equal 'one (match-num 1))
(test-equal 'two (match-num "two"))
(test-equal 'true (match-num #t))
(test-equal 'other (match-num 3))

;; first matching rule wins
(define-syntax first-rule
  (syntax-rules ()
    ((_ x) 'one)
    ((_ x ...) 'many)))
(test-equal 'one (first-rule a))
(test-equal 'many (first-rule))
(test-equal 'many (first-rule a b))

;; R7RS 4.3.2 simple-let
(define-syntax simple-let
  (syntax-rules ()
    ((_ (head ... ((x . y) val) . tail)
        body1 body2 ...)
     (syntax-error
      "expected an identifier but got"
      (x . y)))
    ((_ ((name val) ...) body1 body2 ...)
     ((lambda (name ...) body1 body2 ...)
      val ...))))
(test-equal 3 (simple-let ((a 1) (b 2)) (+ a b)))

(test-end)
