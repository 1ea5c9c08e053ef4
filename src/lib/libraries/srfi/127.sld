;;; (srfi 127): lazy sequences. Also (scheme lseq).
;;;
;;; An lseq is a list whose last cdr may be a generator (SRFI 158) that supplies the rest on
;;; demand; lseq-cdr calls it and splices the new pair in, so each element is generated once.
;;; The lazy operations (take, append, zip, map, filter, remove, take-while) are SRFI 158
;;; generator operations on lseq->generator, turned back into an lseq: the generator walks
;;; its lseq one step behind what it has returned, so it realizes no element before it is
;;; asked for.
(define-library (srfi 127)
  (include-library-declarations "127-exports.scm")
  (import (scheme base) (scheme case-lambda) (srfi 158))
  (begin

    (define (generator->lseq gen)
      (let ((v (gen)))
        (if (eof-object? v) '() (cons v gen))))

    (define (lseq? x)
      (let loop ((x x))
        (cond ((null? x) #t)
              ((pair? x) (loop (cdr x)))
              (else (procedure? x)))))

    (define (lseq-car lseq)
      (if (not (pair? lseq)) (error "lseq-car: empty or not an lseq" lseq))
      (car lseq))
    (define lseq-first lseq-car)

    (define (lseq-cdr lseq)
      (if (not (pair? lseq)) (error "lseq-cdr: empty or not an lseq" lseq))
      (let ((rest (cdr lseq)))
        (if (procedure? rest)
            (let ((v (rest)))
              (if (eof-object? v)
                  (begin (set-cdr! lseq '()) '())
                  (let ((p (cons v rest)))
                    (set-cdr! lseq p)
                    p)))
            rest)))
    (define lseq-rest lseq-cdr)

    (define (%check-index who i)
      (if (not (and (integer? i) (exact? i) (>= i 0)))
          (error (string-append who ": expected a non-negative exact integer") i)))

    (define (lseq-drop lseq i)
      (%check-index "lseq-drop" i)
      (let loop ((s lseq) (i i))
        (if (= i 0) s (loop (lseq-cdr s) (- i 1)))))

    (define (lseq-ref lseq i)
      (%check-index "lseq-ref" i)
      (lseq-car (lseq-drop lseq i)))

    ;; A bare generator counts as an lseq of no realized pairs (SRFI 127's own lseq-map
    ;; example passes one); it is realized here on first use.
    (define (lseq->generator lseq)
      (let ((s (if (procedure? lseq) (generator->lseq lseq) lseq)) (started #f))
        (lambda ()
          (if (null? s)
              (eof-object)
              (begin
                (if started (set! s (lseq-cdr s)) (set! started #t))
                (if (null? s) (eof-object) (car s)))))))

    (define (lseq-take lseq i)
      (%check-index "lseq-take" i)
      (generator->lseq (gtake (lseq->generator lseq) i)))

    (define (lseq-realize lseq)
      (let loop ((s lseq))
        (if (pair? s) (loop (lseq-cdr s))))
      lseq)

    (define (lseq-length lseq)
      (let loop ((s lseq) (n 0))
        (if (pair? s) (loop (lseq-cdr s) (+ n 1)) n)))

    (define (lseq=? elt=? a b)
      (let loop ((a a) (b b))
        (cond ((eq? a b) #t)
              ((null? a) (null? b))
              ((null? b) #f)
              (else (and (elt=? (car a) (car b)) (loop (lseq-cdr a) (lseq-cdr b)))))))

    (define (lseq-append . lseqs)
      (generator->lseq (apply gappend (map lseq->generator lseqs))))

    (define (lseq-zip lseq . lseqs)
      (apply lseq-map list lseq lseqs))

    (define (lseq-map proc lseq . lseqs)
      (generator->lseq (apply gmap proc (lseq->generator lseq) (map lseq->generator lseqs))))

    (define (lseq-filter pred lseq) (generator->lseq (gfilter pred (lseq->generator lseq))))
    (define (lseq-remove pred lseq) (generator->lseq (gremove pred (lseq->generator lseq))))

    (define (lseq-take-while pred lseq)
      (generator->lseq (gtake-while pred (lseq->generator lseq))))

    ;; The cars of the lseqs, or #f once one of them is empty; and their cdrs.
    (define (%cars lseqs)
      (let loop ((ls lseqs) (acc '()))
        (cond ((null? ls) (reverse acc))
              ((pair? (car ls)) (loop (cdr ls) (cons (car (car ls)) acc)))
              (else #f))))
    (define (%cdrs lseqs) (map lseq-cdr lseqs))

    (define (lseq-for-each proc lseq . lseqs)
      (if (null? lseqs)
          (let loop ((s lseq))
            (if (pair? s) (begin (proc (car s)) (loop (lseq-cdr s)))))
          (let loop ((ls (cons lseq lseqs)))
            (let ((cars (%cars ls)))
              (if cars (begin (apply proc cars) (loop (%cdrs ls))))))))

    (define (lseq-find-tail pred lseq)
      (let loop ((s lseq))
        (cond ((not (pair? s)) #f)
              ((pred (car s)) s)
              (else (loop (lseq-cdr s))))))

    (define (lseq-find pred lseq)
      (let ((tail (lseq-find-tail pred lseq)))
        (and tail (car tail))))

    (define (lseq-drop-while pred lseq)
      (let loop ((s lseq))
        (if (and (pair? s) (pred (car s))) (loop (lseq-cdr s)) s)))

    (define (lseq-any pred lseq . lseqs)
      (let loop ((ls (cons lseq lseqs)))
        (let ((cars (%cars ls)))
          (and cars (or (apply pred cars) (loop (%cdrs ls)))))))

    (define (lseq-every pred lseq . lseqs)
      (let loop ((ls (cons lseq lseqs)) (last #t))
        (let ((cars (%cars ls)))
          (if cars
              (let ((r (apply pred cars)))
                (and r (loop (%cdrs ls) r)))
              last))))

    (define (lseq-index pred lseq . lseqs)
      (let loop ((ls (cons lseq lseqs)) (i 0))
        (let ((cars (%cars ls)))
          (cond ((not cars) #f)
                ((apply pred cars) i)
                (else (loop (%cdrs ls) (+ i 1)))))))

    (define lseq-member
      (case-lambda
        ((x lseq) (lseq-member x lseq equal?))
        ((x lseq =) (lseq-find-tail (lambda (e) (= x e)) lseq))))
    (define (lseq-memq x lseq) (lseq-member x lseq eq?))
    (define (lseq-memv x lseq) (lseq-member x lseq eqv?))))
