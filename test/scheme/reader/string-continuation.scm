(import (scheme base))
;; A string line continuation may have intraline whitespace between the backslash and the line
;; ending (R7RS 7.1.1: \<intraline whitespace>*<line ending><intraline whitespace>*).  The line
;; below ends with "\", two spaces and a tab.
(test-begin "reader-string-continuation")

(test-equal "abcdef" "abc\  	
   def")
(test-equal "xy" "x\ 
y")

(test-end)
