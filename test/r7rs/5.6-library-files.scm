(import (scheme base) (scheme eval)
        (r7rs-test stack)
        (only (r7rs-test util) util-loads)
        (prefix (only (r7rs-test util) length*) u:))
;; R7RS 5.6 Libraries kept in files: (r7rs-test stack) and (r7rs-test util) are in
;; r7rs-test/*.sld next to this program (the implementation's mapping of library names to files,
;; which R7RS leaves to the implementation), with an include relative to the library file.
(test-begin "5.6 library files")

(define s (make-stack))
(stack-push! s 1)
(stack-push! s 2)
(test-eqv "exported procedures" 2 (stack-size s))
(test-eqv "an export renamed with (rename a b)" 2 (top s))
(test-eqv "a definition from an included file" 2 (stack-pop! s))
(test-eqv 1 (stack-size s))
(test-eqv "a library imported by a library and by the program is loaded once" 1 util-loads)
(test-eqv "only and prefix of a library from a file" 3 (u:length* '(a b c)))
(test-error "a name the library does not export" (eval 'stack-items (environment '(r7rs-test stack))))

(test-end)
