;;; (srfi 160 base): the SRFI 4 procedures and @? for every element type (SRFI 160, "The SRFI
;;; 160 base library"); the c64 and c128 types are not provided.
(define-library (srfi 160 base)
  (export
    s8? s8vector? make-s8vector s8vector s8vector-ref s8vector-set! s8vector-length
    s8vector->list list->s8vector u8? u8vector? make-u8vector u8vector u8vector-ref
    u8vector-set! u8vector-length u8vector->list list->u8vector s16? s16vector? make-s16vector
    s16vector s16vector-ref s16vector-set! s16vector-length s16vector->list list->s16vector
    u16? u16vector? make-u16vector u16vector u16vector-ref u16vector-set! u16vector-length
    u16vector->list list->u16vector s32? s32vector? make-s32vector s32vector s32vector-ref
    s32vector-set! s32vector-length s32vector->list list->s32vector u32? u32vector?
    make-u32vector u32vector u32vector-ref u32vector-set! u32vector-length u32vector->list
    list->u32vector s64? s64vector? make-s64vector s64vector s64vector-ref s64vector-set!
    s64vector-length s64vector->list list->s64vector u64? u64vector? make-u64vector u64vector
    u64vector-ref u64vector-set! u64vector-length u64vector->list list->u64vector f32?
    f32vector? make-f32vector f32vector f32vector-ref f32vector-set! f32vector-length
    f32vector->list list->f32vector f64? f64vector? make-f64vector f64vector f64vector-ref
    f64vector-set! f64vector-length f64vector->list list->f64vector)
  (import (srfi 160 s8) (srfi 160 u8) (srfi 160 s16) (srfi 160 u16) (srfi 160 s32) (srfi 160 u32) (srfi 160 s64) (srfi 160 u64) (srfi 160 f32) (srfi 160 f64)))
