;;; (srfi 28): basic format strings.
;;;
;;;   (format format-string obj ...)   a new string: the format string with ~a replaced by
;;;                                    the next obj as `display` writes it, ~s as `write`
;;;                                    writes it, ~% by a newline and ~~ by a tilde
;;;
;;; Also accepted (as in SRFI 48 and most Schemes): a first argument #f (return the string),
;;; #t (write it to the current output port) or an output port (write it there). Directive
;;; letters may be upper case. Too few objects, or an unknown directive, is an error; objects
;;; left over are ignored.
(define-library (srfi 28)
  (export format)
  (import (scheme base) (scheme write))
  (begin
    (define (%format-to out fmt objs)
      (let ((n (string-length fmt)))
        (let loop ((i 0) (objs objs))
          (when (< i n)
            (let ((c (string-ref fmt i)))
              (cond
               ((not (char=? c #\~))
                (write-char c out)
                (loop (+ i 1) objs))
               ((= (+ i 1) n)
                (error "format: the format string ends in ~" fmt))
               (else
                (let ((d (string-ref fmt (+ i 1))))
                  (define (next)
                    (if (null? objs)
                        (error "format: too few arguments for the format string" fmt)
                        (car objs)))
                  (case d
                    ((#\a #\A) (display (next) out) (loop (+ i 2) (cdr objs)))
                    ((#\s #\S) (write (next) out) (loop (+ i 2) (cdr objs)))
                    ((#\%) (newline out) (loop (+ i 2) objs))
                    ((#\~) (write-char #\~ out) (loop (+ i 2) objs))
                    (else (error "format: unknown directive" (string #\~ d) fmt)))))))))))

    (define (%format-string fmt objs)
      (if (not (string? fmt)) (error "format: expected a format string" fmt))
      (let ((out (open-output-string)))
        (%format-to out fmt objs)
        (get-output-string out)))

    (define (format dest . args)
      (cond
       ((string? dest) (%format-string dest args))
       ((and (or (eq? dest #f) (eq? dest #t) (output-port? dest)) (pair? args))
        (let ((text (%format-string (car args) (cdr args))))
          (cond ((eq? dest #f) text)
                ((eq? dest #t) (write-string text (current-output-port)))
                (else (write-string text dest)))))
       (else (error "format: expected a format string" dest))))))
