#!/bin/sh
# Run a Kiln Scheme test file under a peer Scheme, to cross-check the expected values.
#   test/harness/peer.sh [guile|chez] test/scheme/some/file.scm
# Needs Debian's guile-3.0 (R7RS mode) or chezscheme (R6RS; only for tests without R7RS-only
# syntax or procedures, e.g. datum labels, cycles written with labels, guard re-entry).
# Known peer deviations from R7RS are listed in test/scheme/README.md.
# The test framework (src/lib/scheme/kiln-test.scm) is part of Kiln's prelude; for a peer we
# paste it in front of the test file, after an import of the standard libraries it needs.
set -e
impl=guile
case "$1" in guile|chez) impl=$1; shift ;; esac
file=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Files the test includes (misc/include.scm) are resolved next to the program.
cp "$(dirname "$file")"/*.inc "$tmp"/ 2>/dev/null || true
case "$impl" in
  guile)
    {
      echo '(import (scheme base) (scheme write) (scheme char) (scheme cxr) (scheme lazy)'
      echo '        (scheme case-lambda) (scheme process-context) (scheme inexact) (scheme complex))'
      cat "$here/src/lib/scheme/kiln-test.scm"
      cat "$file"
    } > "$tmp/prog.scm"
    cd "$(dirname "$file")"
    status=0; guile --r7rs --no-auto-compile "$tmp/prog.scm" || status=$?; exit $status
    ;;
  chez)
    # Chez Scheme 9.5 is R6RS: a few R7RS names are shimmed, and the import line is dropped.
    {
      cat <<'SHIM'
(define (error-object? x) (condition? x))
(define (error-object-message c) (if (message-condition? c) (condition-message c) ""))
(define (error-object-irritants c) (if (irritants-condition? c) (condition-irritants c) '()))
(define (flush-output-port . p) (flush-output-port* (if (null? p) (current-output-port) (car p))))
(define flush-output-port* (let () (import (rnrs)) flush-output-port))
(print-graph #t)
SHIM
      cat "$here/src/lib/scheme/kiln-test.scm"
      grep -v '^(import' "$file"
    } > "$tmp/prog.scm"
    status=0; scheme --script "$tmp/prog.scm" || status=$?; exit $status
    ;;
esac
