;;; The procedures of (scheme file) that call back into Scheme (R7RS 6.13.1), written in
;;; Scheme over the file-port primitives of src/lib/files.ts, so the thunk or procedure runs
;;; as an ordinary Scheme call (continuations, tail calls and errors pass through unchanged).
;;;
;;; The port is closed when the procedure returns; when control escapes (an error, a
;;; continuation) it stays open, as R7RS allows, and an output file is still flushed at exit.
;;; with-input-from-file and with-output-to-file rebind the current port with parameterize,
;;; so the binding holds exactly for the dynamic extent of the thunk.

(define (call-with-input-file file proc)
  (call-with-port (open-input-file file) proc))

(define (call-with-output-file file proc)
  (call-with-port (open-output-file file) proc))

(define (%with-port port param thunk)
  (call-with-values (lambda () (parameterize ((param port)) (thunk)))
    (lambda results
      (close-port port)
      (apply values results))))

(define (with-input-from-file file thunk)
  (%with-port (open-input-file file) current-input-port thunk))

(define (with-output-to-file file thunk)
  (%with-port (open-output-file file) current-output-port thunk))
