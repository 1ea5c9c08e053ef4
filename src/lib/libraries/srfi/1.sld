;;; (srfi 1): the list library.
;;;
;;; The R7RS procedures SRFI 1 shares (cons, list, make-list, list-copy, length, append,
;;; reverse, list-ref, map, for-each, member, memq, memv, assoc, assq, assv, the c[ad]+r
;;; accessors, set-car!, set-cdr!) are re-exported from (scheme base) and (scheme cxr): Kiln's
;;; map and for-each already stop at the shortest list, and its member and assoc already take
;;; the comparison as a third argument and call it as (= x element).
;;;
;;; Everything else is defined here. Every loop is iterative (a tail call), so lists of any
;;; length run in constant stack; results are built in reverse and then reversed. The
;;; "linear update" variants (take!, filter!, append!, ...) are allowed by SRFI 1 to behave
;;; like the pure ones, and do: they are the same procedures. Higher-order procedures call
;;; their procedure argument in list order.
(define-library (srfi 1)
  (include-library-declarations "1-exports.scm")
  (import (scheme base) (scheme cxr))
  (begin

    ;; ---- helpers -----------------------------------------------------------------------

    ;; The cars and the cdrs of a list of lists, as two values; #f #f once one has run out.
    (define (%cars+cdrs lists)
      (let loop ((ls lists) (cars '()) (cdrs '()))
        (cond ((null? ls) (values (reverse cars) (reverse cdrs)))
              ((pair? (car ls))
               (loop (cdr ls) (cons (car (car ls)) cars) (cons (cdr (car ls)) cdrs)))
              (else (values #f #f)))))

    ;; The lists of elements at each position, last position first, up to the shortest list.
    (define (%reversed-tuples lists)
      (let loop ((ls lists) (acc '()))
        (let-values (((cars cdrs) (%cars+cdrs ls)))
          (if cars (loop cdrs (cons cars acc)) acc))))

    ;; The lists of tails at each position, last position first, up to the shortest list.
    (define (%reversed-tail-tuples lists)
      (let loop ((ls lists) (acc '()))
        (if (%all-pairs? ls)
            (loop (map cdr ls) (cons ls acc))
            acc)))

    (define (%all-pairs? ls)
      (or (null? ls) (and (pair? (car ls)) (%all-pairs? (cdr ls)))))

    ;; (apply f (append args (list last))) without building the appended list twice.
    (define (%apply-with-last f args last)
      (apply f (append args (list last))))

    (define (%check-count who k)
      (if (not (and (exact-integer? k) (>= k 0)))
          (error (string-append who ": expected an exact non-negative integer") k)))

    ;; Is there an element y of lis with (= x y)?
    (define (%in? = x lis)
      (let loop ((l lis))
        (and (pair? l) (or (= x (car l)) (loop (cdr l))))))

    ;; Is there an element y of lis with (= y x)?
    (define (%has? = lis x)
      (let loop ((l lis))
        (and (pair? l) (or (= (car l) x) (loop (cdr l))))))

    ;; ---- constructors ------------------------------------------------------------------

    (define (xcons a b) (cons b a))

    (define (cons* first . rest)
      (let ((r (reverse (cons first rest))))
        (let loop ((acc (car r)) (xs (cdr r)))
          (if (null? xs) acc (loop (cons (car xs) acc) (cdr xs))))))

    (define (list-tabulate n proc)
      (%check-count "list-tabulate" n)
      (let loop ((i (- n 1)) (acc '()))
        (if (< i 0) acc (loop (- i 1) (cons (proc i) acc)))))

    (define (circular-list first . rest)
      (let ((l (cons first rest)))
        (set-cdr! (last-pair l) l)
        l))

    (define (iota count . start+step)
      (%check-count "iota" count)
      (let ((start (if (pair? start+step) (car start+step) 0))
            (step (if (and (pair? start+step) (pair? (cdr start+step))) (cadr start+step) 1)))
        (let loop ((i (- count 1)) (acc '()))
          (if (< i 0) acc (loop (- i 1) (cons (+ start (* i step)) acc))))))

    ;; ---- predicates --------------------------------------------------------------------

    (define (proper-list? x) (list? x))

    (define (circular-list? x)
      (let loop ((slow x) (fast x))
        (and (pair? fast)
             (let ((fast (cdr fast)))
               (and (pair? fast)
                    (let ((fast (cdr fast)) (slow (cdr slow)))
                      (or (eq? fast slow) (loop slow fast))))))))

    (define (dotted-list? x)
      (let loop ((slow x) (fast x))
        (if (pair? fast)
            (let ((fast (cdr fast)))
              (if (pair? fast)
                  (let ((fast (cdr fast)) (slow (cdr slow)))
                    (and (not (eq? fast slow)) (loop slow fast)))
                  (not (null? fast))))
            (not (null? fast)))))

    (define (not-pair? x) (not (pair? x)))

    (define (null-list? l)
      (cond ((pair? l) #f)
            ((null? l) #t)
            (else (error "null-list?: expected a list" l))))

    (define (list= elt= . lists)
      (define (same? a b)
        (let loop ((a a) (b b))
          (cond ((null? a) (null? b))
                ((null? b) #f)
                (else (and (elt= (car a) (car b)) (loop (cdr a) (cdr b)))))))
      (let loop ((ls lists))
        (or (null? ls)
            (null? (cdr ls))
            (and (or (eq? (car ls) (cadr ls)) (same? (car ls) (cadr ls)))
                 (loop (cdr ls))))))

    ;; ---- selectors ---------------------------------------------------------------------

    (define (first x) (car x))
    (define (second x) (cadr x))
    (define (third x) (caddr x))
    (define (fourth x) (cadddr x))
    (define (fifth x) (car (cddddr x)))
    (define (sixth x) (cadr (cddddr x)))
    (define (seventh x) (caddr (cddddr x)))
    (define (eighth x) (cadddr (cddddr x)))
    (define (ninth x) (car (cddddr (cddddr x))))
    (define (tenth x) (cadr (cddddr (cddddr x))))

    (define (car+cdr p) (values (car p) (cdr p)))

    (define (take lis k)
      (%check-count "take" k)
      (let loop ((l lis) (k k) (acc '()))
        (if (= k 0) (reverse acc) (loop (cdr l) (- k 1) (cons (car l) acc)))))

    (define (drop lis k)
      (%check-count "drop" k)
      (let loop ((l lis) (k k))
        (if (= k 0) l (loop (cdr l) (- k 1)))))

    (define (take-right lis k)
      (let loop ((lag lis) (lead (drop lis k)))
        (if (pair? lead) (loop (cdr lag) (cdr lead)) lag)))

    (define (drop-right lis k)
      (let loop ((lag lis) (lead (drop lis k)) (acc '()))
        (if (pair? lead)
            (loop (cdr lag) (cdr lead) (cons (car lag) acc))
            (reverse acc))))

    (define take! take)
    (define drop-right! drop-right)

    (define (split-at x k) (values (take x k) (drop x k)))
    (define split-at! split-at)

    (define (last-pair l)
      (let loop ((l l))
        (if (pair? (cdr l)) (loop (cdr l)) l)))

    (define (last l) (car (last-pair l)))

    ;; ---- miscellaneous -----------------------------------------------------------------

    ;; The length of a proper or dotted list; #f for a circular one.
    (define (length+ x)
      (let loop ((slow x) (fast x) (n 0))
        (if (pair? fast)
            (let ((fast (cdr fast)) (n (+ n 1)))
              (if (pair? fast)
                  (let ((fast (cdr fast)) (slow (cdr slow)) (n (+ n 1)))
                    (if (eq? fast slow) #f (loop slow fast n)))
                  n))
            n)))

    (define (concatenate lists)
      (if (null? lists)
          '()
          (let ((r (reverse lists)))
            (let loop ((acc (car r)) (ls (cdr r)))
              (if (null? ls) acc (loop (append (car ls) acc) (cdr ls)))))))

    (define append! append)
    (define concatenate! concatenate)
    (define reverse! reverse)

    (define (append-reverse rev-head tail)
      (let loop ((l rev-head) (acc tail))
        (if (pair? l) (loop (cdr l) (cons (car l) acc)) acc)))

    (define append-reverse! append-reverse)

    (define (zip l1 . ls) (apply map list l1 ls))

    (define (unzip1 l) (map car l))
    (define (unzip2 l) (values (map car l) (map cadr l)))
    (define (unzip3 l) (values (map car l) (map cadr l) (map caddr l)))
    (define (unzip4 l) (values (map car l) (map cadr l) (map caddr l) (map cadddr l)))
    (define (unzip5 l)
      (values (map car l) (map cadr l) (map caddr l) (map cadddr l) (map fifth l)))

    (define (count pred l1 . ls)
      (if (null? ls)
          (let loop ((l l1) (n 0))
            (if (pair? l) (loop (cdr l) (if (pred (car l)) (+ n 1) n)) n))
          (let loop ((ls (cons l1 ls)) (n 0))
            (let-values (((cars cdrs) (%cars+cdrs ls)))
              (if cars (loop cdrs (if (apply pred cars) (+ n 1) n)) n)))))

    ;; ---- fold, unfold and map ----------------------------------------------------------

    (define (fold kons knil l1 . ls)
      (if (null? ls)
          (let loop ((l l1) (acc knil))
            (if (pair? l) (loop (cdr l) (kons (car l) acc)) acc))
          (let loop ((ls (cons l1 ls)) (acc knil))
            (let-values (((cars cdrs) (%cars+cdrs ls)))
              (if cars (loop cdrs (%apply-with-last kons cars acc)) acc)))))

    (define (fold-right kons knil l1 . ls)
      (if (null? ls)
          (let loop ((l (reverse l1)) (acc knil))
            (if (pair? l) (loop (cdr l) (kons (car l) acc)) acc))
          (let loop ((tuples (%reversed-tuples (cons l1 ls))) (acc knil))
            (if (pair? tuples)
                (loop (cdr tuples) (%apply-with-last kons (car tuples) acc))
                acc))))

    (define (pair-fold kons knil l1 . ls)
      (if (null? ls)
          (let loop ((l l1) (acc knil))
            (if (pair? l)
                (let ((next (cdr l))) (loop next (kons l acc)))
                acc))
          (let loop ((ls (cons l1 ls)) (acc knil))
            (if (%all-pairs? ls)
                (let ((next (map cdr ls))) (loop next (%apply-with-last kons ls acc)))
                acc))))

    (define (pair-fold-right kons knil l1 . ls)
      (if (null? ls)
          (let collect ((l l1) (tails '()))
            (if (pair? l)
                (collect (cdr l) (cons l tails))
                (let loop ((tails tails) (acc knil))
                  (if (pair? tails) (loop (cdr tails) (kons (car tails) acc)) acc))))
          (let loop ((tuples (%reversed-tail-tuples (cons l1 ls))) (acc knil))
            (if (pair? tuples)
                (loop (cdr tuples) (%apply-with-last kons (car tuples) acc))
                acc))))

    (define (reduce f ridentity l)
      (if (null? l) ridentity (fold f (car l) (cdr l))))

    (define (reduce-right f ridentity l)
      (if (null? l)
          ridentity
          (let ((r (reverse l)))
            (let loop ((acc (car r)) (xs (cdr r)))
              (if (pair? xs) (loop (f (car xs) acc) (cdr xs)) acc)))))

    (define (unfold stop? mapper successor seed . tail-gen)
      (let loop ((seed seed) (acc '()))
        (if (stop? seed)
            (append-reverse acc (if (pair? tail-gen) ((car tail-gen) seed) '()))
            (let ((x (mapper seed)))
              (loop (successor seed) (cons x acc))))))

    (define (unfold-right stop? mapper successor seed . tail)
      (let loop ((seed seed) (acc (if (pair? tail) (car tail) '())))
        (if (stop? seed)
            acc
            (let ((x (mapper seed)))
              (loop (successor seed) (cons x acc))))))

    (define (append-map f l1 . ls)
      (concatenate (apply map f l1 ls)))

    (define append-map! append-map)

    (define (pair-for-each proc l1 . ls)
      (if (null? ls)
          (let loop ((l l1))
            (if (pair? l) (let ((next (cdr l))) (proc l) (loop next))))
          (let loop ((ls (cons l1 ls)))
            (if (%all-pairs? ls) (let ((next (map cdr ls))) (apply proc ls) (loop next))))))

    (define (filter-map f l1 . ls)
      (if (null? ls)
          (let loop ((l l1) (acc '()))
            (if (pair? l)
                (let ((v (f (car l)))) (loop (cdr l) (if v (cons v acc) acc)))
                (reverse acc)))
          (let loop ((ls (cons l1 ls)) (acc '()))
            (let-values (((cars cdrs) (%cars+cdrs ls)))
              (if cars
                  (let ((v (apply f cars))) (loop cdrs (if v (cons v acc) acc)))
                  (reverse acc))))))

    ;; Kiln's map applies its procedure from left to right.
    (define map-in-order map)
    (define map! map)

    ;; ---- filtering and partitioning ----------------------------------------------------

    (define (filter pred l)
      (let loop ((l l) (acc '()))
        (if (pair? l)
            (loop (cdr l) (if (pred (car l)) (cons (car l) acc) acc))
            (reverse acc))))

    (define (partition pred l)
      (let loop ((l l) (in '()) (out '()))
        (cond ((not (pair? l)) (values (reverse in) (reverse out)))
              ((pred (car l)) (loop (cdr l) (cons (car l) in) out))
              (else (loop (cdr l) in (cons (car l) out))))))

    (define (remove pred l) (filter (lambda (x) (not (pred x))) l))

    (define filter! filter)
    (define partition! partition)
    (define remove! remove)

    ;; ---- searching ---------------------------------------------------------------------

    (define (find pred l)
      (let ((tail (find-tail pred l)))
        (and tail (car tail))))

    (define (find-tail pred l)
      (let loop ((l l))
        (and (pair? l) (if (pred (car l)) l (loop (cdr l))))))

    ;; The last call of pred is a tail call (SRFI 1).
    (define (any pred l1 . ls)
      (if (null? ls)
          (let loop ((l l1))
            (cond ((not (pair? l)) #f)
                  ((not (pair? (cdr l))) (pred (car l)))
                  (else (or (pred (car l)) (loop (cdr l))))))
          (let-values (((cars cdrs) (%cars+cdrs (cons l1 ls))))
            (and cars
                 (let loop ((cars cars) (cdrs cdrs))
                   (let-values (((next-cars next-cdrs) (%cars+cdrs cdrs)))
                     (if next-cars
                         (or (apply pred cars) (loop next-cars next-cdrs))
                         (apply pred cars))))))))

    (define (every pred l1 . ls)
      (if (null? ls)
          (let loop ((l l1))
            (cond ((not (pair? l)) #t)
                  ((not (pair? (cdr l))) (pred (car l)))
                  (else (and (pred (car l)) (loop (cdr l))))))
          (let-values (((cars cdrs) (%cars+cdrs (cons l1 ls))))
            (or (not cars)
                (let loop ((cars cars) (cdrs cdrs))
                  (let-values (((next-cars next-cdrs) (%cars+cdrs cdrs)))
                    (if next-cars
                        (and (apply pred cars) (loop next-cars next-cdrs))
                        (apply pred cars))))))))

    (define (list-index pred l1 . ls)
      (if (null? ls)
          (let loop ((l l1) (i 0))
            (cond ((not (pair? l)) #f)
                  ((pred (car l)) i)
                  (else (loop (cdr l) (+ i 1)))))
          (let loop ((ls (cons l1 ls)) (i 0))
            (let-values (((cars cdrs) (%cars+cdrs ls)))
              (cond ((not cars) #f)
                    ((apply pred cars) i)
                    (else (loop cdrs (+ i 1))))))))

    (define (take-while pred l)
      (let loop ((l l) (acc '()))
        (if (and (pair? l) (pred (car l)))
            (loop (cdr l) (cons (car l) acc))
            (reverse acc))))

    (define (drop-while pred l)
      (let loop ((l l))
        (if (and (pair? l) (pred (car l))) (loop (cdr l)) l)))

    (define (span pred l)
      (let loop ((l l) (acc '()))
        (if (and (pair? l) (pred (car l)))
            (loop (cdr l) (cons (car l) acc))
            (values (reverse acc) l))))

    (define (break pred l) (span (lambda (x) (not (pred x))) l))

    (define take-while! take-while)
    (define span! span)
    (define break! break)

    ;; ---- deleting ----------------------------------------------------------------------

    (define (delete x l . maybe=)
      (let ((= (if (pair? maybe=) (car maybe=) equal?)))
        (filter (lambda (y) (not (= x y))) l)))

    ;; Keeps the first of each run of equal elements; (= earlier later).
    (define (delete-duplicates l . maybe=)
      (let ((= (if (pair? maybe=) (car maybe=) equal?)))
        (let loop ((l l) (kept '()))
          (if (pair? l)
              (loop (cdr l) (if (%has? = kept (car l)) kept (cons (car l) kept)))
              (reverse kept)))))

    (define delete! delete)
    (define delete-duplicates! delete-duplicates)

    ;; ---- association lists -------------------------------------------------------------

    (define (alist-cons key value alist) (cons (cons key value) alist))

    (define (alist-copy alist)
      (map (lambda (entry) (cons (car entry) (cdr entry))) alist))

    (define (alist-delete key alist . maybe=)
      (let ((= (if (pair? maybe=) (car maybe=) equal?)))
        (filter (lambda (entry) (not (= key (car entry)))) alist)))

    (define alist-delete! alist-delete)

    ;; ---- lists as sets -----------------------------------------------------------------
    ;; (= x y) always gets an element of an earlier list argument as x.

    (define (%lset2<= = a b)
      (every (lambda (x) (%in? = x b)) a))

    (define (lset<= = . lists)
      (let loop ((ls lists))
        (or (null? ls)
            (null? (cdr ls))
            (and (or (eq? (car ls) (cadr ls)) (%lset2<= = (car ls) (cadr ls)))
                 (loop (cdr ls))))))

    (define (lset= = . lists)
      (let loop ((ls lists))
        (or (null? ls)
            (null? (cdr ls))
            (and (or (eq? (car ls) (cadr ls))
                     (and (%lset2<= = (car ls) (cadr ls))
                          (%lset2<= (lambda (x y) (= y x)) (cadr ls) (car ls))))
                 (loop (cdr ls))))))

    (define (lset-adjoin = lis . elts)
      (let loop ((elts elts) (acc lis))
        (cond ((null? elts) acc)
              ((%has? = acc (car elts)) (loop (cdr elts) acc))
              (else (loop (cdr elts) (cons (car elts) acc))))))

    (define (lset-union = . lists)
      (let loop ((ls lists) (acc '()))
        (cond ((null? ls) acc)
              ((null? acc) (loop (cdr ls) (car ls)))
              ((eq? (car ls) acc) (loop (cdr ls) acc))
              (else
               (loop (cdr ls)
                     (fold (lambda (x acc) (if (%has? = acc x) acc (cons x acc)))
                           acc
                           (car ls)))))))

    (define (lset-intersection = l1 . ls)
      (filter (lambda (x) (every (lambda (l) (%in? = x l)) ls)) l1))

    (define (lset-difference = l1 . ls)
      (filter (lambda (x) (not (any (lambda (l) (%in? = x l)) ls))) l1))

    (define (lset-xor = . lists)
      (let loop ((ls lists) (acc '()))
        (cond ((null? ls) acc)
              ((null? acc) (loop (cdr ls) (car ls)))
              (else
               (let* ((b (car ls))
                      (a-b (filter (lambda (x) (not (%in? = x b))) acc))
                      (b-a (filter (lambda (y) (not (%has? = acc y))) b)))
                 (loop (cdr ls) (append-reverse a-b b-a)))))))

    (define (lset-diff+intersection = l1 . ls)
      (partition (lambda (x) (not (any (lambda (l) (%in? = x l)) ls))) l1))

    (define lset-union! lset-union)
    (define lset-intersection! lset-intersection)
    (define lset-difference! lset-difference)
    (define lset-xor! lset-xor)
    (define lset-diff+intersection! lset-diff+intersection)))
