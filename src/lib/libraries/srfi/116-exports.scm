;;; The export list of SRFI 116 (immutable lists), shared by (srfi 116) and (scheme ilist)
;;; through include-library-declarations, so it is written once.
(export
 ;; constructors
 ipair ilist xipair ipair* make-ilist ilist-tabulate ilist-copy iiota
 ;; predicates
 ipair? proper-ilist? ilist? dotted-ilist? not-ipair? null-ilist? ilist=
 ;; selectors
 icar icdr icaar icadr icdar icddr icaaar icaadr icadar icaddr icdaar icdadr icddar icdddr
 icaaaar icaaadr icaadar icaaddr icadaar icadadr icaddar icadddr
 icdaaar icdaadr icdadar icdaddr icddaar icddadr icdddar icddddr
 ilist-ref ifirst isecond ithird ifourth ififth isixth iseventh ieighth ininth itenth
 icar+icdr itake idrop ilist-tail itake-right idrop-right isplit-at ilast last-ipair
 ;; miscellaneous
 ilength iappend iconcatenate ireverse iappend-reverse izip iunzip1 iunzip2 iunzip3 iunzip4
 iunzip5 icount
 ;; fold, unfold and map
 imap ifor-each ifold iunfold ipair-fold ireduce ifold-right iunfold-right ipair-fold-right
 ireduce-right iappend-map ipair-for-each ifilter-map imap-in-order
 ;; filtering and partitioning
 ifilter ipartition iremove
 ;; searching
 imember imemq imemv ifind ifind-tail iany ievery ilist-index itake-while idrop-while ispan
 ibreak
 ;; deleting
 idelete idelete-duplicates
 ;; immutable association lists
 iassoc iassq iassv ialist-cons ialist-delete
 ;; replacement
 replace-icar replace-icdr
 ;; conversion
 pair->ipair ipair->pair list->ilist ilist->list tree->itree itree->tree gtree->itree gtree->tree
 ;; procedure application and quotation
 iapply iq)
;; The comparators, which need SRFI 128, are exported from 116-comparators.scm.

