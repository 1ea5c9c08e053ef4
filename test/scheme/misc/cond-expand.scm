(import (scheme base))
;; cond-expand and features (R7RS 4.2.1, appendix B).
(test-begin "misc-cond-expand")

(test-equal 'yes (cond-expand (r7rs 'yes) (else 'no)))
(test-equal 2 (cond-expand (kiln-no-such-feature 1) (else 2)))
(test-equal 'ok (cond-expand ((and r7rs (not kiln-no-such-feature)) 'ok) (else 'bad)))
(test-equal 'ok (cond-expand ((or kiln-no-such-feature r7rs) 'ok) (else 'bad)))
(test-equal 'ok (cond-expand ((not kiln-no-such-feature) 'ok) (else 'bad)))
(test-equal 'ok (cond-expand ((and) 'ok) (else 'bad)))
(test-equal 'ok (cond-expand ((or) 'bad) (else 'ok)))
(test-equal 1 (cond-expand ((library (scheme base)) 1) (else 2)))
(test-equal 2 (cond-expand ((library (kiln no such library)) 1) (else 2)))
(test-equal 3 (cond-expand (r7rs 1 2 3)))
(cond-expand
 (r7rs (define defined-by-cond-expand 'top))
 (else (define defined-by-cond-expand 'else)))
(test-equal 'top defined-by-cond-expand)
(test-equal 'inner
  (let ()
    (cond-expand (r7rs (define v 'inner)) (else (define v 'other)))
    v))

(test-assert (list? (features)))
(test-assert (memq 'r7rs (features)))
(test-assert (symbol? (car (features))))

(test-end)
