;; Library declarations: include, include-ci, include-library-declarations, cond-expand.
(import (scheme base) (kiln test) (lib included) (lib decls) (lib features))
(test-begin "libraries-declarations")

(test-equal 'from-include included-value)
(test-equal "hi!" (shout "hi"))
(test-equal "include-ci folds case" 'folded from-ci)
(test-equal "include inside begin" 'from-begin from-begin)
(test-equal 42 decl-value)
(test-equal '(helped 1) (decl-helper 1))
(test-equal 'kiln impl)
(test-equal 'yes (car (has-counter)))
(test-equal 'all combo)
(test-equal 'absent neg)
(test-equal 'else chosen-else)

(test-group "cond-expand's library test sees user libraries"
  (test-equal 1 (cond-expand ((library (lib counter)) 1) (else 2)))
  (test-equal 1 (cond-expand ((library (lib nested deep 1)) 1) (else 2)))
  (test-equal 2 (cond-expand ((library (lib not-there)) 1) (else 2)))
  (test-equal 1 (cond-expand ((library (scheme file)) 1) (else 2)))
  (test-equal 1 (cond-expand ((and kiln r7rs exact-closed ratios full-unicode) 1) (else 2))))

(test-end)
