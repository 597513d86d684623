/* The practice page: sessions, feedback, summary and progress, in plain JavaScript.
 * The questions, facts and answer tables come embedded as JSON (#practice-data); typed answers
 * are graded by grader.js (window.RutwGrader) from those tables. Progress stays in localStorage,
 * keyed by deck id and fact id; nothing is ever sent anywhere.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("practice-data").textContent);
  var G = window.RutwGrader;
  var TABLES = new G.Tables(DATA.tables);
  var STORE_PREFIX = "rutw-quiz-practice:";
  var EXPORT_FORMAT = "rutw-quiz-practice-progress";
  // every page opened from disk shares one storage: the turn counter is per set of decks
  var SESSIONS_KEY = STORE_PREFIX + "sessions:" + DATA.decks.map(function (d) { return d.id; }).join("+");
  var MINUTE = 60 * 1000;
  var DAY = 24 * 60 * MINUTE;
  var DUE_SOON = 20 * MINUTE; // like `quiz --review`: due within 20 minutes counts as due
  var INTERVALS = [1, 3, 7, 16, 35, 75, 160]; // days after 1, 2, 3, ... right answers in a row
  var TYPE_LABELS = {
    multiple_choice: "Multiple choice", true_false: "True or false", fill_in: "Fill in the blank",
    short_answer: "Short answer", timeline: "Timeline", matching: "Matching"
  };

  function $(id) { return document.getElementById(id); }
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
  function factKey(deck, fact) { return deck + ":" + fact; }
  function fact(deck, id) { return DATA.facts[factKey(deck, id)]; }

  // --- progress: localStorage, one entry per deck ----------------------------------------------

  var storageWorks = true;
  function loadDeck(deckId) {
    try {
      var raw = window.localStorage.getItem(STORE_PREFIX + deckId);
      var parsed = raw ? JSON.parse(raw) : null;
      return parsed && parsed.facts && typeof parsed.facts === "object" ? parsed : { version: 1, facts: {} };
    } catch (e) {
      storageWorks = false;
      return { version: 1, facts: {} };
    }
  }
  var progress = {};
  DATA.decks.forEach(function (d) { progress[d.id] = loadDeck(d.id); });
  function saveDeck(deckId) {
    try {
      window.localStorage.setItem(STORE_PREFIX + deckId, JSON.stringify(progress[deckId]));
    } catch (e) {
      storageWorks = false;
    }
  }
  function recordOf(deck, factId) { return progress[deck].facts[factId] || null; }

  /** right: 'correct' | 'typo' | 'wrong'. Right again and again: longer gaps; wrong: back in a minute. */
  function record(deck, factId, outcome, now) {
    var rec = recordOf(deck, factId) || { seen: 0, right: 0, streak: 0, last: 0, due: 0 };
    rec.seen += 1;
    rec.last = now;
    if (outcome === "correct" || outcome === "typo") {
      rec.right += 1;
      rec.streak = outcome === "typo" ? Math.max(1, rec.streak) : rec.streak + 1;
      var days = outcome === "typo" ? 1 : INTERVALS[Math.min(rec.streak, INTERVALS.length) - 1];
      rec.due = now + days * DAY;
    } else {
      rec.streak = 0;
      rec.due = now + MINUTE;
    }
    progress[deck].facts[factId] = rec;
    saveDeck(deck);
    return rec;
  }

  function factStatus(deck, factId, now) {
    var rec = recordOf(deck, factId);
    if (!rec) return { rank: 1, due: 0 };
    if (rec.due <= now + DUE_SOON) return { rank: 0, due: rec.due };
    return { rank: 2, due: rec.due };
  }

  function progressSummary(now) {
    var due = 0, fresh = 0, learnt = 0, next = null;
    Object.keys(DATA.facts).forEach(function (k) {
      var i = k.indexOf(":");
      var s = factStatus(k.slice(0, i), k.slice(i + 1), now);
      if (s.rank === 0) due++;
      else if (s.rank === 1) fresh++;
      else {
        learnt++;
        if (next === null || s.due < next) next = s.due;
      }
    });
    var parts = [due + " due for review", fresh + " not seen yet", learnt + " learnt"];
    var text = "Facts: " + parts.join(", ") + ".";
    if (!due && !fresh && next !== null) text += " Next review " + whenText(next - now) + ".";
    if (!storageWorks) text += " This browser does not let the page keep progress: export it before you close the page.";
    return text;
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
    var sessions = 0;
    try { sessions = +(window.localStorage.getItem(SESSIONS_KEY) || 0); } catch (e) { sessions = 0; }
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
    try { window.localStorage.setItem(SESSIONS_KEY, String(sessions + 1)); } catch (e) { /* kept in memory only */ }
    return best.round;
  }

  function sessionQuestions(count, now) {
    var ids = DATA.rounds[pickRound(now)];
    var ranked = ids.map(function (i, pos) { return { q: DATA.questions[i], pos: pos, s: questionRank(DATA.questions[i], now) }; });
    ranked.sort(function (a, b) {
      if (a.s.rank !== b.s.rank) return a.s.rank - b.s.rank;
      if (a.s.rank === 0 && a.s.due !== b.s.due) return a.s.due - b.s.due; // most overdue first
      return a.pos - b.pos;
    });
    var chosen = ranked.map(function (r) { return r.q; });
    return count === "all" ? chosen : chosen.slice(0, +count);
  }

  // --- the answers ------------------------------------------------------------------------------

  function expectedAnswer(q) {
    if (q.type === "multiple_choice") return letter(q.answer) + ") " + q.choices[q.answer];
    if (q.type === "true_false") return q.answer ? "True" : "False";
    if (q.type === "fill_in" || q.type === "short_answer") return q.answer;
    if (q.type === "timeline") return q.answer.map(letter).join("");
    return q.answer.map(function (a, i) { return (i + 1) + letter(a); }).join(" ");
  }

  function givenAnswer(q, value) {
    if (q.type === "multiple_choice") return letter(value) + ") " + q.choices[value];
    if (q.type === "true_false") return value ? "True" : "False";
    if (q.type === "timeline") return value.map(letter).join("");
    if (q.type === "matching") return value.map(function (a, i) { return (i + 1) + letter(a); }).join(" ");
    return value;
  }

  function single(q, outcome, reason) {
    var facts = {};
    facts[q.facts[0]] = outcome;
    var right = outcome === "correct" || outcome === "typo";
    return { outcome: outcome, score: right ? 1 : 0, right: right ? 1 : 0, total: 1, facts: facts, reason: reason || "" };
  }

  function grade(q, value) {
    if (q.type === "multiple_choice") return single(q, value === q.answer ? "correct" : "wrong");
    if (q.type === "true_false") return single(q, value === q.answer ? "correct" : "wrong");
    if (q.type === "fill_in" || q.type === "short_answer") {
      var v = TABLES.key(q.id).grade(value);
      return single(q, v.outcome, v.reason);
    }
    // timeline: shown indices earliest first; matching: the answer chosen per statement.
    // One point per right place; the facts are in the order of the answer (grading.py).
    var right = q.answer.map(function (a, i) { return value[i] === a; });
    return G.partial(right, q.facts, expectedAnswer(q));
  }

  function isRight(outcome) { return outcome === "correct" || outcome === "typo"; }

  // --- one question on screen -------------------------------------------------------------------

  var session = null;

  function hintFor(q) {
    if (q.type === "multiple_choice") return "Choose one answer.";
    if (q.type === "true_false") return "Choose true or false.";
    if (q.type === "fill_in") return q.hint ? "Type the missing words (" + q.hint + ")." : "Type the missing words.";
    if (q.type === "short_answer") return "Type your answer.";
    if (q.type === "timeline") return "Give each event its place: 1 for the earliest, " + q.choices.length + " for the latest.";
    return "Choose the answer that completes each statement.";
  }

  function radioGroup(name, legend, options) {
    var fs = el("fieldset", { className: "choices" }, [el("legend", { text: legend })]);
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
    return el("div", { className: "select-row" }, [el("label", { "for": id, text: label }), select]);
  }

  function ordinal(n) { return n + (n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"); }

  function renderQuestion() {
    var q = session.questions[session.index];
    var f = fact(q.deck, q.facts[0]);
    $("question-heading").textContent = "Question " + (session.index + 1) + " of " + session.questions.length;
    var deck = DATA.decks.filter(function (d) { return d.id === q.deck; })[0];
    $("answer-form").lang = $("feedback").lang = deck ? deck.lang : document.documentElement.lang;
    $("question-meta").textContent = TYPE_LABELS[q.type] + " · " + f.topic;
    var area = $("answer-area");
    area.textContent = "";
    if (q.type === "multiple_choice") {
      area.appendChild(radioGroup("choice", q.prompt, q.choices.map(function (c, i) { return letter(i) + ") " + c; })));
    } else if (q.type === "true_false") {
      area.appendChild(radioGroup("truth", "True or false? " + q.prompt, ["True", "False"]));
    } else if (q.type === "fill_in" || q.type === "short_answer") {
      area.appendChild(el("p", { id: "prompt", className: "prompt", text: q.prompt }));
      area.appendChild(el("label", { "for": "typed", text: q.type === "fill_in" ? "The missing words" : "Your answer" }));
      area.appendChild(el("input", {
        type: "text", id: "typed", autocomplete: "off", autocapitalize: "off", autocorrect: "off", spellcheck: "false",
        "aria-describedby": "prompt answer-hint"
      }));
    } else if (q.type === "timeline") {
      var fs = el("fieldset", { className: "order" }, [el("legend", { text: q.prompt })]);
      var places = q.choices.map(function (_, i) { return (i + 1) + (i === 0 ? " (earliest)" : i === q.choices.length - 1 ? " (latest)" : ""); });
      q.choices.forEach(function (event, i) {
        fs.appendChild(selectRow("order-" + i, letter(i) + ") " + event, places, "Place…"));
      });
      area.appendChild(fs);
    } else {
      var mfs = el("fieldset", { className: "matching" }, [el("legend", { text: q.prompt })]);
      var answers = q.choices.map(function (c, i) { return letter(i) + ") " + c; });
      var list = el("ul", { className: "answer-list", "aria-label": "Answers to choose from" });
      answers.forEach(function (a) { list.appendChild(el("li", { text: a })); });
      mfs.appendChild(list);
      q.statements.forEach(function (s, i) {
        mfs.appendChild(selectRow("match-" + i, (i + 1) + ". " + s, answers, "Choose…"));
      });
      area.appendChild(mfs);
    }
    $("answer-hint").textContent = hintFor(q);
    $("answer-problem").textContent = "";
    $("feedback").textContent = "";
    $("answer-form").querySelectorAll("input, select, button").forEach(function (c) { c.disabled = false; });
    $("next-button").hidden = true;
    $("check-button").hidden = false;
    $("skip-button").hidden = false;
    show("quiz");
    var first = area.querySelector("input, select");
    if (first) first.focus();
  }

  /** The answer in the form, or a string saying what is missing. */
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
    var n = q.type === "timeline" ? q.choices.length : q.statements.length;
    var chosen = [];
    for (var k = 0; k < n; k++) {
      var v = $((q.type === "timeline" ? "order-" : "match-") + k).value;
      if (v === "") return { problem: q.type === "timeline" ? "Give every event a place." : "Choose an answer for every statement." };
      chosen.push(+v);
    }
    if (q.type === "timeline") {
      var order = [];
      for (var e = 0; e < n; e++) {
        if (order[chosen[e]] !== undefined) return { problem: "Give each place to one event only." };
        order[chosen[e]] = e;
      }
      return { value: order };
    }
    return { value: chosen };
  }

  function verdictLine(g, q) {
    var text, mark, cls;
    if (g === null) { text = "Skipped."; mark = "–"; cls = "skipped"; }
    else if (g.outcome === "correct") { text = "Right!"; mark = "✓"; cls = "right"; }
    else if (g.outcome === "typo") { text = "Right, with a typo."; mark = "✓"; cls = "right"; }
    else if (g.outcome === "partial") { text = "Partly right: " + g.right + " of " + g.total + "."; mark = "◐"; cls = "partial"; }
    else { text = "Wrong."; mark = "✗"; cls = "wrong"; }
    return el("p", { className: "verdict verdict-" + cls }, [
      el("span", { className: "mark", "aria-hidden": "true", text: mark }), " ",
      el("strong", { text: text }), " Answer: " + expectedAnswer(q)
    ]);
  }

  function details(q) {
    if (q.type === "timeline") {
      return q.answer.map(function (shown, k) { return [letter(shown) + ")", q.dates[k] + ": " + q.choices[shown]]; });
    }
    if (q.type === "matching") {
      return q.answer.map(function (a, i) { return [(i + 1) + letter(a), q.completed[i]]; });
    }
    return [];
  }

  function explanation(q, withNote) {
    var nodes = [];
    var rows = details(q);
    if (rows.length) {
      var list = el("ul", { className: "details" });
      rows.forEach(function (r) { list.appendChild(el("li", {}, [el("strong", { text: r[0] }), " " + r[1]])); });
      nodes.push(list);
    } else {
      var f = fact(q.deck, q.facts[0]);
      nodes.push(el("p", { className: "statement", text: f.statement }));
      if (withNote && f.note) nodes.push(el("p", { className: "note", text: "Note: " + f.note }));
    }
    var seen = {};
    q.facts.forEach(function (id) {
      var f = fact(q.deck, id);
      var src = DATA.sources[f.source];
      var key = f.source + "|" + f.section + "|" + f.quote;
      if (seen[key]) return;
      seen[key] = 1;
      var cite = el("p", { className: "source" }, ["Source: " + src.reference + ", " + f.section]);
      var quote = el("blockquote", { className: "quote", text: "“" + f.quote + "”" });
      nodes.push(el("div", { className: "citation" }, [cite, quote]));
    });
    return nodes;
  }

  function reasonLine(g) {
    if (!g || !g.reason) return null;
    var r = g.reason;
    if (g.outcome === "typo") return el("p", { className: "reason", text: "The exact spelling: " + r.replace(/^correct, with a typo: /, "") });
    if (r === "correct" || r === "wrong" || r === "wrong: nothing typed") return null;
    return el("p", { className: "reason", text: "Why: " + r.replace(/^(correct|wrong): /, "") });
  }

  function showFeedback(q, g, value) {
    var box = $("feedback");
    box.textContent = "";
    box.appendChild(verdictLine(g, q));
    if (g !== null) {
      var given = givenAnswer(q, value);
      var typed = typeof value === "string";
      var same = String(given).toLowerCase() === expectedAnswer(q).toLowerCase();
      if (!(g.outcome === "correct" && (same || !typed))) box.appendChild(el("p", { text: "You answered: " + given }));
      var why = reasonLine(g);
      if (why) box.appendChild(why);
    }
    explanation(q, g === null || !isRight(g.outcome)).forEach(function (n) { box.appendChild(n); });
    $("answer-form").querySelectorAll("input, select").forEach(function (c) { c.disabled = true; });
    $("check-button").hidden = true;
    $("skip-button").hidden = true;
    var next = $("next-button");
    next.textContent = session.index + 1 < session.questions.length ? "Next question" : "See the summary";
    next.hidden = false;
    next.focus();
  }

  function answer(skip) {
    var q = session.questions[session.index];
    var g = null;
    var value = null;
    if (!skip) {
      var read = readAnswer(q);
      if (read.problem) {
        $("answer-problem").textContent = read.problem;
        return;
      }
      value = read.value;
      g = grade(q, value);
      var now = Date.now();
      Object.keys(g.facts).forEach(function (f) { record(q.deck, f, g.facts[f], now); });
    }
    $("answer-problem").textContent = "";
    session.asked.push({ number: session.index + 1, q: q, grade: g });
    showFeedback(q, g, value);
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
    if (asked.length < session.questions.length) {
      body.appendChild(el("p", { text: "You ended after " + asked.length + " of " + session.questions.length + " questions." }));
    }
    var missed = asked.filter(function (a) { return a.grade === null || !isRight(a.grade.outcome); });
    if (!asked.length) {
      body.appendChild(el("p", { text: "No question was answered." }));
    } else {
      var points = asked.reduce(function (s, a) { return s + (a.grade ? a.grade.score : 0); }, 0);
      var percent = Math.round((100 * points) / asked.length);
      body.appendChild(el("p", { className: "score" }, [el("strong", {
        text: "Score: " + formatPoints(points) + "/" + asked.length + " (" + percent + "%) in " +
          formatDuration((Date.now() - session.started) / 1000)
      })]));
      var topics = {};
      asked.forEach(function (a) {
        a.q.facts.forEach(function (id) {
          var t = fact(a.q.deck, id).topic;
          var row = topics[t] || (topics[t] = [0, 0]);
          row[0] += a.grade && isRight(a.grade.facts[id]) ? 1 : 0;
          row[1] += 1;
        });
      });
      var table = el("table", { className: "topics" }, [
        el("caption", { text: "By topic (facts right of facts asked)" }),
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Topic" }), el("th", { scope: "col", text: "Right" })])])
      ]);
      var tbody = el("tbody");
      Object.keys(topics).sort().forEach(function (t) {
        tbody.appendChild(el("tr", {}, [el("th", { scope: "row", text: t }), el("td", { text: topics[t][0] + "/" + topics[t][1] })]));
      });
      table.appendChild(tbody);
      body.appendChild(table);
      if (missed.length) {
        body.appendChild(el("h3", { text: "Missed" }));
        var list = el("ol", { className: "missed" });
        missed.forEach(function (a) {
          var mark = a.grade === null ? "skipped" : a.grade.outcome === "partial" ? a.grade.right + " of " + a.grade.total + " right" : "wrong";
          var item = el("li", { value: String(a.number) }, [
            el("p", { text: a.q.prompt + " (" + mark + ")" }),
            el("p", { className: "answer", text: "Answer: " + expectedAnswer(a.q) })
          ]);
          var rows = details(a.q);
          if (rows.length) {
            var ul = el("ul", { className: "details" });
            rows.forEach(function (r) { ul.appendChild(el("li", {}, [el("strong", { text: r[0] }), " " + r[1]])); });
            item.appendChild(ul);
          }
          list.appendChild(item);
        });
        body.appendChild(list);
      } else {
        body.appendChild(el("p", { text: "Nothing missed." }));
      }
    }
    session.missed = missed.map(function (a) { return a.q; });
    var review = $("review-button");
    review.hidden = !session.missed.length;
    review.textContent = "Review missed (" + session.missed.length + ")";
    show("summary");
    $("summary-heading").focus();
  }

  // --- starting, progress tools -----------------------------------------------------------------

  function begin(questions) {
    session = { questions: questions, index: 0, asked: [], started: Date.now(), missed: [] };
    renderQuestion();
  }

  function startScreen() {
    $("progress-summary").textContent = progressSummary(Date.now());
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
    DATA.decks.forEach(function (d) { decks[d.id] = progress[d.id].facts; });
    var text = JSON.stringify({ format: EXPORT_FORMAT, version: 1, exported: new Date().toISOString(), decks: decks }, null, 1);
    var name = "rutw-progress-" + DATA.decks.map(function (d) { return d.id; }).join("+") + ".json";
    download(name, text);
    $("tools-status").textContent = "Exported your progress as " + name + ".";
    return text;
  }

  function validRecord(r) {
    return r && typeof r === "object" && ["seen", "right", "streak", "last", "due"].every(function (k) {
      return typeof r[k] === "number" && isFinite(r[k]);
    });
  }

  /** Merge an exported file: for each fact the record answered last wins. Returns facts taken. */
  function importProgress(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { throw new Error("that file is not JSON"); }
    if (!parsed || parsed.format !== EXPORT_FORMAT || typeof parsed.decks !== "object") {
      throw new Error("that file is not a progress file exported by this page");
    }
    var taken = 0;
    DATA.decks.forEach(function (d) {
      var theirs = parsed.decks[d.id] || {};
      Object.keys(theirs).forEach(function (id) {
        if (!validRecord(theirs[id])) return;
        var mine = progress[d.id].facts[id];
        if (!mine || theirs[id].last > mine.last) {
          progress[d.id].facts[id] = theirs[id];
          taken++;
        }
      });
      saveDeck(d.id);
    });
    return taken;
  }

  function wire() {
    $("start-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var count = $("start-form").querySelector("input[name=count]:checked").value;
      begin(sessionQuestions(count, Date.now()));
    });
    $("answer-form").addEventListener("submit", function (e) { e.preventDefault(); answer(false); });
    $("skip-button").addEventListener("click", function () { answer(true); });
    $("quit-button").addEventListener("click", summary);
    $("next-button").addEventListener("click", function () {
      session.index += 1;
      if (session.index < session.questions.length) renderQuestion();
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
          var n = importProgress(text);
          $("tools-status").textContent = "Imported progress for " + n + " fact" + (n === 1 ? "" : "s") + ".";
        } catch (err) {
          $("tools-status").textContent = "Not imported: " + err.message + ".";
        }
        $("progress-summary").textContent = progressSummary(Date.now());
        e.target.value = "";
      });
    });
    $("reset-button").addEventListener("click", function () { $("reset-confirm").hidden = false; $("reset-no").focus(); });
    $("reset-no").addEventListener("click", function () { $("reset-confirm").hidden = true; $("reset-button").focus(); });
    $("reset-yes").addEventListener("click", function () {
      DATA.decks.forEach(function (d) {
        progress[d.id] = { version: 1, facts: {} };
        try { window.localStorage.removeItem(STORE_PREFIX + d.id); } catch (err) { storageWorks = false; }
      });
      $("reset-confirm").hidden = true;
      $("tools-status").textContent = "Progress reset: every fact is new again.";
      $("progress-summary").textContent = progressSummary(Date.now());
      $("reset-button").focus();
    });
  }

  wire();
  startScreen();
  // For tests and curious teachers: the page's own functions, nothing that leaves the page.
  window.rutwPractice = {
    data: DATA, grade: grade, progress: progress, readyAt: window.performance.now(),
    current: function () { return session && session.index < session.questions.length ? session.questions[session.index] : null; }
  };
})();
