;; The body comes from files: include (relative to this file), include-ci (case folded), and
;; include inside a begin declaration (the expression-level include).
(define-library (lib included)
  (export included-value shout from-ci from-begin)
  (import (scheme base))
  (include "included-body.inc")
  (include-ci "included-ci.inc")
  (begin (include "included-begin.inc")))
