(import (scheme base))
;; R7RS 4.1.7 Inclusion: include and include-ci.  The included files are in data/, found
;; relative to the directory of the including file (the report's encouraged algorithm).
(test-begin "4.1.7 inclusion")

;; at top level: the definitions of both files, in order
(include "data/include-a.inc" "data/include-b.inc")
(test-eq included-a 'from-a)
(test-eqv 12 (included-double 6))
(test-equal '(from-a from-b) included-b)

;; include-ci reads the file as if it began with #!fold-case
(include-ci "data/include-ci.inc")
(test-eq 'mixedcase included-ci-value)

;; in a body, as internal definitions
(test-equal "include in a body" '(from-a 8)
  (let ()
    (include "data/include-a.inc")
    (list included-a (included-double 4))))

;; as an expression: a begin of what was read
(test-eqv "include as an expression" 12 (include "data/include-expr.inc"))
(test-equal "include as an operand" '(12) (list (include "data/include-expr.inc")))

(test-end)
