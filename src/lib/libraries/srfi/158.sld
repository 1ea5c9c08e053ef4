;;; (srfi 158): generators and accumulators. Also (scheme generator).
;;;
;;; A generator is any thunk that returns the end-of-file object once exhausted; an accumulator
;;; any one-argument procedure that returns its state when given the end-of-file object. Neither
;;; is a distinct type, so everything here is a plain closure over a little mutable state.
;;;
;;; Everything is Scheme: every procedure either calls back into Scheme or is a few closure
;;; steps. make-coroutine-generator uses call/cc, which Kiln's segmented stacks make cheap
;;; (the technique is the one of the SRFI's sample implementation by Thomas Gilray). Iota and
;;; range values are computed as start + i*step rather than by repeated addition, so inexact
;;; sequences do not drift.
(define-library (srfi 158)
  (include-library-declarations "158-exports.scm")
  (import (scheme base) (scheme case-lambda))
  (begin

    (define eof (eof-object))

    ;; ---- generator constructors --------------------------------------------------------

    (define (generator . args) (list->generator args))

    (define (circular-generator . args)
      (if (null? args) (error "circular-generator: expected at least one value"))
      (let ((rest args))
        (lambda ()
          (if (null? rest) (set! rest args))
          (let ((v (car rest)))
            (set! rest (cdr rest))
            v))))

    ;; The value at index i of a numeric sequence: exact when start and step are.
    (define (%sequence-value start step i)
      (let ((v (+ start (* i step))))
        (if (and (exact? start) (exact? step)) v (inexact v))))

    (define make-iota-generator
      (case-lambda
        ((count) (make-iota-generator count 0 1))
        ((count start) (make-iota-generator count start 1))
        ((count start step)
         ;; a count of +inf.0 makes an infinite generator (SRFI 127's examples use one)
         (if (not (and (real? count) (>= count 0)))
             (error "make-iota-generator: expected a non-negative count" count))
         (let ((i 0))
           (lambda ()
             (if (>= i count)
                 eof
                 (let ((v (%sequence-value start step i)))
                   (set! i (+ i 1))
                   v)))))))

    (define make-range-generator
      (case-lambda
        ((start) (make-range-generator start +inf.0 1))
        ((start end) (make-range-generator start end 1))
        ((start end step)
         (let ((i 0))
           (lambda ()
             (let ((v (%sequence-value start step i)))
               (if (if (negative? step) (<= v end) (>= v end))
                   eof
                   (begin (set! i (+ i 1)) v))))))))

    (define (make-coroutine-generator proc)
      (define return #f)
      (define resume #f)
      (define (yield v) (call/cc (lambda (k) (set! resume k) (return v))))
      (define (finished) (set! resume (lambda (ignored) (return eof))) (return eof))
      (lambda ()
        (call/cc
         (lambda (k)
           (set! return k)
           (if resume
               (resume #f)
               (begin (proc yield) (finished)))))))

    (define (list->generator lis)
      (lambda ()
        (if (null? lis)
            eof
            (let ((v (car lis)))
              (set! lis (cdr lis))
              v))))

    ;; A generator over the indices [start, end) of an indexed sequence, forwards.
    (define (%indexed-generator who ref len)
      (define make
        (case-lambda
          ((seq) (%indexed seq ref 0 (len seq)))
          ((seq start) (make seq start (len seq)))
          ((seq start end)
           (if (not (<= 0 start end (len seq)))
               (error (string-append who ": bad range") start end))
           (%indexed seq ref start end))))
      make)
    (define (%indexed seq ref start end)
      (let ((i start))
        (lambda ()
          (if (>= i end)
              eof
              (let ((v (ref seq i)))
                (set! i (+ i 1))
                v)))))

    (define vector->generator (%indexed-generator "vector->generator" vector-ref vector-length))
    (define string->generator (%indexed-generator "string->generator" string-ref string-length))
    (define bytevector->generator
      (%indexed-generator "bytevector->generator" bytevector-u8-ref bytevector-length))

    (define reverse-vector->generator
      (case-lambda
        ((vec) (reverse-vector->generator vec 0 (vector-length vec)))
        ((vec start) (reverse-vector->generator vec start (vector-length vec)))
        ((vec start end)
         (if (not (<= 0 start end (vector-length vec)))
             (error "reverse-vector->generator: bad range" start end))
         (let ((i end))
           (lambda ()
             (if (<= i start)
                 eof
                 (begin (set! i (- i 1)) (vector-ref vec i))))))))

    (define (make-for-each-generator for-each obj)
      (make-coroutine-generator (lambda (yield) (for-each yield obj))))

    (define (make-unfold-generator stop? mapper successor seed)
      (lambda ()
        (if (stop? seed)
            eof
            (let ((v (mapper seed)))
              (set! seed (successor seed))
              v))))

    ;; ---- generator operations ----------------------------------------------------------

    (define (gcons* . args)
      (if (null? args) (error "gcons*: expected a generator"))
      (let ((items '()) (gen #f))
        ;; split the arguments into the items and the final generator
        (let loop ((a args) (acc '()))
          (if (null? (cdr a))
              (begin (set! items (reverse acc)) (set! gen (car a)))
              (loop (cdr a) (cons (car a) acc))))
        (lambda ()
          (if (null? items)
              (gen)
              (let ((v (car items)))
                (set! items (cdr items))
                v)))))

    (define (gappend . gens)
      (lambda ()
        (let loop ()
          (if (null? gens)
              eof
              (let ((v ((car gens))))
                (if (eof-object? v)
                    (begin (set! gens (cdr gens)) (loop))
                    v))))))

    (define (gflatten gen)
      (let ((items '()))
        (lambda ()
          (let loop ()
            (if (pair? items)
                (let ((v (car items)))
                  (set! items (cdr items))
                  v)
                (let ((next (gen)))
                  (if (eof-object? next)
                      eof
                      (begin (set! items next) (loop)))))))))

    (define ggroup
      (case-lambda
        ((gen k) (%ggroup gen k #f #f))
        ((gen k padding) (%ggroup gen k #t padding))))
    (define (%ggroup gen k pad? padding)
      (lambda ()
        (let ((items (generator->list gen k)))
          (cond ((null? items) eof)
                ((and pad? (< (length items) k))
                 (append items (make-list (- k (length items)) padding)))
                (else items)))))

    (define (gmerge less-than . gens)
      (cond ((null? gens) (lambda () eof))
            ((null? (cdr gens)) (car gens))
            (else
             (let loop ((merged (car gens)) (rest (cdr gens)))
               (if (null? rest)
                   merged
                   (loop (%gmerge2 less-than merged (car rest)) (cdr rest)))))))
    ;; Two-way merge with one item of lookahead on each side; ties go to the left generator.
    (define (%gmerge2 less-than left right)
      (define none (list 'none))
      (let ((a none) (b none))
        (lambda ()
          (if (eq? a none) (set! a (left)))
          (if (eq? b none) (set! b (right)))
          (cond ((and (eof-object? a) (eof-object? b)) eof)
                ((or (eof-object? b) (and (not (eof-object? a)) (not (less-than b a))))
                 (let ((v a)) (set! a none) v))
                (else (let ((v b)) (set! b none) v))))))

    ;; The next value of each generator, or #f when one of them is exhausted.
    (define (%next-values gens)
      (let loop ((gs gens) (acc '()))
        (if (null? gs)
            (reverse acc)
            (let ((v ((car gs))))
              (if (eof-object? v) #f (loop (cdr gs) (cons v acc)))))))

    (define gmap
      (case-lambda
        ((proc gen)
         (lambda ()
           (let ((v (gen)))
             (if (eof-object? v) eof (proc v)))))
        ((proc . gens)
         (lambda ()
           (let ((vs (%next-values gens)))
             (if vs (apply proc vs) eof))))))

    (define (gcombine proc seed . gens)
      (lambda ()
        (let ((vs (%next-values gens)))
          (if vs
              (call-with-values (lambda () (apply proc (append vs (list seed))))
                (lambda (value next-seed)
                  (set! seed next-seed)
                  value))
              eof))))

    (define (gfilter pred gen)
      (lambda ()
        (let loop ()
          (let ((v (gen)))
            (if (or (eof-object? v) (pred v)) v (loop))))))

    (define (gremove pred gen) (gfilter (lambda (v) (not (pred v))) gen))

    (define (gstate-filter proc seed gen)
      (lambda ()
        (let loop ()
          (let ((v (gen)))
            (if (eof-object? v)
                v
                (call-with-values (lambda () (proc v seed))
                  (lambda (keep? next-seed)
                    (set! seed next-seed)
                    (if keep? v (loop)))))))))

    (define gtake
      (case-lambda
        ((gen k) (%gtake gen k #f #f))
        ((gen k padding) (%gtake gen k #t padding))))
    (define (%gtake gen k pad? padding)
      (let ((taken 0) (exhausted #f))
        (lambda ()
          (if (>= taken k)
              eof
              (let ((v (if exhausted eof (gen))))
                (cond ((not (eof-object? v)) (set! taken (+ taken 1)) v)
                      (pad? (set! exhausted #t) (set! taken (+ taken 1)) padding)
                      (else v)))))))

    (define (gdrop gen k)
      (lambda ()
        (let loop ()
          (if (> k 0)
              (begin (set! k (- k 1)) (if (eof-object? (gen)) (set! k 0)) (loop))
              (gen)))))

    (define (gtake-while pred gen)
      (let ((done #f))
        (lambda ()
          (if done
              eof
              (let ((v (gen)))
                (if (or (eof-object? v) (not (pred v)))
                    (begin (set! done #t) eof)
                    v))))))

    (define (gdrop-while pred gen)
      (let ((dropping #t))
        (lambda ()
          (if dropping
              (let loop ()
                (let ((v (gen)))
                  (if (and (not (eof-object? v)) (pred v))
                      (loop)
                      (begin (set! dropping #f) v))))
              (gen)))))

    (define gdelete
      (case-lambda
        ((item gen) (gdelete item gen equal?))
        ((item gen =) (gremove (lambda (v) (= item v)) gen))))

    (define gdelete-neighbor-dups
      (case-lambda
        ((gen) (gdelete-neighbor-dups gen equal?))
        ((gen =)
         (let ((first #t) (prev #f))
           (lambda ()
             (let loop ()
               (let ((v (gen)))
                 (cond ((eof-object? v) v)
                       ((and (not first) (= prev v)) (loop))
                       (else (set! first #f) (set! prev v) v)))))))))

    (define (gindex value-gen index-gen)
      (let ((position 0))
        (lambda ()
          (let ((target (index-gen)))
            (if (eof-object? target)
                eof
                (let loop ()
                  (let ((v (value-gen)))
                    (cond ((eof-object? v) v)
                          ((= position target) (set! position (+ position 1)) v)
                          ((> position target)
                           (error "gindex: indices must be strictly increasing" target))
                          (else (set! position (+ position 1)) (loop))))))))))

    (define (gselect value-gen truth-gen)
      (lambda ()
        (let loop ()
          (let ((v (value-gen)) (keep? (truth-gen)))
            (cond ((or (eof-object? v) (eof-object? keep?)) eof)
                  (keep? v)
                  (else (loop)))))))

    ;; ---- consuming generated values ----------------------------------------------------

    (define generator->reverse-list
      (case-lambda
        ((gen)
         (let loop ((acc '()))
           (let ((v (gen)))
             (if (eof-object? v) acc (loop (cons v acc))))))
        ((gen k)
         (if (not (and (integer? k) (>= k 0)))
             (error "generator->list: expected a non-negative integer count" k))
         (let loop ((acc '()) (n 0))
           (if (>= n k)
               acc
               (let ((v (gen)))
                 (if (eof-object? v) acc (loop (cons v acc) (+ n 1)))))))))

    (define generator->list
      (case-lambda
        ((gen) (reverse (generator->reverse-list gen)))
        ((gen k) (reverse (generator->reverse-list gen k)))))

    (define generator->vector
      (case-lambda
        ((gen) (list->vector (generator->list gen)))
        ((gen k) (list->vector (generator->list gen k)))))

    (define (generator->vector! vec at gen)
      (let loop ((i at))
        (if (>= i (vector-length vec))
            (- i at)
            (let ((v (gen)))
              (if (eof-object? v)
                  (- i at)
                  (begin (vector-set! vec i v) (loop (+ i 1))))))))

    (define generator->string
      (case-lambda
        ((gen) (list->string (generator->list gen)))
        ((gen k) (list->string (generator->list gen k)))))

    (define generator-fold
      (case-lambda
        ((proc seed gen)
         (let loop ((acc seed))
           (let ((v (gen)))
             (if (eof-object? v) acc (loop (proc v acc))))))
        ((proc seed . gens)
         (let loop ((acc seed))
           (let ((vs (%next-values gens)))
             (if vs (loop (apply proc (append vs (list acc)))) acc))))))

    (define generator-for-each
      (case-lambda
        ((proc gen)
         (let loop ()
           (let ((v (gen)))
             (if (not (eof-object? v)) (begin (proc v) (loop))))))
        ((proc . gens)
         (let loop ()
           (let ((vs (%next-values gens)))
             (if vs (begin (apply proc vs) (loop))))))))

    (define (generator-map->list proc . gens)
      (generator->list (apply gmap proc gens)))

    (define (generator-find pred gen)
      (let loop ()
        (let ((v (gen)))
          (cond ((eof-object? v) #f)
                ((pred v) v)
                (else (loop))))))

    (define (generator-count pred gen)
      (let loop ((n 0))
        (let ((v (gen)))
          (cond ((eof-object? v) n)
                ((pred v) (loop (+ n 1)))
                (else (loop n))))))

    (define (generator-any pred gen)
      (let loop ()
        (let ((v (gen)))
          (if (eof-object? v)
              #f
              (or (pred v) (loop))))))

    (define (generator-every pred gen)
      (let loop ((last #t))
        (let ((v (gen)))
          (if (eof-object? v)
              last
              (let ((r (pred v)))
                (if r (loop r) #f))))))

    (define (generator-unfold gen unfold . args)
      (apply unfold eof-object? (lambda (x) x) (lambda (x) (gen)) (gen) args))

    ;; ---- accumulators ------------------------------------------------------------------

    (define (make-accumulator kons knil finalizer)
      (let ((state knil))
        (lambda (obj)
          (if (eof-object? obj)
              (finalizer state)
              (set! state (kons obj state))))))

    (define (count-accumulator) (make-accumulator (lambda (obj n) (+ n 1)) 0 (lambda (n) n)))
    (define (list-accumulator) (make-accumulator cons '() reverse))
    (define (reverse-list-accumulator) (make-accumulator cons '() (lambda (l) l)))
    (define (vector-accumulator)
      (make-accumulator cons '() (lambda (l) (list->vector (reverse l)))))
    (define (reverse-vector-accumulator) (make-accumulator cons '() list->vector))
    (define (string-accumulator)
      (make-accumulator cons '() (lambda (l) (list->string (reverse l)))))
    (define (bytevector-accumulator)
      (make-accumulator cons '() (lambda (l) (%list->bytevector (reverse l)))))
    (define (%list->bytevector l)
      (let ((bv (make-bytevector (length l))))
        (let loop ((l l) (i 0))
          (if (null? l) bv (begin (bytevector-u8-set! bv i (car l)) (loop (cdr l) (+ i 1)))))))
    (define (sum-accumulator) (make-accumulator + 0 (lambda (x) x)))
    (define (product-accumulator) (make-accumulator * 1 (lambda (x) x)))

    (define (vector-accumulator! vec at)
      (lambda (obj)
        (if (eof-object? obj)
            vec
            (begin (vector-set! vec at obj) (set! at (+ at 1))))))

    (define (bytevector-accumulator! bv at)
      (lambda (obj)
        (if (eof-object? obj)
            bv
            (begin (bytevector-u8-set! bv at obj) (set! at (+ at 1))))))))
