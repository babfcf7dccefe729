/*
 * The working tools in the page: stage checklists and onboarding paths (ticks kept in the
 * browser) and diagnostic worksheets (live score with PlaybookScoring from scoring.js).
 *
 * Everything is driven by attributes the templates write:
 *   [data-pb-ticks][data-storage-key]   a tick list (checklist, onboarding path)
 *     input[type=checkbox][data-item]   a tick, remembered by item id
 *     input[data-field]                 a blank (deal, owner, date), remembered as typed
 *     [data-progress]                   "ticked / total"
 *     [data-week-progress=<n>]          week n's own progress (onboarding), in the words
 *                                       of the container's data-progress-format
 *                                       ("{done} of {total}")
 *   [data-worksheet][data-storage-key]  a worksheet; its rubric is the JSON of
 *     template[data-rubric] > script[type="application/json"] (in a template because
 *     Material's instant navigation re-creates every live inline script of a new page
 *     without its type, and would run the JSON as JavaScript; a template's content is
 *     inert and out of its reach)
 *     [data-question] input[type=radio] answers; value = the scale value
 *     [data-score="total"], [data-score-of="section"][data-score=<id>], [data-band],
 *     [data-band-advice=<index>], [data-weakest], [data-weak-section=<id>], [data-answered]
 *     [data-live="total"|"band"|"answered"]  the summary that stays in sight
 *     [data-band-wait]                  the placeholder shown in [data-band] until the
 *                                       rubric's band_after questions are answered (or a
 *                                       knockout fired)
 *     [data-knockouts] [data-knockout-of=<id>]  a knockout's item; shown, and given
 *                                       data-knockout=<id>, while that knockout fires
 *   form[data-form][data-storage-key]   a deal form (templates/form.md.j2)
 *     [data-field][data-kind]           one field; its controls: input/textarea, radios
 *                                       (choice), a checkbox (check), or table cells
 *                                       input[data-row][data-column] (table)
 *     [data-mirror]                     a long text's print copy (a textarea's content
 *                                       does not print in full)
 *     [data-form-text], [data-form-status]  "copy as text": the text, and what happened
 *     data-confirm-clear, data-copied, data-copy-failed, data-yes, data-no-answer
 *                                       the words the script shows (in the page language)
 *   [data-action="clear"|"reset"|"print"|"print-blank"|"copy-text"] buttons
 *   [data-undo] [data-action="undo"]    after a clear or reset of ticks or answers: the
 *                                       note that offers to bring them back, for
 *                                       UNDO_MS (a form's clear asks first instead)
 *
 * Storage keys end with a fingerprint of the content computed at build time, so changed
 * content starts clean; keys of the same tool with another fingerprint are removed.
 * User text only ever reaches the page through textContent.
 */
(function () {
  "use strict";

  function store() {
    try {
      var s = window.localStorage;
      s.getItem("playbook-gen");
      return s;
    } catch (e) {
      return null; /* storage disabled: the tools work, nothing is remembered */
    }
  }

  function load(key) {
    var s = store();
    if (!s) return {};
    try {
      var value = JSON.parse(s.getItem(key) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};
    }
  }

  function save(key, value) {
    var s = store();
    if (!s) return;
    try {
      s.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* quota exceeded: keep working without remembering */
    }
  }

  function forget(key) {
    var s = store();
    if (s) s.removeItem(key);
  }

  /* Remove what was saved for an older version of the same tool (same key up to the
     fingerprint after the last colon). */
  function dropStale(key) {
    var s = store();
    if (!s) return;
    var base = key.slice(0, key.lastIndexOf(":") + 1);
    for (var i = s.length - 1; i >= 0; i--) {
      var k = s.key(i);
      if (k && k !== key && k.indexOf(base) === 0) s.removeItem(k);
    }
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function onAction(root, action, fn) {
    each(root, '[data-action="' + action + '"]', function (button) {
      button.addEventListener("click", fn);
    });
  }

  /* How long "Cleared. Undo" stays: long enough to notice and reach by keyboard. */
  var UNDO_MS = 10000;

  /* After a clear: show the tool's undo note; `restore` puts back what was cleared.
     The note goes away after UNDO_MS, at the next change, or once used. */
  function offerUndo(root, restore) {
    var note = root.querySelector("[data-undo]");
    var button = note && note.querySelector('[data-action="undo"]');
    if (!note || !button) return;
    if (root.pbUndo) root.pbUndo.close();
    var timer = window.setTimeout(close, UNDO_MS);
    function close() {
      window.clearTimeout(timer);
      note.hidden = true;
      button.removeEventListener("click", undo);
      root.removeEventListener("change", close);
      root.pbUndo = null;
    }
    function undo() {
      close();
      restore();
    }
    button.addEventListener("click", undo);
    root.addEventListener("change", close);
    root.pbUndo = { close: close };
    note.hidden = false;
  }

  function printPage(blank) {
    var html = document.documentElement;
    if (blank) html.classList.add("pb-print-blank");
    try {
      window.print();
    } finally {
      html.classList.remove("pb-print-blank");
    }
  }

  /* ------------------------------------------------------------ blanks */

  /* input[data-field]: lines to fill in, remembered as typed. */
  function readFields(root) {
    var fields = {};
    each(root, "input[data-field]", function (input) {
      if (input.value) fields[input.getAttribute("data-field")] = input.value;
    });
    return fields;
  }

  function bindFields(root, saved, persist) {
    each(root, "input[data-field]", function (input) {
      var value = (saved || {})[input.getAttribute("data-field")];
      input.value = typeof value === "string" ? value : "";
      input.addEventListener("input", persist);
    });
  }

  function clearFields(root) {
    each(root, "input[data-field]", function (input) {
      input.value = "";
    });
  }

  function restoreFields(root, fields) {
    each(root, "input[data-field]", function (input) {
      var value = fields[input.getAttribute("data-field")];
      input.value = typeof value === "string" ? value : "";
    });
  }

  /* ------------------------------------------------------------ tick lists */

  function setupTicks(root) {
    var key = root.getAttribute("data-storage-key");
    dropStale(key);
    var saved = load(key);
    var ticks = saved.ticks || {};
    var fields = saved.fields || {};

    var format = root.getAttribute("data-progress-format") || "{done} / {total}";

    function progress() {
      var done = root.querySelectorAll('input[type="checkbox"][data-item]:checked').length;
      var all = root.querySelectorAll('input[type="checkbox"][data-item]').length;
      each(root, "[data-progress]", function (el) {
        el.textContent = done + " / " + all;
      });
      each(root, "[data-week-progress]", function (el) {
        var week = root.querySelector('[data-week="' + el.getAttribute("data-week-progress") + '"]');
        if (!week) return;
        var boxes = week.querySelectorAll('input[type="checkbox"][data-item]');
        var ticked = week.querySelectorAll('input[type="checkbox"][data-item]:checked').length;
        el.textContent = format.replace("{done}", String(ticked)).replace("{total}", String(boxes.length));
        el.classList.toggle("pb-week__progress--done", boxes.length > 0 && ticked === boxes.length);
      });
    }

    function persist() {
      var state = { ticks: {} };
      var any = false;
      each(root, 'input[type="checkbox"][data-item]', function (box) {
        if (box.checked) {
          state.ticks[box.getAttribute("data-item")] = true;
          any = true;
        }
      });
      state.fields = readFields(root);
      if (any || Object.keys(state.fields).length) save(key, state);
      else forget(key);
      progress();
    }

    each(root, 'input[type="checkbox"][data-item]', function (box) {
      box.checked = ticks[box.getAttribute("data-item")] === true;
      box.addEventListener("change", persist);
    });
    bindFields(root, fields, persist);
    onAction(root, "clear", function () {
      var before = { ticks: {}, fields: readFields(root) };
      each(root, 'input[type="checkbox"][data-item]', function (box) {
        if (box.checked) before.ticks[box.getAttribute("data-item")] = true;
        box.checked = false;
      });
      clearFields(root);
      forget(key);
      progress();
      offerUndo(root, function () {
        each(root, 'input[type="checkbox"][data-item]', function (box) {
          box.checked = before.ticks[box.getAttribute("data-item")] === true;
        });
        restoreFields(root, before.fields);
        persist();
      });
    });
    progress();
  }

  /* ------------------------------------------------------------ worksheets */

  function setupWorksheet(root) {
    var scoring = window.PlaybookScoring;
    var holder = root.querySelector("template[data-rubric]");
    var source = holder && holder.content.querySelector('script[type="application/json"]');
    if (!scoring || !source) return;
    var rubric = JSON.parse(source.textContent);
    var key = root.getAttribute("data-storage-key");
    dropStale(key);
    var state = load(key);
    var saved = state.answers || {};

    function answers() {
      var result = {};
      each(root, "[data-question]", function (question) {
        var chosen = question.querySelector('input[type="radio"]:checked');
        if (chosen) result[question.getAttribute("data-question")] = parseInt(chosen.value, 10);
      });
      return result;
    }

    function persist(given) {
      var fields = readFields(root);
      if (Object.keys(given).length || Object.keys(fields).length) {
        save(key, { answers: given, fields: fields });
      } else {
        forget(key);
      }
    }

    function show(el, score) {
      el.textContent = score === null ? "" : scoring.formatScore(score);
      if (score === null) el.removeAttribute("data-value");
      else el.setAttribute("data-value", String(score));
    }

    function update(remember) {
      var given = answers();
      var result = scoring.scoreAnswers(rubric, given);
      var count = Object.keys(given).length;
      if (remember) persist(given);
      each(root, "[data-score]", function (el) {
        var id = el.getAttribute("data-score");
        if (el.getAttribute("data-score-of") === "section") {
          show(el, Object.prototype.hasOwnProperty.call(result.sections, id) ? result.sections[id] : null);
        } else if (id === "total") {
          show(el, result.score);
        }
      });
      /* No verdict after one answer of twelve: the band waits for band_after answers,
         unless a knockout already settled it. */
      var settled = result.band !== null &&
        (count >= rubric.band_after || result.knockouts.length > 0);
      var bandIndex = settled ? rubric.bands.indexOf(result.band) : -1;
      var waiting = root.querySelector("[data-band-wait]");
      each(root, "[data-band]", function (el) {
        if (settled) el.textContent = result.band.label;
        else el.textContent = count > 0 && waiting ? waiting.getAttribute("data-band-wait") : "";
        el.classList.toggle("pb-band-waiting", !settled && count > 0);
      });
      each(root, "[data-knockouts]", function (box) {
        box.hidden = result.knockouts.length === 0;
        each(box, "[data-knockout-of]", function (item) {
          var id = item.getAttribute("data-knockout-of");
          var fired = result.knockouts.indexOf(id) >= 0;
          item.hidden = !fired;
          if (fired) item.setAttribute("data-knockout", id);
          else item.removeAttribute("data-knockout");
        });
      });
      each(root, "[data-band-advice]", function (el) {
        el.hidden = parseInt(el.getAttribute("data-band-advice"), 10) !== bandIndex;
      });
      each(root, "[data-weakest]", function (box) {
        box.hidden = result.weakest.length === 0;
        var list = box.querySelector("[data-weak-list]") || box;
        each(box, "[data-weak-section]", function (item) {
          item.hidden = result.weakest.indexOf(item.getAttribute("data-weak-section")) < 0;
        });
        result.weakest.forEach(function (id) {
          each(box, '[data-weak-section="' + id + '"]', function (item) {
            list.appendChild(item); /* lowest first */
          });
        });
      });
      each(root, "[data-section]", function (section) {
        var weak = result.weakest.indexOf(section.getAttribute("data-section")) >= 0;
        section.classList.toggle("pb-weak", weak);
      });
      var answered = count + " / " + root.querySelectorAll("[data-question]").length;
      each(root, "[data-answered]", function (el) {
        el.textContent = answered;
      });
      /* The summary in sight: the same words as the results, a dash for nothing yet. */
      each(root, "[data-live]", function (el) {
        var what = el.getAttribute("data-live");
        if (what === "total") el.textContent = result.score === null ? "—" : scoring.formatScore(result.score) + " %";
        else if (what === "band") el.textContent = settled ? result.band.label : "—";
        else if (what === "answered") el.textContent = answered;
      });
    }

    each(root, "[data-question]", function (question) {
      var id = question.getAttribute("data-question");
      each(question, 'input[type="radio"]', function (input) {
        if (Object.prototype.hasOwnProperty.call(saved, id) && String(saved[id]) === input.value) {
          input.checked = true;
        }
        input.addEventListener("change", function () {
          update(true);
        });
      });
    });
    bindFields(root, state.fields, function () {
      persist(answers());
    });
    onAction(root, "reset", function () {
      var before = answers();
      var fields = readFields(root);
      each(root, 'input[type="radio"]', function (input) {
        input.checked = false;
      });
      clearFields(root);
      update(true);
      offerUndo(root, function () {
        each(root, "[data-question]", function (question) {
          var id = question.getAttribute("data-question");
          each(question, 'input[type="radio"]', function (input) {
            input.checked = Object.prototype.hasOwnProperty.call(before, id) && String(before[id]) === input.value;
          });
        });
        restoreFields(root, fields);
        update(true);
      });
    });
    onAction(root, "print-blank", function () {
      printPage(true);
    });
    update(false);
  }

  /* ------------------------------------------------------------ forms */

  /* A field's value as saved: text for typed fields and a choice, true for a ticked
     check, rows of cell texts for a table; null when empty. */
  function fieldValue(field) {
    var kind = field.getAttribute("data-kind");
    if (kind === "check") {
      var box = field.querySelector('input[type="checkbox"]');
      return box && box.checked ? true : null;
    }
    if (kind === "choice") {
      var chosen = field.querySelector('input[type="radio"]:checked');
      return chosen ? chosen.value : null;
    }
    if (kind === "table") {
      var rows = [];
      var any = false;
      each(field, "tbody tr", function (tr) {
        var cells = [];
        each(tr, "input[data-column]", function (cell) {
          cells.push(cell.value);
          if (cell.value) any = true;
        });
        rows.push(cells);
      });
      return any ? rows : null;
    }
    var control = field.querySelector("input, textarea");
    return control && control.value ? control.value : null;
  }

  function setFieldValue(field, value) {
    var kind = field.getAttribute("data-kind");
    if (kind === "check") {
      each(field, 'input[type="checkbox"]', function (box) {
        box.checked = value === true;
      });
    } else if (kind === "choice") {
      each(field, 'input[type="radio"]', function (input) {
        input.checked = input.value === value;
      });
    } else if (kind === "table") {
      each(field, "input[data-row][data-column]", function (cell) {
        var row = Array.isArray(value) ? value[parseInt(cell.getAttribute("data-row"), 10)] : null;
        var text = Array.isArray(row) ? row[parseInt(cell.getAttribute("data-column"), 10)] : "";
        cell.value = typeof text === "string" ? text : "";
      });
    } else {
      each(field, "input, textarea", function (control) {
        control.value = typeof value === "string" ? value : "";
      });
    }
    syncMirror(field);
  }

  /* A long text prints through its mirror (a textarea shows only its visible rows);
     data-filled tells the print style which fields are empty. */
  function syncMirror(field) {
    var control = field.querySelector("textarea");
    if (fieldValue(field) === null) field.removeAttribute("data-filled");
    else field.setAttribute("data-filled", "");
    each(field, "[data-mirror]", function (mirror) {
      mirror.textContent = control ? control.value : "";
    });
  }

  /* The form as plain text for CRM notes or an email: title, section titles, one
     "Label: value" line per field; a table as its column names and its non-empty rows. */
  /* An element's text as the reader sees it. A glossary term in it is a plain link; its
     definition's tooltip lives outside the page's content (assets/term-tips.js). */
  function readText(el) {
    return el.textContent.trim();
  }

  function formText(root) {
    var none = root.getAttribute("data-no-answer") || "";
    var title = root.querySelector(".pb-tool__title");
    var lines = [title ? readText(title) : root.getAttribute("data-form")];
    each(root, "fieldset.pb-form__section", function (section) {
      var legend = section.querySelector(".pb-form__legend");
      lines.push("");
      if (legend) lines.push(readText(legend));
      each(section, "[data-field][data-kind]", function (field) {
        var label = field.getAttribute("data-label") + ":";
        var value = fieldValue(field);
        var kind = field.getAttribute("data-kind");
        if (kind === "table" && value) {
          lines.push(label);
          var names = [];
          each(field, "thead th", function (th) {
            names.push(readText(th));
          });
          lines.push(names.join(" | "));
          value.forEach(function (cells) {
            if (cells.some(function (cell) { return cell !== ""; })) {
              lines.push(cells.join(" | ").replace(/\s+$/, ""));
            }
          });
        } else if (kind === "check") {
          lines.push(label + " " + (value ? root.getAttribute("data-yes") : none));
        } else {
          lines.push(label + " " + (value === null ? none : value));
        }
      });
    });
    return lines.join("\n") + "\n";
  }

  function setupForm(root) {
    var key = root.getAttribute("data-storage-key");
    dropStale(key);
    var saved = load(key).fields || {};
    var fields = root.querySelectorAll("[data-field][data-kind]");
    var status = root.querySelector("[data-form-status]");
    var textBox = root.querySelector("[data-form-text]");

    function persist() {
      var state = {};
      var any = false;
      Array.prototype.forEach.call(fields, function (field) {
        var value = fieldValue(field);
        if (value !== null) {
          state[field.getAttribute("data-field")] = value;
          any = true;
        }
      });
      if (any) save(key, { fields: state });
      else forget(key);
    }

    function tell(message) {
      if (status) status.textContent = message || "";
    }

    Array.prototype.forEach.call(fields, function (field) {
      var id = field.getAttribute("data-field");
      setFieldValue(field, Object.prototype.hasOwnProperty.call(saved, id) ? saved[id] : null);
      each(field, "input, textarea", function (control) {
        control.addEventListener("input", function () {
          syncMirror(field);
          persist();
        });
        control.addEventListener("change", persist);
      });
    });

    onAction(root, "copy-text", function () {
      var text = formText(root);
      if (textBox) {
        textBox.value = text;
        textBox.hidden = true;
      }
      function copied() {
        tell(root.getAttribute("data-copied"));
      }
      function blocked() {
        /* Shown and selected, so that one Ctrl+C copies it. */
        if (textBox) {
          textBox.hidden = false;
          textBox.focus();
          textBox.select();
        }
        tell(root.getAttribute("data-copy-failed"));
      }
      var clipboard = window.navigator.clipboard;
      if (clipboard && typeof clipboard.writeText === "function") {
        clipboard.writeText(text).then(copied, blocked);
      } else {
        blocked();
      }
    });
    onAction(root, "clear", function () {
      if (!window.confirm(root.getAttribute("data-confirm-clear"))) return;
      Array.prototype.forEach.call(fields, function (field) {
        setFieldValue(field, null);
      });
      forget(key);
      if (textBox) {
        textBox.value = "";
        textBox.hidden = true;
      }
      tell("");
    });
    onAction(root, "print-blank", function () {
      printPage(true);
    });
  }

  /* ------------------------------------------------------------ start-up */

  function init() {
    each(document, "[data-pb-ticks][data-storage-key]", function (root) {
      if (root.hasAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "");
      setupTicks(root);
    });
    each(document, "[data-worksheet][data-storage-key]", function (root) {
      if (root.hasAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "");
      setupWorksheet(root);
    });
    each(document, "form[data-form][data-storage-key]", function (root) {
      if (root.hasAttribute("data-pb-ready")) return;
      root.setAttribute("data-pb-ready", "");
      setupForm(root);
    });
    each(document, '[data-action="print"]', function (button) {
      if (button.hasAttribute("data-pb-ready")) return;
      button.setAttribute("data-pb-ready", "");
      button.addEventListener("click", function () {
        printPage(false);
      });
    });
  }

  /* Material's instant navigation swaps pages without reloading: it announces each page
     on document$. Without it, start once the document is parsed. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
