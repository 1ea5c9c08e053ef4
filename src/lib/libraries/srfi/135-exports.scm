;;; The export list of SRFI 135 (immutable texts), shared by (srfi 135), (srfi 135 texts) and
;;; (scheme text) through include-library-declarations, so it is written once.
(export
 ;; predicates
 text? textual? textual-null? textual-every textual-any
 ;; constructors
 make-text text text-tabulate text-unfold text-unfold-right
 ;; conversion
 textual->text textual->string textual->vector textual->list string->text vector->text
 list->text reverse-list->text textual->utf8 textual->utf16be textual->utf16 textual->utf16le
 utf8->text utf16be->text utf16->text utf16le->text
 ;; selection
 text-length textual-length text-ref textual-ref subtext subtextual textual-copy
 textual-take textual-take-right textual-drop textual-drop-right textual-pad textual-pad-right
 textual-trim textual-trim-right textual-trim-both
 ;; replacement
 textual-replace
 ;; comparison
 textual=? textual-ci=? textual<? textual-ci<? textual>? textual-ci>? textual<=? textual-ci<=?
 textual>=? textual-ci>=?
 ;; prefixes and suffixes
 textual-prefix-length textual-suffix-length textual-prefix? textual-suffix?
 ;; searching
 textual-index textual-index-right textual-skip textual-skip-right textual-contains
 textual-contains-right
 ;; case conversion
 textual-upcase textual-downcase textual-foldcase textual-titlecase
 ;; concatenation
 textual-append textual-concatenate textual-concatenate-reverse textual-join
 ;; fold, map and friends
 textual-fold textual-fold-right textual-map textual-for-each textual-map-index
 textual-for-each-index textual-count textual-filter textual-remove
 ;; replication and splitting
 textual-replicate textual-split)
