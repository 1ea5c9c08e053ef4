(import (scheme base))
;; R7RS 4.3.2 Pattern language: syntax-rules.
(test-begin "4.3.2 pattern language")

(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name
       (syntax-rules ()
         ((name expr (... ...))
          (begin expr (... ...))))))))
(be-like-begin sequence)
(test-eqv 4 (sequence 1 2 3 4))
(test-eq 'ok
  (let ((=> #f))
    (cond (#t => 'ok))))

(test-group "patterns"
  (define-syntax m-list
    (syntax-rules () ((_ a b) (list 'two a b)) ((_ a) (list 'one a)) ((_) (list 'none))))
  (test-equal '(none) (m-list))
  (test-equal '(one 1) (m-list 1))
  (test-equal '(two 1 2) (m-list 1 2))
  (test-error "no pattern matches: an error (at expansion or run time)"
    (eval '(let-syntax ((m (syntax-rules () ((_ a) a)))) (m 1 2))
          (environment '(scheme base))))
  (define-syntax m-dotted
    (syntax-rules () ((_ a . rest) '(a rest))))
  (test-equal "improper pattern: the tail" '(1 (2 3)) (m-dotted 1 2 3))
  (test-equal "improper pattern: empty tail" '(1 ()) (m-dotted 1))
  (define-syntax m-improper-input
    (syntax-rules () ((_ (a . b)) '(a b))))
  (test-equal "improper pattern matches an improper input" '(1 2) (m-improper-input (1 . 2)))
  (test-equal "improper pattern matches a proper input" '(1 (2 3)) (m-improper-input (1 2 3)))
  (define-syntax m-ellipsis
    (syntax-rules () ((_ a ...) '(a ...))))
  (test-equal "ellipsis: zero elements" '() (m-ellipsis))
  (test-equal "ellipsis: several elements" '(1 2 3) (m-ellipsis 1 2 3))
  (define-syntax m-middle
    (syntax-rules () ((_ first mid ... last) '(first (mid ...) last))))
  (test-equal "ellipsis followed by patterns" '(1 (2 3) 4) (m-middle 1 2 3 4))
  (test-equal "ellipsis followed by patterns, none in the middle" '(1 () 2) (m-middle 1 2))
  (define-syntax m-mid-dotted
    (syntax-rules () ((_ a ... b . c) '((a ...) b c))))
  (test-equal "ellipsis, then a pattern, then a dotted tail" '((1 2) 3 4) (m-mid-dotted 1 2 3 . 4))
  (test-equal "ellipsis with a dotted tail on a proper list" '((1 2) 3 ()) (m-mid-dotted 1 2 3))
  (define-syntax m-nested
    (syntax-rules () ((_ (a b ...) ...) '((a ...) (b ... ...)))))
  (test-equal "nested ellipsis" '((1 4) (2 3 5)) (m-nested (1 2 3) (4 5)))
  (define-syntax m-pairs
    (syntax-rules () ((_ (k v) ...) '((k . v) ...))))
  (test-equal "ellipsis over subpatterns" '((a . 1) (b . 2)) (m-pairs (a 1) (b 2)))
  (define-syntax m-depth2
    (syntax-rules () ((_ (x ...) ...) '((x ... end) ...))))
  (test-equal "depth-2 ellipsis in the template" '((1 2 end) (end) (3 end)) (m-depth2 (1 2) () (3)))
  (define-syntax m-vector
    (syntax-rules () ((_ #(a b ...)) '(a (b ...)))))
  (test-equal "vector pattern" '(1 (2 3)) (m-vector #(1 2 3)))
  (test-equal "vector pattern with zero ellipsis matches" '(1 ()) (m-vector #(1)))
  (define-syntax m-vector-mid
    (syntax-rules () ((_ #(a ... z)) '(z a ...))))
  (test-equal "vector pattern with ellipsis then a pattern" '(3 1 2) (m-vector-mid #(1 2 3)))
  (define-syntax m-vector-fixed
    (syntax-rules () ((_ #(a b)) 'two) ((_ x) 'other)))
  (test-eq "vector pattern of fixed length" 'two (m-vector-fixed #(1 2)))
  (test-eq "vector pattern does not match a list" 'other (m-vector-fixed (1 2)))
  (test-eq "vector pattern does not match a different length" 'other (m-vector-fixed #(1 2 3)))
  (define-syntax m-vector-template
    (syntax-rules () ((_ a ...) #(a ... end))))
  (test-equal "vector template" #(1 2 end) (m-vector-template 1 2))
  (define-syntax m-const
    (syntax-rules () ((_ 1) 'one) ((_ "s") 'string) ((_ #\c) 'char) ((_ #t) 'true) ((_ x) 'other)))
  (test-eq "constant pattern: number" 'one (m-const 1))
  (test-eq "constant pattern: string" 'string (m-const "s"))
  (test-eq "constant pattern: character" 'char (m-const #\c))
  (test-eq "constant pattern: boolean" 'true (m-const #t))
  (test-eq "constant pattern does not match other data" 'other (m-const 2))
  (define-syntax m-underscore
    (syntax-rules () ((_ _ x _) 'x)))
  (test-eq "underscore matches anything, several times" 'b (m-underscore a b c))
  (define-syntax m-underscore-template
    (syntax-rules () ((_ a) (let ((_ a)) _))))
  (test-eqv "underscore is not a pattern variable" 5
    (let ((_ 5)) (m-ellipsis _) _))
  (define-syntax m-keyword-ignored
    (syntax-rules () ((anything-here a) a)))
  (test-eqv "the keyword position of the pattern is not matched" 3 (m-keyword-ignored 3)))

(test-group "literals"
  (define-syntax m-lit
    (syntax-rules (=>) ((_ a => b) (list a b)) ((_ a b c) 'no-arrow)))
  (test-equal "literal matches" '(1 2) (m-lit 1 => 2))
  (test-eq "literal does not match another identifier" 'no-arrow (m-lit 1 -> 2))
  (test-eq "a locally bound => does not match the literal" 'no-arrow
    (let ((=> #f)) (m-lit 1 => 2)))
  (define-syntax m-lit-unbound
    (syntax-rules (marker) ((_ marker) 'marked) ((_ x) 'unmarked)))
  (test-eq "an unbound literal matches the same unbound identifier" 'marked (m-lit-unbound marker))
  (test-eq "an unbound literal does not match a different identifier" 'unmarked (m-lit-unbound other))
  (test-eq "an unbound literal does not match when locally bound" 'unmarked
    (let ((marker 1)) (m-lit-unbound marker)))
  (define-syntax m-lit-underscore
    (syntax-rules (_) ((m _) 'underscore) ((m x) 'other)))
  (test-eq "_ in the literals matches as a literal" 'underscore (m-lit-underscore _))
  (test-eq "_ in the literals does not match other input" 'other (m-lit-underscore 5))
  (define-syntax m-lit-ellipsis
    (syntax-rules (...) ((_ a ...) 'literal-ellipsis) ((_ a b) 'two)))
  (test-eq "... in the literals matches literally" 'literal-ellipsis (m-lit-ellipsis 1 ...))
  (test-eq "... in the literals is not an ellipsis" 'two (m-lit-ellipsis 1 2)))

(test-group "custom ellipsis"
  (define-syntax my-list
    (syntax-rules ::: ()
      ((_ a :::) (list a :::))))
  (test-equal "(syntax-rules <ellipsis> ...)" '(1 2 3) (my-list 1 2 3))
  (define-syntax m-nested-dots
    (syntax-rules ::: ()
      ((_ a :::) '((a ...) :::))))
  (test-equal "with a custom ellipsis, ... is an ordinary identifier" '((1 ...) (2 ...))
    (m-nested-dots 1 2))
  (define-syntax def-lister
    (syntax-rules ()
      ((_ name)
       (define-syntax name
         (syntax-rules ::: ()
           ((_ x :::) (list x :::)))))))
  (def-lister lister)
  (test-equal "a macro defining a macro with a custom ellipsis" '(a b) (lister 'a 'b))
  (define-syntax m-escape
    (syntax-rules ()
      ((_ a) '(a (... ...)))))
  (test-equal "(... ...) produces a literal ellipsis" '(1 ...) (m-escape 1))
  (define-syntax m-escape-template
    (syntax-rules ()
      ((_ a) '(... (a ...)))))
  (test-equal "(... <template>) escapes ellipses inside" '(1 ...) (m-escape-template 1)))

(test-group "templates"
  (define-syntax m-tail
    (syntax-rules () ((_ a b) '(a . b))))
  (test-equal "dotted template" '(1 . 2) (m-tail 1 2))
  (define-syntax m-elements
    (syntax-rules () ((_ (a b) ...) '(a ... b ...))))
  (test-equal "two ellipsis elements in one template" '(1 3 2 4) (m-elements (1 2) (3 4)))
  (define-syntax m-const-in-ellipsis
    (syntax-rules () ((_ a ...) '((a x) ...))))
  (test-equal "non-variable parts repeated with the ellipsis" '((1 x) (2 x)) (m-const-in-ellipsis 1 2))
  (define-syntax m-let2
    (syntax-rules () ((_ ((n v) ...) body) (let ((n v) ...) body))))
  (test-eqv "generated let" 3 (m-let2 ((a 1) (b 2)) (+ a b)))
  (define-syntax m-recursive
    (syntax-rules () ((_) '()) ((_ a rest ...) (cons a (m-recursive rest ...)))))
  (test-equal "recursive expansion" '(1 2 3) (m-recursive 1 2 3))
  (define-syntax while
    (syntax-rules ()
      ((_ cond body ...) (let lp () (when cond body ... (lp))))))
  (test-eqv "a while loop macro" 10
    (let ((i 0)) (while (< i 10) (set! i (+ i 1))) i))
  (define-syntax my-let*
    (syntax-rules ()
      ((_ () body ...) (let () body ...))
      ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
  (test-eqv "my-let*" 3 (my-let* ((a 1) (b (+ a 1))) (+ a b)))
  (define-syntax m-vector-ellipsis-template
    (syntax-rules () ((_ (a ...) ...) '#((a ...) ...))))
  (test-equal "vector template with nested ellipsis" #((1 2) (3)) (m-vector-ellipsis-template (1 2) (3))))

;; Ellipses are recognized by binding: a ... bound as a variable is an ordinary identifier.
(test-equal "a ... bound as a variable is not an ellipsis" '(2 1 19)
  (let ((... 19))
    (define-syntax bar (syntax-rules () ((bar x y) (list y x ...))))
    (bar 1 2)))

(test-end)
