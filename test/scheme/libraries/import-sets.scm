;; R7RS 5.2 import sets on a user library and on standard libraries: only, except, prefix,
;; rename, nested combinations; export renames. Libraries are in lib/ (the program's directory
;; is on the library search path).
(import (scheme base) (kiln test)
        (only (lib names) alpha beta)
        (prefix (except (lib names) alpha beta swap-me swap-you) n:)
        (rename (only (lib names) swap-me swap-you) (swap-me swap-you) (swap-you swap-me))
        (rename (prefix (only (lib names) gamma) p-) (p-gamma renamed-gamma))
        (only (prefix (lib names) q:) q:delta)
        (prefix (only (scheme char) char-upcase) c:)
        (rename (only (scheme base) car) (car first))
        (lib nested deep 1))
(test-begin "libraries-import-sets")

(test-equal 'a alpha)
(test-equal 'b beta)
(test-equal 'g n:gamma)
(test-equal 'd n:delta)
(test-equal "swapped names" '(you me) (list swap-me swap-you))
(test-equal 'g renamed-gamma)
(test-equal 'd q:delta)
(test-equal #\A (c:char-upcase #\a))
(test-equal 1 (first '(1 2)))
(test-equal "a number in the library name" 'deep-one deep-value)

;; Standard syntax keeps working under other names.
(import (prefix (scheme base) b:))
(b:define defined-with-prefix (b:if #t 'yes 'no))
(test-equal 'yes defined-with-prefix)
(test-equal '(1 2) (b:let ((x 1)) (b:list x 2)))
(test-equal 'else (b:cond (#f 'no) (b:else 'else)))

;; (kiln test) is a library too.
(import (prefix (kiln test) kt:))
(kt:test-equal "kiln test under a prefix" 3 (+ 1 2))

;; The program's own definition of an imported name wins, even for uses before it.
(define (call-own-list-copy) (list-copy '(1 2)))
(define (list-copy x) 'own-list-copy)
(test-equal 'own-list-copy (call-own-list-copy))

;; Importing the same bindings twice is fine.
(import (only (lib names) alpha) (lib names))
(test-equal 'a alpha)

(test-end)
