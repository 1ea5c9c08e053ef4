(import (scheme base) (scheme char) (scheme inexact) (scheme cxr))
;; R7RS 6.10 Control features: procedure?, apply, map, string-map, vector-map, for-each,
;; string-for-each, vector-for-each, call/cc, values, call-with-values, dynamic-wind.
(test-begin "6.10 control features")

(test-group "procedure?"
  (test-eq #t (procedure? car))
  (test-eq #f (procedure? 'car))
  (test-eq #t (procedure? (lambda (x) (* x x))))
  (test-eq #f (procedure? '(lambda (x) (* x x))))
  (test-eq #t (call-with-current-continuation procedure?))
  (test-eq #t (procedure? (make-parameter 1)))
  (test-eq #f (procedure? #(1)))
  (test-eq #f (procedure? "car")))

(test-group "apply"
  (test-eqv 7 (apply + (list 3 4)))
  (define compose
    (lambda (f g)
      (lambda args
        (f (apply g args)))))
  (test-eqv 30 ((compose sqrt *) 12 75))
  (test-eqv 10 (apply + 1 2 '(3 4)))
  (test-eqv 0 (apply + '()))
  (test-equal '(1 2 3) (apply list 1 2 '(3)))
  (test-equal '() (apply list '()))
  (test-equal "apply with a lambda" '(a (b c)) (apply (lambda (x . r) (list x r)) '(a b c)))
  (test-eqv "apply is a tail call" 'done
    (let loop ((n 100000)) (if (= n 0) 'done (apply loop (list (- n 1))))))
  (test-equal "apply passes on multiple values" '(1 2)
    (call-with-values (lambda () (apply values '(1 2))) list))
  (test-eqv "apply with a long list" 100000 (apply + (make-list 100000 1)))
  (test-error "apply with a non-list last argument" (apply + 1 2))
  (test-error "apply of a non-procedure" (apply 5 '()))
  (test-error "apply with an improper list" (apply + '(1 . 2))))

(test-group "map"
  (test-equal '(b e h) (map cadr '((a b) (d e) (g h))))
  (test-equal '(1 4 27 256 3125) (map (lambda (n) (expt n n))
                                      '(1 2 3 4 5)))
  (test-equal '(5 7 9) (map + '(1 2 3) '(4 5 6 7)))
  (test-assert "(map counting procedure '(a b)) is (1 2) or (2 1)"
    (member (let ((count 0))
              (map (lambda (ignored)
                     (set! count (+ count 1))
                     count)
                   '(a b)))
            '((1 2) (2 1))))
  (test-equal '() (map car '()))
  (test-equal '() (map + '(1 2) '()))
  (test-equal "three lists" '(12 15) (map + '(1 2) '(3 4) '(8 9 10)))
  (test-equal "one circular list and a finite one" '(11 12 13)
    (let ((c (list 10))) (set-cdr! c c) (map + c '(1 2 3))))
  (test-equal "map makes a new list" '(1 2)
    (let* ((l (list 1 2)) (r (map (lambda (x) x) l))) (set-car! r 9) l))
  (test-equal "map with call/cc re-entry does not mutate earlier results" '((1 2) (1 3))
    (let ((k #f) (results '()) (n 1))
      (let ((r (map (lambda (x) (if (= x 2) (call-with-current-continuation (lambda (c) (set! k c) 2)) x))
                    '(1 2))))
        (set! results (cons r results))
        (if (< (length results) 2) (k 3))
        (reverse results))))
  (test-error "map of a non-procedure" (map 5 '(1 2))))

(test-group "string-map"
  (test-equal "abdegh" (string-map char-foldcase "AbdEgH"))
  (test-equal "IBM" (string-map
                     (lambda (c)
                       (integer->char (+ 1 (char->integer c))))
                     "HAL"))
  (test-equal "StUdLyCaPs" (string-map
                            (lambda (c k)
                              ((if (eqv? k #\u) char-upcase char-downcase)
                               c))
                            "studlycaps xxx"
                            "ululululul"))
  (test-equal "" (string-map char-upcase ""))
  (test-equal "three strings, stopping at the shortest" "ab" (string-map (lambda (a b c) a) "abc" "de" "fgh"))
  (test-equal "a character beyond the BMP" "\x1F601;" (string-map (lambda (c) (integer->char (+ 1 (char->integer c)))) "\x1F600;"))
  (test-error "string-map where proc returns a non-character" (string-map (lambda (c) 1) "abc")))

(test-group "vector-map"
  (test-equal #(b e h) (vector-map cadr '#((a b) (d e) (g h))))
  (test-equal #(1 4 27 256 3125) (vector-map (lambda (n) (expt n n))
                                             '#(1 2 3 4 5)))
  (test-equal #(5 7 9) (vector-map + '#(1 2 3) '#(4 5 6 7)))
  (test-assert "(vector-map counting procedure '#(a b)) is #(1 2) or #(2 1)"
    (member (let ((count 0))
              (vector-map
               (lambda (ignored)
                 (set! count (+ count 1))
                 count)
               '#(a b)))
            '(#(1 2) #(2 1))))
  (test-equal #() (vector-map car #()))
  (test-equal "vector-map with call/cc re-entry does not mutate earlier results" '(#(1 2) #(1 3))
    (let ((k #f) (results '()))
      (let ((r (vector-map (lambda (x) (if (= x 2) (call-with-current-continuation (lambda (c) (set! k c) 2)) x))
                           #(1 2))))
        (set! results (cons r results))
        (if (< (length results) 2) (k 3))
        (reverse results)))))

(test-group "for-each"
  (test-equal #(0 1 4 9 16)
    (let ((v (make-vector 5)))
      (for-each (lambda (i)
                  (vector-set! v i (* i i)))
                '(0 1 2 3 4))
      v))
  (test-equal "in order, several lists, stopping at the shortest" '((2 b) (1 a))
    (let ((acc '()))
      (for-each (lambda (x y) (set! acc (cons (list x y) acc))) '(1 2 3) '(a b))
      acc))
  (test-equal "for-each of the empty list calls nothing" 'none
    (let ((r 'none)) (for-each (lambda (x) (set! r 'called)) '()) r))
  (test-equal "a circular list and a finite one" 5
    (let ((c (list 1)) (sum 0)) (set-cdr! c c) (for-each (lambda (a b) (set! sum (+ sum a b))) c '(1 2)) sum))
  (test-error "for-each of a non-procedure" (for-each 5 '(1))))

(test-group "string-for-each"
  (test-equal '(101 100 99 98 97)
    (let ((v '()))
      (string-for-each
       (lambda (c) (set! v (cons (char->integer c) v)))
       "abcde")
      v))
  (test-equal "several strings, stopping at the shortest" '((#\b #\y) (#\a #\x))
    (let ((v '()))
      (string-for-each (lambda (a b) (set! v (cons (list a b) v))) "abc" "xy")
      v))
  (test-equal "" (let ((v "")) (string-for-each (lambda (c) (set! v "called")) "") v)))

(test-group "vector-for-each"
  (test-equal '(0 1 4 9 16)
    (let ((v (make-list 5)))
      (vector-for-each
       (lambda (i) (list-set! v i (* i i)))
       '#(0 1 2 3 4))
      v))
  (test-equal "several vectors, stopping at the shortest" '(6 4)
    (let ((acc '()))
      (vector-for-each (lambda (a b) (set! acc (cons (* a b) acc))) #(1 2 3) #(4 3))
      acc)))

(test-group "call-with-current-continuation"
  (test-eqv -3
    (call-with-current-continuation
      (lambda (exit)
        (for-each (lambda (x)
                    (if (negative? x)
                        (exit x)))
                  '(54 0 37 -3 245 19))
        #t)))
  (define list-length
    (lambda (obj)
      (call-with-current-continuation
        (lambda (return)
          (letrec ((r
                    (lambda (obj)
                      (cond ((null? obj) 0)
                            ((pair? obj)
                             (+ (r (cdr obj)) 1))
                            (else (return #f))))))
            (r obj))))))
  (test-eqv 4 (list-length '(1 2 3 4)))
  (test-eqv #f (list-length '(a b . c)))
  (test-eq "call/cc is call-with-current-continuation" 'ok (call/cc (lambda (k) (k 'ok))))
  (test-eqv "returning normally from the procedure" 5 (call/cc (lambda (k) 5)))
  (test-eqv "the escape procedure can be called many times (re-entry)" 3
    (let ((k #f) (n 0))
      (call/cc (lambda (c) (set! k c)))
      (set! n (+ n 1))
      (if (< n 3) (k 'again))
      n))
  (test-equal "a generator made with call/cc" '(1 2 3 done)
    (let ()
      (define (make-gen lst)
        (define return #f)
        (define resume #f)
        (define (start)
          (for-each (lambda (x) (call/cc (lambda (next) (set! resume next) (return x)))) lst)
          (return 'done))
        (lambda ()
          (call/cc (lambda (r)
                     (set! return r)
                     (if resume (resume #f) (start))))))
      (let ((g (make-gen '(1 2 3))))
        (let* ((a (g)) (b (g)) (c (g)) (d (g)))
          (list a b c d)))))
  (test-equal "continuations of call-with-values accept several values" '(1 2)
    (call-with-values (lambda () (call/cc (lambda (k) (k 1 2)))) list))
  (test-equal "continuations of let-values accept several values" '(a b)
    (let-values (((x y) (call/cc (lambda (k) (k 'a 'b))))) (list x y)))
  (test-eq "non-final expressions of a body accept any number of values" 'ok
    (begin (call/cc (lambda (k) (k 1 2 3))) (call/cc (lambda (k) (k))) 'ok))
  (test-eqv "deep recursion escaped with call/cc" 0
    (call/cc (lambda (k) (let loop ((n 100000)) (if (= n 0) (k 0) (+ 1 (loop (- n 1))))))))
  (test-error "call/cc of a procedure taking two arguments" (call/cc (lambda (a b) a))))

(test-group "values and call-with-values"
  (test-eqv 5 (call-with-values (lambda () (values 4 5))
                                (lambda (a b) b)))
  (test-eqv -1 (call-with-values * -))
  (test-equal '() (call-with-values (lambda () (values)) list))
  (test-equal '(1) (call-with-values (lambda () (values 1)) list))
  (test-eqv "(values x) is x" 5 (+ (values 5) 0))
  (test-equal '(1 2 3) (call-with-values (lambda () (values 1 2 3)) list))
  (test-eqv "the consumer is called in tail position" 'done
    (let loop ((n 100000)) (if (= n 0) 'done (call-with-values (lambda () (- n 1)) loop))))
  (define (values-by-call/cc . things)
    (call-with-current-continuation
      (lambda (cont) (apply cont things))))
  (test-equal "values as defined in the report" '(1 2)
    (call-with-values (lambda () (values-by-call/cc 1 2)) list))
  (test-error "consumer of the wrong arity" (call-with-values (lambda () (values 1 2)) (lambda (a) a))))

(test-group "dynamic-wind"
  (test-equal '(connect talk1 disconnect
                connect talk2 disconnect)
    (let ((path '())
          (c #f))
      (let ((add (lambda (s)
                   (set! path (cons s path)))))
        (dynamic-wind
          (lambda () (add 'connect))
          (lambda ()
            (add (call-with-current-continuation
                   (lambda (c0)
                     (set! c c0)
                     'talk1))))
          (lambda () (add 'disconnect)))
        (if (< (length path) 4)
            (c 'talk2)
            (reverse path)))))
  (test-equal "the three thunks are called once each, in order" '(before during after)
    (let ((log '()))
      (dynamic-wind (lambda () (set! log (cons 'before log)))
                    (lambda () (set! log (cons 'during log)))
                    (lambda () (set! log (cons 'after log))))
      (reverse log)))
  (test-equal "dynamic-wind returns the thunk's values" '(1 2)
    (call-with-values (lambda () (dynamic-wind (lambda () #f) (lambda () (values 1 2)) (lambda () #f))) list))
  (test-equal "the inner after runs first when escaping" '(in1 in2 out2 out1)
    (let ((log '()))
      (call/cc
       (lambda (k)
         (dynamic-wind
           (lambda () (set! log (cons 'in1 log)))
           (lambda ()
             (dynamic-wind
               (lambda () (set! log (cons 'in2 log)))
               (lambda () (k 'escape))
               (lambda () (set! log (cons 'out2 log)))))
           (lambda () (set! log (cons 'out1 log))))))
      (reverse log)))
  (test-equal "the outer before runs first when re-entering" '(in1 in2 out2 out1 in1 in2 out2 out1)
    (let ((log '()) (k #f) (n 0))
      (dynamic-wind
        (lambda () (set! log (cons 'in1 log)))
        (lambda ()
          (dynamic-wind
            (lambda () (set! log (cons 'in2 log)))
            (lambda () (call/cc (lambda (c) (set! k c))))
            (lambda () (set! log (cons 'out2 log)))))
        (lambda () (set! log (cons 'out1 log))))
      (set! n (+ n 1))
      (if (< n 2) (k 'again))
      (reverse log)))
  (test-equal "jumping between two extents: after of one, then before of the other" '(a-in a-out b-in b-out a-in a-out)
    (let ((log '()) (ka #f) (done #f))
      (dynamic-wind
        (lambda () (set! log (cons 'a-in log)))
        (lambda () (call/cc (lambda (c) (set! ka c))))
        (lambda () (set! log (cons 'a-out log))))
      (if (not done)
          (begin
            (set! done #t)
            (dynamic-wind
              (lambda () (set! log (cons 'b-in log)))
              (lambda () (ka 'back))
              (lambda () (set! log (cons 'b-out log))))))
      (reverse log)))
  (test-equal "an error escaping the thunk runs after" '(before after caught)
    (let ((log '()))
      (guard (e (#t (set! log (cons 'caught log))))
        (dynamic-wind (lambda () (set! log (cons 'before log)))
                      (lambda () (raise 'boom))
                      (lambda () (set! log (cons 'after log)))))
      (reverse log)))
  (test-error "dynamic-wind with a non-procedure" (dynamic-wind 1 (lambda () 2) (lambda () 3))))

(test-end)
