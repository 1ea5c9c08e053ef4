;;; SRFI 116's comparators (SRFI 128 comparators on ipairs and ilists): definitions included
;;; by (srfi 116) when (srfi 128) is available.

;; Orders ipairs by icar with one comparator, then by icdr with the other.
(define (make-ipair-comparator car-comparator cdr-comparator)
  (make-comparator
   (lambda (x) (and (ipair? x)
                    (comparator-test-type car-comparator (%icar x))
                    (comparator-test-type cdr-comparator (%icdr x))))
   (lambda (a b) (and (=? car-comparator (%icar a) (%icar b))
                      (=? cdr-comparator (%icdr a) (%icdr b))))
   (lambda (a b) (or (<? car-comparator (%icar a) (%icar b))
                     (and (=? car-comparator (%icar a) (%icar b))
                          (<? cdr-comparator (%icdr a) (%icdr b)))))
   (lambda (x) (+ (* 31 (comparator-hash car-comparator (%icar x)))
                  (comparator-hash cdr-comparator (%icdr x))))))

;; Lexicographic order on proper ilists: '() first, then by elements.
(define (make-ilist-comparator element-comparator)
  (make-comparator
   (lambda (x) (and (proper-ilist? x) (ievery (lambda (e) (comparator-test-type element-comparator e)) x)))
   (lambda (a b)
     (let loop ((a a) (b b))
       (cond ((null? a) (null? b))
             ((null? b) #f)
             (else (and (=? element-comparator (%icar a) (%icar b)) (loop (%icdr a) (%icdr b)))))))
   (lambda (a b)
     (let loop ((a a) (b b))
       (cond ((null? b) #f)
             ((null? a) #t)
             ((=? element-comparator (%icar a) (%icar b)) (loop (%icdr a) (%icdr b)))
             (else (<? element-comparator (%icar a) (%icar b))))))
   (lambda (x) (ifold (lambda (e h) (modulo (+ (* 31 h) (comparator-hash element-comparator e)) 536870912)) 17 x))))

;; Any object: '() first, then ipairs (by icar, then icdr, recursively), then the rest
;; by the given comparator.
(define (make-improper-ilist-comparator comparator)
  (letrec ((rank (lambda (x) (cond ((null? x) 0) ((ipair? x) 1) (else 2))))
           (same? (lambda (a b)
                    (case (rank a)
                      ((0) (null? b))
                      ((1) (and (ipair? b) (same? (%icar a) (%icar b)) (same? (%icdr a) (%icdr b))))
                      (else (and (= (rank b) 2) (=? comparator a b))))))
           (less? (lambda (a b)
                    (let ((ra (rank a)) (rb (rank b)))
                      (cond ((< ra rb) #t)
                            ((> ra rb) #f)
                            ((= ra 0) #f)
                            ((= ra 1) (or (less? (%icar a) (%icar b))
                                          (and (same? (%icar a) (%icar b)) (less? (%icdr a) (%icdr b)))))
                            (else (<? comparator a b))))))
           (hash (lambda (x)
                   (case (rank x)
                     ((0) 0)
                     ((1) (modulo (+ (* 31 (hash (%icar x))) (hash (%icdr x)) 1) 536870912))
                     (else (comparator-hash comparator x))))))
    (make-comparator (lambda (x) #t) same? less? hash)))

(define (make-icar-comparator comparator)
  (make-comparator
   (lambda (x) (and (ipair? x) (comparator-test-type comparator (%icar x))))
   (lambda (a b) (=? comparator (%icar a) (%icar b)))
   (lambda (a b) (<? comparator (%icar a) (%icar b)))
   (lambda (x) (comparator-hash comparator (%icar x)))))

(define (make-icdr-comparator comparator)
  (make-comparator
   (lambda (x) (and (ipair? x) (comparator-test-type comparator (%icdr x))))
   (lambda (a b) (=? comparator (%icdr a) (%icdr b)))
   (lambda (a b) (<? comparator (%icdr a) (%icdr b)))
   (lambda (x) (comparator-hash comparator (%icdr x)))))

(define ipair-comparator
  (make-ipair-comparator (make-default-comparator) (make-default-comparator)))

(define ilist-comparator (make-ilist-comparator (make-default-comparator)))
