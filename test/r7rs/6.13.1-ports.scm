(import (scheme base) (scheme write) (scheme read))
;; R7RS 6.13.1 Ports: call-with-port, the port predicates, input-port-open? and
;; output-port-open?, the current ports, close-port and friends, string and bytevector ports.
;; File ports are in 6.13.1-file-ports.scm.
(test-begin "6.13.1 ports")

(test-group "string ports"
  (test-equal "piece by piece by piece.\n"
    (parameterize
        ((current-output-port
          (open-output-string)))
        (display "piece")
        (display " by piece ")
        (display "by piece.")
        (newline)
        (get-output-string (current-output-port))))
  (define in (open-input-string "ab"))
  (test-eq #t (input-port? in))
  (test-eq #f (output-port? in))
  (test-eq #t (textual-port? in))
  (test-eq #f (binary-port? in))
  (test-eq #t (port? in))
  (test-eqv #\a (read-char in))
  (test-eqv #\b (read-char in))
  (test-assert (eof-object? (read-char in)))
  (define out (open-output-string))
  (test-eq #t (output-port? out))
  (test-eq #f (input-port? out))
  (test-eq #t (textual-port? out))
  (test-equal "" (get-output-string out))
  (write 'abc out)
  (write-char #\space out)
  (write "s" out)
  (test-equal "abc \"s\"" (get-output-string out))
  (test-equal "get-output-string can be called again" "abc \"s\"x"
    (begin (write-char #\x out) (get-output-string out)))
  (test-equal "an input string port of non-ASCII text" '(#\λ #\x1F600)
    (let ((p (open-input-string "λ\x1F600;"))) (let* ((a (read-char p)) (b (read-char p))) (list a b))))
  (test-error "get-output-string of a port not made by open-output-string"
    (get-output-string (open-input-string "x"))))

(test-group "bytevector ports"
  (define in (open-input-bytevector #u8(1 2 255)))
  (test-eq #t (input-port? in))
  (test-eq #t (binary-port? in))
  (test-eq #f (textual-port? in))
  (test-eq #t (port? in))
  (test-eqv 1 (read-u8 in))
  (test-eqv 2 (read-u8 in))
  (test-eqv 255 (read-u8 in))
  (test-assert (eof-object? (read-u8 in)))
  (define out (open-output-bytevector))
  (test-eq #t (output-port? out))
  (test-eq #t (binary-port? out))
  (test-equal #u8() (get-output-bytevector out))
  (write-u8 7 out)
  (write-bytevector #u8(8 9) out)
  (test-equal #u8(7 8 9) (get-output-bytevector out))
  (test-error "get-output-bytevector of a port not made by open-output-bytevector"
    (get-output-bytevector (open-output-string))))

(test-group "predicates"
  (test-eq #f (port? 5))
  (test-eq #f (port? "string"))
  (test-eq #f (input-port? 'x))
  (test-eq #f (output-port? #u8()))
  (test-eq #f (textual-port? "x"))
  (test-eq #f (binary-port? #u8(1)))
  (test-eq #t (input-port? (current-input-port)))
  (test-eq #t (output-port? (current-output-port)))
  (test-eq #t (output-port? (current-error-port)))
  (test-eq #t (textual-port? (current-output-port)))
  (test-eq #t (textual-port? (current-error-port))))

(test-group "open and close"
  (define in (open-input-string "x"))
  (test-eq #t (input-port-open? in))
  (close-port in)
  (test-eq #f (input-port-open? in))
  (test-error "reading from a closed port" (read-char in))
  (close-port in)
  (test-assert "closing a closed port has no effect" #t)
  (define out (open-output-string))
  (test-eq #t (output-port-open? out))
  (close-output-port out)
  (test-eq #f (output-port-open? out))
  (test-error "writing to a closed port" (write-char #\a out))
  (define in2 (open-input-bytevector #u8(1)))
  (close-input-port in2)
  (test-eq #f (input-port-open? in2))
  (test-error "reading from a closed binary port" (read-u8 in2))
  (test-error "close-input-port of an output port" (close-input-port (open-output-string)))
  (test-error "close-output-port of an input port" (close-output-port (open-input-string "")))
  (test-error "input-port-open? of a non-port" (input-port-open? 5)))

(test-group "call-with-port"
  (define p (open-input-string "hello"))
  (test-eqv "returns the values of proc" #\h (call-with-port p read-char))
  (test-eq "closes the port when proc returns" #f (input-port-open? p))
  (test-equal "several values" '(1 2)
    (call-with-values (lambda () (call-with-port (open-input-string "") (lambda (p) (values 1 2)))) list))
  (define q (open-input-string "abc"))
  (test-eq "does not close the port when proc escapes" #t
    (begin (call/cc (lambda (k) (call-with-port q (lambda (port) (k 'out)))))
           (input-port-open? q))))

(test-group "current ports are parameters"
  (test-equal "parameterize current-output-port" "hi"
    (let ((s (open-output-string)))
      (parameterize ((current-output-port s)) (write-string "hi"))
      (get-output-string s)))
  (test-equal "parameterize current-error-port" "err"
    (let ((s (open-output-string)))
      (parameterize ((current-error-port s)) (write-string "err" (current-error-port)))
      (get-output-string s)))
  (test-eqv "parameterize current-input-port" #\z
    (parameterize ((current-input-port (open-input-string "z"))) (read-char)))
  (test-equal "read uses current-input-port" '(1 2)
    (parameterize ((current-input-port (open-input-string "(1 2)"))) (read)))
  (test-eq "the previous port is restored" #t
    (let ((before (current-output-port)))
      (parameterize ((current-output-port (open-output-string))) #f)
      (eq? before (current-output-port)))))

(test-end)
