;; Library errors as catchable errors: `environment` and `eval` process import sets when the
;; program runs, so each mistake can be tested here (the CLI tests check the positions).
(import (scheme base) (scheme eval) (kiln test))
(test-begin "libraries-errors")

(define (message-of thunk)
  (guard (e ((error-object? e) (error-object-message e)))
    (thunk)
    "no error"))
(define (mentions? text part)
  (let loop ((i 0))
    (cond ((> (+ i (string-length part)) (string-length text)) #f)
          ((string=? part (substring text i (+ i (string-length part)))) #t)
          (else (loop (+ i 1))))))

(test-assert "unknown library"
  (mentions? (message-of (lambda () (environment '(lib no-such-library)))) "unknown library (lib no-such-library)"))
(test-assert "where it was searched"
  (mentions? (message-of (lambda () (environment '(lib no-such-library)))) "lib/no-such-library.sld"))
(test-assert "unknown export in only"
  (mentions? (message-of (lambda () (environment '(only (lib names) alpha nope)))) "nope"))
(test-assert "unknown export in except"
  (mentions? (message-of (lambda () (environment '(except (lib names) nope)))) "does not export"))
(test-assert "unknown export in rename"
  (mentions? (message-of (lambda () (environment '(rename (lib names) (nope other))))) "does not export"))
(test-error "bad prefix set" (environment '(prefix (lib names))))
(test-error "bad rename set" (environment '(rename (lib names) alpha)))
(test-error "bad library name" (environment '(lib "string")))
(test-assert "circular imports"
  (mentions? (message-of (lambda () (environment '(lib cycle-a)))) "circular"))
(test-assert "a library whose body raises"
  (mentions? (message-of (lambda () (environment '(lib broken)))) "(lib broken)"))
(test-assert "an export that is not defined"
  (mentions? (message-of (lambda () (environment '(lib bad-export)))) "missing-name"))
(test-assert "a file defining another library"
  (mentions? (message-of (lambda () (environment '(lib wrong-name)))) "does not define"))
(test-error "import is a top-level form" (eval '(let () (import (lib names)) 1) (environment '(scheme base))))

;; A failed library is not cached as loaded; the error repeats.
(test-error (environment '(lib broken)))
;; Errors do not disturb libraries that loaded fine.
(test-equal 'a (eval 'alpha (environment '(lib names))))

(test-end)
