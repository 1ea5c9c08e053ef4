(import (scheme base) (scheme file) (scheme read) (scheme write) (scheme time)
        (scheme process-context))
;; R7RS 6.13.1 file ports of (scheme file): open-input-file, open-binary-input-file,
;; open-output-file, open-binary-output-file, call-with-input-file, call-with-output-file,
;; with-input-from-file, with-output-to-file; and file-exists? and delete-file (6.14).
;; The files are made in $TMPDIR (or /tmp) under names unique to this run.
(test-begin "6.13.1 file ports")

(define tmp-dir (or (get-environment-variable "TMPDIR") "/tmp"))
(define stamp
  (string-append (number->string (current-jiffy)) "-"
                 (number->string (exact (floor (* 1000 (current-second)))))))
(define (tmp-name name) (string-append tmp-dir "/kiln-r7rs-" stamp "-" name))
(define (cleanup . names)
  (for-each (lambda (f) (if (file-exists? f) (delete-file f))) names))

(define text-file (tmp-name "text.txt"))
(define binary-file (tmp-name "binary.bin"))
(define missing-file (tmp-name "never-created.txt"))

(test-group "text files"
  (test-eq "file-exists? before creating" #f (file-exists? text-file))
  (define out (open-output-file text-file))
  (test-eq #t (output-port? out))
  (test-eq #t (textual-port? out))
  (write '(a "b" #\c 1.5) out)
  (newline out)
  (write-string "second line λ" out)
  (close-port out)
  (test-eq "file-exists? after writing" #t (file-exists? text-file))
  (define in (open-input-file text-file))
  (test-eq #t (input-port? in))
  (test-eq #t (textual-port? in))
  (test-equal '(a "b" #\c 1.5) (read in))
  (test-eqv #\newline (read-char in))
  (test-equal "second line λ" (read-line in))
  (test-assert (eof-object? (read-line in)))
  (close-input-port in)
  (test-eq #f (input-port-open? in)))

(test-group "binary files"
  (define out (open-binary-output-file binary-file))
  (test-eq #t (binary-port? out))
  (write-u8 0 out)
  (write-bytevector #u8(1 2 255) out)
  (close-output-port out)
  (define in (open-binary-input-file binary-file))
  (test-eq #t (binary-port? in))
  (test-eq #t (input-port? in))
  (test-equal #u8(0 1 2 255) (read-bytevector 10 in))
  (test-assert (eof-object? (read-u8 in)))
  (close-port in))

(test-group "call-with-*-file and with-*-file"
  (test-equal "call-with-output-file returns proc's values" 'written
    (call-with-output-file text-file (lambda (port) (write-string "hello" port) 'written)))
  (test-equal "call-with-input-file" "hello"
    (call-with-input-file text-file (lambda (port) (read-line port))))
  (test-eq "call-with-input-file closes the port" #f
    (input-port-open? (call-with-input-file text-file (lambda (port) port))))
  (test-equal "with-output-to-file redirects current-output-port" 'done
    (with-output-to-file text-file (lambda () (display "via current port") 'done)))
  (test-equal "with-input-from-file redirects current-input-port" "via current port"
    (with-input-from-file text-file read-line))
  (test-eq "with-input-from-file restores the previous port" #t
    (let ((before (current-input-port)))
      (with-input-from-file text-file (lambda () #f))
      (eq? before (current-input-port))))
  (test-equal "an escape from with-output-to-file restores the port" "kept"
    (let ((s (open-output-string)))
      (parameterize ((current-output-port s))
        (call/cc (lambda (k) (with-output-to-file text-file (lambda () (k #f)))))
        (display "kept"))
      (get-output-string s))))

(test-group "errors"
  (test-eq "file-exists? of a missing file" #f (file-exists? missing-file))
  (test-error "open-input-file of a missing file" file-error? (open-input-file missing-file))
  (test-error "open-binary-input-file of a missing file" file-error? (open-binary-input-file missing-file))
  (test-error "open-output-file in a missing directory" file-error?
    (open-output-file (string-append missing-file "/sub/file.txt")))
  (test-error "delete-file of a missing file" file-error? (delete-file missing-file))
  (test-error "with-input-from-file of a missing file" file-error? (with-input-from-file missing-file read-line))
  (test-error "call-with-input-file of a missing file" file-error?
    (call-with-input-file missing-file read-line))
  (test-error "file-exists? of a non-string" (file-exists? 'name)))

(test-group "delete-file"
  (delete-file text-file)
  (test-eq "the file is gone" #f (file-exists? text-file))
  (delete-file binary-file)
  (test-eq "the binary file is gone" #f (file-exists? binary-file)))

(cleanup text-file binary-file)
(test-end)
