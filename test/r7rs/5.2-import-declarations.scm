(import (except (scheme base) vector-map string-map)
        (prefix (only (scheme char) char-upcase char-downcase) c:)
        (rename (only (scheme cxr) caddr cadddr) (caddr third) (cadddr fourth))
        (rename (prefix (only (scheme write) write display) w:) (w:display show))
        (only (scheme eval) eval environment)
        (scheme case-lambda))
;; R7RS 5.2 Import declarations: library names and the import sets only, except, prefix and
;; rename, in a program's import and through (environment import-set ...).
(test-begin "5.2 import declarations")

(define (output-of thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))

(test-group "in the program's import"
  (test-eqv "prefix of only" #\A (c:char-upcase #\a))
  (test-eqv "prefix of only, second name" #\b (c:char-downcase #\B))
  (test-eqv "rename of only" 3 (third '(1 2 3)))
  (test-eqv "rename of only, second pair" 4 (fourth '(1 2 3 4)))
  (test-equal "rename of prefix" "x" (output-of (lambda () (show "x"))))
  (test-equal "prefixed name kept when not renamed" "\"x\"" (output-of (lambda () (w:write "x"))))
  (define (vector-map f v) 'my-own-vector-map)
  (test-eq "a name excluded with except can be defined by the program" 'my-own-vector-map
    (vector-map car #()))
  (test-eqv "a whole library imported" 2 ((case-lambda ((x) x)) 2)))

(define (env . sets) (apply environment sets))
(define (visible? name . sets)
  (guard (e (#t #f))
    (eval name (apply environment sets))
    #t))

(test-group "import sets through environment"
  (test-eqv "library name" 3 (eval '(+ 1 2) (env '(scheme base))))
  (test-assert "only: the listed name" (visible? 'car '(only (scheme base) car)))
  (test-assert "only: other names are not imported" (not (visible? 'cdr '(only (scheme base) car))))
  (test-assert "except: the excluded name is not imported" (not (visible? 'car '(except (scheme base) car))))
  (test-assert "except: other names are imported" (visible? 'cdr '(except (scheme base) car)))
  (test-assert "prefix: the prefixed name" (visible? 'base:car '(prefix (scheme base) base:)))
  (test-assert "prefix: the plain name is not imported" (not (visible? 'car '(prefix (scheme base) base:))))
  (test-assert "rename: the new name" (visible? 'first '(rename (scheme base) (car first))))
  (test-assert "rename: the old name is gone" (not (visible? 'car '(rename (scheme base) (car first)))))
  (test-eqv "rename: the renamed binding works" 1
    (eval '(first '(1 2)) (env '(rename (scheme base) (car first)))))
  (test-eqv "nested: only of prefix refers to prefixed names" 1
    (eval '(p:car (p:quote (1 2))) (env '(only (prefix (scheme base) p:) p:car p:quote))))
  (test-assert "nested: except of rename refers to new names"
    (not (visible? 'kar '(except (rename (scheme base) (car kar)) kar))))
  (test-eqv "syntax can be imported with only" 2
    (eval '(if #t 2 3) (env '(only (scheme base) if))))
  (test-eqv "syntax can be renamed" 2
    (eval '(when? #t 2) (env '(rename (scheme base) (when when?)))))
  (test-eqv "several import sets" 6
    (eval '(third (list 1 2 (* 2 3))) (env '(scheme base) '(rename (scheme cxr) (caddr third)))))
  (test-error "only with a name not in the set" (env '(only (scheme base) no-such-name)))
  (test-error "except with a name not in the set" (env '(except (scheme base) no-such-name)))
  (test-error "rename with a name not in the set" (env '(rename (scheme base) (no-such-name x))))
  (test-error "an unknown library" (env '(no such library))))

(test-group "the standard libraries can be imported"
  (for-each
   (lambda (lib)
     (test-assert (list 'import lib) (guard (e (#t #f)) (environment lib) #t)))
   '((scheme base) (scheme case-lambda) (scheme char) (scheme complex) (scheme cxr)
     (scheme eval) (scheme file) (scheme inexact) (scheme lazy) (scheme load)
     (scheme process-context) (scheme read) (scheme repl) (scheme time) (scheme write)
     (scheme r5rs))))

(test-end)
