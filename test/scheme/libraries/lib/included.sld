;; The body comes from files: include (relative to this file) and include-ci (case folded).
(define-library (lib included)
  (export included-value shout from-ci)
  (import (scheme base))
  (include "included-body.inc")
  (include-ci "included-ci.inc"))
