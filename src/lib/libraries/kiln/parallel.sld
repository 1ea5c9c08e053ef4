;;; (kiln parallel): parallel Scheme on a pool of Kiln runtimes on worker threads
;;; (docs/parallel.md; the primitives are src/parallel/primitives.ts). The pool starts on first
;;; use with one worker per core (KILN_WORKERS sets the number). A procedure that runs on a
;;; worker is sent by name: it must be the value of a global defined by a library (or a
;;; builtin); its arguments and results are copied. Where the runtime has no pool (a sandbox,
;;; a browser page) futures run in the calling thread when touched, after the same checks.
(define-library (kiln parallel)
  (export future touch future? parallel-map parallel-for-each parallel-reduce
          make-channel channel? channel-put channel-get parallel-workers
          parallel-statistics)
  (import (scheme base))
  (begin
    ;; A future of a runtime without a pool: the call, run by the first touch.
    (define-record-type <local-future>
      (make-local-future proc args state value)
      local-future?
      (proc local-future-proc)
      (args local-future-args)
      (state local-future-state set-local-future-state!)
      (value local-future-value set-local-future-value!))

    ;; (future thunk) or (future proc arg ...): start (proc arg ...) on a worker.
    (define (future proc . args)
      (if (%pool?)
          (%future proc args)
          (begin (%check-sendable 'future proc args)
                 (make-local-future proc args 'pending #f))))

    (define (future? x) (or (%future? x) (local-future? x)))

    (define (touch f)
      (if (local-future? f)
          (case (local-future-state f)
            ((done) (local-future-value f))
            ((failed) (raise (local-future-value f)))
            (else
             (guard (e (#t (set-local-future-state! f 'failed)
                           (set-local-future-value! f e)
                           (raise e)))
               (let ((v (apply (local-future-proc f) (local-future-args f))))
                 (set-local-future-state! f 'done)
                 (set-local-future-value! f v)
                 v))))
          (%touch f)))

    (define (parallel-workers) (%parallel-size))
    (define (parallel-statistics) (%parallel-statistics))

    ;; Pieces per worker: several, so a slow piece does not leave the other workers idle.
    (define (chunk-count n) (max 1 (min n (* 4 (%parallel-size)))))

    (define (run-chunks proc f xs)
      (map touch (map (lambda (piece) (future proc f piece))
                      (%chunks xs (chunk-count (if (vector? xs) (vector-length xs) (length xs)))))))

    (define (parallel-map f xs)
      (cond ((vector? xs) (apply vector-append (run-chunks vector-map f xs)))
            ((null? xs) '())
            (else (apply append (run-chunks map f xs)))))

    (define (parallel-for-each f xs)
      (unless (and (vector? xs) (= 0 (vector-length xs)))
        (unless (null? xs)
          (run-chunks (if (vector? xs) vector-for-each for-each) f xs)))
      (if #f #f))

    ;; One piece's reduction, run on a worker: (combine ... (combine (combine init x1) x2) ...).
    (define (%reduce-piece combine init piece)
      (let ((items (if (vector? piece) (vector->list piece) piece)))
        (let loop ((acc init) (xs items))
          (if (null? xs) acc (loop (combine acc (car xs)) (cdr xs))))))

    ;; combine must be associative with init as its identity: the pieces are reduced on the
    ;; workers, then their results, in order, here.
    (define (parallel-reduce combine init xs)
      (if (or (null? xs) (and (vector? xs) (= 0 (vector-length xs))))
          init
          (let loop ((acc init)
                     (rs (map touch
                              (map (lambda (piece) (future %reduce-piece combine init piece))
                                   (%chunks xs (chunk-count (if (vector? xs) (vector-length xs) (length xs))))))))
            (if (null? rs) acc (loop (combine acc (car rs)) (cdr rs))))))

    (define (make-channel) (%make-channel))
    (define (channel? x) (%channel? x))
    (define (channel-put ch v) (%channel-put ch v))
    (define (channel-get ch) (%channel-get ch))))
