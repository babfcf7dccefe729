/* Glossary tooltips. A term used in a page is a link to its entry on the glossary page
 * (`a.pb-term`, site/glossary_terms.py), which is all a reader without JavaScript gets.
 * The definitions of the whole site are in one generated script, assets/glossary-terms.js
 * (`window.pbGlossary`: anchor → [term, definition], plain text), keyed by the link's
 * fragment. This shows a term's definition in one tooltip, placed by the term and kept
 * inside the window:
 * - on hover (it stays while the pointer moves onto it), and on keyboard focus;
 * - on a tap: the first tap on a term shows its definition, a second tap follows the link;
 * - it closes on Escape, when the term loses focus, when the pointer leaves, and on a tap
 *   elsewhere (WCAG 1.4.13). While it shows, the term is `aria-describedby` it. */
(function () {
  "use strict";

  var HIDE_DELAY = 300; // ms to move the pointer from the term onto the tooltip
  var GAP = 6; // px between the term and the tooltip
  var MARGIN = 8; // px the tooltip keeps from the window's edges

  var tip = null; // the one tooltip, made on first use
  var shown = null; // the term it describes now
  var hideTimer = 0;
  var tapping = false; // the pointer that went down last is a finger (or a pen)
  var tappedShown = false; // … on the term whose definition already showed

  function termOf(node) {
    return node && node.closest ? node.closest("a.pb-term") : null;
  }

  function definition(term) {
    var all = window.pbGlossary;
    var key = term.hash.slice(1);
    try {
      key = decodeURIComponent(key);
    } catch (e) {
      return null;
    }
    return all && Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "pb-term-tip";
      tip.className = "pb-term-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () {
        clearTimeout(hideTimer);
      });
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  /* Below the term's first line, or above it when there is no room below; never past
     the window's left or right edge (a phone is 375 px wide). */
  function place(term, box) {
    var line = term.getClientRects()[0] || term.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var right = document.documentElement.clientWidth - MARGIN - width;
    var left = Math.max(MARGIN, Math.min(line.left, right));
    var top = line.bottom + GAP;
    if (top + height > window.innerHeight - MARGIN && line.top - GAP - height >= MARGIN) {
      top = line.top - GAP - height;
    }
    box.style.left = left + window.pageXOffset + "px";
    box.style.top = top + window.pageYOffset + "px";
  }

  function show(term) {
    var entry = definition(term);
    if (!entry) return false;
    clearTimeout(hideTimer);
    if (shown && shown !== term) shown.removeAttribute("aria-describedby");
    var box = tooltip();
    var name = document.createElement("b");
    name.textContent = entry[0];
    box.textContent = "";
    box.appendChild(name);
    box.appendChild(document.createTextNode(" " + entry[1]));
    box.hidden = false;
    term.setAttribute("aria-describedby", box.id);
    shown = term;
    place(term, box);
    return true;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (tip) tip.hidden = true;
    if (shown) shown.removeAttribute("aria-describedby");
    shown = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (shown && document.activeElement === shown) return; // focus keeps it
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event.target);
    if (term && term === shown && !term.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
  });
  document.addEventListener("focusout", function (event) {
    if (shown && termOf(event.target) === shown) hide();
  });
  document.addEventListener("keydown", function (event) {
    tapping = false; // Enter on a focused term follows its link
    if (event.key === "Escape" && shown) hide();
  });

  /* A tap: remembered when the finger goes down, before the browser's emulated hover
     shows the definition, so that the click can tell a first tap from a second. */
  document.addEventListener(
    "pointerdown",
    function (event) {
      var term = termOf(event.target);
      tapping = event.pointerType === "touch" || event.pointerType === "pen";
      tappedShown = term !== null && term === shown;
      if (!term && !(tip && tip.contains(event.target))) hide();
    },
    true
  );
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    var first = tapping && !tappedShown;
    tapping = false;
    if (term && first && show(term)) event.preventDefault();
  });
})();
