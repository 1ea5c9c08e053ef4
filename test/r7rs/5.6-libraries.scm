;; R7RS 5.6 Libraries: define-library with export (plain and rename), import, begin, include,
;; include-ci, include-library-declarations and cond-expand declarations; the library example
;; of 5.6.2 (a grid and the game of life).  The libraries are defined in this file, before the
;; program's import.
(define-library (example grid)
  (export make rows cols ref each
          (rename put! set!))
  (import (scheme base))
  (begin
    ;; Create an NxM grid.
    (define (make n m)
      (let ((grid (make-vector n)))
        (do ((i 0 (+ i 1)))
            ((= i n) grid)
          (let ((v (make-vector m #false)))
            (vector-set! grid i v)))))
    (define (rows grid)
      (vector-length grid))
    (define (cols grid)
      (vector-length (vector-ref grid 0)))
    ;; Return #false if out of range.
    (define (ref grid n m)
      (and (< -1 n (rows grid))
           (< -1 m (cols grid))
           (vector-ref (vector-ref grid n) m)))
    (define (put! grid n m v)
      (vector-set! (vector-ref grid n) m v))
    (define (each grid proc)
      (do ((j 0 (+ j 1)))
          ((= j (rows grid)))
        (do ((k 0 (+ k 1)))
            ((= k (cols grid)))
          (proc j k (ref grid j k)))))))

(define-library (example life)
  (export life)
  (import (except (scheme base) set!)
          (scheme write)
          (example grid))
  (begin
    (define (life-count grid i j)
      (define (count i j)
        (if (ref grid i j) 1 0))
      (+ (count (- i 1) (- j 1))
         (count (- i 1) j)
         (count (- i 1) (+ j 1))
         (count i (- j 1))
         (count i (+ j 1))
         (count (+ i 1) (- j 1))
         (count (+ i 1) j)
         (count (+ i 1) (+ j 1))))
    (define (life-alive? grid i j)
      (case (life-count grid i j)
        ((3) #true)
        ((2) (ref grid i j))
        (else #false)))
    (define (life-print grid)
      (display "\x1B;[1H\x1B;[J")  ; clear vt100
      (each grid
       (lambda (i j v)
         (display (if v "*" " "))
         (when (= j (- (cols grid) 1))
           (newline)))))
    (define (life grid iterations)
      (do ((i 0 (+ i 1))
           (grid0 grid grid1)
           (grid1 (make (rows grid) (cols grid))
                  grid0))
          ((= i iterations))
        (each grid0
         (lambda (j k v)
           (let ((a (life-alive? grid0 j k)))
             (set! grid1 j k a))))
        (life-print grid1)))))

;; a library with state: its body runs once, however many times it is imported
(define-library (test counter)
  (export next! current (rename current value-now))
  (import (scheme base))
  (begin
    (define count 0)
    (define loads 0)
    (set! loads (+ loads 1))
    (define (next!) (set! count (+ count 1)) count)
    (define (current) (list count loads))))

;; a library exporting syntax, which refers to the library's private binding
(define-library (test macros)
  (export swap! add-secret)
  (import (scheme base))
  (begin
    (define secret 100)
    (define-syntax swap!
      (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
    (define-syntax add-secret
      (syntax-rules () ((_ x) (+ x secret))))))

;; include, include-ci, include-library-declarations and cond-expand declarations
(define-library (test declarations 2)
  (include-library-declarations "data/library-decls.inc")
  (export included-in-library which-branch)
  (import (scheme base))
  (include "data/library-body.inc")
  (cond-expand
    (r7rs (begin (define which-branch 'r7rs)))
    (else (begin (define which-branch 'else))))
  (cond-expand
    ((library (scheme base)) (export base-available) (begin (define base-available #t))))
  (begin (define shared-greeting "hello")))

;; a library importing another library that is defined in this file
(define-library (test uses-counter)
  (export bump-twice)
  (import (scheme base) (prefix (test counter) c:))
  (begin (define (bump-twice) (c:next!) (c:next!))))

(import (scheme base)
        (scheme write)
        (only (example life) life)
        (rename (prefix (example grid) grid-)
                (grid-make make-grid))
        (test counter)
        (only (test counter) value-now)
        (test macros)
        (test declarations 2)
        (test uses-counter))

(test-begin "5.6 libraries")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(define (count-char c s)
  (let loop ((i 0) (n 0))
    (if (= i (string-length s)) n (loop (+ i 1) (if (char=? c (string-ref s i)) (+ n 1) n)))))

(test-group "5.6.2 library example"
  ;; Initialize a grid with a glider.
  (define grid (make-grid 24 24))
  (grid-set! grid 1 1 #true)
  (grid-set! grid 2 2 #true)
  (grid-set! grid 3 0 #true)
  (grid-set! grid 3 1 #true)
  (grid-set! grid 3 2 #true)
  (test-equal "the grid's size" '(24 24) (list (grid-rows grid) (grid-cols grid)))
  (test-eq "grid-ref out of range is #false" #f (grid-ref grid -1 0))
  ;; Run for 80 iterations.
  (define out (output-of (lambda () (life grid 80))))
  (test-eqv "80 frames are printed, each clearing the screen with two escapes" 160 (count-char #\x1B out))
  (test-eqv "every frame shows the five cells of the glider" 400 (count-char #\* out))
  (test-equal "after 80 generations the glider has moved 20 cells down and right"
    '((21 21) (22 22) (23 20) (23 21) (23 22))
    (let ((cells '()))
      (grid-each grid (lambda (i j v) (if v (set! cells (cons (list i j) cells)))))
      (reverse cells))))

(test-group "exports and imports"
  (test-equal "a library's body runs once; its state is shared by all importers" '(2 1)
    (begin (next!) (next!) (current)))
  (test-equal "an export renamed with (rename a b)" '(2 1) (value-now))
  (test-equal "another library sees the same instance" '(4 1) (begin (bump-twice) (current)))
  (test-equal "exported syntax" '(2 1)
    (let ((a 1) (b 2)) (swap! a b) (list a b)))
  (test-eqv "exported syntax refers to the library's private binding" 101 (add-secret 1))
  (test-error "a private binding is not visible" (eval 'secret (environment '(scheme base))))
  (test-equal "include-library-declarations" "hello" shared-greeting)
  (test-eq "include in a library" 'from-library-include included-in-library)
  (test-eq "cond-expand in a library" 'r7rs which-branch)
  (test-eq "cond-expand splicing an export declaration" #t base-available))

(test-group "environment with a program-defined library"
  (test-eqv "a defined library can be imported with environment" 1
    (eval '(ref (let ((g (make 2 2))) (set! g 0 0 1) g) 0 0)
          (environment '(except (scheme base) set!) '(only (example grid) make ref set!)))))

(test-end)
