;;; The comparators of SRFI 116, exported by (srfi 116) and (scheme ilist) when (srfi 128) is
;;; available (see 116-comparators.scm).
(export ipair-comparator ilist-comparator make-ilist-comparator make-improper-ilist-comparator
        make-ipair-comparator make-icar-comparator make-icdr-comparator)
