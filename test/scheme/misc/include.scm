(import (scheme base))
;; include (R7RS 4.1.7): the named file is read relative to this one.
(test-begin "misc-include")

(include "include-data.inc")
(test-equal 'from-include included-value)
(test-equal 12 (included-double 6))
(test-equal '(a b)
  (let ()
    (include "include-body.inc")
    (list first-of-body second-of-body)))

(test-end)
