;;; (srfi 125): hash tables, also (scheme hash-table).
;;;
;;; The storage is SRFI 69's (src/lib/srfi-hash.ts): when the equality predicate (given alone
;;; or in a SRFI 128 comparator) is eq?, eqv?, equal?, string=? or string-ci=?, lookups run
;;; in JavaScript with a hashing of the store's own that agrees with it (SRFI 125 allows the
;;; table's hash function to be ignored then). Any other equality makes a "generic" table:
;;; Scheme calls the table's hash function and scans the bucket under that hash.
;;;
;;; Everything that calls a procedure argument is Scheme, so those are ordinary Scheme calls.
;;; Whole-table procedures walk a snapshot of the associations (in no specified order), so a
;;; procedure that changes the table does no harm. Tables made by `hash-table` and by
;;; `hash-table-copy` without a true second argument are immutable: the mutators reject them.
;;; Extra arguments to the constructors (a capacity, weak-keys, thread-safe, ...) are accepted
;;; and ignored. string-hash and string-ci-hash are the bindings (srfi 69) and (srfi 128)
;;; export; hash is SRFI 128's default-hash.
(define-library (srfi 125)
  (include-library-declarations "125-exports.scm")
  (import (scheme base) (scheme char) (srfi 128))
  (begin
    (define-record-type hash-table
      (%make-table equivalence hash store mutable?)
      hash-table?
      (equivalence hash-table-equivalence-function)
      (hash hash-table-hash-function)
      (store %store)
      (mutable? hash-table-mutable? %set-mutable!))

    ;; The record type (the name hash-table is the constructor procedure further down).
    (define %table-type hash-table)

    (define hash default-hash)
    (define hash-by-identity %hash-by-identity)

    ;; Store kinds, as in srfi-hash.ts.
    (define %generic 5)

    (define (%kind-of equivalence)
      (cond ((eq? equivalence eq?) 0)
            ((eq? equivalence eqv?) 1)
            ((eq? equivalence equal?) 2)
            ((eq? equivalence string=?) 3)
            ((eq? equivalence string-ci=?) 4)
            (else %generic)))

    (define (%default-hash who equivalence)
      (cond ((eq? equivalence eq?) %hash-by-identity)
            ((eq? equivalence eqv?) %hash)
            ((eq? equivalence equal?) %hash)
            ((eq? equivalence string=?) string-hash)
            ((eq? equivalence string-ci=?) string-ci-hash)
            (else (error (string-append who ": no hash function given for this equality predicate")
                         equivalence))))

    ;; The table a constructor's (comparator arg ...) or (equality [hash] arg ...) describes,
    ;; and the arguments after them.
    (define (%new-table who spec args)
      (cond ((comparator? spec)
             (let ((equivalence (comparator-equality-predicate spec)))
               (if (and (= (%kind-of equivalence) %generic) (not (comparator-hashable? spec)))
                   (error (string-append who ": the comparator has no hash function") spec))
               (%make-table equivalence (comparator-hash-function spec)
                            (%ht-make (%kind-of equivalence)) #t)))
            ((procedure? spec)
             (let ((hash (if (and (pair? args) (procedure? (car args)))
                             (car args)
                             (%default-hash who spec))))
               (%make-table spec hash (%ht-make (%kind-of spec)) #t)))
            (else (error (string-append who ": expected a comparator or an equality predicate") spec))))

    (define (make-hash-table spec . args) (%new-table "make-hash-table" spec args))

    (define (%check who table)
      (if (not (hash-table? table))
          (error (string-append who ": expected a hash table") table)))

    (define (%check-mutable who table)
      (%check who table)
      (if (not (hash-table-mutable? table))
          (error (string-append who ": the hash table is immutable") table)))

    (define (%generic? table) (= (%ht-kind (%store table)) %generic))

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
      (let* ((store (%store table))
             (h (%hash-of table key))
             (bucket (%ht-bucket store h))
             (entry (%find-entry table bucket key)))
        (if entry
            (set-cdr! entry value)
            (%ht-bucket-set! store h (cons (cons key value) bucket) 1))))

    ;; Whether key had an association.
    (define (%generic-delete! table key)
      (let* ((store (%store table))
             (h (%hash-of table key))
             (bucket (%ht-bucket store h))
             (entry (%find-entry table bucket key)))
        (and entry
             (begin
               (%ht-bucket-set! store h
                                (let remove ((b bucket) (acc '()))
                                  (if (eq? (car b) entry)
                                      (append (reverse acc) (cdr b))
                                      (remove (cdr b) (cons (car b) acc))))
                                -1)
               #t))))

    ;; ---- single associations -----------------------------------------------------------

    ;; A value no table holds: what a lookup answers for a missing key.
    (define %missing (list 'missing))

    ;; The store when it does its own lookups (eq?, eqv?, equal?, string=?, string-ci=?
    ;; tables), else #f: then the table is generic or not a table at all.
    (define-syntax %fast-store
      (syntax-rules () ((_ table) (%ht-fast-store %table-type table))))

    (define (%lookup who table key)
      (let ((store (%fast-store table)))
        (if store
            (%ht-ref store key %missing)
            (begin
              (%check who table)
              (let ((entry (%find-entry table (%ht-bucket (%store table) (%hash-of table key)) key)))
                (if entry (cdr entry) %missing))))))

    (define (%set! table key value)
      (if (%generic? table)
          (%generic-set! table key value)
          (%ht-set! (%store table) key value)))

    (define (%delete! table key)
      (if (%generic? table)
          (%generic-delete! table key)
          (let ((store (%store table)))
            (and (not (eq? (%ht-ref store key %missing) %missing))
                 (begin (%ht-delete! store key) #t)))))

    ;; (hash-table-ref table key [failure [success]])
    (define (hash-table-ref table key . procs)
      (let ((value (%lookup "hash-table-ref" table key)))
        (cond ((not (eq? value %missing))
               (if (and (pair? procs) (pair? (cdr procs))) ((cadr procs) value) value))
              ((and (pair? procs) (car procs)) ((car procs)))
              (else (error "hash-table-ref: no value for key" key)))))

    (define (hash-table-ref/default table key default)
      (let ((store (%fast-store table)))
        (if store
            (%ht-ref store key default)
            (let ((value (%lookup "hash-table-ref/default" table key)))
              (if (eq? value %missing) default value)))))

    (define (hash-table-contains? table key)
      (not (eq? (%lookup "hash-table-contains?" table key) %missing)))

    (define hash-table-exists? hash-table-contains?)

    ;; (hash-table-set! table key value ...)
    (define (hash-table-set! table . args)
      (let ((store (%fast-store table)))
        (if (and store (hash-table-mutable? table) (pair? args) (pair? (cdr args)) (null? (cddr args)))
            (%ht-set! store (car args) (cadr args))
            (%set-all! table args))))

    (define (%set-all! table args)
      (%check-mutable "hash-table-set!" table)
      (let loop ((args args))
        (cond ((null? args))
              ((null? (cdr args)) (error "hash-table-set!: a key without a value" (car args)))
              (else (%set! table (car args) (cadr args))
                    (loop (cddr args))))))

    ;; (hash-table-delete! table key ...): the number of keys that had associations.
    (define (hash-table-delete! table . keys)
      (%check-mutable "hash-table-delete!" table)
      (let loop ((keys keys) (n 0))
        (if (null? keys)
            n
            (loop (cdr keys) (if (%delete! table (car keys)) (+ n 1) n)))))

    (define (hash-table-intern! table key failure)
      (let ((value (%lookup "hash-table-intern!" table key)))
        (if (eq? value %missing)
            (let ((new (failure)))
              (%check-mutable "hash-table-intern!" table)
              (%set! table key new)
              new)
            value)))

    ;; (hash-table-update! table key updater [failure [success]])
    (define (hash-table-update! table key updater . procs)
      (%check-mutable "hash-table-update!" table)
      (%set! table key (updater (if (null? procs)
                                    (hash-table-ref table key)
                                    (apply hash-table-ref table key procs)))))

    (define (hash-table-update!/default table key updater default)
      (let ((store (%fast-store table)))
        (if (and store (hash-table-mutable? table))
            (%ht-set! store key (updater (%ht-ref store key default)))
            (begin
              (%check-mutable "hash-table-update!/default" table)
              (%set! table key (updater (hash-table-ref/default table key default)))))))

    (define (hash-table-pop! table)
      (%check-mutable "hash-table-pop!" table)
      (let ((entry (%ht-first (%store table))))
        (if (not entry) (error "hash-table-pop!: the hash table is empty" table))
        (%delete! table (car entry))
        (values (car entry) (cdr entry))))

    (define (hash-table-clear! table)
      (%check-mutable "hash-table-clear!" table)
      (%ht-clear! (%store table)))

    ;; ---- constructors ------------------------------------------------------------------

    ;; (hash-table comparator key value ...): an immutable table.
    (define (hash-table spec . args)
      (let ((table (%new-table "hash-table" spec '())))
        (apply hash-table-set! table args)
        (%set-mutable! table #f)
        table))

    (define (hash-table-unfold stop? mapper successor seed spec . args)
      (let ((table (%new-table "hash-table-unfold" spec args)))
        (let loop ((seed seed))
          (if (stop? seed)
              table
              (let-values (((key value) (mapper seed)))
                (%set! table key value)
                (loop (successor seed)))))))

    ;; Earlier associations win.
    (define (alist->hash-table alist spec . args)
      (let ((table (%new-table "alist->hash-table" spec args)))
        (for-each (lambda (entry)
                    (if (eq? (%lookup "alist->hash-table" table (car entry)) %missing)
                        (%set! table (car entry) (cdr entry))))
                  alist)
        table))

    ;; ---- the whole table ---------------------------------------------------------------

    (define (hash-table-size table)
      (%check "hash-table-size" table)
      (%ht-size (%store table)))

    (define (hash-table-empty? table) (= (hash-table-size table) 0))

    (define (hash-table-keys table)
      (%check "hash-table-keys" table)
      (%ht-keys (%store table)))

    (define (hash-table-values table)
      (%check "hash-table-values" table)
      (%ht-values (%store table)))

    (define (hash-table-entries table)
      (values (hash-table-keys table) (hash-table-values table)))

    (define (hash-table->alist table)
      (%check "hash-table->alist" table)
      (%ht->alist (%store table)))

    (define (hash-table-find proc table failure)
      (let loop ((entries (hash-table->alist table)))
        (if (null? entries)
            (failure)
            (or (proc (caar entries) (cdar entries))
                (loop (cdr entries))))))

    (define (hash-table-count pred table)
      (let loop ((entries (hash-table->alist table)) (n 0))
        (if (null? entries)
            n
            (loop (cdr entries) (if (pred (caar entries) (cdar entries)) (+ n 1) n)))))

    (define (hash-table=? value-comparator table1 table2)
      (let ((same? (comparator-equality-predicate value-comparator)))
        (and (= (hash-table-size table1) (hash-table-size table2))
             (let loop ((entries (hash-table->alist table1)))
               (or (null? entries)
                   (let ((other (%lookup "hash-table=?" table2 (caar entries))))
                     (and (not (eq? other %missing))
                          (same? (cdar entries) other)
                          (loop (cdr entries)))))))))

    ;; ---- mapping and folding -----------------------------------------------------------

    (define (hash-table-for-each proc table)
      (for-each (lambda (entry) (proc (car entry) (cdr entry))) (hash-table->alist table)))

    (define (hash-table-walk table proc) (hash-table-for-each proc table))

    (define (hash-table-map proc comparator table)
      (let ((result (make-hash-table comparator)))
        (hash-table-for-each (lambda (key value) (%set! result key (proc value))) table)
        result))

    (define (hash-table-map! proc table)
      (%check-mutable "hash-table-map!" table)
      (hash-table-for-each (lambda (key value) (%set! table key (proc key value))) table))

    (define (hash-table-map->list proc table)
      (map (lambda (entry) (proc (car entry) (cdr entry))) (hash-table->alist table)))

    ;; (hash-table-fold proc seed table), or SRFI 69's (hash-table-fold table proc seed).
    (define (hash-table-fold a b c)
      (let-values (((proc seed table) (if (hash-table? a) (values b c a) (values a b c))))
        (let loop ((entries (hash-table->alist table)) (acc seed))
          (if (null? entries)
              acc
              (loop (cdr entries) (proc (caar entries) (cdar entries) acc))))))

    (define (hash-table-prune! proc table)
      (%check-mutable "hash-table-prune!" table)
      (hash-table-for-each (lambda (key value) (if (proc key value) (%delete! table key))) table))

    ;; ---- copying and conversion --------------------------------------------------------

    ;; (hash-table-copy table [mutable?])
    (define (hash-table-copy table . mutable?)
      (%check "hash-table-copy" table)
      (%make-table (hash-table-equivalence-function table) (hash-table-hash-function table)
                   (%ht-copy (%store table)) (and (pair? mutable?) (car mutable?) #t)))

    (define (hash-table-empty-copy table)
      (%check "hash-table-empty-copy" table)
      (let ((equivalence (hash-table-equivalence-function table)))
        (%make-table equivalence (hash-table-hash-function table)
                     (%ht-make (%ht-kind (%store table))) #t)))

    ;; ---- tables as sets ----------------------------------------------------------------

    ;; Keys of table2 missing from table1 are added; table1's values win.
    (define (hash-table-union! table1 table2)
      (%check-mutable "hash-table-union!" table1)
      (hash-table-for-each
       (lambda (key value)
         (if (not (hash-table-contains? table1 key)) (%set! table1 key value)))
       table2)
      table1)

    (define hash-table-merge! hash-table-union!)

    (define (hash-table-intersection! table1 table2)
      (%check-mutable "hash-table-intersection!" table1)
      (hash-table-for-each
       (lambda (key value)
         (if (not (hash-table-contains? table2 key)) (%delete! table1 key)))
       table1)
      table1)

    (define (hash-table-difference! table1 table2)
      (%check-mutable "hash-table-difference!" table1)
      (hash-table-for-each
       (lambda (key value)
         (if (hash-table-contains? table2 key) (%delete! table1 key)))
       table1)
      table1)

    (define (hash-table-xor! table1 table2)
      (%check-mutable "hash-table-xor!" table1)
      (hash-table-for-each
       (lambda (key value)
         (if (hash-table-contains? table1 key)
             (%delete! table1 key)
             (%set! table1 key value)))
       table2)
      table1)))
