;; mbrot: Mandelbrot set membership over a grid, in flonums; prints the total iteration count.
(import (scheme base) (scheme write))
(define (count-iterations cr ci max-iter)
  (let loop ((zr 0.) (zi 0.) (i 0))
    (if (or (= i max-iter)
            (> (+ (* zr zr) (* zi zi)) 4.))
        i
        (loop (+ (- (* zr zr) (* zi zi)) cr)
              (+ (* 2. zr zi) ci)
              (+ i 1)))))

(define (mbrot size max-iter)
  (let ((step (/ 3. size)))
    (let yloop ((y 0) (total 0))
      (if (= y size)
          total
          (let xloop ((x 0) (total total))
            (if (= x size)
                (yloop (+ y 1) total)
                (xloop (+ x 1)
                       (+ total (count-iterations (- (* x step) 2.)
                                                  (- (* y step) 1.5)
                                                  max-iter)))))))))

(display (mbrot 200 256))
(newline)
