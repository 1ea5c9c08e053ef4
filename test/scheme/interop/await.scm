;;; (await promise) at a program's top level and inside procedures: timers, fs/promises,
;;; rejections as conditions, tail calls and call/cc across awaits, dynamic-wind not re-entered.
(import (scheme base) (scheme write) (kiln js))

(define (sleep ms value)
  (js-new (js-global "Promise")
          (lambda (resolve reject) (js-invoke (js-global "setTimeout") (lambda () (resolve value)) ms))))
(define (rejected message)
  (js-call (js-global "Promise") "reject" (js-new (js-global "Error") message)))

(test-begin "await")

(test-equal 42 (await (sleep 5 42)))
(test-equal 7 (await 7))                      ; not a promise: itself

(define (sum-awaited n)                       ; a tail loop through n awaits
  (let loop ((i 0) (acc 0))
    (if (= i n) acc (loop (+ i 1) (+ acc (await (js-call (js-global "Promise") "resolve" i)))))))
(test-equal 4950 (sum-awaited 100))

(test-equal "boom" (guard (e ((error-object? e) (error-object-message e))) (await (rejected "boom"))))

(define fsp (js-import "node:fs/promises"))
(define os (js-import "node:os"))
(define file (string-append (js-call os "tmpdir") "/kiln-await-" (number->string (js-call (js-global "Math") "random")) ".txt"))
(await (js-call fsp "writeFile" file "written by kiln"))
(test-equal "written by kiln" (await (js-call fsp "readFile" file "utf8")))
(await (js-call fsp "unlink" file))
(test-assert (guard (e ((error-object? e) #t)) (await (js-call fsp "readFile" file "utf8")) #f))

(define trace '())
(dynamic-wind
  (lambda () (set! trace (cons 'in trace)))
  (lambda () (await (sleep 1 #t)))
  (lambda () (set! trace (cons 'out trace))))
(test-equal '(out in) trace)

;; a continuation captured before an await can be re-entered after it
(define k #f)
(define count 0)
(define v (call/cc (lambda (c) (set! k c) 0)))
(set! count (+ count 1))
(define w (await (sleep 1 v)))
(if (< v 2) (k (+ v 1)))
(test-equal 2 w)
(test-equal 3 count)

(test-end)
