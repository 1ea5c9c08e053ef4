;;; Pricing rules for the shop in app.mjs, written by the shop's staff rather than its
;;; developers. The application gives this file a few procedures of its own:
;;;   (log message ...)            write a line to the application's log
;;;   (catalog-price sku)          the list price of an item (from the application's tables)
;;;   (loyalty-years customer)     how long the customer has been with us (an async lookup:
;;;                                the application's database answers with a promise)
;;; and calls (price-order order) with an order: a record-like object with fields
;;; customer and items (a list of (sku . quantity) pairs).

(define bulk-threshold 10)          ; items of one kind before the bulk discount applies
(define bulk-discount 1/10)

(define (line-total sku quantity)
  (let ((price (* quantity (catalog-price sku))))
    (if (>= quantity bulk-threshold)
        (begin (log "bulk discount on" sku) (* price (- 1 bulk-discount)))
        price)))

(define (loyalty-discount customer)
  (let ((years (loyalty-years customer)))   ; suspends until the database answers
    (cond ((>= years 5) 1/20)
          ((>= years 2) 1/50)
          (else 0))))

(define (price-order customer items)
  (let* ((subtotal (apply + (map (lambda (item) (line-total (car item) (cdr item))) items)))
         (discount (loyalty-discount customer)))
    (log "customer" customer "subtotal" subtotal "loyalty discount %" (* 100 discount))
    (inexact (* subtotal (- 1 discount)))))
