(import (scheme base))
;; Generators built on call/cc (R7RS 6.10): every element captures the producer's continuation
;; and resumes the consumer's, so the stack is split and re-entered at every step. Exercised in
;; every tier: the interpreter freezes and copies back stack segments (frames.ts), native code
;; reifies its frames at a capture and abandons them at a throw (docs/jit.md, "Generators").
(test-begin "control-generators")

;; ---- a tree walker and a list walker, as in bench/callcc-generator.scm -------------------

(define (make-tree depth start)
  (if (= depth 0)
      start
      (cons (make-tree (- depth 1) start)
            (make-tree (- depth 1) (+ start (expt 2 (- depth 1)))))))

(define (tree->generator tree)
  (define return #f)
  (define resume #f)
  (define (walk t)
    (if (pair? t)
        (begin (walk (car t)) (walk (cdr t)))
        (call/cc (lambda (k) (set! resume k) (return t)))))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume
                   (resume #f)
                   (begin (walk tree) (return 'done)))))))

(define (list->generator lst)
  (define return #f)
  (define resume #f)
  (define (walk l)
    (unless (null? l)
      (call/cc (lambda (k) (set! resume k) (return (car l))))
      (walk (cdr l))))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume
                   (resume #f)
                   (begin (walk lst) (return 'done)))))))

(define (take-gen g n)
  (let loop ((i 0) (acc '()))
    (if (= i n) (reverse acc) (loop (+ i 1) (cons (g) acc)))))

(define (gen->list g)
  (let loop ((acc '()))
    (let ((v (g))) (if (eq? v 'done) (reverse acc) (loop (cons v acc))))))

(define (iota* n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

;; consumed fully
(test-equal (iota* 16) (gen->list (tree->generator (make-tree 4 0))))
(test-equal '(a b c) (gen->list (list->generator '(a b c))))
(test-equal '() (gen->list (list->generator '())))
(test-equal 8589869056
  (let ((g (tree->generator (make-tree 17 0))))
    (let loop ((sum 0))
      (let ((v (g))) (if (eq? v 'done) sum (loop (+ sum v)))))))
;; consumed partially, then dropped
(test-equal '(0 1 2 3 4) (take-gen (tree->generator (make-tree 10 0)) 5))
(test-equal '(x y) (take-gen (list->generator '(x y z w)) 2))
;; past the end: 'done again and again
(test-equal '(1 done done done)
  (let ((g (list->generator '(1)))) (take-gen g 4)))
;; many generators made and consumed partially (segments reused or dropped)
(test-equal 49995000
  (let loop ((i 0) (sum 0))
    (if (= i 10000)
        sum
        (loop (+ i 1) (+ sum (apply + (take-gen (list->generator (list i i i)) 1)) (* i 0))))))

;; ---- interleaved generators --------------------------------------------------------------

(define (zip-gens g1 g2)
  (let loop ((acc '()))
    (let* ((a (g1)) (b (g2)))
      (if (or (eq? a 'done) (eq? b 'done))
          (reverse acc)
          (loop (cons (list a b) acc))))))
(test-equal '((0 100) (1 101) (2 102) (3 103))
  (zip-gens (tree->generator (make-tree 2 0)) (tree->generator (make-tree 3 100))))
(test-equal 1000
  (length (zip-gens (list->generator (iota* 1000)) (tree->generator (make-tree 12 0)))))
;; a generator consuming another generator
(define (map-gen f g)
  (list->generator
   (let loop ((acc '()))
     (let ((v (g))) (if (eq? v 'done) (reverse acc) (loop (cons (f v) acc)))))))
(test-equal '(0 2 4 6) (gen->list (map-gen (lambda (x) (* 2 x)) (tree->generator (make-tree 2 0)))))
;; a generator whose producer drives another generator lazily, element by element
(define (lazy-map-gen f g)
  (define return #f)
  (define resume #f)
  (define (pump)
    (let ((v (g)))
      (unless (eq? v 'done)
        (call/cc (lambda (k) (set! resume k) (return (f v))))
        (pump))))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume (resume #f) (begin (pump) (return 'done)))))))
(test-equal (map (lambda (x) (+ x 1)) (iota* 256))
  (gen->list (lazy-map-gen (lambda (x) (+ x 1)) (tree->generator (make-tree 8 0)))))

;; ---- re-entering a generator's continuation twice (multi-shot) ---------------------------

;; the same producer continuation resumed twice yields the same next element both times
(test-equal '(7 7)
  (let* ((return #f)
         (k-producer #f)
         (produce (lambda ()
                    (let loop ((i 5))
                      (call/cc (lambda (k) (set! k-producer k) (return i)))
                      (loop (+ i 1)))))
         (next (lambda () (call/cc (lambda (r) (set! return r) (if k-producer (k-producer #f) (produce)))))))
    (next) (next)                      ; 5, 6; k-producer resumes after 6
    (let ((k k-producer))
      (let ((x (next)))                ; 7, and k-producer is now after 7
        (set! k-producer k)            ; back to after 6
        (let ((y (next)))              ; 7 again
          (list x y))))))
;; a whole consumer loop re-entered: the sum is computed twice from the same point
(test-equal '(45 45)
  (let ((results '()) (k #f))
    (let* ((g (list->generator (iota* 10)))
           (first (g)))
      (let ((start (call/cc (lambda (c) (set! k c) first))))
        (let loop ((sum start))
          (let ((v (g)))
            (if (eq? v 'done)
                (begin
                  (set! results (cons sum results))
                  (if (< (length results) 2)
                      ;; the generator is exhausted: restart from a fresh one, same start
                      (begin (set! g (list->generator (cdr (iota* 10)))) (k first))
                      results))
                (loop (+ sum v)))))))))

;; ---- generators and dynamic-wind ---------------------------------------------------------

(define (winding-gen lst log)
  (define return #f)
  (define resume #f)
  (define (walk l)
    (unless (null? l)
      (call/cc (lambda (k) (set! resume k) (return (car l))))
      (walk (cdr l))))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume
                   (resume #f)
                   (dynamic-wind
                    (lambda () (set-car! log (cons 'in (car log))))
                    (lambda () (walk lst) (return 'done))
                    (lambda () (set-car! log (cons 'out (car log))))))))))
(test-equal '((1 2 done) (out in out in out in))
  (let* ((log (list '()))
         (g (winding-gen '(1 2) log))
         (vals (list (g) (g) (g))))
    (list vals (car log))))
;; a consumer inside dynamic-wind: the producer's continuation was captured inside the first
;; extent, so resuming it from the second leaves the second and re-enters the first, and the
;; value returned to the consumer goes back the other way
(test-equal '((a b) ((in 1) (out 1) (in 2) (out 2) (in 1) (out 1) (in 2) (out 2) (in 3) (out 3)))
  (let* ((log '())
         (g (list->generator '(a b)))
         (vals '())
         (wind (lambda (n thunk)
                 (dynamic-wind
                  (lambda () (set! log (cons (list 'in n) log)))
                  thunk
                  (lambda () (set! log (cons (list 'out n) log)))))))
    (wind 1 (lambda () (set! vals (cons (g) vals))))
    (wind 2 (lambda () (set! vals (cons (g) vals))))
    (wind 3 (lambda () 'nothing))
    (list (reverse vals) (reverse log))))

;; ---- generators at depth -----------------------------------------------------------------

;; a consumer 10,000 frames deep and a producer 10,000 frames deep
(define (deep-consume g depth)
  (if (= depth 0)
      (gen->list g)
      (let ((r (deep-consume g (- depth 1)))) r)))
(define (deep-producer n depth)
  (define return #f)
  (define resume #f)
  (define (down d)
    (if (= d 0)
        (let loop ((i 0))
          (when (< i n)
            (call/cc (lambda (k) (set! resume k) (return i)))
            (loop (+ i 1))))
        (begin (down (- d 1)) #t)))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume (resume #f) (begin (down depth) (return 'done)))))))
(test-equal (iota* 100) (deep-consume (deep-producer 100 10000) 10000))
;; a producer whose captures fill stack segments (each element leaves its frames deeper)
(define (staircase n)
  (define return #f)
  (define resume #f)
  (define (climb i)
    (when (< i n)
      (call/cc (lambda (k) (set! resume k) (return i)))
      (climb (+ i 1))
      #t))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume (resume #f) (begin (climb 0) (return 'done)))))))
(test-equal 199990000 (apply + (gen->list (staircase 20000))))

;; ---- stored continuations invoked from deep inside running code -------------------------

;; invoked 5,000 frames deep (the frames in between are abandoned), three times
(test-equal '(3 (5000 5000 5000))
  (let ((k #f) (n 0) (depths '()))
    (define (down d) (if (= d 0) (k d) (+ 1 (down (- d 1)))))
    (let ((v (call/cc (lambda (c) (set! k c) 'start))))
      (unless (eq? v 'start) (set! depths (cons 5000 depths)))
      (set! n (+ n 1))
      (if (< n 4) (down 5000) (list (length depths) depths)))))
;; with several values, through call-with-values
(test-equal '((1 2) (3 4) (5 6))
  (let ((k #f) (out '()))
    (define (deep d a b) (if (= d 0) (k a b) (car (list (deep (- d 1) a b)))))
    (call-with-values (lambda () (call/cc (lambda (c) (set! k c) (values 1 2))))
      (lambda (a b)
        (set! out (cons (list a b) out))
        (cond ((= a 1) (deep 1000 3 4))
              ((= a 3) (deep 2000 5 6)))))
    (reverse out)))
;; across dynamic-wind, from deep inside the extent
(test-equal '(done (in out in out))
  (let ((k #f) (log '()) (n 0))
    (define (deep d) (if (= d 0) (k 'again) (+ 1 (deep (- d 1)))))
    (let ((v (call/cc (lambda (c) (set! k c) 'first))))
      (set! n (+ n 1))
      (if (< n 3)
          (dynamic-wind
           (lambda () (set! log (cons 'in log)))
           (lambda () (deep 3000))
           (lambda () (set! log (cons 'out log))))
          (list 'done (reverse log))))))
;; an error after a re-entry is raised in the re-entered frame
(test-equal '("car: expected a pair" 2)
  (let ((k #f) (n 0))
    (let ((v (call/cc (lambda (c) (set! k c) 0))))
      (set! n (+ n 1))
      (if (= n 1)
          (k 1)
          (guard (e (#t (list (error-object-message e) n)))
            (car v))))))

(test-end)
