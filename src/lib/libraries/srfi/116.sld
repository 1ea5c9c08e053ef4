;;; (srfi 116): immutable lists. Also (scheme ilist).
;;;
;;; An ipair is a record of two fields that nothing can change; ilists are chains of ipairs
;;; ending in '() (shared with ordinary lists, the one object that is both). The procedures
;;; mirror SRFI 1 (see srfi/1.sld): every loop iterates (a tail call), results are built in
;;; reverse and then reversed onto their tail, and procedures that return a tail of their
;;; argument (idrop, ifind-tail, imember, ...) return the argument's own ipairs, as the SRFI
;;; specifies. The comparators are SRFI 128 comparators (the SRFI's post-finalization note
;;; recommends them over SRFI 114's), in 116-comparators.scm.
(define-library (srfi 116)
  (include-library-declarations "116-exports.scm")
  (import (scheme base) (scheme case-lambda))
  (begin

    (define-record-type <ipair> (ipair icar icdr) ipair? (icar %icar) (icdr %icdr))

    (define (icar p) (if (ipair? p) (%icar p) (error "icar: not an ipair" p)))
    (define (icdr p) (if (ipair? p) (%icdr p) (error "icdr: not an ipair" p)))

    ;; ---- helpers -----------------------------------------------------------------------

    ;; The ilist of the elements of the Scheme list rev, reversed, ending in tail.
    (define (%reverse-onto rev tail)
      (let loop ((rev rev) (acc tail))
        (if (null? rev) acc (loop (cdr rev) (ipair (car rev) acc)))))

    ;; The elements of an ilist (up to its final tail) as a Scheme list in reverse.
    (define (%reverse-elements il)
      (let loop ((il il) (acc '()))
        (if (ipair? il) (loop (%icdr il) (cons (%icar il) acc)) acc)))

    (define (%check-ilist who il)
      (if (not (proper-ilist? il)) (error (string-append who ": not a proper ilist") il)))

    ;; The icars of several ilists, or #f once one of them has run out; and their icdrs.
    (define (%icars ils)
      (let loop ((ils ils) (acc '()))
        (cond ((null? ils) (reverse acc))
              ((ipair? (car ils)) (loop (cdr ils) (cons (%icar (car ils)) acc)))
              (else #f))))
    (define (%icdrs ils) (map %icdr ils))

    ;; ---- constructors ------------------------------------------------------------------

    (define (ilist . elements) (%reverse-onto (reverse elements) '()))

    (define (xipair d a) (ipair a d))

    (define (ipair* x . rest)
      (let loop ((args (cons x rest)) (acc '()))
        (if (null? (cdr args))
            (%reverse-onto acc (car args))
            (loop (cdr args) (cons (car args) acc)))))

    (define make-ilist
      (case-lambda
        ((n) (make-ilist n #f))
        ((n fill)
         (if (not (and (exact-integer? n) (>= n 0))) (error "make-ilist: bad length" n))
         (let loop ((i 0) (acc '()))
           (if (= i n) acc (loop (+ i 1) (ipair fill acc)))))))

    (define (ilist-tabulate n proc)
      (if (not (and (exact-integer? n) (>= n 0))) (error "ilist-tabulate: bad length" n))
      (let loop ((i (- n 1)) (acc '()))
        (if (< i 0) acc (loop (- i 1) (ipair (proc i) acc)))))

    (define (ilist-copy dil)
      (let loop ((il dil) (acc '()))
        (if (ipair? il) (loop (%icdr il) (cons (%icar il) acc)) (%reverse-onto acc il))))

    (define iiota
      (case-lambda
        ((count) (iiota count 0 1))
        ((count start) (iiota count start 1))
        ((count start step)
         (if (not (and (exact-integer? count) (>= count 0))) (error "iiota: bad count" count))
         (let loop ((i (- count 1)) (acc '()))
           (if (< i 0) acc (loop (- i 1) (ipair (+ start (* i step)) acc)))))))

    ;; ---- predicates --------------------------------------------------------------------

    (define (proper-ilist? x)
      (let loop ((x x))
        (cond ((ipair? x) (loop (%icdr x)))
              (else (null? x)))))
    (define ilist? proper-ilist?)

    (define (dotted-ilist? x)
      (let loop ((x x))
        (cond ((ipair? x) (loop (%icdr x)))
              (else (not (null? x))))))

    (define (not-ipair? x) (not (ipair? x)))

    (define (null-ilist? il)
      (cond ((null? il) #t)
            ((ipair? il) #f)
            (else (error "null-ilist?: not an ilist" il))))

    (define (ilist= elt= . ils)
      (or (null? ils)
          (let loop ((a (car ils)) (rest (cdr ils)))
            (or (null? rest)
                (let ((b (car rest)))
                  (and (or (eq? a b)
                           (let cmp ((x a) (y b))
                             (cond ((null? x) (null? y))
                                   ((null? y) #f)
                                   (else (and (elt= (icar x) (icar y)) (cmp (icdr x) (icdr y)))))))
                       (loop b (cdr rest))))))))

    ;; ---- selectors ---------------------------------------------------------------------

    (define (icaar x) (icar (icar x)))
    (define (icadr x) (icar (icdr x)))
    (define (icdar x) (icdr (icar x)))
    (define (icddr x) (icdr (icdr x)))
    (define (icaaar x) (icar (icaar x)))
    (define (icaadr x) (icar (icadr x)))
    (define (icadar x) (icar (icdar x)))
    (define (icaddr x) (icar (icddr x)))
    (define (icdaar x) (icdr (icaar x)))
    (define (icdadr x) (icdr (icadr x)))
    (define (icddar x) (icdr (icdar x)))
    (define (icdddr x) (icdr (icddr x)))
    (define (icaaaar x) (icar (icaaar x)))
    (define (icaaadr x) (icar (icaadr x)))
    (define (icaadar x) (icar (icadar x)))
    (define (icaaddr x) (icar (icaddr x)))
    (define (icadaar x) (icar (icdaar x)))
    (define (icadadr x) (icar (icdadr x)))
    (define (icaddar x) (icar (icddar x)))
    (define (icadddr x) (icar (icdddr x)))
    (define (icdaaar x) (icdr (icaaar x)))
    (define (icdaadr x) (icdr (icaadr x)))
    (define (icdadar x) (icdr (icadar x)))
    (define (icdaddr x) (icdr (icaddr x)))
    (define (icddaar x) (icdr (icdaar x)))
    (define (icddadr x) (icdr (icdadr x)))
    (define (icdddar x) (icdr (icddar x)))
    (define (icddddr x) (icdr (icdddr x)))

    (define (idrop x i)
      (if (not (and (exact-integer? i) (>= i 0))) (error "idrop: bad count" i))
      (let loop ((x x) (i i))
        (if (= i 0) x (loop (icdr x) (- i 1)))))
    (define ilist-tail idrop)

    (define (ilist-ref il i) (icar (idrop il i)))
    (define (ifirst x) (icar x))
    (define (isecond x) (icar (idrop x 1)))
    (define (ithird x) (icar (idrop x 2)))
    (define (ifourth x) (icar (idrop x 3)))
    (define (ififth x) (icar (idrop x 4)))
    (define (isixth x) (icar (idrop x 5)))
    (define (iseventh x) (icar (idrop x 6)))
    (define (ieighth x) (icar (idrop x 7)))
    (define (ininth x) (icar (idrop x 8)))
    (define (itenth x) (icar (idrop x 9)))

    (define (icar+icdr p) (values (icar p) (icdr p)))

    (define (itake x i)
      (if (not (and (exact-integer? i) (>= i 0))) (error "itake: bad count" i))
      (let loop ((x x) (i i) (acc '()))
        (if (= i 0) (%reverse-onto acc '()) (loop (icdr x) (- i 1) (cons (icar x) acc)))))

    (define (isplit-at x i) (values (itake x i) (idrop x i)))

    ;; Walks a lead pointer i ipairs ahead, then both together: the lag ends i from the end.
    (define (itake-right dil i)
      (let loop ((lag dil) (lead (idrop dil i)))
        (if (ipair? lead) (loop (%icdr lag) (%icdr lead)) lag)))

    (define (idrop-right dil i)
      (let loop ((lag dil) (lead (idrop dil i)) (acc '()))
        (if (ipair? lead)
            (loop (%icdr lag) (%icdr lead) (cons (%icar lag) acc))
            (%reverse-onto acc '()))))

    (define (last-ipair p)
      (if (not (ipair? p)) (error "last-ipair: not an ipair" p))
      (let loop ((p p))
        (if (ipair? (%icdr p)) (loop (%icdr p)) p)))

    (define (ilast p) (%icar (last-ipair p)))

    ;; ---- miscellaneous -----------------------------------------------------------------

    (define (ilength il)
      (let loop ((x il) (n 0))
        (cond ((ipair? x) (loop (%icdr x) (+ n 1)))
              ((null? x) n)
              (else (error "ilength: not a proper ilist" il)))))

    ;; All but the last argument are proper ilists, copied; the last is shared as the tail.
    (define (iappend . ils)
      (if (null? ils)
          '()
          (let loop ((rev (cdr (reverse ils))) (acc (car (reverse ils))))
            (if (null? rev)
                acc
                (begin
                  (%check-ilist "iappend" (car rev))
                  (loop (cdr rev) (%reverse-onto (%reverse-elements (car rev)) acc)))))))

    (define (iappend-reverse rev-head tail)
      (let loop ((x rev-head) (acc tail))
        (if (ipair? x) (loop (%icdr x) (ipair (%icar x) acc)) acc)))

    (define (ireverse il) (iappend-reverse il '()))

    (define (iconcatenate ils) (apply iappend (ilist->list ils)))

    (define (izip il . ils) (apply imap ilist il ils))

    (define (%unzip il n)
      (let loop ((k (- n 1)) (acc '()))
        (if (< k 0)
            (apply values acc)
            (loop (- k 1) (cons (imap (lambda (x) (icar (idrop x k))) il) acc)))))
    (define (iunzip1 il) (imap icar il))
    (define (iunzip2 il) (%unzip il 2))
    (define (iunzip3 il) (%unzip il 3))
    (define (iunzip4 il) (%unzip il 4))
    (define (iunzip5 il) (%unzip il 5))

    (define (icount pred il . ils)
      (let loop ((ils (cons il ils)) (n 0))
        (let ((cars (%icars ils)))
          (if cars
              (loop (%icdrs ils) (if (apply pred cars) (+ n 1) n))
              n))))

    ;; ---- fold, unfold and map ----------------------------------------------------------

    (define ifold
      (case-lambda
        ((kons knil il)
         (let loop ((x il) (acc knil))
           (if (ipair? x) (loop (%icdr x) (kons (%icar x) acc)) acc)))
        ((kons knil il . ils)
         (let loop ((ils (cons il ils)) (acc knil))
           (let ((cars (%icars ils)))
             (if cars (loop (%icdrs ils) (apply kons (append cars (list acc)))) acc))))))

    ;; Folds from the right over the elements collected in reverse: constant stack.
    (define ifold-right
      (case-lambda
        ((kons knil il)
         (let loop ((rev (%reverse-elements il)) (acc knil))
           (if (null? rev) acc (loop (cdr rev) (kons (car rev) acc)))))
        ((kons knil il . ils)
         (let collect ((ils (cons il ils)) (rows '()))
           (let ((cars (%icars ils)))
             (if cars
                 (collect (%icdrs ils) (cons cars rows))
                 (let loop ((rows rows) (acc knil))
                   (if (null? rows) acc (loop (cdr rows) (apply kons (append (car rows) (list acc))))))))))))

    (define (ipair-fold kons knil il . ils)
      (let loop ((ils (cons il ils)) (acc knil))
        (if (%all-ipairs? ils)
            (let ((next (%icdrs ils)))          ; taken first: kons may not change ipairs anyway
              (loop next (apply kons (append ils (list acc)))))
            acc)))

    (define (%all-ipairs? ils)
      (or (null? ils) (and (ipair? (car ils)) (%all-ipairs? (cdr ils)))))

    (define (ipair-fold-right kons knil il . ils)
      (let collect ((ils (cons il ils)) (rows '()))
        (if (%all-ipairs? ils)
            (collect (%icdrs ils) (cons ils rows))
            (let loop ((rows rows) (acc knil))
              (if (null? rows) acc (loop (cdr rows) (apply kons (append (car rows) (list acc)))))))))

    (define (ireduce f ridentity il)
      (if (null-ilist? il) ridentity (ifold f (icar il) (icdr il))))

    (define (ireduce-right f ridentity il)
      (if (null-ilist? il)
          ridentity
          (let ((rev (%reverse-elements il)))
            (let loop ((rev (cdr rev)) (acc (car rev)))
              (if (null? rev) acc (loop (cdr rev) (f (car rev) acc)))))))

    (define iunfold
      (case-lambda
        ((p f g seed) (iunfold p f g seed (lambda (x) '())))
        ((p f g seed tail-gen)
         (let loop ((seed seed) (acc '()))
           (if (p seed)
               (%reverse-onto acc (tail-gen seed))
               (loop (g seed) (cons (f seed) acc)))))))

    (define iunfold-right
      (case-lambda
        ((p f g seed) (iunfold-right p f g seed '()))
        ((p f g seed tail)
         (let loop ((seed seed) (acc tail))
           (if (p seed) acc (loop (g seed) (ipair (f seed) acc)))))))

    (define imap
      (case-lambda
        ((proc il)
         (let loop ((x il) (acc '()))
           (if (ipair? x) (loop (%icdr x) (cons (proc (%icar x)) acc)) (%reverse-onto acc '()))))
        ((proc il . ils)
         (let loop ((ils (cons il ils)) (acc '()))
           (let ((cars (%icars ils)))
             (if cars (loop (%icdrs ils) (cons (apply proc cars) acc)) (%reverse-onto acc '())))))))

    (define imap-in-order imap)

    (define ifor-each
      (case-lambda
        ((proc il)
         (let loop ((x il))
           (if (ipair? x) (begin (proc (%icar x)) (loop (%icdr x))))))
        ((proc il . ils)
         (let loop ((ils (cons il ils)))
           (let ((cars (%icars ils)))
             (if cars (begin (apply proc cars) (loop (%icdrs ils)))))))))

    (define (iappend-map f il . ils)
      (iconcatenate (apply imap f il ils)))

    (define (ipair-for-each f il . ils)
      (let loop ((ils (cons il ils)))
        (if (%all-ipairs? ils)
            (let ((next (%icdrs ils)))
              (apply f ils)
              (loop next)))))

    (define (ifilter-map f il . ils)
      (let loop ((ils (cons il ils)) (acc '()))
        (let ((cars (%icars ils)))
          (if cars
              (let ((v (apply f cars))) (loop (%icdrs ils) (if v (cons v acc) acc)))
              (%reverse-onto acc '())))))

    ;; ---- filtering and partitioning ----------------------------------------------------

    (define (ipartition pred il)
      (let loop ((x il) (in '()) (out '()))
        (if (ipair? x)
            (let ((e (%icar x)))
              (if (pred e) (loop (%icdr x) (cons e in) out) (loop (%icdr x) in (cons e out))))
            (values (%reverse-onto in '()) (%reverse-onto out '())))))

    (define (ifilter pred il) (let-values (((in out) (ipartition pred il))) in))
    (define (iremove pred il) (let-values (((in out) (ipartition pred il))) out))

    ;; ---- searching ---------------------------------------------------------------------

    (define (ifind-tail pred il)
      (let loop ((x il))
        (cond ((not (ipair? x)) #f)
              ((pred (%icar x)) x)
              (else (loop (%icdr x))))))

    (define (ifind pred il)
      (let ((tail (ifind-tail pred il))) (and tail (%icar tail))))

    (define imember
      (case-lambda
        ((x il) (imember x il equal?))
        ((x il =) (ifind-tail (lambda (e) (= x e)) il))))
    (define (imemq x il) (imember x il eq?))
    (define (imemv x il) (imember x il eqv?))

    (define (ispan pred il)
      (let loop ((x il) (acc '()))
        (if (and (ipair? x) (pred (%icar x)))
            (loop (%icdr x) (cons (%icar x) acc))
            (values (%reverse-onto acc '()) x))))

    (define (ibreak pred il) (ispan (lambda (e) (not (pred e))) il))
    (define (itake-while pred il) (let-values (((head tail) (ispan pred il))) head))
    (define (idrop-while pred il)
      (let loop ((x il))
        (if (and (ipair? x) (pred (%icar x))) (loop (%icdr x)) x)))

    (define (iany pred il . ils)
      (let loop ((ils (cons il ils)))
        (let ((cars (%icars ils)))
          (and cars (or (apply pred cars) (loop (%icdrs ils)))))))

    (define (ievery pred il . ils)
      (let loop ((ils (cons il ils)) (last #t))
        (let ((cars (%icars ils)))
          (if cars
              (let ((r (apply pred cars))) (and r (loop (%icdrs ils) r)))
              last))))

    (define (ilist-index pred il . ils)
      (let loop ((ils (cons il ils)) (i 0))
        (let ((cars (%icars ils)))
          (cond ((not cars) #f)
                ((apply pred cars) i)
                (else (loop (%icdrs ils) (+ i 1)))))))

    ;; ---- deleting ----------------------------------------------------------------------

    (define idelete
      (case-lambda
        ((x il) (idelete x il equal?))
        ((x il =) (iremove (lambda (e) (= x e)) il))))

    (define idelete-duplicates
      (case-lambda
        ((il) (idelete-duplicates il equal?))
        ((il =)
         (let loop ((x il) (kept '()))
           (if (ipair? x)
               (let ((e (%icar x)))
                 (loop (%icdr x)
                       (if (let seen ((k kept)) (and (pair? k) (or (= (car k) e) (seen (cdr k)))))
                           kept
                           (cons e kept))))
               (%reverse-onto kept '()))))))

    ;; ---- immutable association lists ---------------------------------------------------

    (define iassoc
      (case-lambda
        ((key ial) (iassoc key ial equal?))
        ((key ial =) (ifind (lambda (entry) (= key (icar entry))) ial))))
    (define (iassq key ial) (iassoc key ial eq?))
    (define (iassv key ial) (iassoc key ial eqv?))

    (define (ialist-cons key datum ial) (ipair (ipair key datum) ial))

    (define ialist-delete
      (case-lambda
        ((key ial) (ialist-delete key ial equal?))
        ((key ial =) (iremove (lambda (entry) (= key (icar entry))) ial))))

    ;; ---- replacement -------------------------------------------------------------------

    (define (replace-icar p x) (ipair x (icdr p)))
    (define (replace-icdr p x) (ipair (icar p) x))

    ;; ---- conversion --------------------------------------------------------------------

    (define (pair->ipair p) (ipair (car p) (cdr p)))
    (define (ipair->pair p) (cons (icar p) (icdr p)))

    ;; The spine of a (possibly dotted) list or ilist, converted.
    (define (list->ilist lis)
      (let loop ((x lis) (acc '()))
        (if (pair? x) (loop (cdr x) (cons (car x) acc)) (%reverse-onto acc x))))

    (define (ilist->list il)
      (let loop ((x il) (acc '()))
        (if (ipair? x)
            (loop (%icdr x) (cons (%icar x) acc))
            (let build ((acc acc) (result x))
              (if (null? acc) result (build (cdr acc) (cons (car acc) result)))))))

    ;; Every pair of a tree (cars and cdrs) converted; the spine iteratively.
    (define (%convert-tree x pair-like? kar kdr make)
      (if (pair-like? x)
          (let loop ((x x) (acc '()))
            (if (pair-like? x)
                (loop (kdr x) (cons (%convert-tree (kar x) pair-like? kar kdr make) acc))
                (let build ((acc acc) (result x))
                  (if (null? acc) result (build (cdr acc) (make (car acc) result))))))
          x))

    (define (tree->itree x) (%convert-tree x pair? car cdr ipair))
    (define (itree->tree x) (%convert-tree x ipair? %icar %icdr cons))
    (define (%any-pair? x) (or (pair? x) (ipair? x)))
    (define (%any-car x) (if (pair? x) (car x) (%icar x)))
    (define (%any-cdr x) (if (pair? x) (cdr x) (%icdr x)))
    (define (gtree->itree x) (%convert-tree x %any-pair? %any-car %any-cdr ipair))
    (define (gtree->tree x) (%convert-tree x %any-pair? %any-car %any-cdr cons))

    ;; ---- procedure application and quotation -------------------------------------------

    (define (iapply proc . args)
      (let loop ((args args) (acc '()))
        (if (null? (cdr args))
            (apply proc (append (reverse acc) (ilist->list (car args))))
            (loop (cdr args) (cons (car args) acc)))))

    (define-syntax iq
      (syntax-rules ()
        ((_ datum ...) (tree->itree '(datum ...))))))
  ;; The comparators are SRFI 128 comparators: they are there whenever (srfi 128) is.
  (cond-expand
   ((library (srfi 128))
    (include-library-declarations "116-comparator-exports.scm")
    (import (srfi 128))
    (include "116-comparators.scm"))
   (else)))
