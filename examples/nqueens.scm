;; nqueens.scm -- the N-queens puzzle: the number of solutions for n = 1..10, and the first
;; solution for 8 queens drawn as a board.
;;   node bin/kiln.js examples/nqueens.scm
(import (scheme base) (scheme write))

;; A placement is a list of column numbers, one per row, most recent row first.
(define (safe? col placed)
  (let loop ((rest placed) (distance 1))
    (or (null? rest)
        (let ((other (car rest)))
          (and (not (= other col))
               (not (= (abs (- other col)) distance))
               (loop (cdr rest) (+ distance 1)))))))

;; Call (found placement) for every solution, in order.
(define (solve n found)
  (let place ((row 0) (placed '()))
    (if (= row n)
        (found (reverse placed))
        (do ((col 0 (+ col 1)))
            ((= col n))
          (when (safe? col placed)
            (place (+ row 1) (cons col placed)))))))

(define (count-solutions n)
  (let ((count 0))
    (solve n (lambda (solution) (set! count (+ count 1))))
    count))

;; The first solution, found by escaping out of the search with call/cc.
(define (first-solution n)
  (call-with-current-continuation
   (lambda (return)
     (solve n return)
     #f)))

(define (draw solution)
  (let ((n (length solution)))
    (for-each
     (lambda (col)
       (do ((c 0 (+ c 1)))
           ((= c n))
         (write-string (if (= c col) " Q" " .")))
       (newline))
     solution)))

(do ((n 1 (+ n 1)))
    ((> n 10))
  (let ((count (count-solutions n)))
    (display n)
    (display " queens: ")
    (display count)
    (display (if (= count 1) " solution" " solutions"))
    (newline)))

(newline)
(display "The first solution for 8 queens (columns ")
(write (first-solution 8))
(display "):")
(newline)
(draw (first-solution 8))
