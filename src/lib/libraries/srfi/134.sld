;;; (srfi 134): immutable deques. Also (scheme ideque).
;;;
;;; The banker's deque of Okasaki, "Purely Functional Data Structures" (1998), section 8.4.2,
;;; which the SRFI's current sample implementation also uses: a front and a reversed back, each
;;; a lazy list with its length, kept balanced so neither is more than C times the other plus
;;; one. Rebalancing moves half of the longer side with lazy take/drop/reverse/append, so the
;;; queue operations (add, remove, front, back) take amortized O(1) time even when old
;;; versions are reused (the laziness is what makes the amortization hold for persistent
;;; use). ideque-reverse swaps the two sides in O(1), ideque-length is O(1).
;;;
;;; A lazy list here is '(), a pair whose cdr is a lazy list, or an R7RS promise of '() or of
;;; such a pair. Most cells are plain pairs (adding to either end is a cons); only the lists
;;; that rebalancing builds are suspended. Whole-deque operations (map, filter, fold, ...) go
;;; through ordinary lists: they are O(n) anyway, and list->ideque builds a balanced deque
;;; directly.
(define-library (srfi 134)
  (include-library-declarations "134-exports.scm")
  (import (scheme base) (scheme case-lambda) (scheme lazy))
  (begin

    ;; ---- lazy lists --------------------------------------------------------------------

    ;; '() or a pair.
    (define (lazy-force s) (if (promise? s) (force s) s))

    ;; The elements of a lazy list, last first, as a list.
    (define (lazy->reverse-list s)
      (let loop ((s s) (acc '()))
        (let ((p (lazy-force s)))
          (if (null? p) acc (loop (cdr p) (cons (car p) acc))))))
    (define (lazy->list s) (reverse (lazy->reverse-list s)))

    ;; Each delay-force body ends in make-promise, which R7RS delay-force requires (and which
    ;; passes a promise through unchanged).
    (define (lazy-take n s)
      (if (zero? n)
          '()
          (delay-force
           (let ((p (lazy-force s)))
             (make-promise (if (null? p) '() (cons (car p) (lazy-take (- n 1) (cdr p)))))))))

    (define (lazy-drop n s)
      (delay-force
       (make-promise
        (let loop ((n n) (s s))
          (let ((p (lazy-force s)))
            (if (or (zero? n) (null? p)) p (loop (- n 1) (cdr p))))))))

    ;; Monolithic: forcing it reverses the whole list at once.
    (define (lazy-reverse s)
      (delay-force (make-promise (lazy->reverse-list s))))

    ;; Incremental: each element of a is copied when it is reached.
    (define (lazy-append a b)
      (delay-force
       (let ((p (lazy-force a)))
         (if (null? p) (make-promise b) (make-promise (cons (car p) (lazy-append (cdr p) b)))))))

    ;; ---- the deque ---------------------------------------------------------------------

    (define-record-type <ideque> (%make-ideque lenf front lenr back) ideque?
      (lenf %lenf) (front %front) (lenr %lenr) (back %back))

    (define balance-factor 3)

    (define empty-ideque (%make-ideque 0 '() 0 '()))

    ;; Restores |front| <= C|back| + 1 and |back| <= C|front| + 1 by moving half across.
    (define (%check lenf f lenr r)
      (cond ((> lenf (+ (* balance-factor lenr) 1))
             (let* ((i (quotient (+ lenf lenr) 2)) (j (- (+ lenf lenr) i)))
               (%make-ideque i (lazy-take i f) j (lazy-append r (lazy-reverse (lazy-drop i f))))))
            ((> lenr (+ (* balance-factor lenf) 1))
             (let* ((j (quotient (+ lenf lenr) 2)) (i (- (+ lenf lenr) j)))
               (%make-ideque i (lazy-append f (lazy-reverse (lazy-drop j r))) j (lazy-take j r))))
            (else (%make-ideque lenf f lenr r))))

    (define (%check-ideque who dq)
      (if (not (ideque? dq)) (error (string-append who ": not an ideque") dq)))

    (define (%nonempty who dq)
      (%check-ideque who dq)
      (if (= 0 (%lenf dq) (%lenr dq)) (error (string-append who ": empty ideque") dq)))

    (define (ideque-length dq)
      (%check-ideque "ideque-length" dq)
      (+ (%lenf dq) (%lenr dq)))

    (define (ideque-empty? dq)
      (%check-ideque "ideque-empty?" dq)
      (= 0 (%lenf dq) (%lenr dq)))

    (define (ideque-add-front dq x)
      (%check-ideque "ideque-add-front" dq)
      (%check (+ (%lenf dq) 1) (cons x (%front dq)) (%lenr dq) (%back dq)))

    (define (ideque-add-back dq x)
      (%check-ideque "ideque-add-back" dq)
      (%check (%lenf dq) (%front dq) (+ (%lenr dq) 1) (cons x (%back dq))))

    ;; With one element in all, it may sit on either side.
    (define (ideque-front dq)
      (%nonempty "ideque-front" dq)
      (if (= (%lenf dq) 0) (car (lazy-force (%back dq))) (car (lazy-force (%front dq)))))

    (define (ideque-back dq)
      (%nonempty "ideque-back" dq)
      (if (= (%lenr dq) 0) (car (lazy-force (%front dq))) (car (lazy-force (%back dq)))))

    (define (ideque-remove-front dq)
      (%nonempty "ideque-remove-front" dq)
      (if (= (%lenf dq) 0)
          empty-ideque
          (%check (- (%lenf dq) 1) (cdr (lazy-force (%front dq))) (%lenr dq) (%back dq))))

    (define (ideque-remove-back dq)
      (%nonempty "ideque-remove-back" dq)
      (if (= (%lenr dq) 0)
          empty-ideque
          (%check (%lenf dq) (%front dq) (- (%lenr dq) 1) (cdr (lazy-force (%back dq))))))

    (define (ideque-reverse dq)
      (%check-ideque "ideque-reverse" dq)
      (%make-ideque (%lenr dq) (%back dq) (%lenf dq) (%front dq)))

    ;; ---- conversion --------------------------------------------------------------------

    ;; A balanced deque of a list: the first half in front, the second half reversed in back.
    (define (list->ideque lis)
      (if (not (list? lis)) (error "list->ideque: not a list" lis))
      (let* ((n (length lis)) (i (quotient (+ n 1) 2)))
        (let loop ((l lis) (k i) (front '()))
          (if (= k 0)
              (%make-ideque i (reverse front) (- n i) (reverse l))
              (loop (cdr l) (- k 1) (cons (car l) front))))))

    (define (ideque->list dq)
      (%check-ideque "ideque->list" dq)
      (append (lazy->list (%front dq)) (lazy->reverse-list (%back dq))))

    ;; The elements back to front, as a list.
    (define (%reverse-list dq)
      (append (lazy->list (%back dq)) (lazy->reverse-list (%front dq))))

    (define (ideque . elements) (list->ideque elements))

    (define (generator->ideque gen)
      (let loop ((acc '()))
        (let ((v (gen)))
          (if (eof-object? v) (list->ideque (reverse acc)) (loop (cons v acc))))))

    (define (ideque->generator dq)
      (let ((rest (ideque->list dq)))
        (lambda ()
          (if (null? rest)
              (eof-object)
              (let ((v (car rest))) (set! rest (cdr rest)) v)))))

    ;; ---- constructors ------------------------------------------------------------------

    (define (ideque-tabulate n proc)
      (let loop ((i (- n 1)) (acc '()))
        (if (< i 0) (list->ideque acc) (loop (- i 1) (cons (proc i) acc)))))

    (define (%unfold-reversed stop? mapper successor seed)
      (let loop ((seed seed) (acc '()))
        (if (stop? seed) acc (loop (successor seed) (cons (mapper seed) acc)))))

    (define (ideque-unfold stop? mapper successor seed)
      (list->ideque (reverse (%unfold-reversed stop? mapper successor seed))))

    (define (ideque-unfold-right stop? mapper successor seed)
      (list->ideque (%unfold-reversed stop? mapper successor seed)))

    ;; ---- predicates --------------------------------------------------------------------

    (define (ideque= elt= . dqs)
      (for-each (lambda (dq) (%check-ideque "ideque=" dq)) dqs)
      (or (null? dqs)
          (let loop ((a (car dqs)) (rest (cdr dqs)))
            (or (null? rest)
                (let ((b (car rest)))
                  (and (or (eq? a b)
                           (and (= (ideque-length a) (ideque-length b))
                                (let cmp ((x (ideque->list a)) (y (ideque->list b)))
                                  (or (null? x)
                                      (and (elt= (car x) (car y)) (cmp (cdr x) (cdr y)))))))
                       (loop b (cdr rest))))))))

    (define (ideque-any pred dq)
      (let loop ((l (ideque->list dq)))
        (and (pair? l) (or (pred (car l)) (loop (cdr l))))))

    (define (ideque-every pred dq)
      (let loop ((l (ideque->list dq)) (last #t))
        (if (null? l)
            last
            (let ((r (pred (car l)))) (and r (loop (cdr l) r))))))

    ;; ---- other accessors ---------------------------------------------------------------

    (define (%check-count who dq n)
      (if (not (and (integer? n) (exact? n) (<= 0 n (ideque-length dq))))
          (error (string-append who ": index out of range") n)))

    (define (ideque-ref dq n)
      (%check-ideque "ideque-ref" dq)
      (if (not (and (integer? n) (exact? n) (< -1 n (ideque-length dq))))
          (error "ideque-ref: index out of range" n))
      (let ((lenf (%lenf dq)))
        (if (< n lenf)
            (%lazy-ref (%front dq) n)
            (%lazy-ref (%back dq) (- (%lenr dq) 1 (- n lenf))))))

    (define (%lazy-ref s n)
      (let ((p (lazy-force s)))
        (if (= n 0) (car p) (%lazy-ref (cdr p) (- n 1)))))

    (define (%take lis n)
      (let loop ((l lis) (n n) (acc '()))
        (if (= n 0) (reverse acc) (loop (cdr l) (- n 1) (cons (car l) acc)))))

    (define (ideque-take dq n)
      (%check-ideque "ideque-take" dq)
      (%check-count "ideque-take" dq n)
      (list->ideque (%take (ideque->list dq) n)))

    (define (ideque-drop dq n)
      (%check-ideque "ideque-drop" dq)
      (%check-count "ideque-drop" dq n)
      (list->ideque (list-tail (ideque->list dq) n)))

    (define (ideque-take-right dq n)
      (%check-ideque "ideque-take-right" dq)
      (%check-count "ideque-take-right" dq n)
      (list->ideque (list-tail (ideque->list dq) (- (ideque-length dq) n))))

    (define (ideque-drop-right dq n)
      (%check-ideque "ideque-drop-right" dq)
      (%check-count "ideque-drop-right" dq n)
      (list->ideque (%take (ideque->list dq) (- (ideque-length dq) n))))

    (define (ideque-split-at dq n)
      (%check-ideque "ideque-split-at" dq)
      (%check-count "ideque-split-at" dq n)
      (let ((l (ideque->list dq)))
        (values (list->ideque (%take l n)) (list->ideque (list-tail l n)))))

    ;; ---- the whole ideque --------------------------------------------------------------

    (define (ideque-append . dqs)
      (list->ideque (apply append (map ideque->list dqs))))

    (define (ideque-count pred dq)
      (let loop ((l (ideque->list dq)) (n 0))
        (cond ((null? l) n)
              ((pred (car l)) (loop (cdr l) (+ n 1)))
              (else (loop (cdr l) n)))))

    (define (ideque-zip dq . dqs)
      (list->ideque (apply map list (ideque->list dq) (map ideque->list dqs))))

    ;; ---- mapping -----------------------------------------------------------------------

    (define (ideque-map proc dq) (list->ideque (map proc (ideque->list dq))))

    (define (ideque-filter-map proc dq)
      (let loop ((l (ideque->list dq)) (acc '()))
        (if (null? l)
            (list->ideque (reverse acc))
            (let ((v (proc (car l)))) (loop (cdr l) (if v (cons v acc) acc))))))

    (define (ideque-for-each proc dq) (for-each proc (ideque->list dq)))

    (define (ideque-for-each-right proc dq)
      (%check-ideque "ideque-for-each-right" dq)
      (for-each proc (%reverse-list dq)))

    (define (ideque-fold proc nil dq)
      (let loop ((l (ideque->list dq)) (acc nil))
        (if (null? l) acc (loop (cdr l) (proc (car l) acc)))))

    (define (ideque-fold-right proc nil dq)
      (%check-ideque "ideque-fold-right" dq)
      (let loop ((l (%reverse-list dq)) (acc nil))
        (if (null? l) acc (loop (cdr l) (proc (car l) acc)))))

    (define (ideque-append-map proc dq)
      (let loop ((l (ideque->list dq)) (acc '()))
        (if (null? l)
            (list->ideque (reverse acc))
            (loop (cdr l) (append-reverse (proc (car l)) acc)))))

    (define (append-reverse lis acc)
      (if (null? lis) acc (append-reverse (cdr lis) (cons (car lis) acc))))

    ;; ---- filtering ---------------------------------------------------------------------

    (define (ideque-partition pred dq)
      (let loop ((l (ideque->list dq)) (in '()) (out '()))
        (cond ((null? l) (values (list->ideque (reverse in)) (list->ideque (reverse out))))
              ((pred (car l)) (loop (cdr l) (cons (car l) in) out))
              (else (loop (cdr l) in (cons (car l) out))))))

    (define (ideque-filter pred dq)
      (let-values (((in out) (ideque-partition pred dq))) in))

    (define (ideque-remove pred dq)
      (let-values (((in out) (ideque-partition pred dq))) out))

    ;; ---- searching ---------------------------------------------------------------------

    (define (%find pred lis failure)
      (let loop ((l lis))
        (cond ((null? l) (failure))
              ((pred (car l)) (car l))
              (else (loop (cdr l))))))

    (define ideque-find
      (case-lambda
        ((pred dq) (ideque-find pred dq (lambda () #f)))
        ((pred dq failure) (%find pred (ideque->list dq) failure))))

    (define ideque-find-right
      (case-lambda
        ((pred dq) (ideque-find-right pred dq (lambda () #f)))
        ((pred dq failure)
         (%check-ideque "ideque-find-right" dq)
         (%find pred (%reverse-list dq) failure))))

    ;; The longest prefix of the list whose elements satisfy pred, reversed, and the rest.
    (define (%span pred lis)
      (let loop ((l lis) (acc '()))
        (if (and (pair? l) (pred (car l)))
            (loop (cdr l) (cons (car l) acc))
            (values acc l))))

    (define (ideque-span pred dq)
      (let-values (((prefix rest) (%span pred (ideque->list dq))))
        (values (list->ideque (reverse prefix)) (list->ideque rest))))

    (define (ideque-break pred dq)
      (ideque-span (lambda (x) (not (pred x))) dq))

    (define (ideque-take-while pred dq)
      (let-values (((prefix rest) (ideque-span pred dq))) prefix))

    (define (ideque-drop-while pred dq)
      (let-values (((prefix rest) (ideque-span pred dq))) rest))

    (define (ideque-take-while-right pred dq)
      (%check-ideque "ideque-take-while-right" dq)
      (let-values (((suffix rest) (%span pred (%reverse-list dq))))
        (list->ideque suffix)))

    (define (ideque-drop-while-right pred dq)
      (%check-ideque "ideque-drop-while-right" dq)
      (let-values (((suffix rest) (%span pred (%reverse-list dq))))
        (list->ideque (reverse rest))))))
