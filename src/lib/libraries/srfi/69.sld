;;; (srfi 69): basic hash tables.
;;;
;;; A hash table is a record holding its equivalence predicate, its hash function and a store
;;; (src/lib/srfi-hash.ts). When the equivalence is eq?, eqv?, equal?, string=? or
;;; string-ci=? the store does the lookups itself, in JavaScript, with a hashing of its own
;;; that agrees with that equivalence (the table's hash function, which must agree with it
;;; too, is then only reported by hash-table-hash-function). Any other equivalence makes a
;;; "generic" table: lookups call the hash function (with one argument, the key) and scan the
;;; bucket under that hash with the equivalence, in Scheme.
;;;
;;; Everything that calls a procedure argument (update!, walk, fold, the failure thunks) is
;;; Scheme, so those calls are ordinary Scheme calls; walk and fold iterate over a snapshot of
;;; the associations, so the procedure may change the table. The order of the associations is
;;; unspecified (insertion order for keys of one kind).
(define-library (srfi 69)
  (export
   make-hash-table hash-table? alist->hash-table
   hash-table-equivalence-function hash-table-hash-function
   hash-table-ref hash-table-ref/default hash-table-set! hash-table-delete!
   hash-table-exists? hash-table-update! hash-table-update!/default
   hash-table-size hash-table-keys hash-table-values hash-table-walk hash-table-fold
   hash-table->alist hash-table-copy hash-table-merge!
   (rename %hash hash)
   (rename %string-hash string-hash)
   (rename %string-ci-hash string-ci-hash)
   (rename %hash-by-identity hash-by-identity))
  (import (scheme base) (scheme char))
  (begin
    (define-record-type hash-table
      (%make-hash-table equivalence hash store)
      hash-table?
      (equivalence hash-table-equivalence-function)
      (hash hash-table-hash-function)
      (store %table-store))

    ;; Store kinds, as in srfi-hash.ts.
    (define %generic 5)

    (define (%kind-of equivalence)
      (cond ((eq? equivalence eq?) 0)
            ((eq? equivalence eqv?) 1)
            ((eq? equivalence equal?) 2)
            ((eq? equivalence string=?) 3)
            ((eq? equivalence string-ci=?) 4)
            (else %generic)))

    (define (%default-hash equivalence)
      (cond ((eq? equivalence eq?) %hash-by-identity)
            ((eq? equivalence string=?) %string-hash)
            ((eq? equivalence string-ci=?) %string-ci-hash)
            (else %hash)))

    ;; (make-hash-table [equivalence [hash . implementation-specific-args]])
    (define (make-hash-table . args)
      (let* ((equivalence (if (pair? args) (car args) equal?))
             (hash (if (and (pair? args) (pair? (cdr args)))
                       (cadr args)
                       (%default-hash equivalence))))
        (if (not (procedure? equivalence))
            (error "make-hash-table: expected an equivalence procedure" equivalence))
        (if (not (procedure? hash))
            (error "make-hash-table: expected a hash procedure" hash))
        (%make-hash-table equivalence hash (%ht-make (%kind-of equivalence)))))

    (define (%check who table)
      (if (not (hash-table? table))
          (error (string-append who ": expected a hash table") table)))

    (define (%generic? table) (= (%ht-kind (%table-store table)) %generic))

    ;; ---- generic tables ----------------------------------------------------------------

    (define (%hash-of table key) ((hash-table-hash-function table) key))

    ;; The (key . value) entry for key in its bucket, or #f.
    (define (%find-entry table bucket key)
      (let ((same? (hash-table-equivalence-function table)))
        (let loop ((b bucket))
          (cond ((null? b) #f)
                ((same? (car (car b)) key) (car b))
                (else (loop (cdr b)))))))

    (define (%generic-set! table key value)
      (let* ((store (%table-store table))
             (h (%hash-of table key))
             (bucket (%ht-bucket store h))
             (entry (%find-entry table bucket key)))
        (if entry
            (set-cdr! entry value)
            (%ht-bucket-set! store h (cons (cons key value) bucket) 1))))

    (define (%generic-delete! table key)
      (let* ((store (%table-store table))
             (h (%hash-of table key))
             (bucket (%ht-bucket store h))
             (entry (%find-entry table bucket key)))
        (if entry
            (%ht-bucket-set! store h
                             (let remove ((b bucket))
                               (cond ((null? b) '())
                                     ((eq? (car b) entry) (cdr b))
                                     (else (cons (car b) (remove (cdr b))))))
                             -1))))

    ;; ---- single associations -----------------------------------------------------------

    ;; A value no table holds: what a lookup answers for a missing key.
    (define %missing (list 'missing))

    ;; The store when it does its own lookups (eq?, eqv?, equal?, string=?, string-ci=?
    ;; tables), else #f: then the table is generic or not a table at all.
    (define-syntax %fast-store
      (syntax-rules () ((_ table) (%ht-fast-store hash-table table))))

    (define (%lookup table key)
      (let ((store (%fast-store table)))
        (if store
            (%ht-ref store key %missing)
            (begin
              (%check "hash-table-ref" table)
              (let ((entry (%find-entry table (%ht-bucket (%table-store table) (%hash-of table key)) key)))
                (if entry (cdr entry) %missing))))))

    ;; (hash-table-ref table key [failure [success]])
    (define (hash-table-ref table key . thunks)
      (let ((value (%lookup table key)))
        (cond ((not (eq? value %missing))
               (if (and (pair? thunks) (pair? (cdr thunks))) ((cadr thunks) value) value))
              ((pair? thunks) ((car thunks)))
              (else (error "hash-table-ref: no value for key" key)))))

    (define (hash-table-ref/default table key default)
      (let ((store (%fast-store table)))
        (if store
            (%ht-ref store key default)
            (let ((value (%lookup table key)))
              (if (eq? value %missing) default value)))))

    (define (hash-table-set! table key value)
      (let ((store (%fast-store table)))
        (if store
            (%ht-set! store key value)
            (begin
              (%check "hash-table-set!" table)
              (%generic-set! table key value)))))

    (define (hash-table-delete! table key)
      (%check "hash-table-delete!" table)
      (if (%generic? table)
          (%generic-delete! table key)
          (%ht-delete! (%table-store table) key)))

    (define (hash-table-exists? table key)
      (not (eq? (%lookup table key) %missing)))

    ;; (hash-table-update! table key proc [failure])
    (define (hash-table-update! table key proc . failure)
      (hash-table-set! table key (proc (if (pair? failure)
                                           (hash-table-ref table key (car failure))
                                           (hash-table-ref table key)))))

    (define (hash-table-update!/default table key proc default)
      (let ((store (%fast-store table)))
        (if store
            (%ht-set! store key (proc (%ht-ref store key default)))
            (hash-table-set! table key (proc (hash-table-ref/default table key default))))))

    ;; ---- the whole contents ------------------------------------------------------------

    (define (hash-table-size table)
      (%check "hash-table-size" table)
      (%ht-size (%table-store table)))

    (define (hash-table-keys table)
      (%check "hash-table-keys" table)
      (%ht-keys (%table-store table)))

    (define (hash-table-values table)
      (%check "hash-table-values" table)
      (%ht-values (%table-store table)))

    (define (hash-table->alist table)
      (%check "hash-table->alist" table)
      (%ht->alist (%table-store table)))

    (define (hash-table-walk table proc)
      (let loop ((entries (hash-table->alist table)))
        (when (pair? entries)
          (proc (car (car entries)) (cdr (car entries)))
          (loop (cdr entries)))))

    ;; (kons key value acc) over every association.
    (define (hash-table-fold table kons knil)
      (let loop ((entries (hash-table->alist table)) (acc knil))
        (if (pair? entries)
            (loop (cdr entries) (kons (car (car entries)) (cdr (car entries)) acc))
            acc)))

    ;; (hash-table-copy table [mutable?]): tables are always mutable here.
    (define (hash-table-copy table . mutable?)
      (%check "hash-table-copy" table)
      (%make-hash-table (hash-table-equivalence-function table)
                        (hash-table-hash-function table)
                        (%ht-copy (%table-store table))))

    ;; Adds every association of table2 to table1 (table2's values win); returns table1.
    (define (hash-table-merge! table1 table2)
      (hash-table-walk table2 (lambda (key value) (hash-table-set! table1 key value)))
      table1)

    ;; (alist->hash-table alist [equivalence [hash . args]]): the first association of a
    ;; key in alist wins.
    (define (alist->hash-table alist . args)
      (let ((table (apply make-hash-table args)))
        (let loop ((l alist))
          (when (pair? l)
            (if (not (hash-table-exists? table (car (car l))))
                (hash-table-set! table (car (car l)) (cdr (car l))))
            (loop (cdr l))))
        table))))
