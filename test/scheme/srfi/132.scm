(import (scheme base) (srfi 132))
;; SRFI 132, sort libraries: the SRFI's own examples, stability, subranges, merging, duplicate
;; deletion, selection and medians, and call/cc through a sort.
(test-begin "srfi-132")

(define (abs< x y) (< (abs x) (abs y)))

;; A small deterministic generator of pseudo-random numbers.
(define (random-list n seed)
  (let loop ((i 0) (x seed) (acc '()))
    (if (= i n)
        acc
        (let ((next (modulo (+ (* x 1103515245) 12345) 2147483648)))
          (loop (+ i 1) next (cons (modulo next 1000) acc))))))

;; A reference sort: stable insertion sort.
(define (insertion-sort less? l)
  (define (insert x sorted)
    (cond ((null? sorted) (list x))
          ((less? x (car sorted)) (cons x sorted))
          (else (cons (car sorted) (insert x (cdr sorted))))))
  (let loop ((l l) (acc '()))
    (if (null? l) acc (loop (cdr l) (insert (car l) acc)))))

(define (list-head l k) (if (= k 0) '() (cons (car l) (list-head (cdr l) (- k 1)))))

;; Three of the SRFI's examples have slips, corrected here: its list-merge result leaves out
;; the 3 of the second list, its vector-delete-neighbor-dups with range [3, 7) shows the
;; elements of [3, 9), and it passes < where its results are those of =.
(test-group "the SRFI's examples"
  (test-equal '(0 -1 -2 3 4 -4 7 8 -10) (list-merge abs< '(0 -2 4 8 -10) '(-1 3 -4 7)))
  (test-equal '(1 2 7 0 -2) (list-delete-neighbor-dups = '(1 1 2 7 7 7 0 -2 -2)))
  (test-equal #(1 2 7 0 -2) (vector-delete-neighbor-dups = '#(1 1 2 7 7 7 0 -2 -2)))
  (test-equal #(7 0) (vector-delete-neighbor-dups = '#(1 1 2 7 7 7 0 -2 -2) 3 7))
  (test-equal #(7 0 -2) (vector-delete-neighbor-dups = '#(1 1 2 7 7 7 0 -2 -2) 3 9))
  (test-equal '(9 . #(0 0 0 1 2 3 4 5 6 4 4 5 5 6 6))
              (let ((v (vector 0 0 0 1 1 2 2 3 3 4 4 5 5 6 6)))
                (cons (vector-delete-neighbor-dups! = v 3) v))))

(test-group "predicates"
  (test-assert (list-sorted? < '()))
  (test-assert (list-sorted? < '(1)))
  (test-assert (list-sorted? < '(1 2 2 3)))
  (test-assert (not (list-sorted? < '(1 3 2))))
  (test-assert (vector-sorted? < #()))
  (test-assert (vector-sorted? < #(1 1 2)))
  (test-assert (not (vector-sorted? < #(2 1))))
  (test-assert (vector-sorted? < #(9 1 2 3 0) 1 4))
  (test-assert (not (vector-sorted? < #(9 1 2 3 0) 0 4)))
  (test-assert (vector-sorted? < #(9 1 2 3 0) 4))
  (test-assert (not (vector-sorted? < #(9 1 2 3 0) 3))))

(test-group "sorting"
  (test-equal '() (list-sort < '()))
  (test-equal '(1) (list-sort < '(1)))
  (test-equal '(1 2 3 4 5) (list-sort < '(5 3 1 4 2)))
  (test-equal '(1 2 3 4 5) (list-stable-sort < '(5 3 1 4 2)))
  (test-equal '(1 2 3) (list-sort! < (list 3 2 1)))
  (test-equal '(1 2 3) (list-stable-sort! < (list 3 1 2)))
  (test-equal '("a" "b" "c") (list-sort string<? '("c" "a" "b")))
  (let ((l (list 3 1 2)))
    (list-sort < l)
    (test-equal '(3 1 2) l))
  (test-equal #(1 2 3) (vector-sort < #(3 2 1)))
  (test-equal #(2 3) (vector-sort < #(9 3 2 1) 1 3))
  (test-equal #(1 2) (vector-stable-sort < #(9 3 2 1) 2))
  (let ((v (vector 3 2 1)))
    (test-equal #(1 2 3) (vector-sort < v))
    (test-equal #(3 2 1) v))
  (let ((v (vector 5 4 3 2 1)))
    (vector-sort! < v)
    (test-equal #(1 2 3 4 5) v))
  (let ((v (vector 5 4 3 2 1)))
    (vector-stable-sort! < v 1 4)
    (test-equal #(5 2 3 4 1) v))
  (let ((v (vector 5 4 3 2 1)))
    (vector-sort! < v 2)
    (test-equal #(5 4 1 2 3) v))
  (test-error (vector-sort! < (vector 1 2) 1 3))
  (test-error (vector-sort < '(1 2)))
  (test-error (list-sort 5 '(1 2))))

(test-group "stability"
  (test-equal '(0 1 -1 2 -2 3 -3) (list-stable-sort abs< '(0 1 -1 2 -2 3 -3)))
  (test-equal '(-1 1 2 -2) (list-stable-sort abs< '(-1 2 1 -2)))
  (test-equal #(1 -1 1 -1) (vector-stable-sort abs< #(1 -1 1 -1)))
  ;; pairs sorted by car keep the order of their cdrs, on lengths around the insertion-sort cutoff
  (for-each
   (lambda (n)
     (let* ((keys (random-list n n))
            (items (let loop ((k keys) (i 0) (acc '()))
                     (if (null? k) (reverse acc) (loop (cdr k) (+ i 1) (cons (cons (modulo (car k) 7) i) acc)))))
            (by-car (lambda (a b) (< (car a) (car b)))))
       (test-equal (insertion-sort by-car items) (list-stable-sort by-car items))
       (test-equal (list->vector (insertion-sort by-car items)) (vector-stable-sort by-car (list->vector items)))))
   '(0 1 2 15 16 17 31 32 33 100 257)))

(test-group "larger inputs"
  (let* ((l (random-list 5000 42)) (s (list-sort < l)))
    (test-assert (list-sorted? < s))
    (test-equal 5000 (length s))
    (test-equal (apply + l) (apply + s))
    (test-equal (insertion-sort < (list-head l 300)) (list-sort < (list-head l 300))))
  (let ((v (make-vector 3000 7)))
    (vector-sort! < v)
    (test-assert (vector-sorted? < v)))
  (let ((v (make-vector 3000)))
    (do ((i 0 (+ i 1))) ((= i 3000)) (vector-set! v i (- 3000 i)))
    (vector-sort! < v)
    (test-equal 1 (vector-ref v 0))
    (test-assert (vector-sorted? < v))))

(test-group "merging"
  (test-equal '() (list-merge < '() '()))
  (test-equal '(1 2) (list-merge < '(1 2) '()))
  (test-equal '(1 2) (list-merge < '() '(1 2)))
  (test-equal '(1 2 3 4 5 6) (list-merge < '(1 3 5) '(2 4 6)))
  (test-equal '(0 -1 -2 3 4 -4 7 8 -10) (list-merge! abs< (list 0 -2 4 8 -10) (list -1 3 -4 7)))
  (test-equal '(1 2 3 4) (list-merge! < (list 3 4) (list 1 2)))
  (let* ((a (list 1 4)) (b (list 2 3)) (cells (list a (cdr a) b (cdr b)))
         (m (list-merge! < a b)))
    (test-equal '(1 2 3 4) m)
    (test-assert (let loop ((l m)) (or (null? l) (and (memq l (append cells (map cdr cells))) (loop (cdr l)))))))
  (test-equal #(0 -1 -2 3 4 -4 7 8 -10) (vector-merge abs< #(0 -2 4 8 -10) #(-1 3 -4 7)))
  (test-equal #(2 3 4) (vector-merge < #(9 2 4) #(3 9) 1 3 0 1))
  (let ((to (make-vector 6 'x)))
    (vector-merge! < to #(1 3) #(2 4) 1)
    (test-equal #(x 1 2 3 4 x) to))
  (let ((to (make-vector 3 'x)))
    (vector-merge! < to #(0 5 7) #(6) 0 1 3)
    (test-equal #(5 6 7) to)))

(test-group "deleting neighbour duplicates"
  (test-equal '() (list-delete-neighbor-dups = '()))
  (test-equal '(1 2 1) (list-delete-neighbor-dups = '(1 1 2 1 1)))
  (test-equal '(1 2 7 0 -2) (list-delete-neighbor-dups! = (list 1 1 2 7 7 7 0 -2 -2)))
  (test-equal '(a) (list-delete-neighbor-dups! eq? (list 'a 'a 'a)))
  (test-equal '((1 . a) (2 . c))
              (list-delete-neighbor-dups (lambda (x y) (= (car x) (car y))) '((1 . a) (1 . b) (2 . c))))
  (test-equal #() (vector-delete-neighbor-dups = #()))
  (let ((v (vector 1 1 1)))
    (test-equal 1 (vector-delete-neighbor-dups! = v))
    (test-equal 1 (vector-ref v 0)))
  (test-equal 4 (vector-delete-neighbor-dups! = (vector 1 2 2 3) 2 4))
  (test-equal 2 (vector-delete-neighbor-dups! = (vector 1 2 2 3) 0 3))
  (test-equal 3 (vector-delete-neighbor-dups! = (vector 1 2 3) 2)))

(test-group "selection and medians"
  (test-equal 1 (vector-select! < (vector 5 3 1 4 2) 0))
  (test-equal 3 (vector-select! < (vector 5 3 1 4 2) 2))
  (test-equal 5 (vector-select! < (vector 5 3 1 4 2) 4))
  (test-equal 4 (vector-select! < (vector 9 5 3 1 4 2) 3 1))
  (test-equal 3 (vector-select! < (vector 9 5 3 1 4 2 0) 1 1 4))
  (test-error (vector-select! < (vector 1 2 3) 3))
  (let ((v (vector 9 8 7 6 5 4 3 2 1 0)))
    (test-equal 5 (vector-select! < v 5))
    (test-equal '(0 1 2 3 4) (list-sort < (vector->list v 0 5))))
  (let ((l (random-list 500 7)))
    (for-each
     (lambda (k)
       (test-equal (list-ref (list-sort < l) k) (vector-select! < (list->vector l) k)))
     '(0 1 100 249 250 498 499)))
  (let ((v (vector 7 7 1 7 0 7 9 7 7)))
    (vector-separate! < v 3)
    (test-equal '(0 1 7) (list-sort < (vector->list v 0 3)))
    (test-equal '(7 7 7 7 7 9) (list-sort < (vector->list v 3))))
  (let ((v (vector 100 6 2 5 1 4 3 100)))
    (vector-separate! < v 3 1 7)
    (test-equal 100 (vector-ref v 0))
    (test-equal 100 (vector-ref v 7))
    (test-equal '(1 2 3) (list-sort < (vector->list v 1 4))))
  (test-equal 'none (vector-find-median < #() 'none))
  (test-equal 3 (vector-find-median < #(5 3 1) 'none))
  (test-equal 5/2 (vector-find-median < #(4 1 3 2) 'none))
  (test-equal '(2 3) (vector-find-median < #(4 1 3 2) 'none list))
  (let ((v (vector 4 1 3 2)))
    (test-equal 5/2 (vector-find-median < v 'none))
    (test-equal #(4 1 3 2) v))
  (let ((v (vector 4 1 3 2 0)))
    (test-equal 2 (vector-find-median! < v 'none))
    (test-equal #(0 1 2 3 4) v))
  (test-equal 7/2 (vector-find-median! < (vector 6 1 3 4 2 5) 'none)))

(test-group "sorting by a comparison primitive"
  ;; < > string<? string>? char<? char>? over plain elements run in JavaScript; the results
  ;; must be those of the Scheme merge sort (here: the same sort through a closure).
  (define (same-as-closure less? items)
    (test-equal (vector->list (vector-sort (lambda (a b) (less? a b)) (list->vector items)))
                (list-sort less? items)))
  (same-as-closure < (random-list 500 11))
  (same-as-closure > (random-list 500 12))
  (same-as-closure < '(3 1.5 -2 2.25 +inf.0 -inf.0 0))
  (same-as-closure string<? '("pear" "apple" "fig" "" "Apple" "\x3bb;" "app"))
  (same-as-closure string>? '("pear" "apple" "fig" "" "Apple"))
  (same-as-closure char<? (string->list "the quick brown fox"))
  (same-as-closure char>? (string->list "the quick brown fox"))
  ;; equal strings keep their order, ascending and descending
  (let* ((a (string #\x)) (b (string #\x)) (c (string #\y)))
    (let ((up (list-sort string<? (list a c b))))
      (test-eq a (car up))
      (test-eq b (cadr up)))
    (let ((down (list-sort string>? (list a c b))))
      (test-eq c (car down))
      (test-eq a (cadr down))
      (test-eq b (caddr down))))
  ;; elements the fast path does not take: exact and inexact integers, bignums, rationals
  (test-equal '(-1 1/2 1 2.0 3 100000000000000000000) (list-sort < '(3 2.0 100000000000000000000 1/2 -1 1)))
  (test-equal '(3 2.0 1) (list-sort > '(1 2.0 3)))
  (test-equal #(0 1 2 9 8) (let ((v (vector 2 1 0 9 8))) (vector-sort! < v 0 3) v))
  ;; a wrong element is still the ordering's error
  (test-error (list-sort < '(1 a 2)))
  (test-error (list-sort string<? '("a" b))))

(test-group "the ordering procedure is an ordinary Scheme call"
  ;; escaping from the middle of a sort
  (test-equal 'escaped
              (call-with-current-continuation
               (lambda (k)
                 (let ((calls 0))
                   (list-sort (lambda (a b) (set! calls (+ calls 1)) (if (= calls 50) (k 'escaped) (< a b)))
                              (random-list 100 3))))))
  ;; an error raised by the ordering reaches the handler
  (test-equal 'caught
              (guard (e (#t 'caught)) (vector-sort (lambda (a b) (raise 'oops)) #(2 1))))
  ;; a continuation captured in the ordering procedure can be re-entered: the sort returns
  ;; again (its vector, sorted in place, is the one the first run left)
  (let* ((k #f) (n 0)
         (r (list-sort (lambda (a b)
                         (if (and (not k) (= a 2)) (call-with-current-continuation (lambda (c) (set! k c))))
                         (< a b))
                       '(3 2 1))))
    (set! n (+ n 1))
    (if (< n 3) (k #f))
    (test-equal 3 (length r))
    (test-equal 3 n)))

(test-end)
