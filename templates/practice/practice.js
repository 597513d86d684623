/* The practice page: sessions, feedback, summary and progress, in plain JavaScript.
 * The questions and facts come packed in #practice-data, the answer tables in #practice-tables
 * (zlib + base64, see render/practice.py); typed answers are graded by grader.js
 * (window.RutwGrader) from those tables, read only when the first typed question comes up. Progress stays in localStorage, keyed by deck id and fact id, and is checked whenever
 * it is read: every page opened from disk may share that storage. Nothing is ever sent anywhere.
 * Anything keyed by text from a deck or a file (fact ids, topic labels) lives in a Map, never in
 * a plain object, so '__proto__' or 'constructor' is a key like any other.
 */
(function () {
  "use strict";

  var G = window.RutwGrader;
  var STORE_PREFIX = "rutw-quiz-practice:";
  var EXPORT_FORMAT = "rutw-quiz-practice-progress";
  var EXPORT_VERSION = 2;
  var STORE_VERSION = 2;
  var MINUTE = 60 * 1000;
  var DAY = 24 * 60 * MINUTE;
  var DUE_SOON = 20 * MINUTE; // like `quiz --review`: due within 20 minutes counts as due
  var INTERVALS = [1, 3, 7, 16, 35, 75, 160]; // days after 1, 2, 3, ... right answers in a row
  var RECORD_FIELDS = ["seen", "right", "streak", "last", "due"];
  var MAX_COUNT = 1e6; // seen, right and streak are whole numbers up to this
  var LATEST = 8.64e15; // the last moment a JavaScript Date can hold
  var TYPE_LABELS = {
    multiple_choice: "Multiple choice", true_false: "True or false", fill_in: "Fill in the blank",
    short_answer: "Short answer", timeline: "Timeline", matching: "Matching"
  };

  var DATA = null, TABLES = null, tablesRead = null, SESSIONS_KEY = "";
  var KNOWN = new Map(); // deck id -> Set of the fact ids this page asks about
  var progress = new Map(); // deck id -> { facts: Map(id -> record), overrides: Map(id -> [typed]) }
  var storage = { blocked: false, full: false, repaired: false };
  var session = null;

  function $(id) { return document.getElementById(id); }
  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isObject(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
  function letter(i) { return String.fromCharCode(65 + i); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function show(section) {
    ["start", "quiz", "summary"].forEach(function (id) { $(id).hidden = id !== section; });
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function fact(deck, id) { return DATA.facts[deck + ":" + id]; }

  /** A refusal the learner may read; any other error is a bug and gets a general message. */
  function Refusal(message) { this.message = message; }

  // --- the packed data --------------------------------------------------------------------------

  function base64Bytes(text) {
    var binary = window.atob(text.replace(/\s+/g, ""));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** A packed block of the page's data: inflated by the browser where it can, else by inflate.js. */
  function readPacked(id) {
    var bytes = base64Bytes($(id).textContent);
    if (typeof window.DecompressionStream === "function" && typeof window.Response === "function") {
      var stream = new Blob([bytes]).stream().pipeThrough(new window.DecompressionStream("deflate"));
      return new window.Response(stream).text().then(JSON.parse);
    }
    return new Promise(function (resolve) {
      resolve(JSON.parse(new TextDecoder().decode(window.RutwInflate.inflate(bytes))));
    });
  }

  // --- storage: every value read is checked, anything odd is treated as absent -------------------

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { storage.blocked = true; return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }
  function storageRemove(key) {
    try { window.localStorage.removeItem(key); return true; } catch (e) { storage.blocked = true; return false; }
  }

  /** The five numbers of a record, each a sane value, or null. `latest`: no 'last' after this. */
  function cleanRecord(r, latest) {
    if (!isObject(r)) return null;
    var out = {};
    for (var i = 0; i < RECORD_FIELDS.length; i++) {
      var k = RECORD_FIELDS[i];
      var v = own(r, k) ? r[k] : undefined;
      if (typeof v !== "number" || !isFinite(v) || v < 0) return null;
      if (i < 3 && (Math.floor(v) !== v || v > MAX_COUNT)) return null;
      if (i >= 3 && v > LATEST) return null;
      out[k] = v;
    }
    return out.last <= latest ? out : null;
  }

  /** Add one typed answer to a fact's overrides: spaces collapsed, no repeats, the latest kept. */
  function addOverride(list, text) {
    var clean = Array.from(String(text).replace(/\s+/g, " ").trim()).slice(0, DATA.limits.override_chars).join("");
    if (!clean) return false;
    var at = list.indexOf(clean);
    if (at >= 0) list.splice(at, 1);
    list.push(clean);
    if (list.length > DATA.limits.overrides) list.splice(0, list.length - DATA.limits.overrides);
    return at < 0;
  }

  function emptyProgress() { return { facts: new Map(), overrides: new Map() }; }

  /**
   * Progress read from stored or imported JSON ({facts: {...}, overrides: {...}}): only records
   * and overrides that check out, only for `known` fact ids when given. `dropped` counts the rest.
   */
  function readProgress(raw, known, latest) {
    var out = emptyProgress();
    var dropped = 0;
    if (!isObject(raw)) return { progress: out, dropped: raw === undefined || raw === null ? 0 : 1 };
    var facts = own(raw, "facts") ? raw.facts : undefined;
    if (facts !== undefined && !isObject(facts)) dropped++;
    else if (facts) Object.keys(facts).forEach(function (id) {
      var rec = cleanRecord(facts[id], latest);
      if (rec && (!known || known.has(id))) out.facts.set(id, rec);
      else dropped++;
    });
    var overrides = own(raw, "overrides") ? raw.overrides : undefined;
    if (overrides !== undefined && !isObject(overrides)) dropped++;
    else if (overrides) Object.keys(overrides).forEach(function (id) {
      var list = [];
      if (Array.isArray(overrides[id]) && (!known || known.has(id))) {
        overrides[id].forEach(function (t) { if (typeof t === "string") addOverride(list, t); });
      }
      if (list.length) out.overrides.set(id, list);
      else dropped++;
    });
    return { progress: out, dropped: dropped };
  }

  function loadDeck(deckId) {
    var raw = storageGet(STORE_PREFIX + deckId);
    if (raw === null) return emptyProgress();
    var parsed;
    try { parsed = JSON.parse(raw); } catch (e) { storage.repaired = true; return emptyProgress(); }
    if (!isObject(parsed) || (parsed.version !== 1 && parsed.version !== STORE_VERSION)) {
      storage.repaired = true;
      return emptyProgress();
    }
    var read = readProgress(parsed, null, LATEST);
    if (read.dropped) storage.repaired = true;
    return read.progress;
  }

  function progressJson(p) {
    var overrides = {};
    p.overrides.forEach(function (list, id) { overrides[id] = list.slice(); });
    return { facts: Object.fromEntries(p.facts), overrides: overrides };
  }

  /** Keep a deck's progress; false (and a note for the learner) when the browser refuses. */
  function saveDeck(deckId) {
    var body = progressJson(progress.get(deckId));
    var ok = storageSet(STORE_PREFIX + deckId, JSON.stringify({ version: STORE_VERSION, facts: body.facts, overrides: body.overrides }));
    storage.full = storage.full || !ok;
    return ok;
  }

  function sessionCount() {
    var raw = storageGet(SESSIONS_KEY);
    return raw !== null && /^\d{1,9}$/.test(raw) ? +raw : 0; // anything else: as if never started
  }

  function recordOf(deck, factId) { return progress.get(deck).facts.get(factId) || null; }

  /** outcome: 'correct' | 'typo' | 'wrong'. Right again and again: longer gaps; wrong: back in a minute. */
  function nextRecord(rec, outcome, now) {
    var out = rec ? { seen: rec.seen, right: rec.right, streak: rec.streak, last: rec.last, due: rec.due }
      : { seen: 0, right: 0, streak: 0, last: 0, due: 0 };
    out.seen += 1;
    out.last = now;
    if (outcome === "correct" || outcome === "typo") {
      out.right += 1;
      out.streak = outcome === "typo" ? Math.max(1, out.streak) : out.streak + 1;
      var days = outcome === "typo" ? 1 : INTERVALS[Math.min(out.streak, INTERVALS.length) - 1];
      out.due = now + days * DAY;
    } else {
      out.streak = 0;
      out.due = now + MINUTE;
    }
    return out;
  }

  function factStatus(deck, factId, now) {
    var rec = recordOf(deck, factId);
    if (!rec) return { rank: 1, due: 0 };
    if (rec.due <= now + DUE_SOON) return { rank: 0, due: rec.due };
    return { rank: 2, due: rec.due };
  }

  function overrideCount() {
    var n = 0;
    progress.forEach(function (p) { p.overrides.forEach(function (list) { n += list.length; }); });
    return n;
  }

  function storageText() {
    if (storage.blocked) return "This browser does not let the page keep progress: export it before you close the page.";
    if (storage.full) return "This browser refused to keep your latest progress (its storage may be full): export it before you close the page.";
    if (storage.repaired) return "Some progress kept in this browser could not be read, so it was left out.";
    return "";
  }

  function progressSummary(now) {
    var due = 0, fresh = 0, learnt = 0, next = null;
    KNOWN.forEach(function (ids, deck) {
      ids.forEach(function (id) {
        var s = factStatus(deck, id, now);
        if (s.rank === 0) due++;
        else if (s.rank === 1) fresh++;
        else {
          learnt++;
          if (next === null || s.due < next) next = s.due;
        }
      });
    });
    var text = "Facts: " + [due + " due for review", fresh + " not seen yet", learnt + " learnt"].join(", ") + ".";
    if (!due && !fresh && next !== null) text += " Next review " + whenText(next - now) + ".";
    var overridden = overrideCount();
    if (overridden) text += " " + plural(overridden, "answer") + " counted right on your word (“I was right”).";
    return text;
  }

  function showProgress() {
    $("progress-summary").textContent = progressSummary(Date.now());
    var note = storageText();
    $("storage-note").textContent = note;
    $("storage-note").hidden = !note;
  }

  function whenText(ms) {
    var minutes = Math.round(ms / MINUTE);
    if (minutes < 60) return "in " + Math.max(1, minutes) + " min";
    var hours = Math.round(minutes / 60);
    if (hours < 36) return "in " + hours + " h";
    return "in " + Math.round(hours / 24) + " days";
  }

  // --- choosing the questions of a session ------------------------------------------------------

  function questionRank(q, now) {
    var best = { rank: 3, due: Infinity };
    q.facts.forEach(function (f) {
      var s = factStatus(q.deck, f, now);
      if (s.rank < best.rank || (s.rank === best.rank && s.due < best.due)) best = s;
    });
    return best;
  }

  /** The round with the most facts due; else the most not seen yet; else the next in turn. */
  function pickRound(now) {
    var sessions = sessionCount();
    var n = DATA.rounds.length;
    var best = null;
    for (var k = 0; k < n; k++) {
      var r = (sessions + k) % n;
      var counts = [0, 0];
      DATA.rounds[r].forEach(function (i) {
        var rank = questionRank(DATA.questions[i], now).rank;
        if (rank < 2) counts[rank] += 1;
      });
      if (best === null || counts[0] > best.due || (counts[0] === best.due && counts[1] > best.fresh)) {
        best = { round: r, due: counts[0], fresh: counts[1] };
      }
    }
    storageSet(SESSIONS_KEY, String((sessions + 1) % 1e9)); // only turns; losing it loses nothing
    return best.round;
  }

  function sessionQuestions(count, now) {
    var ids = DATA.rounds[pickRound(now)];
    var ranked = ids.map(function (i, pos) { return { i: i, pos: pos, s: questionRank(DATA.questions[i], now) }; });
    ranked.sort(function (a, b) {
      if (a.s.rank !== b.s.rank) return a.s.rank - b.s.rank;
      if (a.s.rank === 0 && a.s.due !== b.s.due) return a.s.due - b.s.due; // most overdue first
      return a.pos - b.pos;
    });
    var chosen = ranked.map(function (r) { return r.i; });
    return count === "all" ? chosen : chosen.slice(0, +count);
  }

  // --- the answers ------------------------------------------------------------------------------

  function isRight(outcome) { return outcome === "correct" || outcome === "typo"; }
  function choiceText(q, i) { return letter(i) + ") " + q.choices[i]; }

  /** The right answer in words, for one-answer questions (timelines and matching list theirs item by item). */
  function expectedAnswer(q) {
    if (q.type === "multiple_choice") return choiceText(q, q.answer);
    if (q.type === "true_false") return q.answer ? "True" : "False";
    return q.answer;
  }

  function single(q, outcome, reason) {
    var right = isRight(outcome);
    return { outcome: outcome, score: right ? 1 : 0, right: right ? 1 : 0, total: 1, facts: [[q.facts[0], outcome]], reason: reason || "" };
  }

  /** The verdict on an answer; `facts` pairs each fact with its outcome (a Map-free list). */
  function grade(q, value) {
    if (q.type === "multiple_choice" || q.type === "true_false") return single(q, value === q.answer ? "correct" : "wrong");
    if (q.type === "fill_in" || q.type === "short_answer") {
      var v = TABLES.key(q.id).grade(value);
      return single(q, v.outcome, v.reason);
    }
    // timeline: shown indices earliest first; matching: the answer chosen per statement.
    // One point per right place; the facts are in the order of the answer (grading.py).
    var right = q.answer.map(function (a, i) { return value[i] === a; });
    var count = right.filter(Boolean).length;
    return {
      outcome: count === right.length ? "correct" : count === 0 ? "wrong" : "partial",
      score: count / right.length, right: count, total: right.length, reason: "",
      facts: q.facts.map(function (id, i) { return [id, right[i] ? "correct" : "wrong"]; })
    };
  }

  /**
   * What the grader said, in words for a student, or null. Only reasons about the form of the
   * answer are shown; how the key matched (an alias, a surname) is the grader's business.
   */
  var READABLE_REASONS = [
    /^wrong: (a dot between digits is a decimal point; write .+)$/,
    /^wrong: (.+; write the month as a word)$/,
    /^wrong: (give (?:the day, )?the month and the year)$/,
    /^wrong: (give one number)$/,
    /^wrong: (the answer is .+, no more precise)$/,
    /^wrong: (the number is right but .+)$/,
    /^wrong: ('[^']+' is the opposite of '[^']+')$/
  ];
  function reasonText(g, q) {
    if (!g || !g.reason) return null;
    if (g.outcome === "typo") {
      var close = g.reason.replace(/^correct, with a typo: /, "");
      return close !== g.reason && close.toLowerCase() !== String(q.answer).toLowerCase() ? "Also accepted: " + close + "." : null;
    }
    for (var i = 0; i < READABLE_REASONS.length; i++) {
      var m = READABLE_REASONS[i].exec(g.reason);
      if (m) return m[1].charAt(0).toUpperCase() + m[1].slice(1) + ".";
    }
    return null;
  }

  // --- one question on screen -------------------------------------------------------------------

  function hintFor(q) {
    if (q.type === "multiple_choice") return "Choose one answer.";
    if (q.type === "true_false") return "Choose true or false.";
    if (q.type === "fill_in") return q.hint ? "Type the missing words (" + q.hint + ")." : "Type the missing words.";
    if (q.type === "short_answer") return "Type your answer.";
    if (q.type === "timeline") return "Give each event its place: 1 for the earliest, " + q.choices.length + " for the latest.";
    return "Choose the answer that completes each statement. Each answer fits one statement only.";
  }

  /** Text with each blank drawn as a line and read out as "blank" by screen readers. */
  function withBlanks(node, text) {
    text.split(DATA.blank).forEach(function (part, i) {
      if (i) {
        node.appendChild(el("span", { className: "blank" }, [
          el("span", { "aria-hidden": "true", text: DATA.blank }),
          el("span", { className: "visually-hidden", text: "blank" })
        ]));
      }
      if (part) node.appendChild(document.createTextNode(part));
    });
    return node;
  }

  function promptNode(q) {
    var p = el("p", { id: "prompt", className: "prompt" });
    if (q.type === "true_false") p.appendChild(document.createTextNode("True or false? "));
    return withBlanks(p, q.prompt);
  }

  function radioGroup(name, options) {
    var fs = el("fieldset", { className: "choices", "aria-labelledby": "prompt" });
    options.forEach(function (text, i) {
      var id = name + "-" + i;
      fs.appendChild(el("div", { className: "choice" }, [
        el("input", { type: "radio", name: name, id: id, value: String(i) }),
        el("label", { "for": id, text: text })
      ]));
    });
    return fs;
  }

  function selectRow(id, label, options, placeholder) {
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "", text: placeholder }));
    options.forEach(function (text, i) { select.appendChild(el("option", { value: String(i), text: text })); });
    return el("div", { className: "select-row" }, [withBlanks(el("label", { "for": id }), label), select]);
  }

  function current() { return session && session.index < session.order.length ? DATA.questions[session.order[session.index]] : null; }

  /** The answer tables, read once, when a typed question first needs them. */
  function readTables() {
    if (!tablesRead) {
      tablesRead = readPacked("practice-tables").then(function (json) { TABLES = new G.Tables(json); });
      tablesRead.catch(broken);
    }
    return tablesRead;
  }

  function renderQuestion() {
    var q = current();
    if (q.type === "fill_in" || q.type === "short_answer") setTimeout(readTables, 0); // after this question is drawn
    var f = fact(q.deck, q.facts[0]);
    $("question-heading").textContent = "Question " + (session.index + 1) + " of " + session.order.length;
    var deck = DATA.decks.filter(function (d) { return d.id === q.deck; })[0];
    $("answer-form").lang = $("feedback").lang = deck ? deck.lang : document.documentElement.lang;
    $("question-meta").textContent = TYPE_LABELS[q.type] + " · " + f.topic;
    var area = $("answer-area");
    area.textContent = "";
    area.appendChild(promptNode(q));
    if (q.type === "multiple_choice") {
      area.appendChild(radioGroup("choice", q.choices.map(function (c, i) { return choiceText(q, i); })));
    } else if (q.type === "true_false") {
      area.appendChild(radioGroup("truth", ["True", "False"]));
    } else if (q.type === "fill_in" || q.type === "short_answer") {
      area.appendChild(el("label", { "for": "typed", text: q.type === "fill_in" ? "The missing words" : "Your answer" }));
      area.appendChild(el("input", {
        type: "text", id: "typed", autocomplete: "off", autocapitalize: "off", autocorrect: "off", spellcheck: "false",
        "aria-describedby": "prompt answer-hint"
      }));
    } else if (q.type === "timeline") {
      var fs = el("fieldset", { className: "order", "aria-labelledby": "prompt" });
      var places = q.choices.map(function (_, i) { return placeText(i, q.choices.length); });
      q.choices.forEach(function (event, i) { fs.appendChild(selectRow("order-" + i, choiceText(q, i), places, "Place…")); });
      area.appendChild(fs);
    } else {
      var mfs = el("fieldset", { className: "matching", "aria-labelledby": "prompt" });
      var answers = q.choices.map(function (c, i) { return choiceText(q, i); });
      var list = el("ul", { className: "answer-list", "aria-label": "Answers to choose from" });
      answers.forEach(function (a) { list.appendChild(el("li", { text: a })); });
      mfs.appendChild(list);
      q.statements.forEach(function (s, i) { mfs.appendChild(selectRow("match-" + i, (i + 1) + ". " + s, answers, "Choose…")); });
      area.appendChild(mfs);
    }
    $("answer-hint").textContent = hintFor(q);
    $("answer-hint").hidden = false;
    $("answer-problem").textContent = "";
    $("feedback").textContent = "";
    $("answer-form").querySelectorAll("input, select, button").forEach(function (c) { c.disabled = false; });
    $("next-button").hidden = true;
    $("override-button").hidden = true;
    $("check-button").hidden = false;
    $("skip-button").hidden = false;
    $("quit-confirm").hidden = true;
    show("quiz");
    var first = area.querySelector("input, select");
    if (first) first.focus();
  }

  /** The answer in the form, or a string saying what is missing or given twice. */
  function readAnswer(q) {
    var form = $("answer-form");
    if (q.type === "multiple_choice" || q.type === "true_false") {
      var picked = form.querySelector("input[type=radio]:checked");
      if (!picked) return { problem: "Choose an answer first, or press Skip." };
      var i = +picked.value;
      return { value: q.type === "true_false" ? i === 0 : i };
    }
    if (q.type === "fill_in" || q.type === "short_answer") {
      var text = $("typed").value;
      if (!text.trim()) return { problem: "Type an answer first, or press Skip." };
      return { value: text.trim() };
    }
    var timeline = q.type === "timeline";
    var n = timeline ? q.choices.length : q.statements.length;
    var chosen = [];
    for (var k = 0; k < n; k++) {
      var v = $((timeline ? "order-" : "match-") + k).value;
      if (v === "") return { problem: timeline ? "Give every event a place." : "Choose an answer for every statement." };
      chosen.push(+v);
    }
    var twice = [];
    chosen.forEach(function (c, i) { if (chosen.indexOf(c) !== i && twice.indexOf(c) < 0) twice.push(c); });
    if (twice.length) {
      var names = twice.sort().map(function (c) { return timeline ? String(c + 1) : letter(c); });
      var which = names.join(" and ") + (names.length === 1 ? " is" : " are") + " given twice";
      return { problem: timeline ? "Give each place to one event only; " + which + "." : "Each answer fits one statement only; " + which + "." };
    }
    if (timeline) {
      var order = [];
      chosen.forEach(function (place, event) { order[place] = event; });
      return { value: order };
    }
    return { value: chosen };
  }

  function verdictLine(g, q) {
    var text, mark, cls;
    if (g === null) { text = "Skipped."; mark = "–"; cls = "skipped"; }
    else if (g.overridden) { text = "Counted as right: you said so."; mark = "✓"; cls = "right"; }
    else if (g.outcome === "correct") { text = "Right!"; mark = "✓"; cls = "right"; }
    else if (g.outcome === "typo") { text = "Right, with a typo."; mark = "✓"; cls = "right"; }
    else if (g.outcome === "partial") { text = "Partly right: " + g.right + " of " + g.total + "."; mark = "◐"; cls = "partial"; }
    else { text = "Wrong."; mark = "✗"; cls = "wrong"; }
    var multi = q.type === "timeline" || q.type === "matching";
    return el("p", { className: "verdict verdict-" + cls }, [
      el("span", { className: "mark", "aria-hidden": "true", text: mark }), " ",
      el("strong", { text: text }), multi ? "" : " Answer: " + expectedAnswer(q)
    ]);
  }

  function placeText(k, n) { return (k + 1) + (k === 0 ? " (earliest)" : k === n - 1 ? " (latest)" : ""); }

  /**
   * Item by item, in the page's own notation: each event with its place (and the place the
   * student gave, when wrong); each statement completed with its letter (and the one chosen).
   * Rows: [label, text, mark] where mark is "", "✓" or "✗ …".
   */
  function details(q, value) {
    if (q.type === "timeline") {
      var n = q.choices.length;
      return q.choices.map(function (event, shown) {
        var place = q.answer.indexOf(shown);
        var mark = "";
        if (value) {
          var given = value.indexOf(shown);
          mark = given === place ? "✓" : "✗ you said " + (given + 1);
        }
        return [letter(shown) + ")", event + " (" + q.dates[place] + ") · place " + placeText(place, n), mark];
      });
    }
    if (q.type === "matching") {
      return q.answer.map(function (a, i) {
        var mark = value ? (value[i] === a ? "✓" : "✗ you chose " + letter(value[i])) : "";
        return [(i + 1) + ".", q.completed[i] + " (" + letter(a) + ")", mark];
      });
    }
    return [];
  }

  function detailList(rows) {
    var list = el("ul", { className: "details" });
    rows.forEach(function (r) {
      var item = el("li", {}, [el("strong", { text: r[0] }), " " + r[1]]);
      if (r[2]) item.appendChild(el("span", { className: "item-mark " + (r[2] === "✓" ? "item-right" : "item-wrong"), text: " " + r[2] }));
      list.appendChild(item);
    });
    return list;
  }

  function explanation(q, withNote, value) {
    var nodes = [];
    var rows = details(q, value);
    if (rows.length) {
      nodes.push(detailList(rows));
    } else {
      var f = fact(q.deck, q.facts[0]);
      nodes.push(el("p", { className: "statement", text: f.statement }));
      if (withNote && f.note) nodes.push(el("p", { className: "note", text: "Note: " + f.note }));
    }
    var seen = new Set();
    q.facts.forEach(function (id) {
      var f = fact(q.deck, id);
      var src = DATA.sources[f.source];
      var key = f.source + "|" + f.section + "|" + f.quote;
      if (seen.has(key)) return;
      seen.add(key);
      var cite = el("p", { className: "source" }, ["Source: " + src.reference + ", " + f.section]);
      var quote = el("blockquote", { className: "quote", text: "“" + f.quote + "”" });
      nodes.push(el("div", { className: "citation" }, [cite, quote]));
    });
    return nodes;
  }

  /** After checking, the choice picked stays visible: marked in words and colour, like the answer. */
  function markChoices(q, value) {
    if (q.type !== "multiple_choice" && q.type !== "true_false") return;
    var right = q.type === "true_false" ? (q.answer ? 0 : 1) : q.answer;
    var picked = value === null ? -1 : q.type === "true_false" ? (value ? 0 : 1) : value;
    $("answer-area").querySelectorAll(".choice").forEach(function (row, i) {
      var tag = i === picked ? (i === right ? "✓ your answer" : "✗ your answer") : i === right ? "✓ the answer" : "";
      if (i === picked) row.classList.add("picked");
      if (i === right) row.classList.add("is-answer");
      if (tag) row.querySelector("label").appendChild(el("span", { className: "choice-tag", text: " " + tag }));
    });
  }

  function givenText(q, value) {
    if (q.type === "multiple_choice") return choiceText(q, value);
    if (q.type === "true_false") return value ? "True" : "False";
    return value;
  }

  function showFeedback(asked) {
    var q = asked.q, g = asked.grade, value = asked.value;
    var box = $("feedback");
    box.textContent = "";
    box.appendChild(verdictLine(g, q));
    var multi = q.type === "timeline" || q.type === "matching";
    if (g !== null && !multi) {
      var typed = typeof value === "string";
      var same = typed && value.toLowerCase() === String(q.answer).toLowerCase();
      if (!same) box.appendChild(el("p", { className: "given", text: "You answered: " + givenText(q, value) }));
      var why = g.overridden ? null : reasonText(g, q);
      if (why) box.appendChild(el("p", { className: "reason", text: why }));
    }
    explanation(q, g === null || !isRight(g.outcome), g === null ? null : value).forEach(function (n) { box.appendChild(n); });
    if (storage.full && !session.warned) {
      session.warned = true;
      box.appendChild(el("p", { className: "problem", text: storageText() }));
    }
    var typedWrong = g !== null && !g.overridden && g.outcome === "wrong" && (q.type === "fill_in" || q.type === "short_answer");
    $("override-button").hidden = !typedWrong;
  }

  function finishQuestion(asked) {
    showFeedback(asked);
    markChoices(asked.q, asked.grade === null ? null : asked.value);
    $("answer-form").querySelectorAll("input, select").forEach(function (c) { c.disabled = true; });
    $("answer-hint").hidden = true;
    $("check-button").hidden = true;
    $("skip-button").hidden = true;
    var next = $("next-button");
    next.textContent = session.index + 1 < session.order.length ? "Next question" : "See the summary";
    next.hidden = false;
    next.focus();
  }

  function answer(skip) {
    var q = current();
    var asked = { number: session.index + 1, q: q, grade: null, value: null, before: [] };
    if (!skip && !TABLES && (q.type === "fill_in" || q.type === "short_answer")) {
      $("check-button").disabled = true; // a moment, the first time: the tables are being read
      var waiting = session, index = session.index;
      readTables().then(function () {
        $("check-button").disabled = false;
        if (session === waiting && session.index === index && !$("check-button").hidden) answer(false);
      });
      return;
    }
    if (!skip) {
      var read = readAnswer(q);
      if (read.problem) {
        $("answer-problem").textContent = read.problem;
        return;
      }
      asked.value = read.value;
      asked.grade = grade(q, read.value);
      var now = Date.now();
      var p = progress.get(q.deck);
      asked.grade.facts.forEach(function (pair) {
        var before = recordOf(q.deck, pair[0]);
        asked.before.push([pair[0], before]);
        p.facts.set(pair[0], nextRecord(before, pair[1], now));
      });
      asked.at = now;
      saveDeck(q.deck);
    }
    $("answer-problem").textContent = "";
    session.asked.push(asked);
    finishQuestion(asked);
  }

  /** "I was right": the refused typed answer counts as right, and is kept as an override. */
  function overrule() {
    var asked = session.asked[session.asked.length - 1];
    if (!asked || !asked.grade || asked.grade.overridden) return;
    var q = asked.q;
    var p = progress.get(q.deck);
    asked.before.forEach(function (pair) { p.facts.set(pair[0], nextRecord(pair[1], "correct", asked.at)); });
    var list = p.overrides.get(q.facts[0]) || [];
    addOverride(list, asked.value);
    p.overrides.set(q.facts[0], list);
    asked.grade = { outcome: "correct", score: 1, right: 1, total: 1, facts: [[q.facts[0], "correct"]], reason: "", overridden: true };
    saveDeck(q.deck);
    showFeedback(asked);
    $("next-button").focus();
  }

  // --- the summary ------------------------------------------------------------------------------

  function formatPoints(v) { return v.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""); }
  function formatDuration(seconds) {
    var whole = Math.round(seconds);
    if (whole < 60) return whole + " s";
    var minutes = Math.floor(whole / 60), secs = whole % 60;
    if (minutes < 60) return minutes + " min " + (secs < 10 ? "0" : "") + secs + " s";
    var hours = Math.floor(minutes / 60);
    minutes %= 60;
    return hours + " h " + (minutes < 10 ? "0" : "") + minutes + " min";
  }

  function summary() {
    var body = $("summary-body");
    body.textContent = "";
    var asked = session.asked;
    var planned = session.order.length;
    if (asked.length < planned) body.appendChild(el("p", { text: "You ended after " + asked.length + " of " + plural(planned, "question") + "." }));
    var missed = asked.filter(function (a) { return a.grade === null || !isRight(a.grade.outcome); });
    if (!asked.length) {
      body.appendChild(el("p", { text: "No question was answered." }));
    } else {
      var points = asked.reduce(function (s, a) { return s + (a.grade ? a.grade.score : 0); }, 0);
      var percent = Math.round((100 * points) / asked.length);
      var overridden = asked.filter(function (a) { return a.grade && a.grade.overridden; }).length;
      var score = "Score: " + formatPoints(points) + "/" + asked.length + " (" + percent + "%) in " + formatDuration((Date.now() - session.started) / 1000);
      body.appendChild(el("p", { className: "score" }, [el("strong", { text: score })]));
      if (overridden) body.appendChild(el("p", { className: "overridden", text: "Of these, " + plural(overridden, "answer") + " counted right on your word (“I was right”)." }));
      var topics = new Map();
      asked.forEach(function (a) {
        a.q.facts.forEach(function (id, i) {
          var t = fact(a.q.deck, id).topic;
          if (!topics.has(t)) topics.set(t, [0, 0]);
          var row = topics.get(t);
          row[0] += a.grade && isRight(a.grade.facts[i][1]) ? 1 : 0;
          row[1] += 1;
        });
      });
      var table = el("table", { className: "topics" }, [
        el("caption", { text: "By topic (facts right of facts asked)" }),
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Topic" }), el("th", { scope: "col", text: "Right" })])])
      ]);
      var tbody = el("tbody");
      Array.from(topics.keys()).sort().forEach(function (t) {
        var row = topics.get(t);
        tbody.appendChild(el("tr", {}, [el("th", { scope: "row", text: t }), el("td", { text: row[0] + "/" + row[1] })]));
      });
      table.appendChild(tbody);
      body.appendChild(table);
      if (missed.length) {
        body.appendChild(el("h3", { text: "Missed" }));
        var list = el("ol", { className: "missed" });
        missed.forEach(function (a) {
          var mark = a.grade === null ? "skipped" : a.grade.outcome === "partial" ? a.grade.right + " of " + a.grade.total + " right" : "wrong";
          var item = el("li", { value: String(a.number) }, [withBlanks(el("p"), a.q.prompt + " (" + mark + ")")]);
          var rows = details(a.q, a.grade === null ? null : a.value);
          if (rows.length) item.appendChild(detailList(rows));
          else item.appendChild(el("p", { className: "answer", text: "Answer: " + expectedAnswer(a.q) }));
          list.appendChild(item);
        });
        body.appendChild(list);
      } else {
        body.appendChild(el("p", { text: "Nothing missed." }));
      }
    }
    session.missed = missed.map(function (a) { return session.order[a.number - 1]; });
    var review = $("review-button");
    review.hidden = !session.missed.length;
    review.textContent = "Review missed (" + session.missed.length + ")";
    show("summary");
    $("summary-heading").focus();
  }

  // --- starting, progress tools -----------------------------------------------------------------

  function begin(order) {
    session = { order: order, index: 0, asked: [], started: Date.now(), missed: [], warned: false };
    renderQuestion();
  }

  function startScreen() {
    showProgress();
    show("start");
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function exportProgress() {
    var decks = {};
    DATA.decks.forEach(function (d) { decks[d.id] = progressJson(progress.get(d.id)); });
    var text = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exported: new Date().toISOString(), decks: decks }, null, 1);
    var name = "rutw-progress-" + DATA.decks.map(function (d) { return d.id; }).join("+") + ".json";
    download(name, text);
    $("tools-status").textContent = "Exported your progress as " + name + ".";
    return text;
  }

  /**
   * Merge an exported file: per fact the record answered last wins; overrides are joined. Only
   * the known fields of facts this page asks about are taken. Returns what changed and whether
   * the browser kept it; throws a Refusal the learner can read.
   */
  function importProgress(text, now) {
    var parsed;
    try { parsed = JSON.parse(text.replace(/^\uFEFF/, "")); } catch (e) { throw new Refusal("that file is not JSON"); }
    if (!isObject(parsed) || parsed.format !== EXPORT_FORMAT || !isObject(parsed.decks) ||
        (parsed.version !== 1 && parsed.version !== EXPORT_VERSION)) {
      throw new Refusal("that file is not a progress file exported by this page");
    }
    var facts = 0, overrides = 0, saved = true;
    DATA.decks.forEach(function (d) {
      if (!own(parsed.decks, d.id)) return;
      var raw = parsed.decks[d.id];
      var theirs = readProgress(parsed.version === 1 ? { facts: raw } : raw, KNOWN.get(d.id), now + DAY).progress;
      var mine = progress.get(d.id);
      var changed = false;
      theirs.facts.forEach(function (rec, id) {
        var have = mine.facts.get(id);
        if (!have || rec.last > have.last) {
          mine.facts.set(id, rec);
          facts++;
          changed = true;
        }
      });
      theirs.overrides.forEach(function (list, id) {
        var have = mine.overrides.get(id) || [];
        list.forEach(function (t) { if (addOverride(have, t)) { overrides++; changed = true; } });
        mine.overrides.set(id, have);
      });
      if (changed && !saveDeck(d.id)) saved = false;
    });
    return { facts: facts, overrides: overrides, saved: saved };
  }

  function importMessage(result) {
    if (!result.facts && !result.overrides) return "Already up to date: that file holds nothing newer than the progress here.";
    var parts = [];
    if (result.facts) parts.push(plural(result.facts, "fact"));
    if (result.overrides) parts.push(plural(result.overrides, "answer") + " you counted right");
    var text = "Imported progress for " + parts.join(" and ") + ".";
    if (!result.saved) text += " This browser refused to keep it (its storage may be full): it lasts until you close the page, so export it again from the browser where it fits.";
    return text;
  }

  function resetProgress() {
    DATA.decks.forEach(function (d) {
      progress.set(d.id, emptyProgress());
      storageRemove(STORE_PREFIX + d.id);
    });
    storageRemove(SESSIONS_KEY);
    storage.full = false;
    storage.repaired = false;
  }

  function wire() {
    $("start-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var count = $("start-form").querySelector("input[name=count]:checked").value;
      begin(sessionQuestions(count, Date.now()));
    });
    $("answer-form").addEventListener("submit", function (e) { e.preventDefault(); answer(false); });
    $("skip-button").addEventListener("click", function () { answer(true); });
    $("override-button").addEventListener("click", overrule);
    $("quit-button").addEventListener("click", function () { $("quit-confirm").hidden = false; $("quit-no").focus(); });
    $("quit-no").addEventListener("click", function () {
      $("quit-confirm").hidden = true;
      var back = $("next-button").hidden ? $("answer-area").querySelector("input:not([disabled]), select:not([disabled])") : $("next-button");
      (back || $("quit-button")).focus();
    });
    $("quit-yes").addEventListener("click", function () { $("quit-confirm").hidden = true; summary(); });
    $("next-button").addEventListener("click", function () {
      session.index += 1;
      if (session.index < session.order.length) renderQuestion();
      else summary();
    });
    $("review-button").addEventListener("click", function () { begin(session.missed.slice()); });
    $("again-button").addEventListener("click", startScreen);
    $("export-button").addEventListener("click", exportProgress);
    $("import-file").addEventListener("change", function (e) {
      var file = e.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        try {
          $("tools-status").textContent = importMessage(importProgress(text, Date.now()));
        } catch (err) {
          $("tools-status").textContent = "Not imported: " + (err instanceof Refusal ? err.message : "that file could not be read") + ".";
        }
        showProgress();
        e.target.value = "";
      }, function () {
        $("tools-status").textContent = "Not imported: that file could not be read.";
        e.target.value = "";
      });
    });
    $("reset-button").addEventListener("click", function () {
      $("tools-status").textContent = "";
      $("reset-confirm").hidden = false;
      $("reset-no").focus();
    });
    $("reset-no").addEventListener("click", function () { $("reset-confirm").hidden = true; $("reset-button").focus(); });
    $("reset-yes").addEventListener("click", function () {
      resetProgress();
      $("reset-confirm").hidden = true;
      $("tools-status").textContent = "Progress reset: every fact is new again.";
      showProgress();
      $("reset-button").focus();
    });
  }

  function start(data) {
    DATA = data;
    SESSIONS_KEY = STORE_PREFIX + "sessions:" + DATA.decks.map(function (d) { return d.id; }).join("+");
    DATA.decks.forEach(function (d) { KNOWN.set(d.id, new Set()); });
    Object.keys(DATA.facts).forEach(function (k) {
      var i = k.indexOf(":");
      if (KNOWN.has(k.slice(0, i))) KNOWN.get(k.slice(0, i)).add(k.slice(i + 1));
    });
    DATA.decks.forEach(function (d) { progress.set(d.id, loadDeck(d.id)); });
    wire();
    startScreen();
    // For tests: where the session is, never the answers (those stay packed in the page).
    window.rutwPractice = {
      readyAt: window.performance.now(),
      current: function () { return session && session.index < session.order.length ? session.order[session.index] : null; }
    };
  }

  function broken() {
    var problem = $("page-problem");
    problem.textContent = "This browser could not open the practice questions. Try another browser, or ask your teacher for the file again.";
    problem.hidden = false;
  }

  var loading;
  try { loading = readPacked("practice-data"); } catch (e) { loading = Promise.reject(e); }
  loading.then(function (data) {
    try { start(data); } catch (e) { broken(); throw e; }
  }, broken);
})();
