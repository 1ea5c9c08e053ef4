;;; (srfi 41): streams (lazy, memoizing sequences). Also (scheme stream).
;;;
;;; A stream is a record around an R7RS promise; forcing the promise gives either the unique
;;; null marker or a stream pair of two promises (the element, and the rest of the stream).
;;; The record makes streams a type of their own (stream? is #f for plain promises), and the
;;; promises are R7RS's own: stream-lambda wraps its body in delay-force, whose iterative
;;; forcing (R7RS 4.2.5, after van Tonder's SRFI 45) is what lets long stream loops such as
;;; (stream-ref (stream-filter p (stream-from 0)) n) run in constant space. This is the
;;; design described in the SRFI's own "Implementation" section, built on R7RS promises
;;; instead of re-implementing them. Every procedure calls back into Scheme, so all of it is
;;; Scheme.
(define-library (srfi 41)
  (include-library-declarations "41-exports.scm")
  (import (scheme base) (scheme case-lambda) (scheme lazy))
  (begin

    ;; ---- (streams primitive) -----------------------------------------------------------

    (define-record-type <stream> (make-stream promise) stream? (promise stream-promise))
    (define-record-type <stream-pair> (make-stream-pair kar kdr) %stream-pair?
      (kar %stream-pair-kar) (kdr %stream-pair-kdr))
    (define-record-type <stream-null-marker> (%make-null-marker) %null-marker?)

    (define stream-null (make-stream (make-promise (%make-null-marker))))

    (define-syntax stream-cons
      (syntax-rules ()
        ((_ obj strm) (make-stream (make-promise (make-stream-pair (delay obj) (delay strm)))))))

    ;; The promise of a stream that evaluates expr (which must give a stream) only when forced.
    (define-syntax %stream-lazy
      (syntax-rules ()
        ((_ expr) (make-stream (delay-force (%promise-of expr))))))

    (define (%promise-of s)
      (if (stream? s) (stream-promise s) (error "stream-lambda: body did not return a stream" s)))

    (define-syntax stream-lambda
      (syntax-rules ()
        ((_ formals body0 body ...) (lambda formals (%stream-lazy (let () body0 body ...))))))

    (define (%force who s)
      (if (stream? s) (force (stream-promise s)) (error (string-append who ": not a stream") s)))

    (define (stream-null? obj) (and (stream? obj) (%null-marker? (force (stream-promise obj)))))
    (define (stream-pair? obj) (and (stream? obj) (%stream-pair? (force (stream-promise obj)))))

    (define (%pair who s)
      (let ((p (%force who s)))
        (if (%stream-pair? p) p (error (string-append who ": empty stream") s))))

    (define (stream-car s) (force (%stream-pair-kar (%pair "stream-car" s))))

    (define (stream-cdr s)
      (let ((rest (force (%stream-pair-kdr (%pair "stream-cdr" s)))))
        (if (stream? rest) rest (error "stream-cdr: the rest of a stream-cons is not a stream" rest))))

    ;; ---- (streams derived): syntax -----------------------------------------------------

    (define-syntax define-stream
      (syntax-rules ()
        ((_ (name . formals) body0 body ...) (define name (stream-lambda formals body0 body ...)))))

    (define-syntax stream
      (syntax-rules ()
        ((_) stream-null)
        ((_ x y ...) (stream-cons x (stream y ...)))))

    (define-syntax stream-let
      (syntax-rules ()
        ((_ tag ((var expr) ...) body0 body ...)
         ((letrec ((tag (stream-lambda (var ...) body0 body ...))) tag) expr ...))))

    ;; (stream-match strm (pattern [fender] expr) ...): the clauses are tried in order; a
    ;; clause that fails calls the thunk of the clauses after it. `_` binds nothing and does
    ;; not force the element it skips.
    (define-syntax stream-match
      (syntax-rules ()
        ((_ strm-expr clause ...)
         (let ((s strm-expr))
           (if (not (stream? s)) (error "stream-match: not a stream" s))
           (%stream-match-clauses s clause ...)))))

    (define-syntax %stream-match-clauses
      (syntax-rules ()
        ((_ s) (error "stream-match: no pattern matched" s))
        ((_ s (pattern expr) clause ...)
         (let ((fail (lambda () (%stream-match-clauses s clause ...))))
           (%stream-match-pattern s pattern #t expr (fail))))
        ((_ s (pattern fender expr) clause ...)
         (let ((fail (lambda () (%stream-match-clauses s clause ...))))
           (%stream-match-pattern s pattern fender expr (fail))))))

    (define-syntax %stream-match-pattern
      (syntax-rules (_)
        ((_ s () fender expr fail)
         (if (and (stream-null? s) fender) expr fail))
        ((_ s (_ . rest) fender expr fail)
         (if (stream-pair? s)
             (let ((tail (stream-cdr s))) (%stream-match-pattern tail rest fender expr fail))
             fail))
        ((_ s (var . rest) fender expr fail)
         (if (stream-pair? s)
             (let ((var (stream-car s)) (tail (stream-cdr s)))
               (%stream-match-pattern tail rest fender expr fail))
             fail))
        ((_ s _ fender expr fail) (if fender expr fail))
        ((_ s var fender expr fail) (let ((var s)) (if fender expr fail)))))

    ;; (stream-of expr clause ...): generators nest left to right; `base` is the stream that
    ;; follows the elements produced at the current nesting level.
    (define-syntax stream-of
      (syntax-rules ()
        ((_ expr clause ...) (%stream-lazy (%stream-of expr stream-null clause ...)))))

    (define-syntax %stream-of
      (syntax-rules (in is)
        ((_ expr base) (stream-cons expr base))
        ((_ expr base (var in strm-expr) clause ...)
         (stream-let loop ((s strm-expr))
           (if (stream-null? s)
               base
               (let ((var (stream-car s)))
                 (%stream-of expr (loop (stream-cdr s)) clause ...)))))
        ((_ expr base (var is e) clause ...)
         (let ((var e)) (%stream-of expr base clause ...)))
        ((_ expr base test clause ...)
         (if test (%stream-of expr base clause ...) base))))

    ;; ---- (streams derived): procedures -------------------------------------------------

    (define (%check-nat who n)
      (if (not (and (integer? n) (exact? n) (>= n 0)))
          (error (string-append who ": expected a non-negative exact integer") n)))
    (define (%check-stream who s)
      (if (not (stream? s)) (error (string-append who ": not a stream") s)))
    (define (%check-procedure who p)
      (if (not (procedure? p)) (error (string-append who ": not a procedure") p)))

    (define (list->stream objs)
      (if (not (list? objs)) (error "list->stream: not a list" objs))
      (let loop ((l objs))
        (if (null? l) stream-null (stream-cons (car l) (loop (cdr l))))))

    (define port->stream
      (case-lambda
        (() (port->stream (current-input-port)))
        ((port)
         (if (not (input-port? port)) (error "port->stream: not an input port" port))
         (stream-let loop ()
           (let ((c (read-char port)))
             (if (eof-object? c) stream-null (stream-cons c (loop))))))))

    (define stream->list
      (case-lambda
        ((s) (%stream->list #f s))
        ((n s) (%check-nat "stream->list" n) (%stream->list n s))))

    ;; The first n elements as a list; all of them when n is #f.
    (define (%stream->list n s)
      (%check-stream "stream->list" s)
      (let loop ((s s) (n n) (acc '()))
        (if (or (eqv? n 0) (stream-null? s))
            (reverse acc)
            (loop (stream-cdr s) (and n (- n 1)) (cons (stream-car s) acc)))))

    (define (stream-append . strms)
      (for-each (lambda (s) (%check-stream "stream-append" s)) strms)
      (letrec ((outer (stream-lambda (ss)
                        (if (null? ss) stream-null (inner (car ss) (cdr ss)))))
               (inner (stream-lambda (s ss)
                        (if (stream-null? s)
                            (outer ss)
                            (stream-cons (stream-car s) (inner (stream-cdr s) ss))))))
        (outer strms)))

    (define (stream-concat strms)
      (%check-stream "stream-concat" strms)
      (letrec ((outer (stream-lambda (ss)
                        (if (stream-null? ss) stream-null (inner (stream-car ss) (stream-cdr ss)))))
               (inner (stream-lambda (s ss)
                        (%check-stream "stream-concat" s)
                        (if (stream-null? s)
                            (outer ss)
                            (stream-cons (stream-car s) (inner (stream-cdr s) ss))))))
        (outer strms)))

    (define (stream-constant . objs)
      (if (null? objs)
          stream-null
          (let loop ((l objs))
            (stream-cons (car l) (loop (if (null? (cdr l)) objs (cdr l)))))))

    (define (stream-drop n s)
      (%check-nat "stream-drop" n)
      (%check-stream "stream-drop" s)
      (stream-let loop ((n n) (s s))
        (if (or (zero? n) (stream-null? s)) s (loop (- n 1) (stream-cdr s)))))

    (define (stream-drop-while pred? s)
      (%check-procedure "stream-drop-while" pred?)
      (%check-stream "stream-drop-while" s)
      (stream-let loop ((s s))
        (if (and (stream-pair? s) (pred? (stream-car s))) (loop (stream-cdr s)) s)))

    (define (stream-filter pred? s)
      (%check-procedure "stream-filter" pred?)
      (%check-stream "stream-filter" s)
      (stream-let loop ((s s))
        (cond ((stream-null? s) stream-null)
              ((pred? (stream-car s)) (stream-cons (stream-car s) (loop (stream-cdr s))))
              (else (loop (stream-cdr s))))))

    (define (stream-fold proc base s)
      (%check-procedure "stream-fold" proc)
      (%check-stream "stream-fold" s)
      (let loop ((acc base) (s s))
        (if (stream-null? s) acc (loop (proc acc (stream-car s)) (stream-cdr s)))))

    (define (stream-for-each proc . strms)
      (%check-procedure "stream-for-each" proc)
      (if (null? strms) (error "stream-for-each: expected at least one stream"))
      (for-each (lambda (s) (%check-stream "stream-for-each" s)) strms)
      (let loop ((ss strms))
        (if (not (%any-null? ss))
            (begin (apply proc (map stream-car ss)) (loop (map stream-cdr ss))))))

    (define (%any-null? strms)
      (and (pair? strms) (or (stream-null? (car strms)) (%any-null? (cdr strms)))))

    (define stream-from
      (case-lambda
        ((first) (stream-from first 1))
        ((first step)
         (if (not (number? first)) (error "stream-from: not a number" first))
         (if (not (number? step)) (error "stream-from: not a number" step))
         (stream-let loop ((x first)) (stream-cons x (loop (+ x step)))))))

    (define (stream-iterate proc base)
      (%check-procedure "stream-iterate" proc)
      (stream-let loop ((x base)) (stream-cons x (loop (proc x)))))

    (define (stream-length s)
      (%check-stream "stream-length" s)
      (let loop ((s s) (n 0))
        (if (stream-null? s) n (loop (stream-cdr s) (+ n 1)))))

    (define (stream-map proc . strms)
      (%check-procedure "stream-map" proc)
      (if (null? strms) (error "stream-map: expected at least one stream"))
      (for-each (lambda (s) (%check-stream "stream-map" s)) strms)
      (if (null? (cdr strms))
          (stream-let loop ((s (car strms)))
            (if (stream-null? s)
                stream-null
                (stream-cons (proc (stream-car s)) (loop (stream-cdr s)))))
          (stream-let loop ((ss strms))
            (if (%any-null? ss)
                stream-null
                (stream-cons (apply proc (map stream-car ss)) (loop (map stream-cdr ss)))))))

    (define stream-range
      (case-lambda
        ((first past) (stream-range first past (if (< first past) 1 -1)))
        ((first past step)
         (if (not (and (real? first) (real? past) (real? step)))
             (error "stream-range: expected real numbers" first past step))
         (let ((more? (if (positive? step) (lambda (x) (< x past)) (lambda (x) (> x past)))))
           (stream-let loop ((x first))
             (if (more? x) (stream-cons x (loop (+ x step))) stream-null))))))

    (define (stream-ref s n)
      (%check-stream "stream-ref" s)
      (%check-nat "stream-ref" n)
      (let loop ((s s) (i n))
        (cond ((stream-null? s) (error "stream-ref: index past the end of the stream" n))
              ((zero? i) (stream-car s))
              (else (loop (stream-cdr s) (- i 1))))))

    ;; Does not force the elements: each stream-cons delays the (stream-car s) of its level.
    (define (stream-reverse s)
      (%check-stream "stream-reverse" s)
      (stream-let loop ((s s) (r stream-null))
        (if (stream-null? s) r (loop (stream-cdr s) (stream-cons (stream-car s) r)))))

    (define (stream-scan proc base s)
      (%check-procedure "stream-scan" proc)
      (%check-stream "stream-scan" s)
      (stream-let loop ((acc base) (s s))
        (if (stream-null? s)
            (stream acc)
            (stream-cons acc (loop (proc acc (stream-car s)) (stream-cdr s))))))

    (define (stream-take n s)
      (%check-nat "stream-take" n)
      (%check-stream "stream-take" s)
      (stream-let loop ((n n) (s s))
        (if (or (zero? n) (stream-null? s))
            stream-null
            (stream-cons (stream-car s) (loop (- n 1) (stream-cdr s))))))

    (define (stream-take-while pred? s)
      (%check-procedure "stream-take-while" pred?)
      (%check-stream "stream-take-while" s)
      (stream-let loop ((s s))
        (if (and (stream-pair? s) (pred? (stream-car s)))
            (stream-cons (stream-car s) (loop (stream-cdr s)))
            stream-null)))

    (define (stream-unfold mapper pred? gen base)
      (%check-procedure "stream-unfold" mapper)
      (%check-procedure "stream-unfold" pred?)
      (%check-procedure "stream-unfold" gen)
      (stream-let loop ((x base))
        (if (pred? x) (stream-cons (mapper x) (loop (gen x))) stream-null)))

    ;; The generator is called once up front to learn how many streams to return (that first
    ;; call's results are kept, not thrown away); then one shared stream of result lists is
    ;; read by n output streams, one position each.
    (define (stream-unfolds gen seed)
      (%check-procedure "stream-unfolds" gen)
      (define (results-from seed)
        (call-with-values (lambda () (gen seed))
          (lambda (next . results) (cons next results))))
      (define (results-stream first)
        (stream-cons (cdr first)
                     (stream-let loop ((seed (car first)))
                       (let ((r (results-from seed)))
                         (stream-cons (cdr r) (loop (car r)))))))
      (define (output rs i)
        (stream-let loop ((rs rs))
          (let ((result (list-ref (stream-car rs) i)))
            (cond ((pair? result) (stream-cons (car result) (loop (stream-cdr rs))))
                  ((not result) (loop (stream-cdr rs)))
                  ((null? result) stream-null)
                  (else (error "stream-unfolds: bad result, expected (value), #f or ()" result))))))
      (let* ((first (results-from seed))
             (rs (results-stream first)))
        (let loop ((i (- (length (cdr first)) 1)) (outs '()))
          (if (< i 0) (apply values outs) (loop (- i 1) (cons (output rs i) outs))))))

    (define (stream-zip . strms)
      (if (null? strms) (error "stream-zip: expected at least one stream"))
      (apply stream-map list strms))))
