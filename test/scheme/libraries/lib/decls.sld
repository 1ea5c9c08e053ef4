;; Declarations spliced in from a file with include-library-declarations.
(define-library (lib decls)
  (include-library-declarations "decls-shared.inc")
  (begin (define decl-value (* 6 7))))
