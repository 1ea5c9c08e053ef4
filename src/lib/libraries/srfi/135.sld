;;; (srfi 135): immutable texts. Also (scheme text) and (srfi 135 texts).
;;;
;;; A text is a record around a Kiln string that nothing ever mutates or hands out: every
;;; string that enters a text is a fresh copy, and every string that leaves one is a fresh
;;; copy. This is the SRFI's "kernel0" approach (texts over the host's strings), and it meets
;;; the SRFI's performance requirements because Kiln's strings are already indexed by code
;;; point in O(1) (a JavaScript string while in the BMP, a code-point array beyond it), and
;;; their substring and append are JavaScript's, which V8 implements with shared slices and
;;; ropes. So text-ref and text-length are O(1), and the rest is linear, written in Scheme
;;; over string-ref (the procedures take predicates and procedures to call back).
;;;
;;; Procedures named textual-... accept texts and strings alike and always return texts.
;;; Comparisons are the code-point orderings of the corresponding string procedures. Not
;;; done (the SRFI says "when feasible", and they need the printer and equal?): writing texts
;;; as «...» and equal? on texts by content; a text is written as a record, #<text "...">.
(define-library (srfi 135)
  (include-library-declarations "135-exports.scm")
  (import (scheme base) (scheme char) (scheme case-lambda))
  (begin

    (define-record-type <text> (%make-text string) text? (string %text-string))

    (define (textual? x) (or (text? x) (string? x)))

    ;; The characters of a text or string, as a string only to be read.
    (define (%chars who x)
      (cond ((text? x) (%text-string x))
            ((string? x) x)
            (else (error (string-append who ": expected a text or a string") x))))

    (define (%check-text who x)
      (if (not (text? x)) (error (string-append who ": not a text") x)))

    ;; start and end from a list of optional arguments (), (start) or (start end).
    (define (%bounds who s args)
      (let* ((len (string-length s))
             (start (if (pair? args) (car args) 0))
             (end (if (and (pair? args) (pair? (cdr args))) (cadr args) len)))
        (if (not (and (exact-integer? start) (exact-integer? end) (<= 0 start end len)))
            (error (string-append who ": bad range") start end len))
        (values start end)))

    ;; Writes a piece of a result (a character, string or text) to a string port.
    (define (%write-piece who piece out)
      (cond ((char? piece) (write-char piece out))
            ((string? piece) (write-string piece out))
            ((text? piece) (write-string (%text-string piece) out))
            (else (error (string-append who ": expected a character, string or text") piece))))

    (define (%output->text out) (%make-text (get-output-string out)))

    ;; ---- predicates --------------------------------------------------------------------

    (define (textual-null? x) (= 0 (string-length (%chars "textual-null?" x))))

    (define (textual-every pred x . range)
      (let ((s (%chars "textual-every" x)))
        (let-values (((start end) (%bounds "textual-every" s range)))
          (let loop ((i start) (last #t))
            (if (= i end)
                last
                (let ((r (pred (string-ref s i))))
                  (and r (loop (+ i 1) r))))))))

    (define (textual-any pred x . range)
      (let ((s (%chars "textual-any" x)))
        (let-values (((start end) (%bounds "textual-any" s range)))
          (let loop ((i start))
            (and (< i end) (or (pred (string-ref s i)) (loop (+ i 1))))))))

    ;; ---- constructors ------------------------------------------------------------------

    (define (make-text len c) (%make-text (make-string len c)))

    (define (text . chars) (%make-text (list->string chars)))

    (define (text-tabulate proc len)
      (let loop ((i (- len 1)) (acc '()))
        (if (< i 0) (%make-text (list->string acc)) (loop (- i 1) (cons (proc i) acc)))))

    (define text-unfold
      (case-lambda
        ((stop? mapper successor seed) (text-unfold stop? mapper successor seed "" (lambda (x) "")))
        ((stop? mapper successor seed base) (text-unfold stop? mapper successor seed base (lambda (x) "")))
        ((stop? mapper successor seed base make-final)
         (let ((out (open-output-string)))
           (%write-piece "text-unfold" base out)
           (let loop ((seed seed))
             (if (stop? seed)
                 (begin (%write-piece "text-unfold" (make-final seed) out) (%output->text out))
                 (begin (%write-piece "text-unfold" (mapper seed) out) (loop (successor seed)))))))))

    ;; The pieces are produced left to right but placed right to left: final, pn ... p1, base.
    (define text-unfold-right
      (case-lambda
        ((stop? mapper successor seed)
         (text-unfold-right stop? mapper successor seed "" (lambda (x) "")))
        ((stop? mapper successor seed base)
         (text-unfold-right stop? mapper successor seed base (lambda (x) "")))
        ((stop? mapper successor seed base make-final)
         (let loop ((seed seed) (pieces (list base)))
           (if (stop? seed)
               (let ((out (open-output-string)))
                 (for-each (lambda (p) (%write-piece "text-unfold-right" p out))
                           (cons (make-final seed) pieces))
                 (%output->text out))
               (loop (successor seed) (cons (mapper seed) pieces)))))))

    ;; ---- conversion --------------------------------------------------------------------

    (define (textual->text x)
      (cond ((text? x) x)
            ((string? x) (%make-text (string-copy x)))
            (else (error "textual->text: expected a text or a string" x))))

    (define (textual->string x . range)
      (let ((s (%chars "textual->string" x)))
        (let-values (((start end) (%bounds "textual->string" s range)))
          (string-copy s start end))))

    (define (textual->vector x . range)
      (let ((s (%chars "textual->vector" x)))
        (let-values (((start end) (%bounds "textual->vector" s range)))
          (string->vector s start end))))

    (define (textual->list x . range)
      (let ((s (%chars "textual->list" x)))
        (let-values (((start end) (%bounds "textual->list" s range)))
          (string->list s start end))))

    (define (string->text s . range)
      (if (not (string? s)) (error "string->text: not a string" s))
      (let-values (((start end) (%bounds "string->text" s range)))
        (%make-text (string-copy s start end))))

    (define (vector->text v . range)
      (if (not (vector? v)) (error "vector->text: not a vector" v))
      (let* ((len (vector-length v))
             (start (if (pair? range) (car range) 0))
             (end (if (and (pair? range) (pair? (cdr range))) (cadr range) len)))
        (if (not (and (exact-integer? start) (exact-integer? end) (<= 0 start end len)))
            (error "vector->text: bad range" start end len))
        (%make-text (vector->string v start end))))

    (define (list->text chars . range)
      (if (not (list? chars)) (error "list->text: not a list" chars))
      (if (null? range)
          (%make-text (list->string chars))
          (vector->text (list->vector chars) (car range)
                        (if (pair? (cdr range)) (cadr range) (length chars)))))

    (define (reverse-list->text chars) (%make-text (list->string (reverse chars))))

    (define (textual->utf8 x . range)
      (let ((s (%chars "textual->utf8" x)))
        (let-values (((start end) (%bounds "textual->utf8" s range)))
          (string->utf8 s start end))))

    (define (utf8->text bv . range)
      (%make-text (apply utf8->string bv range)))

    ;; UTF-16 code units of a code point: one, or a surrogate pair.
    (define (%utf16-units cp)
      (if (< cp #x10000)
          (list cp)
          (let ((v (- cp #x10000)))
            (list (+ #xD800 (quotient v 1024)) (+ #xDC00 (remainder v 1024))))))

    (define (%encode-utf16 who x range big-endian? bom?)
      (let ((s (%chars who x)) (out (open-output-bytevector)))
        (define (unit u)
          (let ((hi (quotient u 256)) (lo (remainder u 256)))
            (if big-endian?
                (begin (write-u8 hi out) (write-u8 lo out))
                (begin (write-u8 lo out) (write-u8 hi out)))))
        (let-values (((start end) (%bounds who s range)))
          (if bom? (unit #xFEFF))
          (do ((i start (+ i 1))) ((= i end))
            (for-each unit (%utf16-units (char->integer (string-ref s i)))))
          (get-output-bytevector out))))

    (define (textual->utf16be x . range) (%encode-utf16 "textual->utf16be" x range #t #f))
    (define (textual->utf16le x . range) (%encode-utf16 "textual->utf16le" x range #f #f))
    ;; with a byte-order mark, big-endian (Unicode's default)
    (define (textual->utf16 x . range) (%encode-utf16 "textual->utf16" x range #t #t))

    (define (%decode-utf16 who bv start end big-endian?)
      (if (not (and (even? start) (even? end)))
          (error (string-append who ": odd bytevector range") start end))
      (define (unit i)
        (let ((a (bytevector-u8-ref bv i)) (b (bytevector-u8-ref bv (+ i 1))))
          (if big-endian? (+ (* a 256) b) (+ (* b 256) a))))
      (let loop ((i start) (acc '()))
        (if (>= i end)
            (%make-text (list->string (reverse acc)))
            (let ((u (unit i)))
              (cond ((and (<= #xD800 u #xDBFF) (< (+ i 2) end) (<= #xDC00 (unit (+ i 2)) #xDFFF))
                     (loop (+ i 4)
                           (cons (integer->char (+ #x10000 (* (- u #xD800) 1024) (- (unit (+ i 2)) #xDC00)))
                                 acc)))
                    ((<= #xD800 u #xDFFF) (error (string-append who ": invalid UTF-16") bv))
                    (else (loop (+ i 2) (cons (integer->char u) acc))))))))

    (define (%bytevector-bounds who bv args)
      (let* ((len (bytevector-length bv))
             (start (if (pair? args) (car args) 0))
             (end (if (and (pair? args) (pair? (cdr args))) (cadr args) len)))
        (if (not (and (exact-integer? start) (exact-integer? end) (<= 0 start end len)))
            (error (string-append who ": bad range") start end len))
        (values start end)))

    (define (utf16be->text bv . range)
      (let-values (((start end) (%bytevector-bounds "utf16be->text" bv range)))
        (%decode-utf16 "utf16be->text" bv start end #t)))

    (define (utf16le->text bv . range)
      (let-values (((start end) (%bytevector-bounds "utf16le->text" bv range)))
        (%decode-utf16 "utf16le->text" bv start end #f)))

    (define (utf16->text bv . range)
      (let-values (((start end) (%bytevector-bounds "utf16->text" bv range)))
        (let ((b0 (and (>= (- end start) 2) (bytevector-u8-ref bv start)))
              (b1 (and (>= (- end start) 2) (bytevector-u8-ref bv (+ start 1)))))
          (cond ((and (eqv? b0 #xFE) (eqv? b1 #xFF)) (%decode-utf16 "utf16->text" bv (+ start 2) end #t))
                ((and (eqv? b0 #xFF) (eqv? b1 #xFE)) (%decode-utf16 "utf16->text" bv (+ start 2) end #f))
                (else (%decode-utf16 "utf16->text" bv start end #t))))))

    ;; ---- selection ---------------------------------------------------------------------

    (define (text-length t)
      (%check-text "text-length" t)
      (string-length (%text-string t)))

    (define (text-ref t i)
      (%check-text "text-ref" t)
      (string-ref (%text-string t) i))

    (define (textual-length x) (string-length (%chars "textual-length" x)))
    (define (textual-ref x i) (string-ref (%chars "textual-ref" x) i))

    ;; A text of [start, end) of a text or string; a whole text is returned as it is.
    (define (%subtext who x start end)
      (let ((s (%chars who x)))
        (%bounds who s (list start end))
        (if (and (text? x) (= start 0) (= end (string-length s)))
            x
            (%make-text (string-copy s start end)))))

    (define (subtext t start end)
      (%check-text "subtext" t)
      (%subtext "subtext" t start end))

    (define (subtextual x start end) (%subtext "subtextual" x start end))

    (define (textual-copy x . range)
      (let ((s (%chars "textual-copy" x)))
        (let-values (((start end) (%bounds "textual-copy" s range)))
          (%make-text (string-copy s start end)))))

    (define (%count who x n)
      (let ((len (string-length (%chars who x))))
        (if (not (and (exact-integer? n) (<= 0 n len)))
            (error (string-append who ": count out of range") n len))
        len))

    (define (textual-take x n) (%count "textual-take" x n) (%subtext "textual-take" x 0 n))
    (define (textual-drop x n)
      (let ((len (%count "textual-drop" x n))) (%subtext "textual-drop" x n len)))
    (define (textual-take-right x n)
      (let ((len (%count "textual-take-right" x n))) (%subtext "textual-take-right" x (- len n) len)))
    (define (textual-drop-right x n)
      (let ((len (%count "textual-drop-right" x n))) (%subtext "textual-drop-right" x 0 (- len n))))

    (define (%pad who x len args left?)
      (let* ((s (%chars who x))
             (c (if (pair? args) (car args) #\space)))
        (if (not (and (exact-integer? len) (>= len 0))) (error (string-append who ": bad length") len))
        (let-values (((start end) (%bounds who s (if (pair? args) (cdr args) '()))))
          (let ((n (- end start)))
            (cond ((= n len) (%subtext who x start end))
                  ((> n len) (if left? (%subtext who x (- end len) end) (%subtext who x start (+ start len))))
                  (left? (%make-text (string-append (make-string (- len n) c) (string-copy s start end))))
                  (else (%make-text (string-append (string-copy s start end) (make-string (- len n) c)))))))))

    (define (textual-pad x len . args) (%pad "textual-pad" x len args #t))
    (define (textual-pad-right x len . args) (%pad "textual-pad-right" x len args #f))

    (define (%trim who x args left? right?)
      (let* ((s (%chars who x))
             (pred (if (pair? args) (car args) char-whitespace?)))
        (let-values (((start end) (%bounds who s (if (pair? args) (cdr args) '()))))
          (let* ((from (if left?
                           (let loop ((i start)) (if (and (< i end) (pred (string-ref s i))) (loop (+ i 1)) i))
                           start))
                 (to (if right?
                         (let loop ((i end)) (if (and (> i from) (pred (string-ref s (- i 1)))) (loop (- i 1)) i))
                         end)))
            (%subtext who x from to)))))

    (define (textual-trim x . args) (%trim "textual-trim" x args #t #f))
    (define (textual-trim-right x . args) (%trim "textual-trim-right" x args #f #t))
    (define (textual-trim-both x . args) (%trim "textual-trim-both" x args #t #t))

    ;; ---- replacement -------------------------------------------------------------------

    (define (textual-replace x1 x2 start1 end1 . range2)
      (let ((s1 (%chars "textual-replace" x1)) (s2 (%chars "textual-replace" x2)))
        (%bounds "textual-replace" s1 (list start1 end1))
        (let-values (((start2 end2) (%bounds "textual-replace" s2 range2)))
          (%make-text (string-append (string-copy s1 0 start1)
                                     (string-copy s2 start2 end2)
                                     (string-copy s1 end1))))))

    ;; ---- comparison --------------------------------------------------------------------

    (define (%compare who string-compare)
      (lambda (x y . more)
        (apply string-compare (%chars who x) (%chars who y) (map (lambda (z) (%chars who z)) more))))

    (define textual=? (%compare "textual=?" string=?))
    (define textual<? (%compare "textual<?" string<?))
    (define textual>? (%compare "textual>?" string>?))
    (define textual<=? (%compare "textual<=?" string<=?))
    (define textual>=? (%compare "textual>=?" string>=?))
    (define textual-ci=? (%compare "textual-ci=?" string-ci=?))
    (define textual-ci<? (%compare "textual-ci<?" string-ci<?))
    (define textual-ci>? (%compare "textual-ci>?" string-ci>?))
    (define textual-ci<=? (%compare "textual-ci<=?" string-ci<=?))
    (define textual-ci>=? (%compare "textual-ci>=?" string-ci>=?))

    ;; ---- prefixes and suffixes ---------------------------------------------------------

    ;; The strings and bounds of two textuals with optional [start1 end1 start2 end2].
    (define (%two who x1 x2 args k)
      (let ((s1 (%chars who x1)) (s2 (%chars who x2)))
        (let-values (((start1 end1) (%bounds who s1 (if (pair? args) (list-head2 args) '())))
                     ((start2 end2) (%bounds who s2 (if (and (pair? args) (pair? (cdr args))) (cddr args) '()))))
          (k s1 start1 end1 s2 start2 end2))))
    (define (list-head2 args) (if (pair? (cdr args)) (list (car args) (cadr args)) (list (car args))))

    (define (textual-prefix-length x1 x2 . args)
      (%two "textual-prefix-length" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (let loop ((i start1) (j start2))
                (if (and (< i end1) (< j end2) (char=? (string-ref s1 i) (string-ref s2 j)))
                    (loop (+ i 1) (+ j 1))
                    (- i start1))))))

    (define (textual-suffix-length x1 x2 . args)
      (%two "textual-suffix-length" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (let loop ((i end1) (j end2))
                (if (and (> i start1) (> j start2) (char=? (string-ref s1 (- i 1)) (string-ref s2 (- j 1))))
                    (loop (- i 1) (- j 1))
                    (- end1 i))))))

    (define (textual-prefix? x1 x2 . args)
      (%two "textual-prefix?" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (and (<= (- end1 start1) (- end2 start2))
                   (= (- end1 start1) (textual-prefix-length s1 s2 start1 end1 start2 end2))))))

    (define (textual-suffix? x1 x2 . args)
      (%two "textual-suffix?" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (and (<= (- end1 start1) (- end2 start2))
                   (= (- end1 start1) (textual-suffix-length s1 s2 start1 end1 start2 end2))))))

    ;; ---- searching ---------------------------------------------------------------------

    (define (%search who x pred range from-right? want)
      (let ((s (%chars who x)))
        (let-values (((start end) (%bounds who s range)))
          (if from-right?
              (let loop ((i (- end 1)))
                (cond ((< i start) #f)
                      ((eq? want (not (pred (string-ref s i)))) (loop (- i 1)))
                      (else i)))
              (let loop ((i start))
                (cond ((>= i end) #f)
                      ((eq? want (not (pred (string-ref s i)))) (loop (+ i 1)))
                      (else i)))))))

    ;; want is #t to find a character satisfying pred, #f to find one that does not
    (define (textual-index x pred . range) (%search "textual-index" x pred range #f #t))
    (define (textual-index-right x pred . range) (%search "textual-index-right" x pred range #t #t))
    (define (textual-skip x pred . range) (%search "textual-skip" x pred range #f #f))
    (define (textual-skip-right x pred . range) (%search "textual-skip-right" x pred range #t #f))

    ;; The search itself is a primitive (src/lib/srfi-135.ts): the Scheme loop over string-ref
    ;; measured about 2 s of CPU for a 10-character needle at the end of 1,000,000 characters.
    (define (textual-contains x1 x2 . args)
      (%two "textual-contains" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (%string-search s1 s2 start1 end1 start2 end2 #f))))

    (define (textual-contains-right x1 x2 . args)
      (%two "textual-contains-right" x1 x2 args
            (lambda (s1 start1 end1 s2 start2 end2)
              (%string-search s1 s2 start1 end1 start2 end2 #t))))

    ;; ---- case conversion ---------------------------------------------------------------

    (define (textual-upcase x) (%make-text (string-upcase (%chars "textual-upcase" x))))
    (define (textual-downcase x) (%make-text (string-downcase (%chars "textual-downcase" x))))
    (define (textual-foldcase x) (%make-text (string-foldcase (%chars "textual-foldcase" x))))

    ;; The first letter of each word (a maximal run of alphabetic characters) upcased, the
    ;; rest downcased. Simple (one-character) mappings: titlecase digraphs such as ǅ are not
    ;; produced.
    (define (textual-titlecase x)
      (let ((s (%chars "textual-titlecase" x)) (out (open-output-string)))
        (let loop ((i 0) (in-word #f))
          (if (= i (string-length s))
              (%output->text out)
              (let ((c (string-ref s i)))
                (cond ((not (char-alphabetic? c)) (write-char c out) (loop (+ i 1) #f))
                      (in-word (write-char (char-downcase c) out) (loop (+ i 1) #t))
                      (else (write-char (char-upcase c) out) (loop (+ i 1) #t))))))))

    ;; ---- concatenation -----------------------------------------------------------------

    (define (textual-concatenate xs)
      (let ((out (open-output-string)))
        (for-each (lambda (x) (write-string (%chars "textual-concatenate" x) out)) xs)
        (%output->text out)))

    (define (textual-append . xs) (textual-concatenate xs))

    (define textual-concatenate-reverse
      (case-lambda
        ((xs) (textual-concatenate (reverse xs)))
        ((xs final) (textual-concatenate (reverse (cons final xs))))
        ((xs final end) (textual-concatenate (reverse (cons (subtextual final 0 end) xs))))))

    (define textual-join
      (case-lambda
        ((xs) (textual-join xs " " 'infix))
        ((xs delimiter) (textual-join xs delimiter 'infix))
        ((xs delimiter grammar)
         (let ((d (%chars "textual-join" delimiter)) (out (open-output-string)))
           (define (each x) (write-string (%chars "textual-join" x) out))
           (case grammar
             ((infix strict-infix)
              (if (null? xs)
                  (if (eq? grammar 'strict-infix) (error "textual-join: empty list with strict-infix"))
                  (begin
                    (each (car xs))
                    (for-each (lambda (x) (write-string d out) (each x)) (cdr xs)))))
             ((suffix) (for-each (lambda (x) (each x) (write-string d out)) xs))
             ((prefix) (for-each (lambda (x) (write-string d out) (each x)) xs))
             (else (error "textual-join: grammar must be infix, strict-infix, suffix or prefix" grammar)))
           (%output->text out)))))

    ;; ---- fold, map and friends ---------------------------------------------------------

    (define (textual-fold kons knil x . range)
      (let ((s (%chars "textual-fold" x)))
        (let-values (((start end) (%bounds "textual-fold" s range)))
          (let loop ((i start) (acc knil))
            (if (= i end) acc (loop (+ i 1) (kons (string-ref s i) acc)))))))

    (define (textual-fold-right kons knil x . range)
      (let ((s (%chars "textual-fold-right" x)))
        (let-values (((start end) (%bounds "textual-fold-right" s range)))
          (let loop ((i (- end 1)) (acc knil))
            (if (< i start) acc (loop (- i 1) (kons (string-ref s i) acc)))))))

    ;; The strings of several textuals and the length of the shortest.
    (define (%strings who xs)
      (let ((ss (map (lambda (x) (%chars who x)) xs)))
        (values ss (apply min (map string-length ss)))))

    (define (textual-map proc x . xs)
      (let-values (((ss n) (%strings "textual-map" (cons x xs))))
        (let ((out (open-output-string)))
          (do ((i 0 (+ i 1))) ((= i n))
            (%write-piece "textual-map" (apply proc (map (lambda (s) (string-ref s i)) ss)) out))
          (%output->text out))))

    (define (textual-for-each proc x . xs)
      (let-values (((ss n) (%strings "textual-for-each" (cons x xs))))
        (do ((i 0 (+ i 1))) ((= i n))
          (apply proc (map (lambda (s) (string-ref s i)) ss)))))

    (define (textual-map-index proc x . range)
      (let ((s (%chars "textual-map-index" x)) (out (open-output-string)))
        (let-values (((start end) (%bounds "textual-map-index" s range)))
          (do ((i start (+ i 1))) ((= i end))
            (%write-piece "textual-map-index" (proc i) out))
          (%output->text out))))

    (define (textual-for-each-index proc x . range)
      (let ((s (%chars "textual-for-each-index" x)))
        (let-values (((start end) (%bounds "textual-for-each-index" s range)))
          (do ((i start (+ i 1))) ((= i end))
            (proc i)))))

    (define (textual-count x pred . range)
      (let ((s (%chars "textual-count" x)))
        (let-values (((start end) (%bounds "textual-count" s range)))
          (let loop ((i start) (n 0))
            (cond ((= i end) n)
                  ((pred (string-ref s i)) (loop (+ i 1) (+ n 1)))
                  (else (loop (+ i 1) n)))))))

    (define (%filter who pred x range keep)
      (let ((s (%chars who x)) (out (open-output-string)))
        (let-values (((start end) (%bounds who s range)))
          (do ((i start (+ i 1))) ((= i end))
            (let ((c (string-ref s i)))
              (if (eq? keep (not (not (pred c)))) (write-char c out))))
          (%output->text out))))

    (define (textual-filter pred x . range) (%filter "textual-filter" pred x range #t))
    (define (textual-remove pred x . range) (%filter "textual-remove" pred x range #f))

    ;; ---- replication and splitting -----------------------------------------------------

    (define (textual-replicate x from to . range)
      (let ((s (%chars "textual-replicate" x)))
        (let-values (((start end) (%bounds "textual-replicate" s range)))
          (if (not (and (exact-integer? from) (exact-integer? to) (<= from to)))
              (error "textual-replicate: bad from/to" from to))
          (cond ((= from to) (%make-text ""))
                ((= start end) (error "textual-replicate: empty text to replicate" x))
                (else
                 (let ((n (- end start)) (out (open-output-string)))
                   (do ((i from (+ i 1))) ((= i to))
                     (write-char (string-ref s (+ start (modulo i n))) out))
                   (%output->text out)))))))

    (define (textual-split x delimiter . args)
      (let* ((s (%chars "textual-split" x))
             (d (%chars "textual-split" delimiter))
             (grammar (if (pair? args) (car args) 'infix))
             (limit (if (and (pair? args) (pair? (cdr args))) (cadr args) #f))
             (range (if (and (pair? args) (pair? (cdr args))) (cddr args) '())))
        (if (not (memq grammar '(infix strict-infix prefix suffix)))
            (error "textual-split: grammar must be infix, strict-infix, suffix or prefix" grammar))
        (if (not (or (not limit) (and (exact-integer? limit) (>= limit 0))))
            (error "textual-split: limit must be #f or a non-negative exact integer" limit))
        (let-values (((start end) (%bounds "textual-split" s range)))
          (define (piece from to) (%make-text (string-copy s from to)))
          (define dlen (string-length d))
          ;; the pieces, scanning for the delimiter from `from`, with `splits` splits left
          (define (split from splits acc)
            (let ((at (and (not (eqv? splits 0))
                           (if (= dlen 0)
                               (and (< (+ from 1) end) (+ from 1))
                               (textual-contains s d from end)))))
              (cond ((not at) (reverse (cons (piece from end) acc)))
                    ((= dlen 0) (split at (and splits (- splits 1)) (cons (piece from at) acc)))
                    (else (split (+ at dlen) (and splits (- splits 1)) (cons (piece from at) acc))))))
          (cond ((= start end)
                 (if (eq? grammar 'strict-infix) (error "textual-split: empty text with strict-infix"))
                 '())
                (else
                 (let* ((pieces (split start limit '()))
                        (pieces (if (and (eq? grammar 'prefix) (pair? pieces) (textual-null? (car pieces)))
                                    (cdr pieces)
                                    pieces)))
                   (if (and (eq? grammar 'suffix) (pair? pieces) (textual-null? (car (reverse pieces))))
                       (reverse (cdr (reverse pieces)))
                       pieces)))))))))
