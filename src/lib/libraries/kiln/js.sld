;;; (kiln js): JavaScript from Scheme. The procedures are primitives of the runtime
;;; (src/interop/js-access.ts), which also decides what is reachable: in the kiln command,
;;; every global and Node's modules (js-import); in an embedded runtime, only what the
;;; embedder granted. Values cross as src/interop/convert.ts says: strings, numbers, booleans,
;;; lists (as arrays) and procedures (as functions) are converted; other objects pass through.
;;; (await promise) suspends the running computation until the promise settles (its value is
;;; returned, a rejection raised); see docs/embedding.md.
(define-library (kiln js)
  (export
   (rename %js-global js-global)
   (rename %js-ref js-ref)
   (rename %js-set! js-set!)
   (rename %js-call js-call)
   (rename %js-invoke js-invoke)
   (rename %js-new js-new)
   (rename %js-import js-import)
   (rename %js-object js-object)
   (rename %js-typeof js-typeof)
   (rename %js-object? js-object?)
   (rename %js-function? js-function?)
   (rename %js-null? js-null?)
   (rename %js-undefined? js-undefined?)
   (rename %js-promise? js-promise?)
   (rename %js-null js-null)
   (rename %js->scheme js->scheme)
   (rename %scheme->js scheme->js)
   (rename %js-instanceof? js-instanceof?)
   (rename %await await))
  (import (only (scheme base)))
  (begin))
