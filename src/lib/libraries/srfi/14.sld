;;; (srfi 14): character sets over full Unicode, also (scheme charset).
;;;
;;; The sets and every operation that calls no Scheme procedure are src/lib/srfi-14.ts (an
;;; inversion list of code point ranges, immutable: the "!" procedures return a new set, as
;;; SRFI 14 allows). The procedures that call a procedure argument (fold, unfold, for-each,
;;; map, filter, count, every, any) are Scheme here, walking the set's ranges, so those are
;;; ordinary Scheme calls. The standard sets follow the Unicode general categories SRFI 14
;;; names; lower-case and upper-case agree with char-lower-case? and char-upper-case?.
(define-library (srfi 14)
  (include-library-declarations "14-exports.scm")
  (import (scheme base))
  (begin
    (define char-set? %char-set?)
    (define char-set= %char-set=)
    (define char-set<= %char-set<=)
    (define char-set-hash %char-set-hash)
    (define char-set-cursor %char-set-cursor)
    (define char-set-ref %char-set-ref)
    (define char-set-cursor-next %char-set-cursor-next)
    (define end-of-char-set? %end-of-char-set?)
    (define char-set %char-set)
    (define (char-set-copy cs) (%char-set-union cs))
    (define list->char-set %list->char-set)
    (define list->char-set! %list->char-set)
    (define string->char-set %string->char-set)
    (define string->char-set! %string->char-set)
    (define ucs-range->char-set %ucs-range->char-set)
    (define ucs-range->char-set! %ucs-range->char-set)
    (define ->char-set %->char-set)
    (define char-set->list %char-set->list)
    (define char-set->string %char-set->string)
    (define char-set-size %char-set-size)
    (define char-set-contains? %char-set-contains?)
    (define char-set-adjoin %char-set-adjoin)
    (define char-set-adjoin! %char-set-adjoin)
    (define char-set-delete %char-set-delete)
    (define char-set-delete! %char-set-delete)
    (define char-set-complement %char-set-complement)
    (define char-set-complement! %char-set-complement)
    (define char-set-union %char-set-union)
    (define char-set-union! %char-set-union)
    (define char-set-intersection %char-set-intersection)
    (define char-set-intersection! %char-set-intersection)
    (define char-set-difference %char-set-difference)
    (define char-set-difference! %char-set-difference)
    (define char-set-xor %char-set-xor)
    (define char-set-xor! %char-set-xor)

    (define (char-set-diff+intersection cs1 . more)
      (let ((others (apply char-set-union more)))
        (values (char-set-difference cs1 others) (char-set-intersection cs1 others))))
    (define char-set-diff+intersection! char-set-diff+intersection)

    ;; ---- iteration over the ranges -----------------------------------------------------

    ;; (proc char acc) over every member in code point order.
    (define (%fold proc acc cs)
      (let ((r (%char-set-ranges cs)))
        (let ranges ((i 0) (acc acc))
          (if (= i (vector-length r))
              acc
              (let ((end (vector-ref r (+ i 1))))
                (let codes ((c (vector-ref r i)) (acc acc))
                  (if (= c end)
                      (ranges (+ i 2) acc)
                      (codes (+ c 1) (proc (integer->char c) acc)))))))))

    ;; The first true (pred char), or #f.
    (define (%search pred cs)
      (let ((r (%char-set-ranges cs)))
        (let ranges ((i 0))
          (and (< i (vector-length r))
               (let ((end (vector-ref r (+ i 1))))
                 (let codes ((c (vector-ref r i)))
                   (if (= c end)
                       (ranges (+ i 2))
                       (or (pred (integer->char c)) (codes (+ c 1))))))))))

    (define (char-set-fold kons knil cs) (%fold kons knil cs))

    (define (char-set-for-each proc cs)
      (%fold (lambda (c acc) (proc c) acc) #f cs)
      (if #f #f))

    (define (char-set-map proc cs)
      (list->char-set (%fold (lambda (c acc) (cons (proc c) acc)) '() cs)))

    (define (char-set-count pred cs)
      (%fold (lambda (c n) (if (pred c) (+ n 1) n)) 0 cs))

    (define (char-set-every pred cs)
      (let ((r (%char-set-ranges cs)))
        (let ranges ((i 0) (last #t))
          (if (= i (vector-length r))
              last
              (let ((end (vector-ref r (+ i 1))))
                (let codes ((c (vector-ref r i)) (last last))
                  (if (= c end)
                      (ranges (+ i 2) last)
                      (let ((v (pred (integer->char c))))
                        (and v (codes (+ c 1) v))))))))))

    (define (char-set-any pred cs) (%search pred cs))

    ;; (char-set-filter pred cs [base-cs])
    (define (char-set-filter pred cs . base)
      (apply list->char-set (%fold (lambda (c acc) (if (pred c) (cons c acc) acc)) '() cs) base))
    (define (char-set-filter! pred cs base) (char-set-filter pred cs base))

    ;; (char-set-unfold stop? mapper successor seed [base-cs])
    (define (char-set-unfold stop? mapper successor seed . base)
      (let loop ((seed seed) (acc '()))
        (if (stop? seed)
            (apply list->char-set acc base)
            (loop (successor seed) (cons (mapper seed) acc)))))
    (define (char-set-unfold! stop? mapper successor seed base)
      (char-set-unfold stop? mapper successor seed base))

    ;; ---- the standard sets -------------------------------------------------------------

    (define char-set:lower-case (%char-set-standard "lower-case"))
    (define char-set:upper-case (%char-set-standard "upper-case"))
    (define char-set:title-case (%char-set-standard "title-case"))
    (define char-set:letter (%char-set-standard "letter"))
    (define char-set:digit (%char-set-standard "digit"))
    (define char-set:letter+digit (%char-set-standard "letter+digit"))
    (define char-set:graphic (%char-set-standard "graphic"))
    (define char-set:printing (%char-set-standard "printing"))
    (define char-set:whitespace (%char-set-standard "whitespace"))
    (define char-set:iso-control (%char-set-standard "iso-control"))
    (define char-set:punctuation (%char-set-standard "punctuation"))
    (define char-set:symbol (%char-set-standard "symbol"))
    (define char-set:hex-digit (%char-set-standard "hex-digit"))
    (define char-set:blank (%char-set-standard "blank"))
    (define char-set:ascii (%char-set-standard "ascii"))
    (define char-set:empty (%char-set-standard "empty"))
    (define char-set:full (%char-set-standard "full"))))
