// Unit tests of the practice page's grader port (templates/practice/grader.js): the normaliser,
// dates, numbers and the typo rule, each case as the Python grader reads it.
// Run: node --test tests/js/ (tests/test_practice_js.py runs these from pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const G = require(path.join(__dirname, "..", "..", "templates", "practice", "grader.js"));

test("grading words fold case, accents, dots of abbreviations and apostrophes", () => {
  assert.deepEqual(G.gradingWords("The U.S.S.R.'s Treaty"), ["the", "ussr", "treaty"]);
  assert.deepEqual(G.gradingWords("Ch’ing-kuo"), ["ching", "kuo"]);
  assert.deepEqual(G.gradingWords("Sévres  —  Straße"), ["sevres", "strasse"]);
  assert.deepEqual(G.gradingWords("ＵＮ"), ["un"]);
});

test("digit groups join but a decimal point stays visible", () => {
  assert.deepEqual(G.gradingWords("2,000"), ["2000"]);
  assert.deepEqual(G.gradingWords("2 000 km"), ["2000", "km"]);
  assert.deepEqual(G.gradingWords("2.000"), ["2", "point", "000"]);
});

test("typed words drop one leading article", () => {
  assert.deepEqual(G.typedWords("the United Nations"), ["united", "nations"]);
  assert.deepEqual(G.typedWords("the"), ["the"]);
});

test("dates are read in any common English form, to the precision typed", () => {
  assert.deepEqual(G.readDate("4th July 1776"), [1776, 7, 4]);
  assert.deepEqual(G.readDate("July 4th, 1776"), [1776, 7, 4]);
  assert.deepEqual(G.readDate("Sept. 1954"), [1954, 9, 0]);
  assert.deepEqual(G.readDate("1776-07-04"), [1776, 7, 4]);
  assert.deepEqual(G.readDate("25/12/1991"), [1991, 12, 25]);
  assert.deepEqual(G.readDate("on Sunday, 28 December 2025"), [2025, 12, 28]);
  assert.deepEqual(G.readDate("in 1895"), [1895, 0, 0]);
  assert.equal(G.readDate("31 February 1990"), null);
  assert.equal(G.readDate("Shimonoseki"), null);
  assert.throws(() => G.readDate("04/07/1776"), (e) => e instanceof G.AmbiguousDate && /04\/07\/1776 could be/.test(e.message));
});

test("numbers in digits and in words", () => {
  assert.equal(G.wordsToNumber(["forty", "one"]), 41);
  assert.equal(G.wordsToNumber(["a", "hundred", "and", "five"]), 105);
  assert.equal(G.wordsToNumber(["twenty", "thirty"]), null);
  const r = G.readNumber("about 2,000 km");
  assert.deepEqual(r.values, [2000n]);
  assert.deepEqual(r.rest, ["about", "km"]);
  assert.deepEqual(G.readNumber("forty-one").values, [41n]);
  assert.equal(G.readNumber("2.000").decimal, true);
  assert.deepEqual(G.qualifierClasses(["more", "than", "300"]).found, ["more"]);
});

test("edit distance counts a swap of neighbours as one edit and stops past the limit", () => {
  assert.equal(G.editDistance("shimonoseki", "shimonoseki", 1), 0);
  assert.equal(G.editDistance("shimonsoeki", "shimonoseki", 1), 1);
  assert.equal(G.editDistance("shimonseki", "shimonoseki", 1), 1);
  assert.equal(G.editDistance("abc", "xyz", 1), 2);
  assert.equal(G.editDistance("kozyrev", "kozyrov", 1), 1);
});

test("timelines and matching score one point per right place", () => {
  const g = G.partial([true, false, true, true], ["a", "b", "c", "d"], "CADB");
  assert.equal(g.outcome, "partial");
  assert.equal(g.right, 3);
  assert.equal(g.facts.b, "wrong");
  assert.equal(G.partial([true, true], ["a", "b"], "AB").outcome, "correct");
  assert.equal(G.partial([false, false], ["a", "b"], "AB").outcome, "wrong");
});
