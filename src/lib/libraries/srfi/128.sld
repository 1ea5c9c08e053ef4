;;; (srfi 128): comparators, also (scheme comparator).
;;;
;;; A comparator is a record of four procedures (type test, equality, ordering, hash) and two
;;; flags saying whether the ordering and the hash were supplied. Everything is Scheme except
;;; the leaf hashes (src/lib/srfi-hash.ts, src/lib/srfi-128.ts): string-hash and string-ci-hash
;;; are the very bindings (srfi 69) exports, so a program may import both libraries.
;;;
;;; The default comparator orders values of different types by type, in the order
;;;   () < pairs < booleans < chars < strings < symbols < numbers < vectors < bytevectors
;;;     < types registered with comparator-register-default! (in registration order)
;;;     < anything else,
;;; as SRFI 128's sample implementation does (John Cowan's comparators-impl.scm and
;;; default.scm were read for ideas). Values of one type compare as the SRFI says: numbers with
;;; = and < (non-reals by real part, then imaginary part), symbols by their names, pairs,
;;; vectors and bytevectors element by element. Other values are equal when eqv? and have no
;;; order (comparing two distinct ones is an error). Lists are walked iteratively, so long
;;; lists need no deep recursion; nesting in the car is ordinary recursion.
;;;
;;; (hash-salt) is a constant 0 rather than a value that varies between runs: Kiln keeps runs
;;; reproducible, and its hash tables do not depend on the salt.
(define-library (srfi 128)
  (include-library-declarations "128-exports.scm")
  (import (scheme base) (scheme char) (scheme complex))
  (begin
    (define-record-type comparator
      (%make-comparator type-test equality ordering hash ordered? hashable?)
      comparator?
      (type-test comparator-type-test-predicate)
      (equality comparator-equality-predicate)
      (ordering comparator-ordering-predicate)
      (hash comparator-hash-function)
      (ordered? comparator-ordered?)
      (hashable? comparator-hashable?))

    (define (%check-comparator who c)
      (if (not (comparator? c))
          (error (string-append who ": expected a comparator") c)))

    ;; (make-comparator type-test equality ordering hash): type-test #t accepts everything,
    ;; equality #t derives equality from the ordering, ordering or hash #f gives a procedure
    ;; that raises an error.
    (define (make-comparator type-test equality ordering hash)
      (let* ((ordering* (cond ((procedure? ordering) ordering)
                              ((not ordering)
                               (lambda (a b) (error "comparator: this comparator has no ordering" a b)))
                              (else (error "make-comparator: expected an ordering procedure or #f" ordering))))
             (type-test* (cond ((eq? type-test #t) (lambda (x) #t))
                               ((procedure? type-test) type-test)
                               (else (error "make-comparator: expected a type test procedure or #t" type-test))))
             (equality* (cond ((eq? equality #t)
                               (lambda (a b) (and (not (ordering* a b)) (not (ordering* b a)))))
                              ((procedure? equality) equality)
                              (else (error "make-comparator: expected an equality procedure or #t" equality))))
             (hash* (cond ((procedure? hash) hash)
                          ((not hash)
                           (lambda (x) (error "comparator: this comparator has no hash function" x)))
                          (else (error "make-comparator: expected a hash procedure or #f" hash)))))
        (%make-comparator type-test* equality* ordering* hash* (procedure? ordering) (procedure? hash))))

    ;; ---- hash functions ----------------------------------------------------------------

    (define-syntax hash-bound (syntax-rules () ((_) 536870912)))
    (define-syntax hash-salt (syntax-rules () ((_) 0)))

    (define (boolean-hash b . bound)
      (if (not (boolean? b)) (error "boolean-hash: expected a boolean" b))
      (if b 1 0))
    (define (char-hash c . bound) (char->integer c))
    (define (char-ci-hash c . bound) (char->integer (char-foldcase c)))
    (define string-hash %string-hash)
    (define string-ci-hash %string-ci-hash)
    (define (symbol-hash s . bound)
      (if (not (symbol? s)) (error "symbol-hash: expected a symbol" s))
      (%hash s))
    (define (number-hash x . bound)
      (if (real? x)
          (%real-hash x)
          (%hash-combine (%real-hash (real-part x)) (%real-hash (imag-part x)))))

    ;; Types registered with comparator-register-default!, in registration order.
    (define %registered '())

    (define (%registered-comparator x)
      (let loop ((cs %registered))
        (cond ((null? cs) #f)
              (((comparator-type-test-predicate (car cs)) x) (car cs))
              (else (loop (cdr cs))))))

    (define (default-hash x . bound)
      (let loop ((x x) (h 17))
        (cond ((pair? x) (loop (cdr x) (%hash-combine h (default-hash (car x)))))
              ((null? x) (%hash-combine h 0))
              ((vector? x)
               (let ((n (vector-length x)))
                 (let vloop ((i 0) (h (%hash-combine h n)))
                   (if (= i n) h (vloop (+ i 1) (%hash-combine h (default-hash (vector-ref x i))))))))
              (else
               (%hash-combine
                h
                (cond ((boolean? x) (boolean-hash x))
                      ((char? x) (char-hash x))
                      ((string? x) (string-hash x))
                      ((symbol? x) (symbol-hash x))
                      ((number? x) (number-hash x))
                      ((bytevector? x) (%hash x))
                      ((%registered-comparator x) => (lambda (c) ((comparator-hash-function c) x)))
                      (else (%hash-by-identity x))))))))

    ;; ---- the default comparator --------------------------------------------------------

    (define %other-rank 1000000)

    ;; The position of x's type in the order of types.
    (define (%rank x)
      (cond ((null? x) 0) ((pair? x) 1) ((boolean? x) 2) ((char? x) 3) ((string? x) 4)
            ((symbol? x) 5) ((number? x) 6) ((vector? x) 7) ((bytevector? x) 8)
            (else
             (let loop ((cs %registered) (i 9))
               (cond ((null? cs) %other-rank)
                     (((comparator-type-test-predicate (car cs)) x) i)
                     (else (loop (cdr cs) (+ i 1))))))))

    (define (%registered-at rank)
      (list-ref %registered (- rank 9)))

    (define (%default=? a b)
      (let loop ((a a) (b b))
        (let ((r (%rank a)))
          (and (= r (%rank b))
               (case r
                 ((0) #t)
                 ((1) (and (%default=? (car a) (car b)) (loop (cdr a) (cdr b))))
                 ((2) (eq? a b))
                 ((3) (char=? a b))
                 ((4) (string=? a b))
                 ((5) (eq? a b))
                 ((6) (= a b))
                 ((7) (%sequence=? %default=? a b vector-length vector-ref))
                 ((8) (%sequence=? = a b bytevector-length bytevector-u8-ref))
                 (else (if (= r %other-rank)
                           (eqv? a b)
                           ((comparator-equality-predicate (%registered-at r)) a b))))))))

    (define (%sequence=? same? a b size ref)
      (let ((n (size a)))
        (and (= n (size b))
             (let loop ((i 0))
               (or (= i n) (and (same? (ref a i) (ref b i)) (loop (+ i 1))))))))

    ;; Shorter sequences first, then the first pair of elements that differ.
    (define (%sequence<? same? less? a b size ref)
      (let ((n (size a)) (m (size b)))
        (cond ((< n m) #t)
              ((> n m) #f)
              (else (let loop ((i 0))
                      (cond ((= i n) #f)
                            ((same? (ref a i) (ref b i)) (loop (+ i 1)))
                            (else (less? (ref a i) (ref b i)))))))))

    (define (%number<? a b)
      (if (and (real? a) (real? b))
          (< a b)
          (let ((ra (real-part a)) (rb (real-part b)))
            (cond ((< ra rb) #t)
                  ((< rb ra) #f)
                  (else (< (imag-part a) (imag-part b)))))))

    (define (%default<? a b)
      (let loop ((a a) (b b))
        (let ((ra (%rank a)) (rb (%rank b)))
          (cond ((< ra rb) #t)
                ((> ra rb) #f)
                (else
                 (case ra
                   ((0) #f)
                   ((1) (if (%default=? (car a) (car b))
                            (loop (cdr a) (cdr b))
                            (%default<? (car a) (car b))))
                   ((2) (and (not a) b))
                   ((3) (char<? a b))
                   ((4) (string<? a b))
                   ((5) (string<? (symbol->string a) (symbol->string b)))
                   ((6) (%number<? a b))
                   ((7) (%sequence<? %default=? %default<? a b vector-length vector-ref))
                   ((8) (%sequence<? = < a b bytevector-length bytevector-u8-ref))
                   (else
                    (cond ((not (= ra %other-rank))
                           ((comparator-ordering-predicate (%registered-at ra)) a b))
                          ((eqv? a b) #f)
                          (else (error "default comparator: no order between these values" a b))))))))))

    (define %default-comparator
      (make-comparator #t %default=? %default<? default-hash))

    (define (make-default-comparator) %default-comparator)

    (define (comparator-register-default! c)
      (%check-comparator "comparator-register-default!" c)
      (set! %registered (append %registered (list c))))

    ;; ---- other constructors ------------------------------------------------------------

    (define %eq-comparator (make-comparator #t eq? #f default-hash))
    (define %eqv-comparator (make-comparator #t eqv? #f default-hash))
    (define %equal-comparator (make-comparator #t equal? #f default-hash))
    (define (make-eq-comparator) %eq-comparator)
    (define (make-eqv-comparator) %eqv-comparator)
    (define (make-equal-comparator) %equal-comparator)

    (define (make-pair-comparator car-c cdr-c)
      (%check-comparator "make-pair-comparator" car-c)
      (%check-comparator "make-pair-comparator" cdr-c)
      (let ((car-test (comparator-type-test-predicate car-c))
            (cdr-test (comparator-type-test-predicate cdr-c))
            (car= (comparator-equality-predicate car-c))
            (cdr= (comparator-equality-predicate cdr-c))
            (car< (comparator-ordering-predicate car-c))
            (cdr< (comparator-ordering-predicate cdr-c))
            (car-hash (comparator-hash-function car-c))
            (cdr-hash (comparator-hash-function cdr-c)))
        (make-comparator
         (lambda (x) (and (pair? x) (car-test (car x)) (cdr-test (cdr x))))
         (lambda (a b) (and (car= (car a) (car b)) (cdr= (cdr a) (cdr b))))
         (lambda (a b) (if (car= (car a) (car b)) (cdr< (cdr a) (cdr b)) (car< (car a) (car b))))
         (lambda (x) (%hash-combine (car-hash (car x)) (cdr-hash (cdr x)))))))

    (define (make-list-comparator element-c type-test empty? head tail)
      (%check-comparator "make-list-comparator" element-c)
      (let ((elem-test (comparator-type-test-predicate element-c))
            (elem= (comparator-equality-predicate element-c))
            (elem< (comparator-ordering-predicate element-c))
            (elem-hash (comparator-hash-function element-c)))
        (make-comparator
         (lambda (x)
           (and (type-test x)
                (let loop ((x x))
                  (or (empty? x) (and (elem-test (head x)) (loop (tail x)))))))
         (lambda (a b)
           (let loop ((a a) (b b))
             (cond ((empty? a) (empty? b))
                   ((empty? b) #f)
                   (else (and (elem= (head a) (head b)) (loop (tail a) (tail b)))))))
         (lambda (a b)
           (let loop ((a a) (b b))
             (cond ((empty? a) (not (empty? b)))
                   ((empty? b) #f)
                   ((elem= (head a) (head b)) (loop (tail a) (tail b)))
                   (else (elem< (head a) (head b))))))
         (lambda (x)
           (let loop ((x x) (h 19))
             (if (empty? x) h (loop (tail x) (%hash-combine h (elem-hash (head x))))))))))

    (define (make-vector-comparator element-c type-test size ref)
      (%check-comparator "make-vector-comparator" element-c)
      (let ((elem-test (comparator-type-test-predicate element-c))
            (elem= (comparator-equality-predicate element-c))
            (elem< (comparator-ordering-predicate element-c))
            (elem-hash (comparator-hash-function element-c)))
        (make-comparator
         (lambda (x)
           (and (type-test x)
                (let ((n (size x)))
                  (let loop ((i 0))
                    (or (= i n) (and (elem-test (ref x i)) (loop (+ i 1))))))))
         (lambda (a b) (%sequence=? elem= a b size ref))
         (lambda (a b) (%sequence<? elem= elem< a b size ref))
         (lambda (x)
           (let ((n (size x)))
             (let loop ((i 0) (h (%hash-combine 23 n)))
               (if (= i n) h (loop (+ i 1) (%hash-combine h (elem-hash (ref x i)))))))))))

    ;; ---- invokers and comparison predicates --------------------------------------------

    (define (comparator-test-type c x) ((comparator-type-test-predicate c) x))

    (define (comparator-check-type c x)
      (if ((comparator-type-test-predicate c) x)
          #t
          (error "comparator-check-type: value of the wrong type for the comparator" x)))

    (define (comparator-hash c x) ((comparator-hash-function c) x))

    ;; (relation a b) for every neighbouring pair of objects.
    (define (%chain relation objects)
      (let loop ((a (car objects)) (rest (cdr objects)))
        (or (null? rest)
            (and (relation a (car rest)) (loop (car rest) (cdr rest))))))

    (define (=? c a b . more)
      (let ((same? (comparator-equality-predicate c)))
        (%chain same? (cons a (cons b more)))))
    (define (<? c a b . more)
      (let ((less? (comparator-ordering-predicate c)))
        (%chain less? (cons a (cons b more)))))
    (define (>? c a b . more)
      (let ((less? (comparator-ordering-predicate c)))
        (%chain (lambda (x y) (less? y x)) (cons a (cons b more)))))
    (define (<=? c a b . more)
      (let ((less? (comparator-ordering-predicate c)))
        (%chain (lambda (x y) (not (less? y x))) (cons a (cons b more)))))
    (define (>=? c a b . more)
      (let ((less? (comparator-ordering-predicate c)))
        (%chain (lambda (x y) (not (less? x y))) (cons a (cons b more)))))

    (define-syntax comparator-if<=>
      (syntax-rules ()
        ((_ a b less equal greater)
         (comparator-if<=> (make-default-comparator) a b less equal greater))
        ((_ c a b less equal greater)
         (let ((comp c) (x a) (y b))
           (cond (((comparator-ordering-predicate comp) x y) less)
                 (((comparator-equality-predicate comp) x y) equal)
                 (else greater))))))))
