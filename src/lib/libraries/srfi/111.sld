;;; (srfi 111): boxes, a one-field mutable record type. A box is written #<box value>.
(define-library (srfi 111)
  (include-library-declarations "111-exports.scm")
  (import (scheme base))
  (begin
    (define-record-type <box>
      (box value)
      box?
      (value unbox set-box!))))
