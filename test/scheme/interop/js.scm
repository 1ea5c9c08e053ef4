;;; (kiln js) in the kiln command: globals, properties, methods, new, callbacks both ways,
;;; predicates, conversion, Node modules.
(import (scheme base) (scheme write) (kiln js))

(test-begin "kiln js")

(test-group "globals and properties"
  (define math (js-global "Math"))
  (test-assert (js-object? math))
  (test-eqv 3 (js-call math "max" 1 3 2))
  (test-approximate 3.14159 (js-ref math "PI") 0.001)
  (define o (js-object "a" 1 'b "two"))
  (test-equal 1 (js-ref o "a"))
  (test-equal "two" (js-ref o 'b))
  (js-set! o "c" (list 1 2))
  (test-equal #(1 2) (js-ref o "c"))
  (test-equal "object" (js-typeof o))
  (test-assert (js-undefined? (js-ref o "missing"))))

(test-group "methods, new, callbacks"
  (test-equal #(1 4 9) (js-call (vector 1 2 3) "map" (lambda (x) (* x x))))
  (test-equal "a-b-c" (js-call (list "a" "b" "c") "join" "-"))
  (test-equal 10 (js-call (vector 1 2 3 4) "reduce" (lambda (acc x) (+ acc x)) 0))
  (define m (js-new (js-global "Map")))
  (js-call m "set" "k" 42)
  (test-equal 42 (js-call m "get" "k"))
  (test-assert (js-instanceof? m (js-global "Map")))
  (define parse (js-ref (js-global "JSON") "parse"))
  (test-assert (js-function? parse))
  (test-equal #(1 2) (js-ref (js-invoke parse "{\"xs\":[1,2]}") "xs"))
  ;; a tail-recursive loop inside a callback: proper tail calls hold in the nested run
  (test-equal #(100000) (js-call (vector 100000) "map"
                                 (lambda (n) (let loop ((i 0)) (if (= i n) i (loop (+ i 1))))))))

(test-group "values and errors"
  (test-assert (js-null? (js-null)))
  (test-assert (js-null? (js-invoke (js-ref (js-global "JSON") "parse") "null")))
  (test-equal "string" (js-typeof "s"))
  (test-equal "bigint" (js-typeof (expt 2 80)))
  (test-equal "SyntaxError"
              (guard (e ((error-object? e) (js-ref (car (error-object-irritants e)) "name")))
                (js-invoke (js-ref (js-global "JSON") "parse") "{")))
  (test-error (js-call (js-object) "nope"))
  ;; a Scheme error inside a callback comes out as the same condition
  (test-equal 'oops (guard (e ((symbol? e) e))
                      (js-call (vector 1) "map" (lambda (x) (raise 'oops))))))

(test-group "node modules"
  (define path (js-import "node:path"))
  (test-equal "a/b" (js-call path "join" "a" "b"))
  (test-assert (js-call (js-import "node:fs") "existsSync" ".")))

(test-end)
