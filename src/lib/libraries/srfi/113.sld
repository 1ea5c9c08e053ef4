;;; (srfi 113): sets and bags, also (scheme set).
;;;
;;; Sets and bags are one record type internally (a "sob", as in SRFI 113's sample
;;; implementation by John Cowan, whose structure this follows): a flag saying which it is, the
;;; element comparator, and a SRFI 125 hash table made from that comparator (so the comparator
;;; must have a hash function unless its equality is eq?, eqv?, equal?, string=? or
;;; string-ci=?). The table maps each distinct element to (element . count), the element being
;;; the one the set or bag holds; a set's counts are 1. Those pairs are never mutated, so
;;; copying a table copies a set. The predicates set? and bag? tell the two apart, and every
;;; procedure checks it gets the kind its name says.
;;;
;;; The linear-update procedures (names ending in !) update their first argument and return
;;; it; the others copy first. For bags, deleting, replacing or removing (set-search!'s remove)
;;; acts on one occurrence, and the union, intersection, difference and xor combine counts by
;;; max, min, subtraction and absolute difference, as SRFI 113 says.
(define-library (srfi 113)
  (include-library-declarations "113-exports.scm")
  (import (scheme base) (scheme case-lambda) (srfi 128) (srfi 125))
  (begin
    (define-record-type sob
      (%make-sob bag? comparator table)
      %sob?
      (bag? %bag?)
      (comparator %comparator)
      (table %table))

    (define (set? x) (and (%sob? x) (not (%bag? x))))
    (define (bag? x) (and (%sob? x) (%bag? x)))

    (define (%check who bag? x)
      (if (not (and (%sob? x) (eq? (%bag? x) bag?)))
          (error (string-append who (if bag? ": expected a bag" ": expected a set")) x)))

    (define (%check-same who a b)
      (if (not (eq? (%comparator a) (%comparator b)))
          (error (string-append who ": the arguments have different comparators") a b)))

    (define (%new bag? comparator)
      (if (not (comparator? comparator))
          (error "set: expected a comparator" comparator))
      (%make-sob bag? comparator (make-hash-table comparator)))

    (define (%copy s)
      (%make-sob (%bag? s) (%comparator s) (hash-table-copy (%table s) #t)))

    (define (%empty-like s) (%new (%bag? s) (%comparator s)))

    ;; ---- counts ------------------------------------------------------------------------

    (define (%count s x)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (if entry (cdr entry) 0)))

    ;; Adds n occurrences of x (a set keeps one; an element already there is kept).
    (define (%add! s x n)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (cond ((not ((comparator-type-test-predicate (%comparator s)) x))
               (error "set-adjoin: element of the wrong type for the comparator" x))
              ((not entry) (if (> n 0) (hash-table-set! (%table s) x (cons x (if (%bag? s) n 1)))))
              ((%bag? s) (hash-table-set! (%table s) x (cons (car entry) (+ (cdr entry) n)))))))

    ;; Removes n occurrences of x (all of a set's one).
    (define (%remove! s x n)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (when entry
          (if (> (cdr entry) n)
              (hash-table-set! (%table s) x (cons (car entry) (- (cdr entry) n)))
              (hash-table-delete! (%table s) x)))))

    ;; Sets x's count to n (the stored element is kept when there is one).
    (define (%set-count! s x n)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (cond ((<= n 0) (if entry (hash-table-delete! (%table s) x)))
              (entry (hash-table-set! (%table s) x (cons (car entry) n)))
              (else (hash-table-set! (%table s) x (cons x n))))))

    ;; The (element . count) pairs.
    (define (%entries s) (hash-table-values (%table s)))

    (define (%elements s)
      (let loop ((entries (%entries s)) (acc '()))
        (if (null? entries)
            acc
            (loop (cdr entries)
                  (let repeat ((k (cdar entries)) (acc acc))
                    (if (= k 0) acc (repeat (- k 1) (cons (caar entries) acc))))))))

    ;; ---- the generic operations, for either kind ---------------------------------------

    (define (%from-list bag? comparator elements)
      (let ((s (%new bag? comparator)))
        (for-each (lambda (x) (%add! s x 1)) elements)
        s))

    (define (%unfold bag? comparator stop? mapper successor seed)
      (let ((s (%new bag? comparator)))
        (let loop ((seed seed))
          (if (stop? seed)
              s
              (begin (%add! s (mapper seed) 1)
                     (loop (successor seed)))))))

    (define (%size s)
      (let loop ((entries (%entries s)) (n 0))
        (if (null? entries) n (loop (cdr entries) (+ n (cdar entries))))))

    (define (%member s x default)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (if entry (car entry) default)))

    (define (%replace! s x)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (when entry
          (hash-table-delete! (%table s) x)
          (hash-table-set! (%table s) x (cons x (cdr entry))))
        s))

    (define (%search! s x failure success)
      (let ((entry (hash-table-ref/default (%table s) x #f)))
        (if entry
            (success (car entry)
                     (lambda (new obj)
                       (%remove! s (car entry) 1)
                       (%add! s new 1)
                       (values s obj))
                     (lambda (obj)
                       (%remove! s (car entry) 1)
                       (values s obj)))
            (failure (lambda (obj) (%add! s x 1) (values s obj))
                     (lambda (obj) (values s obj))))))

    (define (%find pred s failure)
      (let loop ((entries (%entries s)))
        (cond ((null? entries) (failure))
              ((pred (caar entries)) (caar entries))
              (else (loop (cdr entries))))))

    (define (%count-if pred s)
      (let loop ((xs (%elements s)) (n 0))
        (if (null? xs) n (loop (cdr xs) (if (pred (car xs)) (+ n 1) n)))))

    (define (%any? pred s)
      (let loop ((entries (%entries s)))
        (and (pair? entries) (or (and (pred (caar entries)) #t) (loop (cdr entries))))))

    (define (%every? pred s)
      (let loop ((entries (%entries s)))
        (or (null? entries) (and (pred (caar entries)) (loop (cdr entries))))))

    (define (%fold proc nil s)
      (let loop ((xs (%elements s)) (acc nil))
        (if (null? xs) acc (loop (cdr xs) (proc (car xs) acc)))))

    ;; Keeps the entries for which (keep? element) is true.
    (define (%filter! keep? s)
      (for-each (lambda (entry) (if (not (keep? (car entry))) (hash-table-delete! (%table s) (car entry))))
                (%entries s))
      s)

    (define (%partition! pred s)
      (let ((out (%empty-like s)))
        (for-each (lambda (entry)
                    (when (not (pred (car entry)))
                      (hash-table-delete! (%table s) (car entry))
                      (%add! out (car entry) (cdr entry))))
                  (%entries s))
        (values s out)))

    ;; (relation count-a count-b) for every element of either.
    (define (%every-count? relation a b)
      (and (let loop ((entries (%entries a)))
             (or (null? entries)
                 (and (relation (cdar entries) (%count b (caar entries))) (loop (cdr entries)))))
           (let loop ((entries (%entries b)))
             (or (null? entries)
                 (and (relation (%count a (caar entries)) (cdar entries)) (loop (cdr entries)))))))

    (define (%subset? a b) (%every-count? <= a b))
    (define (%same? a b) (%every-count? = a b))
    (define (%proper-subset? a b) (and (%subset? a b) (not (%same? a b))))

    ;; (relation a b) for each neighbouring pair, all of one kind and comparator.
    (define (%chain who bag? relation sets)
      (for-each (lambda (s) (%check who bag? s)) sets)
      (let loop ((sets sets))
        (or (null? (cdr sets))
            (begin (%check-same who (car sets) (cadr sets))
                   (and (relation (car sets) (cadr sets)) (loop (cdr sets)))))))

    ;; Set theory on a first argument updated in place.
    (define (%union! a b)
      (for-each (lambda (entry)
                  (if (> (cdr entry) (%count a (car entry)))
                      (%set-count! a (car entry) (cdr entry))))
                (%entries b))
      a)

    (define (%intersection! a b)
      (for-each (lambda (entry)
                  (%set-count! a (car entry) (min (cdr entry) (%count b (car entry)))))
                (%entries a))
      a)

    (define (%difference! a b)
      (for-each (lambda (entry) (%remove! a (car entry) (cdr entry))) (%entries b))
      a)

    (define (%xor! a b)
      (for-each (lambda (entry)
                  (let ((n (%count a (car entry))))
                    (if (= n 0)
                        (%add! a (car entry) (cdr entry))
                        (%set-count! a (car entry) (abs (- n (cdr entry)))))))
                (%entries b))
      a)

    (define (%combine who bag? op first others copy?)
      (%check who bag? first)
      (for-each (lambda (s) (%check who bag? s) (%check-same who first s)) others)
      (let loop ((acc (if copy? (%copy first) first)) (others others))
        (if (null? others) acc (loop (op acc (car others)) (cdr others)))))

    ;; The difference of several: remove each of the others in turn.
    (define (%hash-of s)
      (let ((hash (comparator-hash-function (%comparator s))))
        (let loop ((entries (%entries s)) (h 0))
          (if (null? entries)
              h
              (loop (cdr entries)
                    (modulo (+ h (* (cdar entries) (hash (caar entries)))) 536870912))))))

    ;; ---- the exported procedures -------------------------------------------------------
    ;; Each pair of definitions below differs only in the kind it accepts.

    (define-syntax define-both
      (syntax-rules ()
        ((_ (set-name bag-name) (bag? who) body)
         (begin (define set-name (let ((bag? #f) (who 'set-name)) body))
                (define bag-name (let ((bag? #t) (who 'bag-name)) body))))))

    (define (%who w) (symbol->string w))

    (define-both (set bag) (bag? who)
      (lambda (comparator . elements) (%from-list bag? comparator elements)))

    (define-both (set-unfold bag-unfold) (bag? who)
      (lambda (comparator stop? mapper successor seed)
        (%unfold bag? comparator stop? mapper successor seed)))

    (define-both (set-contains? bag-contains?) (bag? who)
      (lambda (s x) (%check (%who who) bag? s) (hash-table-contains? (%table s) x)))

    (define-both (set-empty? bag-empty?) (bag? who)
      (lambda (s) (%check (%who who) bag? s) (hash-table-empty? (%table s))))

    (define-both (set-disjoint? bag-disjoint?) (bag? who)
      (lambda (a b)
        (%check (%who who) bag? a) (%check (%who who) bag? b) (%check-same (%who who) a b)
        (not (%any? (lambda (x) (hash-table-contains? (%table b) x)) a))))

    (define-both (set-member bag-member) (bag? who)
      (lambda (s x default) (%check (%who who) bag? s) (%member s x default)))

    (define-both (set-element-comparator bag-element-comparator) (bag? who)
      (lambda (s) (%check (%who who) bag? s) (%comparator s)))

    (define-both (set-adjoin! bag-adjoin!) (bag? who)
      (lambda (s . xs)
        (%check (%who who) bag? s)
        (for-each (lambda (x) (%add! s x 1)) xs)
        s))

    (define-both (set-adjoin bag-adjoin) (bag? who)
      (lambda (s . xs)
        (%check (%who who) bag? s)
        (apply (if bag? bag-adjoin! set-adjoin!) (%copy s) xs)))

    (define-both (set-replace! bag-replace!) (bag? who)
      (lambda (s x) (%check (%who who) bag? s) (%replace! s x)))

    (define-both (set-replace bag-replace) (bag? who)
      (lambda (s x)
        (%check (%who who) bag? s)
        (if (hash-table-contains? (%table s) x) (%replace! (%copy s) x) s)))

    (define-both (set-delete-all! bag-delete-all!) (bag? who)
      (lambda (s xs)
        (%check (%who who) bag? s)
        (for-each (lambda (x) (%remove! s x 1)) xs)
        s))

    (define-both (set-delete! bag-delete!) (bag? who)
      (lambda (s . xs) ((if bag? bag-delete-all! set-delete-all!) s xs)))

    (define-both (set-delete-all bag-delete-all) (bag? who)
      (lambda (s xs)
        (%check (%who who) bag? s)
        ((if bag? bag-delete-all! set-delete-all!) (%copy s) xs)))

    (define-both (set-delete bag-delete) (bag? who)
      (lambda (s . xs) ((if bag? bag-delete-all set-delete-all) s xs)))

    (define-both (set-search! bag-search!) (bag? who)
      (lambda (s x failure success)
        (%check (%who who) bag? s)
        (%search! s x failure success)))

    (define-both (set-size bag-size) (bag? who)
      (lambda (s) (%check (%who who) bag? s) (%size s)))

    (define-both (set-find bag-find) (bag? who)
      (lambda (pred s failure) (%check (%who who) bag? s) (%find pred s failure)))

    (define-both (set-count bag-count) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%count-if pred s)))

    (define-both (set-any? bag-any?) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%any? pred s)))

    (define-both (set-every? bag-every?) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%every? pred s)))

    (define-both (set-map bag-map) (bag? who)
      (lambda (comparator proc s)
        (%check (%who who) bag? s)
        (%from-list bag? comparator (map proc (%elements s)))))

    (define-both (set-for-each bag-for-each) (bag? who)
      (lambda (proc s) (%check (%who who) bag? s) (for-each proc (%elements s))))

    (define-both (set-fold bag-fold) (bag? who)
      (lambda (proc nil s) (%check (%who who) bag? s) (%fold proc nil s)))

    (define-both (set-filter! bag-filter!) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%filter! pred s)))

    (define-both (set-filter bag-filter) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%filter! pred (%copy s))))

    (define-both (set-remove! bag-remove!) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%filter! (lambda (x) (not (pred x))) s)))

    (define-both (set-remove bag-remove) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%filter! (lambda (x) (not (pred x))) (%copy s))))

    (define-both (set-partition! bag-partition!) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%partition! pred s)))

    (define-both (set-partition bag-partition) (bag? who)
      (lambda (pred s) (%check (%who who) bag? s) (%partition! pred (%copy s))))

    (define-both (set-copy bag-copy) (bag? who)
      (lambda (s) (%check (%who who) bag? s) (%copy s)))

    (define-both (set->list bag->list) (bag? who)
      (lambda (s) (%check (%who who) bag? s) (%elements s)))

    (define-both (list->set list->bag) (bag? who)
      (lambda (comparator elements) (%from-list bag? comparator elements)))

    (define-both (list->set! list->bag!) (bag? who)
      (lambda (s elements)
        (%check (%who who) bag? s)
        (for-each (lambda (x) (%add! s x 1)) elements)
        s))

    (define-both (set=? bag=?) (bag? who)
      (lambda (s . more) (%chain (%who who) bag? %same? (cons s more))))
    (define-both (set<? bag<?) (bag? who)
      (lambda (s . more) (%chain (%who who) bag? %proper-subset? (cons s more))))
    (define-both (set>? bag>?) (bag? who)
      (lambda (s . more) (%chain (%who who) bag? (lambda (a b) (%proper-subset? b a)) (cons s more))))
    (define-both (set<=? bag<=?) (bag? who)
      (lambda (s . more) (%chain (%who who) bag? %subset? (cons s more))))
    (define-both (set>=? bag>=?) (bag? who)
      (lambda (s . more) (%chain (%who who) bag? (lambda (a b) (%subset? b a)) (cons s more))))

    (define-both (set-union bag-union) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %union! s more #t)))
    (define-both (set-union! bag-union!) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %union! s more #f)))
    (define-both (set-intersection bag-intersection) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %intersection! s more #t)))
    (define-both (set-intersection! bag-intersection!) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %intersection! s more #f)))
    (define-both (set-difference bag-difference) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %difference! s more #t)))
    (define-both (set-difference! bag-difference!) (bag? who)
      (lambda (s . more) (%combine (%who who) bag? %difference! s more #f)))
    (define-both (set-xor bag-xor) (bag? who)
      (lambda (a b) (%combine (%who who) bag? %xor! a (list b) #t)))
    (define-both (set-xor! bag-xor!) (bag? who)
      (lambda (a b) (%combine (%who who) bag? %xor! a (list b) #f)))

    ;; ---- bags only ---------------------------------------------------------------------

    (define (%sum! a b)
      (for-each (lambda (entry) (%add! a (car entry) (cdr entry))) (%entries b))
      a)

    (define (bag-sum! b . more) (%combine "bag-sum!" #t %sum! b more #f))
    (define (bag-sum b . more) (%combine "bag-sum" #t %sum! b more #t))

    (define (%product! n b)
      (if (not (and (exact-integer? n) (>= n 0)))
          (error "bag-product: expected an exact non-negative integer" n))
      (for-each (lambda (entry) (%set-count! b (car entry) (* n (cdr entry)))) (%entries b))
      b)

    (define (bag-product! n b) (%check "bag-product!" #t b) (%product! n b))
    (define (bag-product n b) (%check "bag-product" #t b) (%product! n (%copy b)))

    (define (bag-unique-size b)
      (%check "bag-unique-size" #t b)
      (hash-table-size (%table b)))

    (define (bag-element-count b x)
      (%check "bag-element-count" #t b)
      (%count b x))

    (define (bag-for-each-unique proc b)
      (%check "bag-for-each-unique" #t b)
      (for-each (lambda (entry) (proc (car entry) (cdr entry))) (%entries b)))

    (define (bag-fold-unique proc nil b)
      (%check "bag-fold-unique" #t b)
      (let loop ((entries (%entries b)) (acc nil))
        (if (null? entries) acc (loop (cdr entries) (proc (caar entries) (cdar entries) acc)))))

    (define (%check-count who n)
      (if (not (exact-integer? n)) (error (string-append who ": expected an exact integer count") n)))

    (define (bag-increment! b x n)
      (%check "bag-increment!" #t b)
      (%check-count "bag-increment!" n)
      (if (>= n 0) (%add! b x n) (%remove! b x (- n)))
      b)

    (define (bag-decrement! b x n)
      (%check "bag-decrement!" #t b)
      (%check-count "bag-decrement!" n)
      (if (>= n 0) (%remove! b x n) (%add! b x (- n)))
      b)

    (define (bag->set b)
      (%check "bag->set" #t b)
      (let ((s (%new #f (%comparator b))))
        (for-each (lambda (entry) (%add! s (car entry) 1)) (%entries b))
        s))

    (define (set->bag s)
      (%check "set->bag" #f s)
      (let ((b (%new #t (%comparator s))))
        (for-each (lambda (entry) (%add! b (car entry) 1)) (%entries s))
        b))

    (define (set->bag! b s)
      (%check "set->bag!" #t b)
      (%check "set->bag!" #f s)
      (%check-same "set->bag!" b s)
      (for-each (lambda (entry) (%add! b (car entry) 1)) (%entries s))
      b)

    (define (bag->alist b)
      (%check "bag->alist" #t b)
      (map (lambda (entry) (cons (car entry) (cdr entry))) (%entries b)))

    (define (alist->bag comparator alist)
      (let ((b (%new #t comparator)))
        (for-each (lambda (entry) (%check-count "alist->bag" (cdr entry)) (%add! b (car entry) (cdr entry)))
                  alist)
        b))

    ;; ---- comparators -------------------------------------------------------------------

    ;; Equality is set=? (bag=?); no ordering; the hash adds up the element hashes, so it
    ;; does not depend on the order of the elements.
    (define set-comparator
      (make-comparator set? (lambda (a b) (set=? a b)) #f %hash-of))
    (define bag-comparator
      (make-comparator bag? (lambda (a b) (bag=? a b)) #f %hash-of))))
