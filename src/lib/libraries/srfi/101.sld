;;; (srfi 101): purely functional random-access pairs and lists. Also (scheme rlist), where
;;; every name gains an `r` (rcons, rcar, rlist-ref, ...).
;;;
;;; Okasaki's skew-binary random-access lists ("Purely Functional Random-Access Lists", FPCA
;;; 1995), the structure the SRFI itself cites: a random-access pair is a digit of a
;;; skew-binary number, holding a complete binary tree of size 2^k - 1 (its elements in
;;; preorder) and the rest of the chain. Only the first two trees may have the same size;
;;; cons merges them under a new root. car, cdr, cons and pair? are O(1); list-ref,
;;; list-set, list-tail and length are O(log n). A tree of size 1 is the element itself; a
;;; larger one is a node record. The rest of the last digit is '() for a list and any other
;;; object for an improper chain such as (cons 'a 3).
;;;
;;; The procedures are defined under ra- names and exported under SRFI 101's names, which
;;; shadow (scheme base)'s: a program imports (scheme base) without them, or uses
;;; (scheme rlist). quote converts the pairs of its datum (also inside vectors) once per
;;; literal, so a quoted constant is the same object each time it is evaluated.
(define-library (srfi 101)
  (export (rename ra-quote quote) (rename ra-equal? equal?) (rename ra-pair? pair?)
          (rename ra-cons cons) (rename ra-car car) (rename ra-cdr cdr)
          (rename ra-caar caar) (rename ra-cadr cadr) (rename ra-cdar cdar) (rename ra-cddr cddr)
          (rename ra-caaar caaar) (rename ra-caadr caadr) (rename ra-cadar cadar)
          (rename ra-caddr caddr) (rename ra-cdaar cdaar) (rename ra-cdadr cdadr)
          (rename ra-cddar cddar) (rename ra-cdddr cdddr)
          (rename ra-caaaar caaaar) (rename ra-caaadr caaadr) (rename ra-caadar caadar)
          (rename ra-caaddr caaddr) (rename ra-cadaar cadaar) (rename ra-cadadr cadadr)
          (rename ra-caddar caddar) (rename ra-cadddr cadddr) (rename ra-cdaaar cdaaar)
          (rename ra-cdaadr cdaadr) (rename ra-cdadar cdadar) (rename ra-cdaddr cdaddr)
          (rename ra-cddaar cddaar) (rename ra-cddadr cddadr) (rename ra-cdddar cdddar)
          (rename ra-cddddr cddddr)
          null? (rename ra-list? list?) (rename ra-list list) (rename ra-make-list make-list)
          (rename ra-length length) (rename ra-length<=? length<=?) (rename ra-append append)
          (rename ra-reverse reverse) (rename ra-list-tail list-tail)
          (rename ra-list-ref list-ref) (rename ra-list-set list-set)
          (rename ra-list-ref/update list-ref/update) (rename ra-map map)
          (rename ra-for-each for-each)
          random-access-list->linear-access-list linear-access-list->random-access-list)
  (import (scheme base) (scheme case-lambda) (srfi 69))
  (begin

    ;; A digit: `size` elements in `tree`, then the chain `rest`.
    (define-record-type <ra-pair> (make-kons size tree rest) ra-pair?
      (size kons-size) (tree kons-tree) (rest kons-rest))
    (define-record-type <ra-node> (make-node value left right) ra-node?
      (value node-value) (left node-left) (right node-right))

    (define (ra-cons x rest)
      (if (and (ra-pair? rest)
               (ra-pair? (kons-rest rest))
               (= (kons-size rest) (kons-size (kons-rest rest))))
          (let ((next (kons-rest rest)))
            (make-kons (+ 1 (* 2 (kons-size rest)))
                       (make-node x (kons-tree rest) (kons-tree next))
                       (kons-rest next)))
          (make-kons 1 x rest)))

    (define (%check-pair who p)
      (if (not (ra-pair? p)) (error (string-append who ": not a pair") p)))

    (define (ra-car p)
      (%check-pair "car" p)
      (if (= (kons-size p) 1) (kons-tree p) (node-value (kons-tree p))))

    (define (ra-cdr p)
      (%check-pair "cdr" p)
      (let ((size (kons-size p)) (t (kons-tree p)))
        (if (= size 1)
            (kons-rest p)
            (let ((half (quotient size 2)))
              (make-kons half (node-left t) (make-kons half (node-right t) (kons-rest p)))))))

    (define (ra-caar x) (ra-car (ra-car x)))
    (define (ra-cadr x) (ra-car (ra-cdr x)))
    (define (ra-cdar x) (ra-cdr (ra-car x)))
    (define (ra-cddr x) (ra-cdr (ra-cdr x)))
    (define (ra-caaar x) (ra-car (ra-caar x)))
    (define (ra-caadr x) (ra-car (ra-cadr x)))
    (define (ra-cadar x) (ra-car (ra-cdar x)))
    (define (ra-caddr x) (ra-car (ra-cddr x)))
    (define (ra-cdaar x) (ra-cdr (ra-caar x)))
    (define (ra-cdadr x) (ra-cdr (ra-cadr x)))
    (define (ra-cddar x) (ra-cdr (ra-cdar x)))
    (define (ra-cdddr x) (ra-cdr (ra-cddr x)))
    (define (ra-caaaar x) (ra-car (ra-caaar x)))
    (define (ra-caaadr x) (ra-car (ra-caadr x)))
    (define (ra-caadar x) (ra-car (ra-cadar x)))
    (define (ra-caaddr x) (ra-car (ra-caddr x)))
    (define (ra-cadaar x) (ra-car (ra-cdaar x)))
    (define (ra-cadadr x) (ra-car (ra-cdadr x)))
    (define (ra-caddar x) (ra-car (ra-cddar x)))
    (define (ra-cadddr x) (ra-car (ra-cdddr x)))
    (define (ra-cdaaar x) (ra-cdr (ra-caaar x)))
    (define (ra-cdaadr x) (ra-cdr (ra-caadr x)))
    (define (ra-cdadar x) (ra-cdr (ra-cadar x)))
    (define (ra-cdaddr x) (ra-cdr (ra-caddr x)))
    (define (ra-cddaar x) (ra-cdr (ra-cdaar x)))
    (define (ra-cddadr x) (ra-cdr (ra-cdadr x)))
    (define (ra-cdddar x) (ra-cdr (ra-cddar x)))
    (define (ra-cddddr x) (ra-cdr (ra-cdddr x)))

    ;; ---- trees -------------------------------------------------------------------------

    (define (tree-ref size t k)
      (cond ((= k 0) (if (= size 1) t (node-value t)))
            (else
             (let ((half (quotient size 2)))
               (if (<= k half)
                   (tree-ref half (node-left t) (- k 1))
                   (tree-ref half (node-right t) (- k 1 half)))))))

    (define (tree-set size t k v)
      (cond ((= size 1) v)
            ((= k 0) (make-node v (node-left t) (node-right t)))
            (else
             (let ((half (quotient size 2)))
               (if (<= k half)
                   (make-node (node-value t) (tree-set half (node-left t) (- k 1) v) (node-right t))
                   (make-node (node-value t) (node-left t) (tree-set half (node-right t) (- k 1 half) v)))))))

    ;; The chain that remains after dropping k (< size) elements of the tree, then rest.
    (define (tree-drop size t k rest)
      (if (= k 0)
          (make-kons size t rest)
          (let ((half (quotient size 2)))
            (if (<= k half)
                (tree-drop half (node-left t) (- k 1) (make-kons half (node-right t) rest))
                (tree-drop half (node-right t) (- k 1 half) rest)))))

    ;; The tree's elements in order, consed in front of acc.
    (define (tree-fold-right size t acc)
      (if (= size 1)
          (cons t acc)
          (let ((half (quotient size 2)))
            (cons (node-value t)
                  (tree-fold-right half (node-left t) (tree-fold-right half (node-right t) acc))))))

    ;; ---- lists -------------------------------------------------------------------------

    (define (ra-list? x)
      (let loop ((x x))
        (cond ((null? x) #t)
              ((ra-pair? x) (loop (kons-rest x)))
              (else #f))))

    (define (ra-length x)
      (let loop ((x x) (n 0))
        (cond ((null? x) n)
              ((ra-pair? x) (loop (kons-rest x) (+ n (kons-size x))))
              (else (error "length: not a list" x)))))

    (define (ra-length<=? x k)
      (let loop ((x x) (n 0))
        (cond ((>= n k) #t)
              ((ra-pair? x) (loop (kons-rest x) (+ n (kons-size x))))
              (else #f))))

    (define (%check-index who k)
      (if (not (and (integer? k) (exact? k) (>= k 0)))
          (error (string-append who ": expected a non-negative exact integer") k)))

    (define (ra-list-tail x k)
      (%check-index "list-tail" k)
      (let loop ((x x) (k k))
        (cond ((= k 0) x)
              ((not (ra-pair? x)) (error "list-tail: chain of pairs too short" k))
              ((>= k (kons-size x)) (loop (kons-rest x) (- k (kons-size x))))
              (else (tree-drop (kons-size x) (kons-tree x) k (kons-rest x))))))

    (define (ra-list-ref x k)
      (%check-index "list-ref" k)
      (let loop ((x x) (k k))
        (cond ((not (ra-pair? x)) (error "list-ref: index past the end of the chain of pairs" k))
              ((< k (kons-size x)) (tree-ref (kons-size x) (kons-tree x) k))
              (else (loop (kons-rest x) (- k (kons-size x)))))))

    (define (ra-list-set x k v)
      (%check-index "list-set" k)
      (let loop ((x x) (k k))
        (cond ((not (ra-pair? x)) (error "list-set: index past the end of the chain of pairs" k))
              ((< k (kons-size x))
               (make-kons (kons-size x) (tree-set (kons-size x) (kons-tree x) k v) (kons-rest x)))
              (else (make-kons (kons-size x) (kons-tree x) (loop (kons-rest x) (- k (kons-size x))))))))

    (define (ra-list-ref/update x k proc)
      (let ((old (ra-list-ref x k)))
        (values old (ra-list-set x k (proc old)))))

    ;; k elements in O(log k) space: the greedy skew-binary digits of k (sizes 2^j - 1,
    ;; largest first), each a tree whose equal subtrees are shared.
    (define ra-make-list
      (case-lambda
        ((k) (ra-make-list k 0))
        ((k obj)
         (%check-index "make-list" k)
         (let digits ((k k) (result '()) (sizes '()))
           (if (> k 0)
               (let grow ((s 1))
                 (if (<= (+ (* 2 s) 1) k) (grow (+ (* 2 s) 1)) (digits (- k s) result (cons s sizes))))
               ;; sizes is smallest first; build from the largest (the end of the chain)
               (let build ((sizes (reverse sizes)) (result result))
                 (if (null? sizes)
                     result
                     (build (cdr sizes) (make-kons (car sizes) (full-tree (car sizes) obj) result)))))))))

    (define (full-tree size obj)
      (if (= size 1)
          obj
          (let ((sub (full-tree (quotient size 2) obj)))
            (make-node obj sub sub))))

    ;; The elements of a random-access list as an ordinary list; the final tail is returned
    ;; as the second value.
    (define (%elements x)
      (let loop ((x x) (digits '()))
        (if (ra-pair? x)
            (loop (kons-rest x) (cons x digits))
            (let build ((digits digits) (acc '()))
              (if (null? digits)
                  (values acc x)
                  (build (cdr digits)
                         (tree-fold-right (kons-size (car digits)) (kons-tree (car digits)) acc)))))))

    (define (random-access-list->linear-access-list x)
      (if (not (ra-list? x)) (error "random-access-list->linear-access-list: not a list" x))
      (let-values (((elements tail) (%elements x))) elements))

    ;; Conses the elements of an ordinary list, last first, onto tail.
    (define (%cons-all lis tail)
      (let loop ((r (reverse lis)) (acc tail))
        (if (null? r) acc (loop (cdr r) (ra-cons (car r) acc)))))

    (define (linear-access-list->random-access-list lis)
      (if (not (list? lis)) (error "linear-access-list->random-access-list: not a list" lis))
      (%cons-all lis '()))

    (define (ra-list . elements) (%cons-all elements '()))

    (define (%linear who x)
      (if (not (ra-list? x)) (error (string-append who ": not a list") x))
      (random-access-list->linear-access-list x))

    (define (ra-append . args)
      (if (null? args)
          '()
          (let loop ((args args))
            (if (null? (cdr args))
                (car args)
                (%cons-all (%linear "append" (car args)) (loop (cdr args)))))))

    (define (ra-reverse x)
      (let loop ((l (%linear "reverse" x)) (acc '()))
        (if (null? l) acc (loop (cdr l) (ra-cons (car l) acc)))))

    (define (ra-map proc x . xs)
      (%cons-all (apply map proc (%linear "map" x) (map (lambda (y) (%linear "map" y)) xs)) '()))

    (define (ra-for-each proc x . xs)
      (apply for-each proc (%linear "for-each" x) (map (lambda (y) (%linear "for-each" y)) xs)))

    ;; ---- equal? and quote --------------------------------------------------------------

    (define (ra-equal? a b)
      (let loop ((a a) (b b))
        (cond ((and (ra-pair? a) (ra-pair? b))
               (and (ra-equal? (ra-car a) (ra-car b)) (loop (ra-cdr a) (ra-cdr b))))
              ((or (ra-pair? a) (ra-pair? b)) #f)
              ((and (pair? a) (pair? b))
               (and (ra-equal? (car a) (car b)) (loop (cdr a) (cdr b))))
              ((and (vector? a) (vector? b))
               (and (= (vector-length a) (vector-length b))
                    (let each ((i 0))
                      (or (= i (vector-length a))
                          (and (ra-equal? (vector-ref a i) (vector-ref b i)) (each (+ i 1)))))))
              (else (equal? a b)))))

    (define (%convert datum)
      (cond ((pair? datum)
             (let loop ((d datum) (acc '()))
               (if (pair? d)
                   (loop (cdr d) (cons (%convert (car d)) acc))
                   (let build ((acc acc) (result (%convert d)))
                     (if (null? acc) result (build (cdr acc) (ra-cons (car acc) result)))))))
            ((vector? datum) (vector-map %convert datum))
            (else datum)))

    (define constants (make-hash-table eq?))

    (define (%constant datum)
      (if (or (pair? datum) (vector? datum))
          (hash-table-ref constants datum
                          (lambda ()
                            (let ((c (%convert datum)))
                              (hash-table-set! constants datum c)
                              c)))
          datum))

    (define-syntax ra-quote
      (syntax-rules ()
        ((_ datum) (%constant 'datum))))))
