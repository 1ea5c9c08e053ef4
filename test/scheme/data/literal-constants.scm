(import (scheme base))
;; Literal constants and the strings symbol->string returns are immutable (R7RS 3.4, 6.4, 6.5,
;; 6.7, 6.8, 6.9): Kiln signals an error on a store into one by a mutating procedure, in every
;; tier, and leaves fresh copies mutable (runtime/constants.ts). The one store not checked is
;; (vector-set! v k x) written as a direct call, which both tiers compile inline without a check.
(test-begin "literal-constants")

(define (const-list) '(a b c))
(define (const-vector) '#(0 1 2))
(define (const-string) "abc")
(define (const-bytes) #u8(1 2 3))
(define (self-evaluating-vector) #(4 5))

(test-error "set-car! of a quoted list" (set-car! (const-list) 3))
(test-error "set-cdr! of a quoted list" (set-cdr! (cdr (const-list)) '()))
(test-error "list-set! of a quoted list" (list-set! (const-list) 1 'x))
(test-error "set-car! of a nested quoted list" (set-car! (cadr '(1 (2 3))) 0))
(define vset! vector-set!)   ; called as a procedure, not inlined
(test-error "vector-set! of a quoted vector" (vset! (const-vector) 1 "doe"))
(test-error "vector-set! of a self-evaluating vector" (vset! (self-evaluating-vector) 0 1))
(test-error "vector-set! of a vector inside a quoted list" (vset! (car '(#(1 2))) 0 1))
(test-error "vector-set! called through apply" (apply vector-set! (list (const-vector) 0 9)))
(test-error "vector-fill! of a constant" (vector-fill! (const-vector) 7))
(test-error "vector-copy! into a constant" (vector-copy! (const-vector) 0 #(9)))
(test-error "string-set! of a literal" (string-set! (const-string) 0 #\?))
(test-error "string-fill! of a literal" (string-fill! (const-string) #\?))
(test-error "string-copy! into a literal" (string-copy! (const-string) 0 "x"))
(test-error "string-set! of a string inside a quoted vector" (string-set! (vector-ref '#("ab") 0) 0 #\?))
(test-error "string-set! of symbol->string" (string-set! (symbol->string 'immutable) 0 #\?))
(test-error "bytevector-u8-set! of a literal" (bytevector-u8-set! (const-bytes) 0 9))
(test-error "bytevector-copy! into a literal" (bytevector-copy! (const-bytes) 0 #u8(9)))

(test-group "the error is a Scheme error that names the cause"
  (test-equal "vector-set!: a literal constant cannot be modified"
    (guard (e ((error-object? e) (error-object-message e))) (vset! (const-vector) 1 2)))
  (test-equal "set-car!: a literal constant cannot be modified"
    (guard (e ((error-object? e) (error-object-message e))) (set-car! (const-list) 2)))
  (test-equal "string-set!: a literal constant cannot be modified"
    (guard (e ((error-object? e) (error-object-message e))) (string-set! (const-string) 0 #\x))))

(test-group "a constant is unchanged after a refused store"
  (guard (e (#t #f)) (vset! (const-vector) 1 'x))
  (test-equal #(0 1 2) (const-vector))
  (guard (e (#t #f)) (set-car! (const-list) 'x))
  (test-equal '(a b c) (const-list)))

(test-group "reads of constants and copies are unaffected"
  (test-equal 'b (cadr (const-list)))
  (test-equal 2 (vector-ref (const-vector) 2))
  (test-equal #\b (string-ref (const-string) 1))
  (let ((l (list-copy (const-list))) (v (vector-copy (const-vector))) (s (string-copy (const-string))))
    (set-car! l 'z)
    (vector-set! v 0 'z)
    (string-set! s 0 #\z)
    (test-equal '(z b c) l)
    (test-equal #(z 1 2) v)
    (test-equal "zbc" s))
  (let ((v (make-vector 3 0)) (s (make-string 2 #\a)) (l (list 1 2)))
    (do ((i 0 (+ i 1))) ((= i 3)) (vector-set! v i i))
    (string-set! s 1 #\b)
    (set-cdr! (cdr l) '(3))
    (test-equal #(0 1 2) v)
    (test-equal "ab" s)
    (test-equal '(1 2 3) l))
  (let ((s (string-append (symbol->string 'abc) "")))
    (string-set! s 0 #\x)
    (test-equal "xbc" s))
  (test-equal '(1 2 3) `(1 ,(+ 1 1) 3)))

(test-group "in a hot loop (compiled code)"
  (define (try-store v i)
    (guard (e ((error-object? e) 'refused)) (set-car! v i) 'stored))
  (define (loop n acc)
    (if (= n 0) acc
        (loop (- n 1) (cons (try-store (if (even? n) (const-list) (list 1 2)) 1) acc))))
  (test-equal '(stored refused stored refused) (list-tail (loop 2000 '()) 1996)))

(test-end)
