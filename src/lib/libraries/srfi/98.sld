;;; (srfi 98): access to environment variables, the R7RS (scheme process-context)
;;; procedures re-exported. A sandboxed runtime has no environment: the first returns #f and
;;; the second ().
(define-library (srfi 98)
  (export get-environment-variable get-environment-variables)
  (import (scheme process-context)))
