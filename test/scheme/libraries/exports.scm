;; Library bodies, exports (plain and renamed), macros, records, mutation seen by importers,
;; transitive imports, libraries loaded once, and builtins shadowed inside a library.
(import (scheme base) (kiln test)
        (lib counter) (lib user) (lib syntax) (lib log) (lib once) (lib shadow))
(test-begin "libraries-exports")

(test-group "a library's set! is seen by its importers"
  (reset!)
  (test-equal 0 count)
  (test-equal 1 (increment!))
  (test-equal 1 count)
  (test-equal "renamed export" 2 (bump!))
  (test-equal 2 count)
  (test-equal "through another library" 3 (user-count))
  (test-equal 3 count)
  (test-equal "re-exported under another name" 3 counter-count))

(test-group "macros and records"
  (define x 1)
  (define y 2)
  (swap! x y)
  (test-equal '(2 1) (list x y))
  (let ((helper 'user-helper))
    (test-equal "a macro using the library's private helper" '(1 user-helper) (pair-up 1 helper)))
  (let ((if list) (t 'user-t))
    (test-equal "hygiene: the library's if and temporary" 'user-t (my-or #f t)))
  (let ((p (make-point 1 2)))
    (test-assert (point? p))
    (test-equal 1 (point-x p))
    (set-point-x! p 10)
    (test-equal 10 (point-x p))
    (test-equal 2 (point-y p))
    (test-assert (not (point? 5)))))

(test-group "a body runs once"
  (import (lib once))
  (test-equal 42 once-value)
  (test-equal 42 (use-once))
  (test-equal '(once) (log-entries)))

(test-group "definitions in a library shadow imports without changing them"
  (test-equal 'shadowed-assoc (assoc 1 '((1 . 2))))
  (test-equal 'shadowed-map (shadow-map))
  (test-equal '(2 3) (map (lambda (x) (+ x 1)) '(1 2))))

(test-end)
