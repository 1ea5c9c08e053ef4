;; cond-expand as a library declaration: features, library, and, or, not, else.
(define-library (lib features)
  (export impl has-counter combo neg chosen-else)
  (import (scheme base))
  (cond-expand
    (kiln (begin (define impl 'kiln)))
    (else (begin (define impl 'other))))
  (cond-expand
    ((library (lib counter)) (import (lib counter)) (begin (define (has-counter) (list 'yes count))))
    (else (begin (define (has-counter) 'no))))
  (cond-expand
    ((and r7rs (or no-such-feature full-unicode) exact-closed ratios) (begin (define combo 'all)))
    (else (begin (define combo 'none))))
  (cond-expand
    ((not (library (lib no such library))) (begin (define neg 'absent)))
    (else (begin (define neg 'present))))
  (cond-expand
    (no-such-feature (begin (define chosen-else 'feature)))
    (else (begin (define chosen-else 'else)))))
