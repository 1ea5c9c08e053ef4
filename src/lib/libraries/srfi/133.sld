;;; (srfi 133): the vector library.
;;;
;;; The procedures R7RS already has (make-vector vector vector? vector-ref vector-set!
;;; vector-length vector-copy vector-copy! vector-append vector-fill! vector-map
;;; vector-for-each vector->list list->vector vector->string string->vector) are re-exported
;;; from (scheme base); the rest are defined here in Scheme, so the procedures they call back
;;; are ordinary Scheme calls (tail calls and continuations work through them).
;;;
;;; Procedures over several vectors stop at the end of the shortest one (vector= instead
;;; answers #f for vectors of different lengths). Optional [start [end]] arguments are checked
;;; like R7RS's: 0 <= start <= end <= length.
(define-library (srfi 133)
  (include-library-declarations "133-exports.scm")
  (import (scheme base) (scheme cxr))
  (begin

    ;; ---- helpers -----------------------------------------------------------------------

    ;; The length of the shortest of a non-empty list of vectors.
    (define (%min-length vecs)
      (let loop ((vs (cdr vecs)) (n (vector-length (car vecs))))
        (if (null? vs)
            n
            (loop (cdr vs) (min n (vector-length (car vs)))))))

    ;; The elements at index i of each vector, as a list.
    (define (%refs vecs i)
      (let loop ((vs vecs) (acc '()))
        (if (null? vs)
            (reverse acc)
            (loop (cdr vs) (cons (vector-ref (car vs) i) acc)))))

    ;; (values start end) from the optional arguments of a procedure over vec.
    (define (%range who vec opt)
      (let* ((len (vector-length vec))
             (start (if (pair? opt) (car opt) 0))
             (end (if (and (pair? opt) (pair? (cdr opt))) (cadr opt) len)))
        (if (not (and (exact-integer? start) (<= 0 start len)))
            (error (string-append who ": start index out of range") start))
        (if (not (and (exact-integer? end) (<= start end len)))
            (error (string-append who ": end index out of range") end))
        (values start end)))

    ;; ---- constructors ------------------------------------------------------------------

    ;; Store (f i seed ...) at i for i from start below end, stepping by step; f returns
    ;; the element and the next seeds.
    (define (%unfold-into! f vec start end step seeds)
      (let loop ((k (if (> step 0) start (- end 1))) (n (- end start)) (seeds seeds))
        (if (> n 0)
            (call-with-values (lambda () (apply f k seeds))
              (lambda (elt . next)
                (vector-set! vec k elt)
                (loop (+ k step) (- n 1) next))))))

    (define (vector-unfold f len . seeds)
      (let ((v (make-vector len)))
        (%unfold-into! f v 0 len 1 seeds)
        v))

    (define (vector-unfold-right f len . seeds)
      (let ((v (make-vector len)))
        (%unfold-into! f v 0 len -1 seeds)
        v))

    (define (vector-unfold! f vec start end . seeds)
      (%unfold-into! f vec start end 1 seeds))

    (define (vector-unfold-right! f vec start end . seeds)
      (%unfold-into! f vec start end -1 seeds))

    (define (vector-reverse-copy vec . opt)
      (let-values (((start end) (%range "vector-reverse-copy" vec opt)))
        (let ((v (make-vector (- end start))))
          (let loop ((i start) (j (- end start 1)))
            (when (< i end)
              (vector-set! v j (vector-ref vec i))
              (loop (+ i 1) (- j 1))))
          v)))

    (define (vector-concatenate vecs) (apply vector-append vecs))

    ;; (vector-append-subvectors vec1 start1 end1 vec2 start2 end2 ...)
    (define (vector-append-subvectors . args)
      (let loop ((a args) (total 0))
        (if (pair? a)
            (loop (cdddr a) (+ total (- (caddr a) (cadr a))))
            (let ((v (make-vector total)))
              (let fill ((a args) (at 0))
                (if (pair? a)
                    (let ((vec (car a)) (start (cadr a)) (end (caddr a)))
                      (vector-copy! v at vec start end)
                      (fill (cdddr a) (+ at (- end start))))
                    v))))))

    ;; ---- predicates --------------------------------------------------------------------

    (define (vector-empty? vec) (= (vector-length vec) 0))

    (define (vector= elt=? . vecs)
      (define (same? a b)
        (let ((n (vector-length a)))
          (and (= n (vector-length b))
               (let loop ((i 0))
                 (or (= i n)
                     (and (elt=? (vector-ref a i) (vector-ref b i))
                          (loop (+ i 1))))))))
      (let loop ((vs vecs))
        (or (null? vs)
            (null? (cdr vs))
            (and (same? (car vs) (cadr vs))
                 (loop (cdr vs))))))

    ;; ---- iteration ---------------------------------------------------------------------

    (define (vector-fold kons knil vec . vecs)
      (if (null? vecs)
          (let ((n (vector-length vec)))
            (let loop ((i 0) (acc knil))
              (if (< i n) (loop (+ i 1) (kons acc (vector-ref vec i))) acc)))
          (let* ((all (cons vec vecs)) (n (%min-length all)))
            (let loop ((i 0) (acc knil))
              (if (< i n) (loop (+ i 1) (apply kons acc (%refs all i))) acc)))))

    (define (vector-fold-right kons knil vec . vecs)
      (if (null? vecs)
          (let loop ((i (- (vector-length vec) 1)) (acc knil))
            (if (>= i 0) (loop (- i 1) (kons acc (vector-ref vec i))) acc))
          (let ((all (cons vec vecs)))
            (let loop ((i (- (%min-length all) 1)) (acc knil))
              (if (>= i 0) (loop (- i 1) (apply kons acc (%refs all i))) acc)))))

    (define (vector-map! f vec . vecs)
      (if (null? vecs)
          (let ((n (vector-length vec)))
            (let loop ((i 0))
              (when (< i n)
                (vector-set! vec i (f (vector-ref vec i)))
                (loop (+ i 1)))))
          (let* ((all (cons vec vecs)) (n (%min-length all)))
            (let loop ((i 0))
              (when (< i n)
                (vector-set! vec i (apply f (%refs all i)))
                (loop (+ i 1)))))))

    (define (vector-count pred? vec . vecs)
      (if (null? vecs)
          (vector-fold (lambda (n x) (if (pred? x) (+ n 1) n)) 0 vec)
          (apply vector-fold (lambda (n . xs) (if (apply pred? xs) (+ n 1) n)) 0 vec vecs)))

    (define (vector-cumulate f knil vec)
      (let* ((n (vector-length vec)) (v (make-vector n)))
        (let loop ((i 0) (acc knil))
          (if (< i n)
              (let ((x (f acc (vector-ref vec i))))
                (vector-set! v i x)
                (loop (+ i 1) x))
              v))))

    ;; ---- searching ---------------------------------------------------------------------

    ;; The first index from `from` stepping by step (within the shortest vector) whose
    ;; elements satisfy (want? (apply pred? elements)); #f if none.
    (define (%search pred? want? vecs right?)
      (let ((n (%min-length vecs)) (single? (null? (cdr vecs))))
        (let loop ((i (if right? (- n 1) 0)))
          (cond ((if right? (< i 0) (>= i n)) #f)
                ((want? (if single?
                            (pred? (vector-ref (car vecs) i))
                            (apply pred? (%refs vecs i))))
                 i)
                (else (loop (if right? (- i 1) (+ i 1))))))))

    (define (%true? x) (if x #t #f))

    (define (vector-index pred? vec . vecs) (%search pred? %true? (cons vec vecs) #f))
    (define (vector-index-right pred? vec . vecs) (%search pred? %true? (cons vec vecs) #t))
    (define (vector-skip pred? vec . vecs) (%search pred? not (cons vec vecs) #f))
    (define (vector-skip-right pred? vec . vecs) (%search pred? not (cons vec vecs) #t))

    ;; (cmp element value) is negative, zero or positive; the index of an element for which
    ;; it is zero, or #f. Optional start and end bound the search.
    (define (vector-binary-search vec value cmp . opt)
      (let-values (((start end) (%range "vector-binary-search" vec opt)))
        (let loop ((lo start) (hi end))
          (and (< lo hi)
               (let* ((mid (+ lo (quotient (- hi lo) 2)))
                      (c (cmp (vector-ref vec mid) value)))
                 (cond ((zero? c) mid)
                       ((negative? c) (loop (+ mid 1) hi))
                       (else (loop lo mid))))))))

    (define (vector-any pred? vec . vecs)
      (let* ((all (cons vec vecs)) (n (%min-length all)))
        (let loop ((i 0))
          (and (< i n)
               (or (apply pred? (%refs all i)) (loop (+ i 1)))))))

    ;; The value of pred? on the last elements (#t for empty vectors).
    (define (vector-every pred? vec . vecs)
      (let* ((all (cons vec vecs)) (n (%min-length all)))
        (let loop ((i 0) (last #t))
          (if (< i n)
              (let ((r (apply pred? (%refs all i))))
                (and r (loop (+ i 1) r)))
              last))))

    (define (vector-partition pred? vec)
      (let* ((n (vector-length vec))
             (flags (make-vector n #f))
             (yes (let loop ((i 0) (count 0))
                    (if (< i n)
                        (let ((ok (pred? (vector-ref vec i))))
                          (vector-set! flags i ok)
                          (loop (+ i 1) (if ok (+ count 1) count)))
                        count)))
             (v (make-vector n)))
        (let loop ((i 0) (in 0) (out yes))
          (when (< i n)
            (if (vector-ref flags i)
                (begin (vector-set! v in (vector-ref vec i)) (loop (+ i 1) (+ in 1) out))
                (begin (vector-set! v out (vector-ref vec i)) (loop (+ i 1) in (+ out 1))))))
        (values v yes)))

    ;; ---- mutators ----------------------------------------------------------------------

    (define (vector-swap! vec i j)
      (let ((x (vector-ref vec i)))
        (vector-set! vec i (vector-ref vec j))
        (vector-set! vec j x)))

    (define (vector-reverse! vec . opt)
      (let-values (((start end) (%range "vector-reverse!" vec opt)))
        (let loop ((i start) (j (- end 1)))
          (when (< i j)
            (vector-swap! vec i j)
            (loop (+ i 1) (- j 1))))))

    (define (vector-reverse-copy! to at from . opt)
      (let-values (((start end) (%range "vector-reverse-copy!" from opt)))
        (if (not (and (exact-integer? at) (<= 0 at) (<= (+ at (- end start)) (vector-length to))))
            (error "vector-reverse-copy!: destination index out of range" at))
        ;; Copy first, then reverse in place: right even when `to` and `from` overlap.
        (vector-copy! to at from start end)
        (vector-reverse! to at (+ at (- end start)))))

    ;; ---- conversion --------------------------------------------------------------------

    (define (reverse-vector->list vec . opt)
      (let-values (((start end) (%range "reverse-vector->list" vec opt)))
        (let loop ((i start) (acc '()))
          (if (< i end) (loop (+ i 1) (cons (vector-ref vec i) acc)) acc))))

    (define (reverse-list->vector l)
      (let* ((n (length l)) (v (make-vector n)))
        (let loop ((l l) (i (- n 1)))
          (if (pair? l)
              (begin (vector-set! v i (car l)) (loop (cdr l) (- i 1)))
              v))))))
