(import (scheme base))
;; Deep recursion returning through spilled frames: a resume entry goes on into its callers'
;; frames of the same procedure at the same return point (codegen-js.ts, chainedReturn). What
;; happens in such a frame must be what happens anywhere: errors, continuations, frames of
;; another procedure or another return point in between, values of every kind.
(test-begin "control-resume-chain")

(define n 200000)

;; An error raised in a frame reached by going on from a deeper one, caught higher up.
(define (build-until k stop)
  (if (= k 0)
      '()
      (let ((rest (build-until (- k 1) stop)))
        (if (= k stop) (error "stopped at" k) (cons k rest)))))
(test-equal "error in a resumed frame, caught by guard" '("stopped at" 150000)
  (guard (e ((error-object? e) (cons (error-object-message e) (error-object-irritants e))))
    (build-until n 150000)))
(test-equal "the same procedure afterwards" n (length (build-until n -1)))

;; Two return points of one procedure, interleaved: each resumes only its own.
(define (zigzag k)
  (cond ((= k 0) '())
        ((even? k) (cons 'e (zigzag (- k 1))))
        (else (cons 'o (zigzag (- k 1))))))
(define z (zigzag n))
(test-equal "two return points" n (length z))
(test-equal '(e o e o) (list (car z) (cadr z) (caddr z) (cadddr z)))

;; Runs of each return point, as merge makes them.
(define (runs k) (cond ((= k 0) 0) ((< (modulo k 1000) 500) (+ 1 (runs (- k 1)))) (else (+ 2 (runs (- k 1))))))
(test-equal "runs of two return points" (* 3 (/ n 2)) (runs n))

;; Frames of another procedure in between.
(define (ping k) (if (= k 0) 0 (+ 1 (pong (- k 1)))))
(define (pong k) (if (= k 0) 0 (+ 2 (ping (- k 1)))))
(test-equal "mutual recursion" (* 3 (/ n 2)) (ping n))

;; A continuation captured in a resumed frame, re-entered after the recursion returned.
(define saved #f)
(define entered 0)
(define (capture-at k at)
  (if (= k 0)
      0
      (let ((v (capture-at (- k 1) at)))
        (when (= k at) (call/cc (lambda (c) (set! saved c))))
        (+ v 1))))
(define first-result (capture-at n 100000))
(set! entered (+ entered 1))
(when (< entered 3) (saved #f))
(test-equal "re-entered continuation of a resumed frame" n first-result)
(test-equal "entered three times" 3 entered)

;; Flonums, strings and pairs as the values passed back.
(define (fsum k) (if (= k 0) 0.5 (+ 1.0 (fsum (- k 1)))))
(test-equal "flonum results" (+ 0.5 n) (fsum n))
(define (strs k) (if (= k 0) "" (let ((s (strs (- k 1)))) (if (= (string-length s) 3) "abc" (string-append s "x")))))
(test-equal "string results" "abc" (strs n))

;; Deep recursion of a closure: every frame's closure is a different object.
(define (make-counter base)
  (letrec ((count (lambda (k) (if (= k 0) base (+ 1 (count (- k 1)))))))
    count))
(test-equal "a closure's recursion" (+ 7 n) ((make-counter 7) n))

(test-end)
