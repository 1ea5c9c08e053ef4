(import (scheme base)
        (prefix (scheme list) l:) (prefix (srfi 1) s1:)
        (prefix (scheme vector) v:) (prefix (srfi 133) s133:)
        (prefix (scheme box) b:) (prefix (srfi 111) s111:)
        (prefix (scheme comparator) c:) (prefix (srfi 128) s128:)
        (prefix (srfi 69) h:))
;; The R7RS-large Red Edition names of SRFIs 1, 133, 111 and 128 export the very same
;; bindings as (srfi N), so both may be imported together.
(test-begin "r7rs-large-aliases")

(test-eq s1:fold l:fold)
(test-eq s1:iota l:iota)
(test-eq car l:car)
(test-equal '(0 1 2) (l:iota 3))
(test-equal 6 (l:fold + 0 '(1 2 3)))
(test-eq s133:vector-count v:vector-count)
(test-equal 2 (v:vector-count even? #(1 2 3 4)))
(test-eq s111:box b:box)
(test-equal 3 (b:unbox (s111:box 3)))
(test-assert (s111:box? (b:box 1)))
(test-eq s128:make-default-comparator c:make-default-comparator)
(test-assert (c:<? (s128:make-default-comparator) 1 2))
(test-equal 'lt (c:comparator-if<=> 1 2 'lt 'eq 'gt))
;; SRFI 128's string hashes are SRFI 69's.
(test-eq h:string-hash c:string-hash)
(test-eq h:string-ci-hash c:string-ci-hash)

(test-end)
