// deriv: the same computation as bench/deriv.scm, on Lisp-style lists built from pairs.
const NIL = null;
const cons = (car, cdr) => ({ car, cdr });
const list = (...xs) => xs.reduceRight((acc, x) => cons(x, acc), NIL);
const map = (f, l) => (l === NIL ? NIL : cons(f(l.car), map(f, l.cdr)));
const isPair = (x) => x !== null && typeof x === "object";

function deriv(a) {
  if (!isPair(a)) return a === "x" ? 1 : 0;
  switch (a.car) {
    case "+": return cons("+", map(deriv, a.cdr));
    case "-": return cons("-", map(deriv, a.cdr));
    case "*": return list("*", a, cons("+", map((a) => list("/", deriv(a), a), a.cdr)));
    case "/": {
      const num = a.cdr.car, den = a.cdr.cdr.car;
      return list("-", list("/", deriv(num), den), list("/", num, list("*", den, den, deriv(den))));
    }
    default: throw new Error(`No derivation method available ${a.car}`);
  }
}
function size(t) { return isPair(t) ? size(t.car) + size(t.cdr) : 1; }
function write(x) {
  if (x === NIL) return "()";
  if (!isPair(x)) return String(x);
  const parts = [];
  let p = x;
  for (; isPair(p); p = p.cdr) parts.push(write(p.car));
  return `(${parts.join(" ")}${p === NIL ? "" : ` . ${write(p)}`})`;
}
const expr = list("+", list("*", 3, "x", "x"), list("*", "a", "x", "x"), list("*", "b", "x"), 5);
let result = null;
for (let i = 0; i < 400000; i++) result = deriv(expr);
console.log(write(result));
console.log(String(size(result)));
