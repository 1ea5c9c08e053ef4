;;; The exports of (srfi 111), shared with its R7RS-large name (scheme box).
(export box box? unbox set-box!)
