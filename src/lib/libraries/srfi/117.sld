;;; (srfi 117): list queues. Also (scheme list-queue).
;;;
;;; A list queue is a record holding the first and the last pair of an ordinary list (both
;;; '() when empty), a "tconc" as the SRFI calls it: adding at either end and removing at the
;;; front are O(1); removing at the back walks the list. The list is exposed (list-queue-list
;;; shares storage), as the SRFI specifies.
(define-library (srfi 117)
  (include-library-declarations "117-exports.scm")
  (import (scheme base) (scheme case-lambda))
  (begin

    (define-record-type <list-queue> (%make-queue first last) list-queue?
      (first %first %set-first!)
      (last %last %set-last!))

    (define (%check who q)
      (if (not (list-queue? q)) (error (string-append who ": not a list queue") q)))

    (define (%last-pair lis)
      (if (null? lis)
          '()
          (let loop ((p lis))
            (if (pair? (cdr p)) (loop (cdr p)) p))))

    (define make-list-queue
      (case-lambda
        ((lis) (%make-queue lis (%last-pair lis)))
        ((lis last) (%make-queue lis last))))

    (define (list-queue . elements) (make-list-queue elements))

    (define (list-queue-copy q)
      (%check "list-queue-copy" q)
      (make-list-queue (list-copy (%first q))))

    ;; The mapped values of the seeds, in seed order.
    (define (%unfold-values stop? mapper successor seed)
      (let loop ((seed seed) (acc '()))
        (if (stop? seed)
            (reverse acc)
            (loop (successor seed) (cons (mapper seed) acc)))))

    (define list-queue-unfold
      (case-lambda
        ((stop? mapper successor seed) (list-queue-unfold stop? mapper successor seed (list-queue)))
        ((stop? mapper successor seed q)
         (%check "list-queue-unfold" q)
         (let ((vals (%unfold-values stop? mapper successor seed)))
           (if (pair? vals)
               (let ((tail (%last-pair vals)))
                 (set-cdr! tail (%first q))
                 (if (null? (%first q)) (%set-last! q tail))
                 (%set-first! q vals)))
           q))))

    (define list-queue-unfold-right
      (case-lambda
        ((stop? mapper successor seed)
         (list-queue-unfold-right stop? mapper successor seed (list-queue)))
        ((stop? mapper successor seed q)
         (%check "list-queue-unfold-right" q)
         (%append-list! q (reverse (%unfold-values stop? mapper successor seed)))
         q)))

    ;; Adds the (fresh) list at the back of the queue.
    (define (%append-list! q lis)
      (if (pair? lis)
          (begin
            (if (null? (%first q)) (%set-first! q lis) (set-cdr! (%last q) lis))
            (%set-last! q (%last-pair lis)))))

    (define (list-queue-empty? q)
      (%check "list-queue-empty?" q)
      (null? (%first q)))

    (define (%nonempty who q)
      (%check who q)
      (if (null? (%first q)) (error (string-append who ": empty list queue") q)))

    (define (list-queue-front q)
      (%nonempty "list-queue-front" q)
      (car (%first q)))

    (define (list-queue-back q)
      (%nonempty "list-queue-back" q)
      (car (%last q)))

    (define (list-queue-list q)
      (%check "list-queue-list" q)
      (%first q))

    (define (list-queue-first-last q)
      (%check "list-queue-first-last" q)
      (values (%first q) (%last q)))

    (define (list-queue-add-front! q x)
      (%check "list-queue-add-front!" q)
      (let ((p (cons x (%first q))))
        (if (null? (%first q)) (%set-last! q p))
        (%set-first! q p)))

    (define (list-queue-add-back! q x)
      (%check "list-queue-add-back!" q)
      (let ((p (list x)))
        (if (null? (%first q)) (%set-first! q p) (set-cdr! (%last q) p))
        (%set-last! q p)))

    (define (list-queue-remove-front! q)
      (%nonempty "list-queue-remove-front!" q)
      (let* ((p (%first q)) (rest (cdr p)))
        (%set-first! q rest)
        (if (null? rest) (%set-last! q '()))
        (car p)))

    (define (list-queue-remove-back! q)
      (%nonempty "list-queue-remove-back!" q)
      (let ((first (%first q)) (last (%last q)))
        (if (eq? first last)
            (begin (%set-first! q '()) (%set-last! q '()))
            (let loop ((p first))
              (if (eq? (cdr p) last)
                  (begin (set-cdr! p '()) (%set-last! q p))
                  (loop (cdr p)))))
        (car last)))

    (define (list-queue-remove-all! q)
      (%check "list-queue-remove-all!" q)
      (let ((all (%first q)))
        (%set-first! q '())
        (%set-last! q '())
        all))

    (define list-queue-set-list!
      (case-lambda
        ((q lis)
         (%check "list-queue-set-list!" q)
         (%set-first! q lis)
         (%set-last! q (%last-pair lis)))
        ((q lis last)
         (%check "list-queue-set-list!" q)
         (%set-first! q lis)
         (%set-last! q last))))

    (define (list-queue-append . qs) (list-queue-concatenate qs))

    (define (list-queue-concatenate qs)
      (let ((result (list-queue)))
        (for-each (lambda (q)
                    (%check "list-queue-concatenate" q)
                    (%append-list! result (list-copy (%first q))))
                  qs)
        result))

    ;; Links the queues' lists together in O(number of queues).
    (define (list-queue-append! . qs)
      (let ((result (list-queue)))
        (for-each (lambda (q)
                    (%check "list-queue-append!" q)
                    (if (pair? (%first q))
                        (begin
                          (if (null? (%first result))
                              (%set-first! result (%first q))
                              (set-cdr! (%last result) (%first q)))
                          (%set-last! result (%last q)))))
                  qs)
        result))

    (define (list-queue-map proc q)
      (%check "list-queue-map" q)
      (make-list-queue (map proc (%first q))))

    (define (list-queue-map! proc q)
      (%check "list-queue-map!" q)
      (let loop ((p (%first q)))
        (if (pair? p)
            (begin (set-car! p (proc (car p))) (loop (cdr p))))))

    (define (list-queue-for-each proc q)
      (%check "list-queue-for-each" q)
      (for-each proc (%first q)))))
