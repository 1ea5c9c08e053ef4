;;; The exports of (srfi 124), shared with its R7RS-large name (scheme ephemeron).
(export make-ephemeron ephemeron? ephemeron-key ephemeron-datum ephemeron-broken?
        reference-barrier)
