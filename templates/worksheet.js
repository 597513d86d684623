/* rutw-quiz worksheet paginator: lays each part (a version, a key, the answers explained) out on
   sheets of the paper's size and numbers the sheets within the part: "Version B · page 1 of 3".
   CSS cannot restart the page count per part or know a part's total, so the sheets are made here;
   the browser then prints one sheet per page. Deck text is moved, never parsed: footers are set
   with textContent. Without JavaScript the page still prints, with the browser's own pages.
   Sheets are measured at the paper's size whatever the screen ("measuring"); a phone then shows
   them reflowed to its width. The toolbar gets each part's page range and a button to print the
   versions, or the keys, alone. */
(function () {
  "use strict";
  var doc = document;
  var duplex = doc.body.getAttribute("data-duplex") === "true";

  function overflows(body) {
    return body.scrollHeight > body.clientHeight + 1;
  }

  function newSheet(part, sheets) {
    var sheet = doc.createElement("div");
    sheet.className = "sheet";
    var body = doc.createElement("div");
    body.className = "sheet-body";
    var footer = doc.createElement("div");
    footer.className = "sheet-footer";
    sheet.appendChild(body);
    sheet.appendChild(footer);
    part.appendChild(sheet);
    sheets.push(sheet);
    return body;
  }

  function listOf(block) {
    if (block.tagName !== "SECTION") return null;
    for (var i = 0; i < block.children.length; i++) {
      if (block.children[i].tagName === "OL") return block.children[i];
    }
    return null;
  }

  /* Moves the blocks of `source` onto sheets; sections are split between their list items, and a
     section's heading never stays at the foot of a sheet without its first item. */
  function layout(part, source) {
    var sheets = [];
    var body = newSheet(part, sheets);
    var blocks = Array.prototype.slice.call(source.children);
    blocks.forEach(function (block) {
      var list = listOf(block);
      if (!list) {
        body.appendChild(block);
        if (overflows(body) && body.children.length > 1) {
          body = newSheet(part, sheets);
          body.appendChild(block);
        }
        return;
      }
      var items = Array.prototype.slice.call(list.children);
      var shell = block.cloneNode(false);
      Array.prototype.slice.call(block.children).forEach(function (child) {
        if (child !== list) shell.appendChild(child);
      });
      var current = list.cloneNode(false);
      shell.appendChild(current);
      body.appendChild(shell);
      items.forEach(function (item) {
        current.appendChild(item);
        if (!overflows(body)) return;
        if (current.children.length === 1) {
          if (body.children.length > 1) {  /* the heading moves on with its first item */
            body = newSheet(part, sheets);
            body.appendChild(shell);
          }
          return;
        }
        current.removeChild(item);
        body = newSheet(part, sheets);
        shell = block.cloneNode(false);
        shell.classList.add("continued");
        current = list.cloneNode(false);
        shell.appendChild(current);
        body.appendChild(shell);
        current.appendChild(item);
      });
    });
    return sheets;
  }

  function units(sheet) {
    return sheet.querySelectorAll("li.question, li.key-item, li.grid-entry").length;
  }

  function filled(sheet) {
    var body = sheet.firstChild;
    var last = body.lastElementChild;
    if (!last) return 0;
    return (last.getBoundingClientRect().bottom - body.getBoundingClientRect().top) / body.clientHeight;
  }

  function run(part, original, tight) {
    while (part.firstChild) part.removeChild(part.firstChild);
    part.classList.toggle("tight", tight);
    return layout(part, original.cloneNode(true));
  }

  function paginate(part) {
    var original = doc.createElement("div");
    while (part.firstChild) original.appendChild(part.firstChild);
    var sheets = run(part, original, false);
    var last = sheets[sheets.length - 1];
    /* A nearly empty last sheet: set the part a little tighter and keep that if it saves the sheet. */
    if (sheets.length > 1 && (units(last) <= 2 || filled(last) < 0.3)) {
      var tighter = run(part, original, true);
      if (tighter.length < sheets.length) {
        sheets = tighter;
      } else {
        sheets = run(part, original, false);
      }
    }
    if (duplex && sheets.length % 2 === 1) {
      var body = newSheet(part, sheets);
      sheets[sheets.length - 1].classList.add("padding-page");
      var note = doc.createElement("p");
      note.className = "blank-note";
      note.textContent = "This page is left blank for double-sided printing.";
      body.appendChild(note);
    }
    var label = part.getAttribute("data-footer");
    var extra = part.getAttribute("data-note");
    sheets.forEach(function (sheet, i) {
      var footer = sheet.lastChild;
      var line = doc.createElement("span");
      line.className = "page-number";
      line.textContent = label + " \u00b7 page " + (i + 1) + " of " + sheets.length;
      footer.appendChild(line);
      if (extra) {
        var credit = doc.createElement("span");
        credit.className = "credit";
        credit.textContent = extra;
        footer.appendChild(credit);
      }
    });
    part.setAttribute("data-pages", String(sheets.length));
  }

  function range(first, last) {
    return first === last ? "page " + first : "pages " + first + "\u2013" + last;
  }

  /* "Version A: pages 1–3 · Version B: pages 4–6 · Answer keys: pages 7–8 · …", and the range of
     what each print button prints. */
  function describePages(parts) {
    var groups = [];
    var byKind = {};
    var page = 1;
    Array.prototype.forEach.call(parts, function (part) {
      var count = Number(part.getAttribute("data-pages"));
      var kind = part.classList.contains("version") ? "version" : "key";
      var name = part.classList.contains("version")
        ? "Version " + part.getAttribute("data-version")
        : part.classList.contains("key") ? "Answer keys" : "Answers explained";
      var last = groups[groups.length - 1];
      if (last && last.name === name) {
        last.end = page + count - 1;
      } else {
        groups.push({ name: name, start: page, end: page + count - 1 });
      }
      if (!byKind[kind]) byKind[kind] = { start: page, end: page };
      byKind[kind].end = page + count - 1;
      page += count;
    });
    var line = doc.querySelector(".toolbar .pages");
    if (line) {
      line.textContent = groups.map(function (g) { return g.name + ": " + range(g.start, g.end); }).join(" \u00b7 ") + ".";
      line.hidden = false;
    }
    var buttons = doc.querySelector(".toolbar .print-buttons");
    if (!buttons) return;
    Array.prototype.forEach.call(buttons.querySelectorAll("button[data-print]"), function (button) {
      var what = button.getAttribute("data-print");
      if (byKind[what]) button.textContent += " (" + range(byKind[what].start, byKind[what].end) + ")";
      button.addEventListener("click", function () { printOnly(what); });
    });
    buttons.hidden = false;
  }

  /* Prints only the versions or only the keys (with the explanations): the rest is hidden in print. */
  function printOnly(what) {
    var root = doc.documentElement;
    if (what === "all") root.removeAttribute("data-printing");
    else root.setAttribute("data-printing", what);
    window.print();  /* "afterprint" shows everything again, for Ctrl+P */
  }
  window.addEventListener("afterprint", function () { doc.documentElement.removeAttribute("data-printing"); });

  var parts = doc.querySelectorAll("article.part");
  doc.documentElement.classList.add("paged", "measuring");
  Array.prototype.forEach.call(parts, paginate);
  doc.documentElement.classList.remove("measuring");
  doc.getElementById("unpaged-print").media = "not all";
  doc.getElementById("paged-print").media = "all";
  describePages(parts);
})();
