;;; lists.scm -- the standard procedures that call back a Scheme procedure (R7RS 6.4, 6.10):
;;;
;;;   map for-each                      (one or more lists; stop at the shortest)
;;;   vector-map vector-for-each        (one or more vectors; stop at the shortest)
;;;   string-map string-for-each        (one or more strings; stop at the shortest)
;;;   member assoc                      (optional third argument: the comparison)
;;;
;;; Loaded into the global environment at startup, after the primitives.  They are written in
;;; Scheme, not in the host, so that a continuation captured inside the procedure argument
;;; captures these loops too, and the VM's tail calls and deep stacks apply.
;;;
;;; Invariants: every loop is a tail call, so a list of any length runs in constant stack;
;;; results are accumulated in reverse and then reversed (or converted) into a fresh object,
;;; never mutated after the fact, so a result returned earlier is not changed when a
;;; continuation re-enters the loop (R7RS 6.10, map).  The one- and two-list cases have their
;;; own clauses, which allocate no argument lists.  Names starting with %lists- are helpers.
;;; The 2-argument member and assoc are the host primitives %member and %assoc (lists.ts).

;; The cars of a list of lists, in order.
(define (%lists-cars ls)
  (let loop ((ls ls) (acc '()))
    (if (pair? ls)
        (loop (cdr ls) (cons (car (car ls)) acc))
        (reverse acc))))

;; The cdrs of a list of lists, in order.
(define (%lists-cdrs ls)
  (let loop ((ls ls) (acc '()))
    (if (pair? ls)
        (loop (cdr ls) (cons (cdr (car ls)) acc))
        (reverse acc))))

;; True when every element of ls is a pair.
(define (%lists-all-pairs? ls)
  (let loop ((ls ls))
    (cond ((null? ls) #t)
          ((pair? (car ls)) (loop (cdr ls)))
          (else #f))))

;; Once some list ran out, at least one of them must have ended properly with '().
(define (%lists-check-end who ls)
  (let loop ((l ls))
    (cond ((null? l) (error (string-append who ": expected a list") ls))
          ((null? (car l)) #t)
          (else (loop (cdr l))))))

;; The smallest (len s) over the sequences seqs.
(define (%lists-min-length len seqs)
  (let loop ((s (cdr seqs)) (n (len (car seqs))))
    (if (pair? s)
        (let ((m (len (car s))))
          (loop (cdr s) (if (< m n) m n)))
        n)))

;; The list of (ref s i) for each sequence s of seqs.
(define (%lists-refs ref seqs i)
  (let loop ((s seqs) (acc '()))
    (if (pair? s)
        (loop (cdr s) (cons (ref (car s) i) acc))
        (reverse acc))))

;; map and for-each over one list loop in global procedures rather than named lets: no
;; closure is made per call (they are called with short lists in tight loops: deriv, interp).
(define (%map1 f x l acc)
  (cond ((pair? x) (%map1 f (cdr x) l (cons (f (car x)) acc)))
        ((null? x) (reverse acc))
        (else (error "map: expected a list" l))))

(define map
  (case-lambda
    ((f l) (%map1 f l l '()))
    ((f l1 l2)
     (let loop ((x1 l1) (x2 l2) (acc '()))
       (if (and (pair? x1) (pair? x2))
           (loop (cdr x1) (cdr x2) (cons (f (car x1) (car x2)) acc))
           (begin (%lists-check-end "map" (list x1 x2))
                  (reverse acc)))))
    ((f l1 . ls)
     (let loop ((xs (cons l1 ls)) (acc '()))
       (if (%lists-all-pairs? xs)
           (loop (%lists-cdrs xs) (cons (apply f (%lists-cars xs)) acc))
           (begin (%lists-check-end "map" xs)
                  (reverse acc)))))))

(define (%for-each1 f x l)
  (cond ((pair? x) (f (car x)) (%for-each1 f (cdr x) l))
        ((null? x) (if #f #f))
        (else (error "for-each: expected a list" l))))

(define for-each
  (case-lambda
    ((f l) (%for-each1 f l l))
    ((f l1 l2)
     (let loop ((x1 l1) (x2 l2))
       (if (and (pair? x1) (pair? x2))
           (begin (f (car x1) (car x2))
                  (loop (cdr x1) (cdr x2)))
           (begin (%lists-check-end "for-each" (list x1 x2))
                  (if #f #f)))))
    ((f l1 . ls)
     (let loop ((xs (cons l1 ls)))
       (if (%lists-all-pairs? xs)
           (begin (apply f (%lists-cars xs))
                  (loop (%lists-cdrs xs)))
           (begin (%lists-check-end "for-each" xs)
                  (if #f #f)))))))

(define vector-map
  (case-lambda
    ((f v)
     (let ((n (vector-length v)))
       (let loop ((i 0) (acc '()))
         (if (< i n)
             (loop (+ i 1) (cons (f (vector-ref v i)) acc))
             (list->vector (reverse acc))))))
    ((f v . vs)
     (let* ((all (cons v vs))
            (n (%lists-min-length vector-length all)))
       (let loop ((i 0) (acc '()))
         (if (< i n)
             (loop (+ i 1) (cons (apply f (%lists-refs vector-ref all i)) acc))
             (list->vector (reverse acc))))))))

(define vector-for-each
  (case-lambda
    ((f v)
     (let ((n (vector-length v)))
       (let loop ((i 0))
         (if (< i n)
             (begin (f (vector-ref v i))
                    (loop (+ i 1)))))))
    ((f v . vs)
     (let* ((all (cons v vs))
            (n (%lists-min-length vector-length all)))
       (let loop ((i 0))
         (if (< i n)
             (begin (apply f (%lists-refs vector-ref all i))
                    (loop (+ i 1)))))))))

(define string-map
  (case-lambda
    ((f s)
     (let ((n (string-length s)))
       (let loop ((i 0) (acc '()))
         (if (< i n)
             (loop (+ i 1) (cons (f (string-ref s i)) acc))
             (list->string (reverse acc))))))
    ((f s . ss)
     (let* ((all (cons s ss))
            (n (%lists-min-length string-length all)))
       (let loop ((i 0) (acc '()))
         (if (< i n)
             (loop (+ i 1) (cons (apply f (%lists-refs string-ref all i)) acc))
             (list->string (reverse acc))))))))

(define string-for-each
  (case-lambda
    ((f s)
     (let ((n (string-length s)))
       (let loop ((i 0))
         (if (< i n)
             (begin (f (string-ref s i))
                    (loop (+ i 1)))))))
    ((f s . ss)
     (let* ((all (cons s ss))
            (n (%lists-min-length string-length all)))
       (let loop ((i 0))
         (if (< i n)
             (begin (apply f (%lists-refs string-ref all i))
                    (loop (+ i 1)))))))))

(define member
  (case-lambda
    ((x l) (%member x l))
    ((x l same?)
     (let loop ((y l))
       (cond ((pair? y) (if (same? x (car y)) y (loop (cdr y))))
             ((null? y) #f)
             (else (error "member: expected a list" l)))))))

(define assoc
  (case-lambda
    ((x l) (%assoc x l))
    ((x l same?)
     (let loop ((y l))
       (cond ((pair? y)
              (let ((entry (car y)))
                (cond ((not (pair? entry)) (error "assoc: expected a pair" entry))
                      ((same? x (car entry)) entry)
                      (else (loop (cdr y))))))
             ((null? y) #f)
             (else (error "assoc: expected a list" l)))))))
