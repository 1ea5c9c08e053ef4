;; fetch.scm -- (kiln js) and await: the program waits for a timer and for the network
;; without blocking the page; the rest of the computation is suspended as a continuation.
;; (In the playground's worker, js-global reaches fetch, timers, JSON, Math, Date, console.)
(import (scheme base) (scheme write) (kiln js))

(define (sleep ms)
  (await (js-new (js-global "Promise")
                 (lambda (resolve) (js-invoke (js-global "setTimeout") resolve ms)))))

(define (fetch-text url)
  (let ((response (await (js-invoke (js-global "fetch") url))))
    (if (js-ref response "ok")
        (await (js-call response "text"))
        (error "fetch failed" url (js-ref response "status")))))

(display "waiting half a second... ")
(sleep 500)
(display "done") (newline)

(guard (e (#t (display "could not fetch: ")
              (display (if (error-object? e) (error-object-message e) e))
              (newline)))
  (let ((page (fetch-text "index.html")))
    (display "index.html is ")
    (display (string-length page))
    (display " characters long")
    (newline)))
