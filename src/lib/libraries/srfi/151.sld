;;; (srfi 151): bitwise operations on exact integers of any size.
;;;
;;; The first-order procedures are host primitives (src/lib/srfi-bitwise.ts: int32 fast
;;; paths, BigInt otherwise) exported under their SRFI names. The ones that call a procedure
;;; argument (bitwise-fold, bitwise-for-each, bitwise-unfold) and the generator are Scheme,
;;; so those calls are ordinary Scheme calls.
;;;
;;; Integers are semi-infinite two's-complement bit strings; bit 0 is the least significant.
(define-library (srfi 151)
  (export
   (rename %bitwise-not bitwise-not)
   (rename %bitwise-and bitwise-and)
   (rename %bitwise-ior bitwise-ior)
   (rename %bitwise-xor bitwise-xor)
   (rename %bitwise-eqv bitwise-eqv)
   (rename %bitwise-nand bitwise-nand)
   (rename %bitwise-nor bitwise-nor)
   (rename %bitwise-andc1 bitwise-andc1)
   (rename %bitwise-andc2 bitwise-andc2)
   (rename %bitwise-orc1 bitwise-orc1)
   (rename %bitwise-orc2 bitwise-orc2)
   (rename %arithmetic-shift arithmetic-shift)
   (rename %bit-count bit-count)
   (rename %integer-length integer-length)
   (rename %bitwise-if bitwise-if)
   (rename %bit-set? bit-set?)
   (rename %copy-bit copy-bit)
   (rename %bit-swap bit-swap)
   (rename %any-bit-set? any-bit-set?)
   (rename %every-bit-set? every-bit-set?)
   (rename %first-set-bit first-set-bit)
   (rename %bit-field bit-field)
   (rename %bit-field-any? bit-field-any?)
   (rename %bit-field-every? bit-field-every?)
   (rename %bit-field-clear bit-field-clear)
   (rename %bit-field-set bit-field-set)
   (rename %bit-field-replace bit-field-replace)
   (rename %bit-field-replace-same bit-field-replace-same)
   (rename %bit-field-rotate bit-field-rotate)
   (rename %bit-field-reverse bit-field-reverse)
   (rename %bits->list bits->list)
   (rename %list->bits list->bits)
   (rename %bits->vector bits->vector)
   (rename %vector->bits vector->bits)
   (rename %bits bits)
   bitwise-fold bitwise-for-each bitwise-unfold make-bitwise-generator)
  (import (scheme base))
  (begin
    ;; (proc bit acc) for bits 0 .. (integer-length i) - 1, bit as a boolean.
    (define (bitwise-fold proc seed i)
      (let ((n (%integer-length i)))
        (let loop ((k 0) (acc seed))
          (if (< k n)
              (loop (+ k 1) (proc (%bit-set? k i) acc))
              acc))))

    (define (bitwise-for-each proc i)
      (let ((n (%integer-length i)))
        (let loop ((k 0))
          (when (< k n)
            (proc (%bit-set? k i))
            (loop (+ k 1))))))

    ;; Bit k of the result is (mapper seed_k) until (stop? seed_k); seed_k+1 = (successor seed_k).
    (define (bitwise-unfold stop? mapper successor seed)
      (let loop ((seed seed) (bits '()))
        (if (stop? seed)
            (%list->bits (reverse bits))
            (let ((bit (if (mapper seed) #t #f)))
              (loop (successor seed) (cons bit bits))))))

    ;; A generator of the bits of i from bit 0 on, without end (past the top bit it repeats
    ;; the sign).
    (define (make-bitwise-generator i)
      (let ((k 0))
        (lambda ()
          (let ((bit (%bit-set? k i)))
            (set! k (+ k 1))
            bit))))))
