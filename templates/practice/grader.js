/* The practice page's grader of typed answers: a port of rutw_quiz.grading.forms
 * (the normaliser, typed dates and numbers), number_words, verdict.edit_distance and
 * QuestionKey.grade in answer_key.py. Everything that can be decided before a student types
 * (accepted and refused forms, context words, qualifiers, the value) comes precomputed from
 * Python (grading/tables.py); this file only reads the typed text and matches it.
 * tests/js/practice_grader.test.js tests it; tests/test_practice_js.py checks it against the
 * Python grader on the labelled corpus. Plain ES2018, no dependencies; in node it is a module,
 * in the page it defines window.RutwGrader.
 */
(function (root) {
  "use strict";

  var LETTERS_PER_TYPO = 6;
  var MAX_TYPED_CHARS = 1000; // forms.MAX_TYPED_CHARS: longer answers are wrong unread
  var INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g; // forms.INVISIBLE
  var MAX_DIGITS = 18; // forms.MAX_DIGITS: a longer run of digits is no figure
  var TOO_MANY_DIGITS = -1;
  var SHORT_WORD = 4; // spellings.SHORT_WORD: a word of 4 or 5 letters has no typo allowance of its own
  var MAX_EXTRA_WORDS = 3; // key.MAX_EXTRA_WORDS
  var ARTICLES = { the: 1, a: 1, an: 1 };
  var UNITS = {
    zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
    ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
    seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
    sixty: 60, seventy: 70, eighty: 80, ninety: 90
  };
  var SCALES = { hundred: 100, thousand: 1000, million: 1000000, billion: 1000000000 };
  var QUALIFIERS = [
    [["more", "than"], "more"], [["over"], "more"], [["above"], "more"], [["upwards", "of"], "more"],
    [["in", "excess", "of"], "more"], [["about"], "about"], [["around"], "about"],
    [["approximately"], "about"], [["approx"], "about"], [["roughly"], "about"], [["circa"], "about"],
    [["ca"], "about"], [["some"], "about"], [["nearly"], "about"], [["almost"], "about"],
    [["fewer", "than"], "less"], [["less", "than"], "less"], [["under"], "less"], [["below"], "less"],
    [["at", "least"], "least"], [["at", "most"], "most"], [["up", "to"], "most"]
  ];
  var MONTHS = {
    january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
    september: 9, october: 10, november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4,
    jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12, sept: 9
  };
  var MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var DATE_FILLER = {
    on: 1, the: 1, of: 1, in: 1, ad: 1, ce: 1, year: 1, monday: 1, tuesday: 1, wednesday: 1,
    thursday: 1, friday: 1, saturday: 1, sunday: 1, mon: 1, tue: 1, wed: 1, thu: 1, fri: 1,
    sat: 1, sun: 1
  };

  function has(obj, k) { return Object.prototype.hasOwnProperty.call(obj, k); }
  function chars(s) { return Array.from(s); }

  // --- the normaliser (answer_forms.grading_words) ----------------------------------------------

  var W = "\\p{L}\\p{N}_"; // what Python's \w matches: letters, numbers, the underscore
  var SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f\x85\p{Z}]+/u; // str.isspace
  var DOTTED = new RegExp("(?<![" + W + ".])[a-z](?:\\.[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f\\x85\\p{Z}]?[a-z])+\\.?(?![" + W + "])", "gu");
  var POSSESSIVE = new RegExp("(?<=[" + W + "])'s(?![" + W + "])", "gu");
  var APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u0060\u00b4]/g;
  // Python's \d is any decimal digit (Arabic-Indic too): \p{Nd} here, read by decimalValue
  var DIGIT_GROUP = /(?<=\p{Nd})[,\u202f\u00a0' ](?=\p{Nd}{3}(?!\p{Nd}))/gu;
  var DECIMAL_POINT = /(?<=\p{Nd})\.(?=\p{Nd})/gu;
  var PSZ = /[\p{P}\p{S}\p{Z}]/u;

  // The marks strip_accents removes: Python's combining class not 0, set from the tables
  // (setCombining); until then the browser's own non-spacing marks, which differ in a few scripts.
  var combining = null;

  function setCombining(deltas) {
    combining = new Set();
    var previous = -1;
    for (var i = 0; i < deltas.length; i += 2) {
      var start = previous + deltas[i];
      for (var cp = start; cp <= start + deltas[i + 1]; cp++) combining.add(cp);
      previous = start + deltas[i + 1];
    }
  }

  function stripAccents(text) {
    text = text.normalize("NFKD");
    if (combining === null) return text.replace(/\p{Mn}/gu, "");
    var out = "";
    for (var ch of text) if (!combining.has(ch.codePointAt(0))) out += ch;
    return out;
  }

  function casefold(text) {
    // Python's str.casefold beyond lower case, for the letters a student may type
    return text.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3")
      .replace(/[\uab70-\uabbf\u13f8-\u13fd]/g, function (c) { // Cherokee folds to capitals
        var cp = c.charCodeAt(0);
        return String.fromCharCode(cp >= 0xab70 ? cp - 0xab70 + 0x13a0 : cp - 8);
      })
      .replace(/[\u1c80-\u1c88]/g, function (c) { // old Cyrillic letter shapes fold to the letters
        return "\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\ua64b"[c.charCodeAt(0) - 0x1c80];
      });
  }

  function fold(text) {
    text = casefold(stripAccents(text.normalize("NFKC"))).replace(APOSTROPHES, "'");
    text = text.replace(DOTTED, function (m) { return m.replace(/\./g, "").replace(/ /g, ""); });
    text = text.replace(POSSESSIVE, "");
    return text.replace(/'/g, "");
  }

  function gradingWords(text) {
    text = fold(text).replace(DIGIT_GROUP, "").replace(DECIMAL_POINT, " point ");
    var out = "";
    for (var ch of text) out += PSZ.test(ch) ? " " : ch;
    return out.split(SPACE).filter(function (w) { return w !== ""; });
  }

  function typedWords(text) {
    var words = gradingWords(text);
    return words.length > 1 && has(ARTICLES, words[0]) ? words.slice(1) : words;
  }

  // --- dates (answer_forms.read_date) -----------------------------------------------------------

  function isDecimal(w) { return /^\p{Nd}+$/u.test(w); }

  /** int() of a run of decimal digits of any script: each digit's value within its block of ten. */
  function decimalValue(w) {
    var out = "";
    for (var ch of w) {
      var cp = ch.codePointAt(0);
      var start = cp;
      while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
      out += String((cp - start) % 10);
    }
    return out;
  }
  function toInt(w) { return +decimalValue(w); }

  function realDate(year, month, day) {
    if (year < 1 || year > 9999) return null;
    var m = month || 1;
    var d = day || 1;
    if (m < 1 || m > 12 || d < 1) return null;
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    if (d > days) return null;
    return [year, month, day];
  }

  function AmbiguousDate(message) { this.message = message; }

  function pad2(n) { return (n < 10 ? "0" : "") + n; }

  function numericDate(first, second, year) {
    if (first === second || (first > 12 && 12 >= second)) return realDate(year, second, first);
    if (second > 12 && 12 >= first) return realDate(year, first, second);
    if (first > 12 && second > 12) return null;
    throw new AmbiguousDate(pad2(first) + "/" + pad2(second) + "/" + year + " could be day/month or month/day");
  }

  function stripChars(s, set) {
    var a = 0;
    var b = s.length;
    while (a < b && set.indexOf(s[a]) >= 0) a++;
    while (b > a && set.indexOf(s[b - 1]) >= 0) b--;
    return s.slice(a, b);
  }

  function readDate(text) {
    var folded = fold(text);
    var tokens = folded.split(SPACE).filter(function (t) { return t !== ""; });
    while (tokens.length && has(DATE_FILLER, stripChars(tokens[0], ",."))) tokens.shift();
    var core = stripChars(tokens.join(" "), " .,");
    var m = /^(\p{Nd}{1,2})\s*([/.\-])\s*(\p{Nd}{1,2})\s*\2\s*(\p{Nd}{4})$/u.exec(core);
    if (m) return numericDate(toInt(m[1]), toInt(m[3]), toInt(m[4]));
    m = /^(\p{Nd}{4})([-/])(\p{Nd}{1,2})(?:\2(\p{Nd}{1,2}))?$/u.exec(core);
    if (m) return realDate(toInt(m[1]), toInt(m[3]), m[4] ? toInt(m[4]) : 0);
    var words = (folded.replace(/(?<=\p{Nd})(?:st|nd|rd|th)(?![\p{L}\p{N}_])/gu, "").match(/\p{Nd}+|[a-z]+/gu) || [])
      .filter(function (w) { return !has(DATE_FILLER, w); });
    var shape = words.map(function (w) {
      return isDecimal(w) && chars(w).length <= 4 ? "n" : has(MONTHS, w) ? "m" : "?";
    }).join("");
    if (shape === "nmn" && words[2].length >= 3) return realDate(toInt(words[2]), MONTHS[words[1]], toInt(words[0]));
    if (shape === "mnn" && words[2].length >= 3) return realDate(toInt(words[2]), MONTHS[words[0]], toInt(words[1]));
    if (shape === "nmn" && words[0].length >= 3) return realDate(toInt(words[0]), MONTHS[words[1]], toInt(words[2]));
    if (shape === "mn" && words[1].length >= 3) return realDate(toInt(words[1]), MONTHS[words[0]], 0);
    if (shape === "n" && words[0].length >= 3) return [toInt(words[0]), 0, 0];
    return null;
  }

  function dateText(d) {
    if (!d[1]) return String(d[0]);
    return (d[2] ? d[2] + " " : "") + MONTH_NAMES[d[1]] + " " + d[0];
  }

  // --- numbers (number_words, answer_forms.read_number) -----------------------------------------

  function wordsToNumber(words) {
    if (!words.length || words[0] === "and" || words[words.length - 1] === "and" || words[words.length - 1] === "a") {
      return null;
    }
    var total = 0;
    var current = 0;
    var seen = false;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (word === "and") continue;
      if (word === "a") {
        if (i + 1 >= words.length || !has(SCALES, words[i + 1])) return null;
        current = Math.max(current, 1);
        continue;
      }
      if (has(UNITS, word)) {
        var value = UNITS[word];
        if ((current % 100 && value >= 10) || (current % 10 && value)) return null;
        current += value;
        seen = true;
      } else if (has(SCALES, word)) {
        var scale = SCALES[word];
        if (scale === 100) current = Math.max(current, 1) * 100;
        else {
          total += Math.max(current, 1) * scale;
          current = 0;
        }
        seen = true;
      } else return null;
    }
    return seen ? total + current : null;
  }

  function isNumberWord(w) { return has(UNITS, w) || has(SCALES, w) || w === "and" || w === "a"; }

  function readNumber(text) {
    var words = gradingWords(text);
    var values = [];
    var rest = [];
    var i = 0;
    while (i < words.length) {
      var word = words[i];
      if (isDecimal(word)) {
        values.push(chars(word).length <= MAX_DIGITS ? BigInt(decimalValue(word)) : BigInt(TOO_MANY_DIGITS));
        i++;
        continue;
      }
      var j = i;
      while (j < words.length && isNumberWord(words[j])) j++;
      var run = words.slice(i, j);
      while (run.length && (run[run.length - 1] === "and" || run[run.length - 1] === "a")) run.pop();
      if (run.some(function (w) { return has(UNITS, w) || has(SCALES, w); })) {
        var value = wordsToNumber(run[0] === "and" ? run.slice(1) : run);
        if (value !== null) {
          values.push(BigInt(value));
          i += run.length;
          continue;
        }
      }
      rest.push(word);
      i++;
    }
    return { values: values, rest: rest, decimal: words.indexOf("point") >= 0 };
  }

  function qualifierClasses(words) {
    var found = {};
    var rest = [];
    var i = 0;
    outer: while (i < words.length) {
      for (var q = 0; q < QUALIFIERS.length; q++) {
        var phrase = QUALIFIERS[q][0];
        if (sameWords(words.slice(i, i + phrase.length), phrase)) {
          found[QUALIFIERS[q][1]] = 1;
          i += phrase.length;
          continue outer;
        }
      }
      rest.push(words[i]);
      i++;
    }
    return { found: Object.keys(found), rest: rest };
  }

  // --- the typo rules (verdict.edit_distance, key._match, key._rival_match) ---------------------

  function editDistance(a, b, limit) {
    a = chars(a);
    b = chars(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = [];
    var previous = [];
    for (var k = 0; k <= b.length; k++) previous.push(k);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var lowest = i;
      for (var j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, previous2[j - 2] + 1);
        current.push(v);
        if (v < lowest) lowest = v;
      }
      if (lowest > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function sameWords(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function isAlpha(w) { return /^\p{L}+$/u.test(w); }
  /** key.word_allowance: one edit per six letters; none in words with a digit. */
  function wordAllowance(w) { return /\p{Nd}/u.test(w) ? 0 : Math.floor(chars(w).length / LETTERS_PER_TYPO); }
  function isShort(w) { return chars(w).length >= SHORT_WORD && isAlpha(w) && wordAllowance(w) === 0; }
  function rivalAllowance(w) {
    var a = wordAllowance(w);
    return a === 0 && chars(w).length >= SHORT_WORD && isAlpha(w) ? 1 : a;
  }

  /** key._match: [edits, doubt] against an accepted form, or null when too far; a word of another
   * answer (`foreign`, a function or null) is never a slip of the key's. */
  function match(words, form, real, foreign) {
    var total = 0;
    var doubt = "";
    var slipped = 0;
    var short = "";
    for (var i = 0; i < words.length; i++) {
      var typed = words[i];
      var want = form.words[i];
      if (typed === want) continue;
      if (form.exact[i] || (foreign && foreign(typed))) return null;
      var allowance = wordAllowance(want);
      var distance = editDistance(typed, want, allowance + 1);
      if (distance > allowance + 1) return null;
      slipped++;
      total += distance;
      if (real.has(typed)) doubt = doubt || "'" + typed + "' is another English word";
      else if (allowance === 0) {
        var kind = slip(typed, want);
        if (kind === "changed") doubt = doubt || "a slip in the short word '" + want + "'";
        else if (kind === "added or dropped") short = short || want;
      } else if (distance > allowance) doubt = doubt || distance + " slips in '" + want + "'";
    }
    if (short && (form.words.length === 1 || slipped > 1)) doubt = doubt || "a slip in the short word '" + short + "'";
    return [total, doubt];
  }

  /** key._slip: what one slip did to a word ('swapped', 'doubled', 'plural', 'added or dropped', 'changed'). */
  function slip(typed, want) {
    var t = chars(typed);
    var w = chars(want);
    if (t.length === w.length) {
      var diff = [];
      for (var i = 0; i < w.length; i++) if (t[i] !== w[i]) diff.push(i);
      if (diff.length === 2 && diff[1] === diff[0] + 1 && t[diff[0]] === w[diff[1]] && t[diff[1]] === w[diff[0]]) return "swapped";
      return "changed";
    }
    if (typed === want + "s") return "plural"; // 'curies' for 'curie': the same word
    var longer = t.length > w.length ? t : w;
    var at = longer.length - 1;
    for (var k = 0; k < Math.min(t.length, w.length); k++) if (t[k] !== w[k]) { at = k; break; }
    var before = at ? longer[at - 1] : "";
    var after = at + 1 < longer.length ? longer[at + 1] : "";
    return longer[at] === before || longer[at] === after ? "doubled" : "added or dropped";
  }

  /** key._rival_match: edits against a refused form, each word within its rival allowance. */
  function rivalMatch(words, form) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var typed = words[i];
      var want = form.words[i];
      if (typed === want) continue;
      if (form.exact[i] && !isShort(want)) return null;
      var allowance = rivalAllowance(want);
      var distance = editDistance(typed, want, allowance);
      if (distance > allowance) return null;
      total += distance;
    }
    return total;
  }

  /** key._closest: certain matches before doubtful ones, then fewest edits: [edits, form, doubt]. */
  function closest(words, forms, real, foreign) {
    var best = null;
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      if (form.words.length !== words.length) continue;
      var m = match(words, form, real, foreign);
      if (m === null) continue;
      var rank = [m[1] ? 1 : 0, m[0]];
      if (best === null || rank[0] < best[0] || (rank[0] === best[0] && rank[1] < best[1])) best = [rank[0], rank[1], form, m[1]];
    }
    return best === null ? null : [best[1], best[2], best[3]];
  }

  // --- the deck's shared tables (key.DeckIndex) and one question's key (key.QuestionKey) -------

  function expandRuns(runs, pool) {
    var out = [];
    for (var i = 0; i < runs.length; i += 2) for (var k = 0; k < runs[i + 1]; k++) out.push(pool[runs[i] + k]);
    return out;
  }

  function setOf(list) { return new Set(list); }

  function byCodePoint(a, b) {
    var x = chars(a);
    var y = chars(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /** The pools of an answer-tables JSON made ready: forms as objects, shared by every key. */
  function Tables(json) {
    if (json.combining) setCombining(json.combining);
    var reasons = json.reasons;
    this.forms = json.forms.map(function (row) {
      return {
        words: row[0] === "" ? [] : row[0].split(" "),
        exact: chars(row[1]).map(function (c) { return c === "1"; }),
        shown: row[2],
        reason: row[3] >= 0 ? reasons[row[3]] : null // a deck refusal's: made from its fact (pool)
      };
    });
    var r = json.rules;
    this.rules = {
      stopwords: setOf(r.stopwords), negations: setOf(r.negations), qualifierWords: setOf(r.qualifier_words),
      titles: setOf(r.titles), nameSuffixes: setOf(r.name_suffixes), oneWords: setOf(r.one_words),
      numberTokens: new Map(Object.entries(r.number_tokens)), unitWords: new Map(Object.entries(r.unit_words)),
      compass: setOf(r.compass || []), kindNouns: setOf(r.kind_nouns || []), ranks: r.ranks || []
    };
    this.rules.letters = r.letters;
    this.words = json.words;
    this.contexts = json.contexts;
    this.poolJson = json.pools || [];
    this.pools = new Map();
    this.tableJson = json.tables;
    this.json = json.keys;
    this.cache = new Map();
  }

  Tables.prototype.key = function (questionId) {
    var number = has(this.json, questionId) ? this.json[questionId] : null;
    if (number === null) return null;
    if (!this.cache.has(number)) this.cache.set(number, new QuestionKey(this.tableJson[number], this));
    return this.cache.get(number);
  };

  /** tables.context_base: the context words every key of a kind has. */
  Tables.prototype.contextBase = function (kind) {
    var rules = this.rules;
    var words = Array.from(rules.stopwords);
    var ranks = new Set(rules.ranks);
    if (kind === "person") words = words.concat(Array.from(rules.titles));
    if (kind === "office") words = words.concat(Array.from(rules.titles).filter(function (w) { return !ranks.has(w); }));
    if (kind === "person") words = words.concat(chars(rules.letters));
    return words.filter(function (w) { return !rules.negations.has(w) && !rules.qualifierWords.has(w); });
  };

  Tables.prototype.contentWords = function (words) {
    var rules = this.rules;
    return words.filter(function (w) { return !rules.stopwords.has(w); })
      .map(function (w) { return rules.numberTokens.has(w) ? rules.numberTokens.get(w) : w; });
  };

  /** A deck's refused forms, made ready once: by exact words, content words and word count. */
  Tables.prototype.pool = function (deckId) {
    if (deckId === null || deckId === undefined) return null;
    if (this.pools.has(deckId)) return this.pools.get(deckId);
    var raw = this.poolJson[deckId];
    var shared = expandRuns(raw.forms, this.forms);
    var facts = [];
    var forms = [];
    for (var i = 0, at = 0; i < raw.facts.length; i += 2) {
      var answer = shared[at].shown; // a fact's first form is its answer's
      for (var k = 0; k < raw.facts[i + 1]; k++, at++) {
        var form = shared[at];
        facts.push(raw.facts[i]);
        forms.push(form.reason !== null ? form : {
          words: form.words, exact: form.exact, shown: form.shown,
          reason: "wrong: that is another fact's answer ('" + answer + "')"
        });
      }
    }
    var pool = { forms: forms, facts: facts, exact: new Map(), content: new Map(), byLength: new Map(), words: new Set() };
    var words = this.words;
    pool.setting = (raw.setting || []).map(function (w) { return words[w]; });
    var self = this;
    forms.forEach(function (form, index) {
      var push = function (map, key) { if (!map.has(key)) map.set(key, []); map.get(key).push(index); };
      push(pool.exact, form.words.join(" "));
      push(pool.content, self.contentWords(form.words).join(" "));
      push(pool.byLength, form.words.length);
      form.words.forEach(function (w) { pool.words.add(w); });
    });
    this.pools.set(deckId, pool);
    return pool;
  };

  var OPPOSITE_PREFIXES = ["in", "un", "il", "ir", "im", "non", "dis"];

  /** key._opposites: opposite word -> the answer's word ('legal' -> 'illegal'), in order. */
  function oppositesOf(forms) {
    var found = new Map();
    forms.forEach(function (form) {
      form.words.forEach(function (word) {
        if (!isAlpha(word) || chars(word).length < 4) return;
        OPPOSITE_PREFIXES.forEach(function (prefix) {
          if (word.startsWith(prefix) && chars(word).length - prefix.length >= 4) {
            var stem = word.slice(prefix.length);
            if (!found.has(stem)) found.set(stem, word);
          }
          if (!found.has(prefix + word)) found.set(prefix + word, word);
        });
      });
    });
    return found;
  }

  /** key._opposite_forms: each accepted form with one word swapped for its opposite. */
  function oppositeForms(forms, opposites) {
    var reverse = new Map();
    opposites.forEach(function (word, opposite) {
      if (!reverse.has(word)) reverse.set(word, []);
      reverse.get(word).push(opposite);
    });
    var out = [];
    forms.forEach(function (form) {
      form.words.forEach(function (word, i) {
        (reverse.get(word) || []).forEach(function (opposite) {
          var words = form.words.slice();
          words[i] = opposite;
          out.push({
            words: words, exact: form.exact, shown: form.shown,
            reason: "wrong: '" + opposite + "' is the opposite of '" + word + "'"
          });
        });
      });
    });
    return out;
  }

  var NUMERIC = { year: 1, date: 1, number: 1 };

  /** A key's table with the values it leaves out when they are the usual ones. */
  function withDefaults(raw) {
    var out = {
      refused: [], qualifiers: [], value: null, value_text: "", derived: true, pool: null, real: [],
      person: null, full_date: null, unit: null, order: raw.accepted, context_missing: []
    };
    Object.keys(raw).forEach(function (k) { out[k] = raw[k]; });
    out.numeric = has(NUMERIC, out.kind);
    return out;
  }

  function QuestionKey(raw, tables) {
    var forms = tables.forms;
    var self = this;
    raw = withDefaults(raw);
    this.raw = raw;
    this.tables = tables;
    this.rules = tables.rules;
    this.accepted = expandRuns(raw.accepted, forms);
    this.refused = expandRuns(raw.refused, forms);
    this.exact = new Map();
    this.joined = new Map();
    this.opposites = new Map();
    var order = expandRuns(raw.order, forms);
    if (raw.derived) {
      order.forEach(function (form) {
        var text = form.words.join(" ");
        if (!self.exact.has(text)) self.exact.set(text, form);
        if (!self.joined.has(form.words.join(""))) self.joined.set(form.words.join(""), form);
      });
      var single = new Set(order.map(function (f) { return f.words.join(" "); }));
      oppositesOf(order).forEach(function (word, opposite) {
        if (!single.has(opposite)) self.opposites.set(opposite, word);
      });
      var tail = oppositeForms(order, this.opposites).filter(function (form) {
        return !single.has(form.words.join(" "));
      });
      if (raw.tail_order) tail = raw.tail_order.map(function (i) { return tail[i]; });
      this.refused = this.refused.concat(tail);
    } else {
      raw.exact.forEach(function (p) { self.exact.set(p[0], forms[p[1]]); });
      raw.joined.forEach(function (p) { self.joined.set(p[0], forms[p[1]]); });
      raw.opposites.forEach(function (p) { self.opposites.set(p[0], p[1]); });
    }
    this.acceptedContent = new Map();
    this.acceptedBag = new Map();
    order.forEach(function (form) {
      var content = tables.contentWords(form.words);
      if (!content.length) return;
      var text = content.join(" ");
      var bag = content.slice().sort(byCodePoint).join(" ");
      if (!self.acceptedContent.has(text)) self.acceptedContent.set(text, form);
      if (!self.acceptedBag.has(bag)) self.acceptedBag.set(bag, form);
    });
    this.refusedExact = new Map();
    this.refusedContent = new Map();
    this.refusedByLength = new Map();
    this.ownWords = new Set();
    this.refusedWords = new Set();
    this.accepted.forEach(function (form) { form.words.forEach(function (w) { self.ownWords.add(w); }); });
    this.refused.forEach(function (form) {
      var text = form.words.join(" ");
      var content = tables.contentWords(form.words).join(" ");
      if (!self.refusedExact.has(text)) self.refusedExact.set(text, form);
      if (!self.refusedContent.has(content)) self.refusedContent.set(content, form);
      if (!self.refusedByLength.has(form.words.length)) self.refusedByLength.set(form.words.length, []);
      self.refusedByLength.get(form.words.length).push(form);
      form.words.forEach(function (w) { self.refusedWords.add(w); });
    });
    this.pool = tables.pool(raw.pool);
    var missing = new Set(raw.context_missing);
    var base = tables.contextBase(raw.kind);
    if (this.pool && (raw.kind === "place" || raw.kind === "country")) base = base.concat(this.pool.setting);
    this.context = new Set(base.filter(function (w) { return !missing.has(w); }));
    tables.contexts[raw.context].forEach(function (w) { self.context.add(tables.words[w]); });
    this.real = new Set((raw.real || []).map(function (w) { return tables.words[w]; }));
    this.person = raw.person ? {
      given: raw.person.given,
      surname: raw.person.surname.map(function (i) { return forms[i]; }),
      names: new Set(raw.person.names || [])
    } : null;
  }

  QuestionKey.prototype.verdict = function (outcome, reason) {
    return { outcome: outcome, reason: reason, expected: this.raw.expected, check: false };
  };

  QuestionKey.prototype.check = function (why) {
    return { outcome: "wrong", reason: "wrong: " + why, expected: this.raw.expected, check: true };
  };

  /** The first of a deck's refused forms listed by `indices` that is not this fact's, nor accepted. */
  QuestionKey.prototype.pooled = function (indices) {
    if (!indices) return null;
    for (var k = 0; k < indices.length; k++) {
      var i = indices[k];
      var form = this.pool.forms[i];
      if (this.pool.facts[i] !== this.raw.fact && !this.exact.has(form.words.join(" "))) return form;
    }
    return null;
  };

  QuestionKey.prototype.refusedExactOf = function (words) {
    var text = words.join(" ");
    var found = this.pool ? this.pooled(this.pool.exact.get(text)) : null;
    return found || this.refusedExact.get(text) || null;
  };

  QuestionKey.prototype.refusedContentOf = function (content) {
    var text = content.join(" ");
    var found = this.pool ? this.pooled(this.pool.content.get(text)) : null;
    return found || this.refusedContent.get(text) || null;
  };

  /** key.QuestionKey.rival: the nearest refused form (fewest edits, then first in order). */
  QuestionKey.prototype.rival = function (words) {
    var best = null;
    var offset = 0;
    if (this.pool) {
      var candidates = this.pool.byLength.get(words.length) || [];
      for (var k = 0; k < candidates.length; k++) {
        var i = candidates[k];
        var form = this.pool.forms[i];
        if (this.pool.facts[i] === this.raw.fact || this.exact.has(form.words.join(" "))) continue;
        var d = rivalMatch(words, form);
        if (d !== null && (best === null || d < best[0])) best = [d, form];
      }
      offset = this.pool.forms.length;
    }
    var own = this.refusedByLength.get(words.length) || [];
    for (var j = 0; j < own.length; j++) {
      var e = rivalMatch(words, own[j]);
      if (e !== null && (best === null || e < best[0])) best = [e, own[j]];
    }
    return best;
  };

  QuestionKey.prototype.isForeign = function (w) {
    if (this.ownWords.has(w) || this.rules.stopwords.has(w)) return false;
    return this.refusedWords.has(w) || (this.pool !== null && this.pool.words.has(w));
  };

  QuestionKey.prototype.grade = function (typed) {
    var length = chars(typed).length;
    if (length > MAX_TYPED_CHARS) return this.verdict("wrong", "wrong: longer than any answer (" + length.toLocaleString("en-US") + " characters)");
    typed = typed.replace(INVISIBLE, "");
    var words = typedWords(typed);
    if (!words.length) return this.verdict("wrong", "wrong: nothing typed");
    var text = words.join(" ");
    var hit = this.exact.get(text) || null;
    if (hit === null && !this.raw.numeric) hit = this.joined.get(words.join("")) || null;
    if (hit !== null) return this.verdict("correct", hit.reason);
    if (this.raw.numeric && this.raw.value !== null) return this.gradeValue(typed, words);
    var miss = this.refusedExactOf(words);
    if (miss !== null) return this.verdict("wrong", miss.reason);
    var self = this;
    var foreign = function (w) { return self.isForeign(w); };
    var best = closest(words, this.accepted, this.real, foreign);
    var rival = this.rival(words);
    if (rival !== null && (best === null || rival[0] <= best[0])) {
      return this.verdict("wrong", "wrong: close to '" + rival[1].shown + "' (" + rival[1].reason.replace(/^wrong: /, "") + ")");
    }
    if (best !== null) {
      if (best[2]) return this.check("close to '" + best[1].shown + "', but " + best[2]);
      return this.verdict("typo", "correct, with a typo: " + best[1].shown);
    }
    var found = this.byContent(words);
    if (found !== null) return found;
    var named = this.byName(typed);
    if (named !== null) return named;
    var inContext = this.inContext(words);
    if (inContext[0] !== null) return inContext[0];
    if (inContext[1] !== null) return inContext[1];
    for (var i = 0; i < words.length; i++) {
      if (this.opposites.has(words[i])) {
        return this.verdict("wrong", "wrong: '" + words[i] + "' is the opposite of '" + this.opposites.get(words[i]) + "'");
      }
    }
    return this.verdict("wrong", "wrong");
  };

  QuestionKey.prototype.byContent = function (words) {
    var content = this.tables.contentWords(words);
    if (!content.length) return null;
    var form = this.acceptedContent.get(content.join(" ")) || null;
    var bag = form !== null ? null : this.acceptedBag.get(content.slice().sort(byCodePoint).join(" ")) || null;
    if (form === null && bag === null) return null;
    var miss = this.refusedContentOf(content);
    if (miss !== null) return this.verdict("wrong", miss.reason);
    if (form !== null) return this.verdict("correct", "correct: '" + form.shown + "' in other small words");
    var kinds = this.rules.kindNouns;
    if (content.length >= 3 || bag.words.indexOf("of") >= 0 || content.some(function (w) { return kinds.has(w); })) {
      return this.verdict("correct", "correct: the words of '" + bag.shown + "' in another order");
    }
    return this.check("the words of '" + bag.shown + "' in another order");
  };

  QuestionKey.prototype.harmless = function (unknown) {
    if (unknown.length > MAX_EXTRA_WORDS) return false;
    var self = this;
    return !unknown.some(function (w) {
      return self.rules.negations.has(w) || self.rules.qualifierWords.has(w) || self.opposites.has(w) ||
        self.anotherAnswer(w) || self.anotherNumber(w);
    });
  };

  /** key.QuestionKey._another_answer: a word that is by itself another answer or a wrong choice. */
  QuestionKey.prototype.anotherAnswer = function (w) {
    return this.isForeign(w) && this.refusedExactOf([w]) !== null;
  };

  /** key.QuestionKey._another_number: an ordinal, Roman numeral or figure that is not the answer's. */
  QuestionKey.prototype.anotherNumber = function (w) {
    var tokens = this.rules.numberTokens;
    if (!tokens.has(w) || has(UNITS, w)) return false;
    if (this.numbers === undefined) {
      var numbers = new Set();
      this.accepted.forEach(function (form) {
        form.words.forEach(function (x) { if (tokens.has(x)) numbers.add(tokens.get(x)); });
      });
      this.numbers = numbers;
    }
    return !this.numbers.has(tokens.get(w));
  };

  /** [certain verdict or null, check or null]: an accepted form inside the typed words (key._in_context). */
  QuestionKey.prototype.inContext = function (words) {
    var unsure = null;
    var self = this;
    var foreign = function (w) { return self.isForeign(w); };
    var small = function (form, letters) {
      return form.words.every(function (w) { return self.rules.stopwords.has(w) || (letters && chars(w).length === 1); });
    };
    var f, form, n, unknown;
    for (f = 0; f < this.accepted.length; f++) {
      form = this.accepted[f];
      n = form.words.length;
      if (n >= words.length || small(form, true)) continue; // a form of small words only is no answer inside a sentence
      for (var start = 0; start <= words.length - n; start++) {
        var m = match(words.slice(start, start + n), form, this.real, foreign);
        if (m === null) continue;
        var taken = [];
        for (var t = start; t < start + n; t++) taken.push(t);
        unknown = this.unknownWords(words, taken);
        if (!unknown.length) {
          if (m[1]) return [this.check("close to '" + form.shown + "', but " + m[1]), null];
          if (m[0]) return [this.verdict("typo", "correct, with a typo: " + form.shown), null];
          return [this.verdict("correct", "correct: '" + form.shown + "' with words around it"), null];
        }
        if (unsure === null && !m[1] && this.harmless(unknown)) unsure = [form, unknown];
      }
    }
    for (f = 0; f < this.accepted.length; f++) {
      form = this.accepted[f];
      n = form.words.length;
      if (n < 2 || n >= words.length || small(form, false)) continue;
      var at = spread(words, form.words);
      if (at === null) continue;
      unknown = this.unknownWords(words, at);
      if (!unknown.length) return [this.verdict("correct", "correct: '" + form.shown + "' with words around it"), null];
      if (unsure === null && this.harmless(unknown)) unsure = [form, unknown];
    }
    if (unsure !== null) return [null, this.check("'" + unsure[0].shown + "' with other words: " + unsure[1].join(" "))];
    return [null, null];
  };

  /** key.QuestionKey._unknown: the typed words outside the answer's that the context does not know
   * (a compass word saying in which part of another known word lies is known). */
  QuestionKey.prototype.unknownWords = function (words, taken) {
    var answer = new Set(taken);
    var context = this.context;
    var rules = this.rules;
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (answer.has(i) || (context.has(word) && !this.anotherNumber(word))) continue;
      var after = i + 1;
      if (rules.compass.has(word) && after < words.length && !answer.has(after) &&
          context.has(words[after]) && !rules.stopwords.has(words[after])) continue;
      out.push(word);
    }
    return out;
  };

  /** key._spread: where want's words lie in words, in order, apart (the first such places), or null. */
  function spread(words, want) {
    var at = [];
    var i = 0;
    for (var k = 0; k < want.length; k++) {
      while (i < words.length && words[i] !== want[k]) i++;
      if (i === words.length) return null;
      at.push(i);
      i++;
    }
    return at[at.length - 1] - at[0] === at.length - 1 ? null : at;
  }

  /** key._same_given: the key's given name in any spelling (or with a long name's slip), its initial. */
  function sameGiven(word, spellings) {
    var w = chars(word);
    return spellings.some(function (name) {
      var n = chars(name);
      if (word === name || (w.length === 1 && n[0] === word) || (n.length === 1 && w[0] === name)) return true;
      var allowance = wordAllowance(name);
      return allowance > 0 && n.length > 1 && editDistance(word, name, allowance) <= allowance;
    });
  }

  /** key.QuestionKey._by_name: the surname with given names added or dropped, initials, 'Jr.';
   * another first name before it is another person (a check when it shares an initial). */
  var DASHES = /[\u2010-\u2015]/g;
  var INITIALS = /[\t\n\x0b\x0c\r\x1c-\x1f\x85\p{Z}.]+/u;

  QuestionKey.prototype.byName = function (typed) {
    var person = this.person;
    if (person === null) return null;
    var rules = this.rules;
    // initials apart: 'J. R. Tolkien' is j, r, tolkien (the words would join them: 'jr')
    var words = [];
    typed.replace(DASHES, "-").split(INITIALS).forEach(function (token) {
      gradingWords(token).forEach(function (w) { if (!rules.titles.has(w)) words.push(w); });
    });
    while (words.length > 1 && rules.nameSuffixes.has(words[words.length - 1])) words = words.slice(0, -1);
    var hit = this.exact.get(words.join(" "));
    if (hit) return this.verdict("correct", "correct: " + hit.shown + ", with a title or 'Jr.'");
    if (words.length < 2) return null;
    var last = [words[words.length - 1]];
    var matched = null;
    for (var s = 0; s < person.surname.length; s++) {
      var m = match(last, person.surname[s], this.real);
      if (m !== null && (matched === null || m[0] < matched[0] || (m[0] === matched[0] && m[1] < matched[1]))) matched = m;
    }
    if (matched === null || matched[1]) return null;
    var given = words.slice(0, -1);
    var k = 0;
    var named = false;
    var initials = person.given.map(function (names) { return chars(names[0])[0]; });
    for (var position = 0; position < given.length; position++) {
      var word = given[position];
      var letters = chars(word);
      var at = -1;
      for (var j = k; j < person.given.length; j++) {
        if (sameGiven(word, person.given[j])) { at = j; break; }
      }
      var startsHere = letters.length > 1 && letters.length <= initials.length - k &&
        letters.every(function (c, i) { return initials[k + i] === c; });
      if (at >= 0) { k = at + 1; named = true; }
      else if (startsHere) { k += letters.length; named = true; }
      else if (!isAlpha(word) || rules.negations.has(word) || word === "and" || word === "or" || this.isForeign(word)) return null;
    }
    var surname = person.surname[0].shown;
    if (!named) {
      var other = given[given.length - 1];
      if (!this.nameLike(other)) return null;
      var first = chars(other)[0];
      if (initials.indexOf(first) >= 0) return this.check("another first name ('" + other + "') with the surname " + surname);
      return this.verdict("wrong", "wrong: another person ('" + other + "' is not " + this.raw.expected + ")");
    }
    if (matched[0]) return this.verdict("typo", "correct, with a typo: " + surname);
    return this.verdict("correct", "correct: " + surname + ", with given names as typed");
  };

  /** key.QuestionKey._name_like: a first name or initial before the surname, not a word about the person. */
  QuestionKey.prototype.nameLike = function (word) {
    if (this.rules.stopwords.has(word) || !isAlpha(word)) return false;
    return chars(word).length === 1 || !this.context.has(word) || this.person.names.has(word);
  };

  /** key._units_apart: '1520mm' -> '1520 mm' (only a unit word is parted from its figure). */
  var GLUED_UNIT = /(?<=\p{Nd})([A-Za-z]+)(?![A-Za-z0-9_])/gu;
  var PER_CENT = /(?<![A-Za-z0-9_])[Pp]er +[Cc]ent(?![A-Za-z0-9_])/g;
  function unitsApart(typed, rules) {
    return typed.replace(PER_CENT, "percent").replace(GLUED_UNIT, function (m, letters) {
      return rules.unitWords.has(letters.toLowerCase()) ? " " + letters : letters;
    });
  }

  /** key.year_in_words: 'eighteen forty-eight' -> 1848, 'nineteen oh five' -> 1905. */
  function yearInWords(words) {
    words = words.filter(function (w) { return ["in", "the", "year", "ad", "ce"].indexOf(w) < 0; });
    if (words.length < 2 || words.length > 5) return null;
    if (!words.every(function (w) { return has(UNITS, w) || w === "oh" || w === "o"; })) return null;
    for (var split = 1; split < words.length; split++) {
      var century = wordsToNumber(words.slice(0, split));
      var rest = words.slice(split);
      if (century === null || century < 10 || century > 99) continue;
      if ((rest[0] === "oh" || rest[0] === "o") && rest.length === 2 && has(UNITS, rest[1]) && UNITS[rest[1]] >= 1 && UNITS[rest[1]] <= 9) {
        return century * 100 + UNITS[rest[1]];
      }
      var tail = wordsToNumber(rest);
      if (tail !== null && tail >= 10 && tail <= 99) return century * 100 + tail;
    }
    return null;
  }

  QuestionKey.prototype.gradeValue = function (typed, words) {
    var raw = this.raw;
    var rules = this.rules;
    if (raw.kind === "date") return this.gradeDate(typed);
    var what = raw.kind === "year" ? "year" : "number";
    if (raw.kind === "year") {
      var said = this.yearAsDate(typed);
      if (said !== null) return said;
      var spoken = yearInWords(words);
      if (spoken !== null) {
        return spoken === raw.value ? this.verdict("correct", "correct: the same year") : this.verdict("wrong", "wrong: a different year");
      }
    }
    var reading = readNumber(unitsApart(typed, rules));
    if (reading.decimal) {
      return this.verdict("wrong", "wrong: a dot between digits is a decimal point; write " + raw.value_text);
    }
    var values = reading.values;
    var rest = reading.rest;
    if (!values.length && rest.length && rules.unitWords.has(rest[rest.length - 1]) &&
        rest.slice(0, -1).every(function (w) { return rules.oneWords.has(w); })) {
      values = [BigInt(1)];
      rest = rest.slice(-1);
    }
    if (values.length !== 1) return this.verdict("wrong", values.length ? "wrong: give one number" : "wrong");
    var q = qualifierClasses(rest);
    rest = q.rest;
    var verdict = "correct: the same " + what;
    if (values[0] !== BigInt(raw.value)) {
      var units = rest.filter(function (w) { return rules.unitWords.has(w); }).map(function (w) { return rules.unitWords.get(w); });
      var unit = raw.unit;
      if (!unit || units.length !== 1 || units[0][0] !== unit[0] ||
          values[0] * BigInt(units[0][1]) !== BigInt(raw.value) * BigInt(unit[1])) {
        return this.verdict("wrong", "wrong: a different " + what);
      }
      rest = rest.filter(function (w) { return !rules.unitWords.has(w); });
      verdict = "correct: the same figure in other units";
    } else if (raw.unit) {
      // the statement's own unit in any of its names: '100 g' where it says '100 grams'
      var mine = rest.filter(function (w) { return rules.unitWords.has(w) && rules.unitWords.get(w)[0] === raw.unit[0]; });
      for (var m = 0; m < mine.length; m++) {
        if (rules.unitWords.get(mine[m])[1] !== raw.unit[1]) {
          return this.verdict("wrong", "wrong: the number is right but the unit ('" + mine[0] + "') is not");
        }
      }
      rest = rest.filter(function (w) { return mine.indexOf(w) < 0; });
    }
    if (q.found.some(function (c) { return raw.qualifiers.indexOf(c) < 0; })) {
      return this.verdict("wrong", "wrong: the number is right but the statement does not qualify it so");
    }
    var context = this.context;
    if (!rest.every(function (w) { return context.has(w) || w === "year" || w === "ad" || w === "ce"; })) {
      return this.verdict("wrong", "wrong: the number is right but the words with it are not");
    }
    return this.verdict("correct", verdict);
  };

  QuestionKey.prototype.yearAsDate = function (typed) {
    var date;
    try {
      date = readDate(typed);
    } catch (error) {
      if (error instanceof AmbiguousDate) return null;
      throw error;
    }
    if (date === null || !date[1] || date[0] !== this.raw.value) return null;
    return this.fuller(date, "the year");
  };

  /** key.QuestionKey._fuller: a date typed fuller than asked, judged by the deck's own date. */
  QuestionKey.prototype.fuller = function (date, asked) {
    var full = this.raw.full_date;
    if (full) {
      if ((date[1] && full[1] && date[1] !== full[1]) || (date[2] && full[2] && date[2] !== full[2])) {
        return this.verdict("wrong", "wrong: " + asked + " is right but the date is " + dateText(full));
      }
      if ((!date[1] || full[1]) && (!date[2] || full[2])) {
        return this.verdict("correct", "correct: " + dateText(full) + ", which holds " + asked);
      }
    }
    return this.check(asked + " is right; the rest of the date is not in the deck");
  };

  QuestionKey.prototype.gradeDate = function (typed) {
    var date;
    try {
      date = readDate(typed);
    } catch (error) {
      if (error instanceof AmbiguousDate) return this.verdict("wrong", "wrong: " + error.message + "; write the month as a word");
      throw error;
    }
    if (date === null) return this.verdict("wrong", "wrong: not a date");
    var want = this.raw.value;
    if (date[0] === want[0] && date[1] === want[1] && date[2] === want[2]) return this.verdict("correct", "correct: the same date");
    var agree = true;
    var givenZeros = 0;
    var wantedZeros = 0;
    for (var i = 0; i < 3; i++) {
      if (date[i] && want[i] && date[i] !== want[i]) agree = false;
      if (!date[i]) givenZeros++;
      if (!want[i]) wantedZeros++;
    }
    if (agree && givenZeros > wantedZeros) {
      return this.verdict("wrong", "wrong: give " + (want[2] ? "the day, the month and the year" : "the month and the year"));
    }
    if (agree) return this.fuller(date, this.raw.value_text);
    return this.verdict("wrong", "wrong: a different date");
  };

  // --- choices, orders and matches (grading.py) -------------------------------------------------

  function partial(right, factIds, expected) {
    var count = right.filter(Boolean).length;
    var total = right.length;
    var facts = {};
    for (var i = 0; i < factIds.length; i++) facts[factIds[i]] = right[i] ? "correct" : "wrong";
    return {
      outcome: count === total ? "correct" : count === 0 ? "wrong" : "partial",
      score: count / total, expected: expected, right: count, total: total, facts: facts
    };
  }

  var api = {
    LETTERS_PER_TYPO: LETTERS_PER_TYPO,
    gradingWords: gradingWords,
    typedWords: typedWords,
    readDate: readDate,
    dateText: dateText,
    readNumber: readNumber,
    yearInWords: yearInWords,
    wordsToNumber: wordsToNumber,
    qualifierClasses: qualifierClasses,
    editDistance: editDistance,
    AmbiguousDate: AmbiguousDate,
    setCombining: setCombining,
    Tables: Tables,
    partial: partial
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.RutwGrader = api;
})(this);
