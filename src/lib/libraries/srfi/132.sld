;;; (srfi 132): sort libraries, also (scheme sort).
;;;
;;; Written in Scheme, so the ordering procedure is called by ordinary Scheme calls: call/cc,
;;; tail calls and errors work through a sort in every tier (DESIGN.md: procedures that call
;;; back into Scheme are not opaque host frames). The one exception is a sort by one of
;;; Scheme's comparison primitives (<, >, string<?, string>?, char<?, char>?) over elements of
;;; the plain kind it compares: that calls no Scheme procedure, and runs in JavaScript
;;; (src/lib/srfi-132.ts), measured 5-10 times faster than the Scheme merge sort under the JIT.
;;;
;;; Every sort is one stable merge sort on a vector: top-down, insertion sort below 16
;;; elements, runs that are already in order are not merged, and each merge copies only the
;;; left half out to a scratch vector. Lists are sorted through a vector. The unstable sorts
;;; are the stable ones (SRFI 132 allows it). Selection (vector-select!, vector-separate!,
;;; the medians) is quickselect with a three-way partition around a median-of-three pivot, so
;;; runs of equal elements cost nothing extra. The ordering is always called as (< x y); the
;;; list procedures are iterative, so lists of any length run in constant stack.
(define-library (srfi 132)
  (include-library-declarations "132-exports.scm")
  (import (scheme base))
  (begin

    ;; ---- arguments ---------------------------------------------------------------------

    (define (%check-procedure who p)
      (if (not (procedure? p)) (error (string-append who ": expected a procedure") p)))

    (define (%check-vector who v)
      (if (not (vector? v)) (error (string-append who ": expected a vector") v)))

    ;; The optional argument at index i of rest, or default.
    (define (%opt rest i default)
      (cond ((null? rest) default)
            ((= i 0) (car rest))
            (else (%opt (cdr rest) (- i 1) default))))

    ;; Checks lo <= start <= end <= hi for exact integers.
    (define (%check-range who start end hi)
      (if (not (and (exact-integer? start) (exact-integer? end)
                    (<= 0 start) (<= start end) (<= end hi)))
          (error (string-append who ": bad start/end range") start end)))

    ;; ---- the stable merge sort ---------------------------------------------------------

    (define (%insertion-sort! less? v lo hi)
      (let outer ((i (+ lo 1)))
        (when (< i hi)
          (let ((x (vector-ref v i)))
            (let inner ((j i))
              (if (and (> j lo) (less? x (vector-ref v (- j 1))))
                  (begin (vector-set! v j (vector-ref v (- j 1)))
                         (inner (- j 1)))
                  (vector-set! v j x))))
          (outer (+ i 1)))))

    ;; v[lo, mid) and v[mid, hi) are sorted; merge them in place through tmp. Ties go left.
    (define (%merge-halves! less? v lo mid hi tmp)
      (let ((n (- mid lo)))
        (vector-copy! tmp 0 v lo mid)
        (let loop ((i 0) (j mid) (k lo))
          (cond ((= i n))                      ; what is left of the right half is in place
                ((= j hi) (vector-copy! v k tmp i n))
                ((less? (vector-ref v j) (vector-ref tmp i))
                 (vector-set! v k (vector-ref v j))
                 (loop i (+ j 1) (+ k 1)))
                (else
                 (vector-set! v k (vector-ref tmp i))
                 (loop (+ i 1) j (+ k 1)))))))

    (define (%merge-sort! less? v lo hi tmp)
      (if (<= (- hi lo) 16)
          (%insertion-sort! less? v lo hi)
          (let ((mid (+ lo (quotient (- hi lo) 2))))
            (%merge-sort! less? v lo mid tmp)
            (%merge-sort! less? v mid hi tmp)
            (if (less? (vector-ref v mid) (vector-ref v (- mid 1)))
                (%merge-halves! less? v lo mid hi tmp)))))

    ;; Sorting by one of Scheme's comparison primitives, when every element is of the plain
    ;; kind it compares, runs in JavaScript (src/lib/srfi-132.ts): no Scheme procedure is
    ;; called, so nothing is hidden from call/cc. It answers #f when it cannot.
    (define (%primitive-sort! less? v lo hi)
      (cond ((eq? less? <) (%sort-fast! v lo hi 0 #f))
            ((eq? less? >) (%sort-fast! v lo hi 0 #t))
            ((eq? less? string<?) (%sort-fast! v lo hi 1 #f))
            ((eq? less? string>?) (%sort-fast! v lo hi 1 #t))
            ((eq? less? char<?) (%sort-fast! v lo hi 2 #f))
            ((eq? less? char>?) (%sort-fast! v lo hi 2 #t))
            (else #f)))

    (define (%sort-range! less? v lo hi)
      (if (and (> (- hi lo) 1) (not (%primitive-sort! less? v lo hi)))
          (%merge-sort! less? v lo hi (make-vector (quotient (+ (- hi lo) 1) 2)))))

    ;; ---- predicates --------------------------------------------------------------------

    (define (list-sorted? less? lis)
      (%check-procedure "list-sorted?" less?)
      (or (null? lis)
          (let loop ((prev (car lis)) (l (cdr lis)))
            (or (null? l)
                (and (not (less? (car l) prev)) (loop (car l) (cdr l)))))))

    (define (vector-sorted? less? v . range)
      (%check-procedure "vector-sorted?" less?)
      (%check-vector "vector-sorted?" v)
      (let ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range "vector-sorted?" start end (vector-length v))
        (let loop ((i (+ start 1)))
          (or (>= i end)
              (and (not (less? (vector-ref v i) (vector-ref v (- i 1)))) (loop (+ i 1)))))))

    ;; ---- sorting -----------------------------------------------------------------------

    (define (list-stable-sort less? lis)
      (%check-procedure "list-sort" less?)
      (let ((v (list->vector lis)))
        (%sort-range! less? v 0 (vector-length v))
        (vector->list v)))

    (define list-sort list-stable-sort)
    (define list-sort! list-stable-sort)
    (define list-stable-sort! list-stable-sort)

    (define (vector-stable-sort less? v . range)
      (%check-procedure "vector-sort" less?)
      (%check-vector "vector-sort" v)
      (let ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range "vector-sort" start end (vector-length v))
        (let ((copy (vector-copy v start end)))
          (%sort-range! less? copy 0 (- end start))
          copy)))

    (define vector-sort vector-stable-sort)

    (define (vector-stable-sort! less? v . range)
      (%check-procedure "vector-sort!" less?)
      (%check-vector "vector-sort!" v)
      (let ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range "vector-sort!" start end (vector-length v))
        (%sort-range! less? v start end)))

    (define vector-sort! vector-stable-sort!)

    ;; ---- merging -----------------------------------------------------------------------

    ;; Elements of lis1 come before equal elements of lis2; the result shares the tail of
    ;; whichever list is left over.
    (define (list-merge less? lis1 lis2)
      (%check-procedure "list-merge" less?)
      (let loop ((a lis1) (b lis2) (acc '()))
        (cond ((null? a) (append-reverse acc b))
              ((null? b) (append-reverse acc a))
              ((less? (car b) (car a)) (loop a (cdr b) (cons (car b) acc)))
              (else (loop (cdr a) b (cons (car a) acc))))))

    (define (append-reverse rev tail)
      (if (null? rev) tail (append-reverse (cdr rev) (cons (car rev) tail))))

    ;; The same merge relinking the cells of its arguments with set-cdr!.
    (define (list-merge! less? lis1 lis2)
      (%check-procedure "list-merge!" less?)
      (cond ((null? lis1) lis2)
            ((null? lis2) lis1)
            (else
             (let* ((take-b? (less? (car lis2) (car lis1)))
                    (head (if take-b? lis2 lis1)))
               (let loop ((last head)
                          (a (if take-b? lis1 (cdr lis1)))
                          (b (if take-b? (cdr lis2) lis2)))
                 (cond ((null? a) (set-cdr! last b))
                       ((null? b) (set-cdr! last a))
                       ((less? (car b) (car a))
                        (set-cdr! last b)
                        (loop b a (cdr b)))
                       (else
                        (set-cdr! last a)
                        (loop a (cdr a) b))))
               head))))

    (define (vector-merge less? v1 v2 . ranges)
      (%check-procedure "vector-merge" less?)
      (%check-vector "vector-merge" v1)
      (%check-vector "vector-merge" v2)
      (let* ((start1 (%opt ranges 0 0)) (end1 (%opt ranges 1 (vector-length v1)))
             (start2 (%opt ranges 2 0)) (end2 (%opt ranges 3 (vector-length v2)))
             (to (make-vector (+ (- end1 start1) (- end2 start2)))))
        (vector-merge! less? to v1 v2 0 start1 end1 start2 end2)
        to))

    (define (vector-merge! less? to v1 v2 . ranges)
      (%check-procedure "vector-merge!" less?)
      (for-each (lambda (v) (%check-vector "vector-merge!" v)) (list to v1 v2))
      (let ((start (%opt ranges 0 0))
            (start1 (%opt ranges 1 0)) (end1 (%opt ranges 2 (vector-length v1)))
            (start2 (%opt ranges 3 0)) (end2 (%opt ranges 4 (vector-length v2))))
        (%check-range "vector-merge!" start1 end1 (vector-length v1))
        (%check-range "vector-merge!" start2 end2 (vector-length v2))
        (%check-range "vector-merge!" start (+ start (- end1 start1) (- end2 start2)) (vector-length to))
        (let loop ((i start1) (j start2) (k start))
          (cond ((= i end1) (vector-copy! to k v2 j end2))
                ((= j end2) (vector-copy! to k v1 i end1))
                ((less? (vector-ref v2 j) (vector-ref v1 i))
                 (vector-set! to k (vector-ref v2 j))
                 (loop i (+ j 1) (+ k 1)))
                (else
                 (vector-set! to k (vector-ref v1 i))
                 (loop (+ i 1) j (+ k 1)))))))

    ;; ---- deleting neighbouring duplicates ----------------------------------------------

    ;; (same? x y) with x before y; the first of each run survives.
    (define (list-delete-neighbor-dups same? lis)
      (%check-procedure "list-delete-neighbor-dups" same?)
      (if (null? lis)
          '()
          (let loop ((prev (car lis)) (l (cdr lis)) (acc (list (car lis))))
            (cond ((null? l) (reverse acc))
                  ((same? prev (car l)) (loop prev (cdr l) acc))
                  (else (loop (car l) (cdr l) (cons (car l) acc)))))))

    (define (list-delete-neighbor-dups! same? lis)
      (%check-procedure "list-delete-neighbor-dups!" same?)
      (if (pair? lis)
          (let loop ((last lis) (l (cdr lis)))
            (cond ((null? l) (set-cdr! last '()))
                  ((same? (car last) (car l)) (loop last (cdr l)))
                  (else (set-cdr! last l) (loop l (cdr l))))))
      lis)

    ;; Packs the survivors of v[start, end) into v[start, new-end) and returns new-end.
    (define (vector-delete-neighbor-dups! same? v . range)
      (%check-procedure "vector-delete-neighbor-dups!" same?)
      (%check-vector "vector-delete-neighbor-dups!" v)
      (let ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range "vector-delete-neighbor-dups!" start end (vector-length v))
        (if (= start end)
            end
            (let loop ((kept start) (i (+ start 1)))
              (cond ((= i end) (+ kept 1))
                    ((same? (vector-ref v kept) (vector-ref v i)) (loop kept (+ i 1)))
                    (else (vector-set! v (+ kept 1) (vector-ref v i))
                          (loop (+ kept 1) (+ i 1))))))))

    (define (vector-delete-neighbor-dups same? v . range)
      (%check-vector "vector-delete-neighbor-dups" v)
      (let* ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range "vector-delete-neighbor-dups" start end (vector-length v))
        (let* ((copy (vector-copy v start end))
               (n (vector-delete-neighbor-dups! same? copy)))
          (vector-copy copy 0 n))))

    ;; ---- selection ---------------------------------------------------------------------

    (define (%swap! v i j)
      (let ((x (vector-ref v i)))
        (vector-set! v i (vector-ref v j))
        (vector-set! v j x)))

    (define (%median-of-three less? a b c)
      (if (less? a b)
          (cond ((less? b c) b) ((less? a c) c) (else a))
          (cond ((less? a c) a) ((less? b c) c) (else b))))

    ;; Rearranges v[lo, hi) so that v[k] holds the element a sort would put there, with no
    ;; greater element before it and no smaller one after it; returns v[k].
    (define (%select! less? v k lo hi)
      (let loop ((lo lo) (hi hi))
        (if (> (- hi lo) 1)
            (let ((pivot (%median-of-three less? (vector-ref v lo)
                                           (vector-ref v (+ lo (quotient (- hi lo) 2)))
                                           (vector-ref v (- hi 1)))))
              ;; three-way partition: [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot
              (let partition ((lt lo) (i lo) (gt hi))
                (if (< i gt)
                    (let ((x (vector-ref v i)))
                      (cond ((less? x pivot) (%swap! v lt i) (partition (+ lt 1) (+ i 1) gt))
                            ((less? pivot x) (%swap! v i (- gt 1)) (partition lt i (- gt 1)))
                            (else (partition lt (+ i 1) gt))))
                    (cond ((< k lt) (loop lo lt))
                          ((>= k gt) (loop gt hi))))))))
      (vector-ref v k))

    (define (%select-args who less? v k range)
      (%check-procedure who less?)
      (%check-vector who v)
      (let ((start (%opt range 0 0)) (end (%opt range 1 (vector-length v))))
        (%check-range who start end (vector-length v))
        (if (not (and (exact-integer? k) (<= 0 k) (<= k (- end start))))
            (error (string-append who ": index out of range") k))
        (values start end)))

    ;; The k-th smallest (from 0) element of v[start, end).
    (define (vector-select! less? v k . range)
      (let-values (((start end) (%select-args "vector-select!" less? v k range)))
        (if (= k (- end start)) (error "vector-select!: index out of range" k))
        (%select! less? v (+ start k) start end)))

    ;; Moves the k smallest elements of v[start, end) to its first k positions.
    (define (vector-separate! less? v k . range)
      (let-values (((start end) (%select-args "vector-separate!" less? v k range)))
        (if (< 0 k (- end start))
            (%select! less? v (+ start k) start end))
        (if #f #f)))

    (define (%default-mean a b) (/ (+ a b) 2))

    (define (%median-of less? v knil mean sorted?)
      (let ((n (vector-length v)))
        (cond ((= n 0) knil)
              ((odd? n)
               (if sorted? (vector-ref v (quotient n 2)) (%select! less? v (quotient n 2) 0 n)))
              (sorted? (mean (vector-ref v (- (quotient n 2) 1)) (vector-ref v (quotient n 2))))
              (else
               ;; the upper middle, then the greatest of the lower half below it
               (let* ((upper (%select! less? v (quotient n 2) 0 n))
                      (lower (let loop ((i 1) (best (vector-ref v 0)))
                               (cond ((= i (quotient n 2)) best)
                                     ((less? best (vector-ref v i)) (loop (+ i 1) (vector-ref v i)))
                                     (else (loop (+ i 1) best))))))
                 (mean lower upper))))))

    (define (vector-find-median less? v knil . mean)
      (%check-procedure "vector-find-median" less?)
      (%check-vector "vector-find-median" v)
      (%median-of less? (vector-copy v) knil (%opt mean 0 %default-mean) #f))

    ;; Leaves v sorted.
    (define (vector-find-median! less? v knil . mean)
      (vector-sort! less? v)
      (%median-of less? v knil (%opt mean 0 %default-mean) #t))))
