/* Search inside Material's search box, over the sharded index of
 * playbook_gen/publish/search_index.py (see its docstring for why).
 *
 * A query is split as the index was: overlapping bigrams for each run of Chinese
 * characters, words for the rest. Only the manifest, the shards of those terms and the
 * text of the sections shown are loaded. A section must hold every term; its text is then
 * checked for each phrase as typed, so any phrase of two or more characters that occurs
 * in a page finds it. Ranking: a title equal to the query first, then the title holding
 * the phrase, then term weight times rarity.
 *
 * Material's own search is left in place but not asked: its key-up and focus events on
 * the box are stopped before they reach it, and it gets an empty index. Typing, pasting
 * (with the mouse too) and IME input all fire `input`, which runs the search.
 * Files are loaded with <script> tags, so search works from file:// as well.
 */
(function () {
  "use strict";

  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var CJK_RUN = new RegExp("[" + CJK + "]+", "g");
  var WORD = /[\p{L}\p{N}]+/gu;
  var SHOWN = 10;
  var EXAMINED = 60;
  var BATCH = 12;
  var TEXT = {
    zh: { failed: "搜索索引加载失败：请通过网址打开本站（例如 playbook-gen serve 或任意静态网页服务器）。" },
    en: { failed: "The search index could not be loaded: open this site through a web server (for example playbook-gen serve), not as files." }
  };

  var configNode = document.getElementById("__config");
  if (!configNode) return;
  var config = JSON.parse(configNode.textContent);
  var translations = config.translations || {};
  var root = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);
  var indexRoot = new URL("search/pg/", root);
  var lang = (document.documentElement.lang || "en").slice(0, 2) === "zh" ? "zh" : "en";

  /* --- loading ---------------------------------------------------------------- */
  var pending = {};
  window.__pgSearch = function (name, data) {
    if (pending[name]) pending[name].resolve(data);
  };
  function load(name) {
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var script = document.createElement("script");
      script.src = new URL(name + ".js", indexRoot).href;
      script.async = true;
      script.onerror = function () {
        delete pending[name];
        reject(new Error("could not load " + script.src));
      };
      script.onload = function () { script.remove(); };
      document.head.appendChild(script);
    });
    pending[name] = entry;
    return entry.promise;
  }

  /* --- terms (twins of tokens, shard_key, fnv1a, exact_key in search_index.py) --- */
  function parts(query) {
    var text = query.toLowerCase();
    var runs = text.match(CJK_RUN) || [];
    var words = text.replace(CJK_RUN, " ").match(WORD) || [];
    return { runs: runs, words: words };
  }
  function shardKey(token) {
    if (token.charAt(0) === "=") return token;
    return new RegExp("^[" + CJK + "]").test(token) ? token.charAt(0) : token.slice(0, 2);
  }
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value;
  }
  function exactKey(query) {
    return "=" + query.toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* A required term: which index keys stand for it (exact, or any with that prefix). */
  function terms(p) {
    var list = [];
    p.runs.forEach(function (run) {
      if (run.length === 1) list.push({ key: run, prefix: true });
      for (var i = 0; i + 1 < run.length; i++) list.push({ key: run.slice(i, i + 2), prefix: false });
    });
    p.words.forEach(function (word) { list.push({ key: word, prefix: word.length > 1 }); });
    return list;
  }

  function decode(flat) {
    var docs = new Map();
    var doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      docs.set(doc, flat[i + 1]);
    }
    return docs;
  }

  function shardOf(key, manifest) {
    return load("s/" + (fnv1a(shardKey(key)) % manifest.shards));
  }

  /* doc -> weight for one term, from its shard. */
  function postings(term, manifest) {
    return shardOf(term.key, manifest).then(function (shard) {
      if (!term.prefix) return decode(shard[term.key] || []);
      var merged = new Map();
      Object.keys(shard).forEach(function (key) {
        if (key.charAt(0) === "=" || key.lastIndexOf(term.key, 0) !== 0) return;
        var exact = key === term.key || (key.length === 2 && term.key.length === 1);
        decode(shard[key]).forEach(function (weight, doc) {
          var w = exact ? weight : weight / 2;
          if (!(merged.get(doc) >= w)) merged.set(doc, w);
        });
      });
      return merged;
    });
  }

  function weightOf(weight) { return (weight % 8) + (weight >= 8 ? 8 : 0); }

  /* [[doc, score, docs of a whole page or null], …] best first. A section must hold
   * every term; a page whose sections hold them between them comes after, as one result
   * checked against the best section for each term. */
  function rank(lists, exact, manifest) {
    lists.sort(function (a, b) { return a.size - b.size; });
    var idfs = lists.map(function (docs) { return Math.log(1 + manifest.docs / Math.max(1, docs.size)); });
    var scores = new Map();
    var pages = null;
    lists.forEach(function (docs, i) {
      var best = new Map();
      docs.forEach(function (weight, doc) {
        var page = Math.floor(doc / manifest.stride);
        var w = weightOf(weight);
        if (!best.has(page) || best.get(page)[0] < w) best.set(page, [w, doc]);
        if (i === 0) scores.set(doc, 0);
      });
      scores.forEach(function (score, doc) {
        var weight = docs.get(doc);
        if (weight === undefined) scores.delete(doc);
        else scores.set(doc, score + idfs[i] * weightOf(weight));
      });
      if (pages === null) {
        pages = new Map();
        best.forEach(function (b, page) { pages.set(page, { score: idfs[i] * b[0], docs: [b[1]] }); });
      } else {
        pages.forEach(function (entry, page) {
          var b = best.get(page);
          if (!b) { pages.delete(page); return; }
          entry.score += idfs[i] * b[0];
          if (entry.docs.indexOf(b[1]) < 0) entry.docs.push(b[1]);
        });
      }
    });
    exact.forEach(function (_, doc) {
      if (scores.has(doc)) scores.set(doc, scores.get(doc) + 1e6);
    });
    var ranked = Array.from(scores.entries()).map(function (e) { return [e[0], e[1], null]; });
    var covered = new Set(ranked.map(function (r) { return Math.floor(r[0] / manifest.stride); }));
    pages.forEach(function (entry, page) {
      if (!covered.has(page)) ranked.push([entry.docs[0], entry.score / 2, entry.docs]);
    });
    return ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  function holds(text, p) {
    return p.runs.every(function (run) { return text.indexOf(run) >= 0; }) &&
      p.words.every(function (word) {
        return new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(word), "u").test(text);
      });
  }

  /* Sections that hold the query, best first: [{title, area, url, text, score}]. */
  function search(query, manifest) {
    var p = parts(query);
    var required = terms(p);
    if (!required.length) return Promise.resolve({ total: 0, results: [] });
    var exact = exactKey(query);
    return Promise.all(required.map(function (t) { return postings(t, manifest); }).concat([
      shardOf(exact, manifest).then(function (shard) { return decode(shard[exact] || []); })
    ])).then(function (lists) {
      var exactDocs = lists.pop();
      var ranked = rank(lists, exactDocs, manifest);
      var results = [];
      /* Text is loaded a batch at a time, best first, until enough results hold the query. */
      function next(from) {
        var batch = ranked.slice(from, from + BATCH);
        var files = new Set();
        batch.forEach(function (r) {
          (r[2] || [r[0]]).forEach(function (doc) { files.add(fileOf(doc, manifest)); });
        });
        files = Array.from(files);
        return Promise.all(files.map(load)).then(function (loaded) {
          var byFile = new Map();
          files.forEach(function (name, i) { byFile.set(name, loaded[i]); });
          batch.forEach(function (r) {
            var found = check(r, byFile, manifest, p);
            if (found) results.push(found);
          });
          var end = from + BATCH;
          if (results.length < SHOWN && end < Math.min(ranked.length, EXAMINED)) return next(end);
          results.sort(function (a, b) { return b.score - a.score; });
          var total = end >= ranked.length ? results.length : ranked.length;
          return { total: total, results: results.slice(0, SHOWN), parts: p };
        });
      }
      return next(0);
    });
  }

  function fileOf(doc, manifest) {
    var section = doc % manifest.stride;
    return "p/" + Math.floor(doc / manifest.stride) + "-" + Math.floor(section / manifest.block);
  }

  /* [page url, page area, page title, [title, anchor, text]] of a doc. */
  function sectionOf(doc, byFile, manifest) {
    var file = byFile.get(fileOf(doc, manifest));
    return [file[0], file[1], file[2], file[3][(doc % manifest.stride) % manifest.block]];
  }

  /* The result for ranked entry `r` if its text holds the query as typed, else null. */
  function check(r, byFile, manifest, p) {
    var found = sectionOf(r[0], byFile, manifest);
    var section = found[3];
    var text = section[2];
    if (r[2]) {
      text = r[2].map(function (doc) {
        var s = sectionOf(doc, byFile, manifest)[3];
        return (s[1] ? s[0] + " " : "") + s[2];
      }).join(" … ");
    }
    if (!holds((section[0] + " \n " + text).toLowerCase(), p)) return null;
    var anchor = r[2] ? "" : section[1];
    return {
      title: anchor ? section[0] : found[2],
      area: anchor ? found[2] : found[1],
      url: found[0] + (anchor ? "#" + anchor : ""),
      text: text,
      score: r[1] + (holds(section[0].toLowerCase(), p) ? 1e3 : 0)
    };
  }

  /* --- showing ---------------------------------------------------------------- */
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  function marked(text, p) {
    var needles = p.runs.concat(p.words).filter(Boolean).map(escapeRegExp);
    if (!needles.length) return escapeHtml(text);
    var pattern = new RegExp("(" + needles.sort(function (a, b) { return b.length - a.length; }).join("|") + ")", "giu");
    return text.split(pattern).map(function (piece, i) {
      return i % 2 ? "<mark>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece);
    }).join("");
  }
  function snippet(text, p) {
    var lower = text.toLowerCase();
    var needles = p.runs.concat(p.words).sort(function (a, b) { return b.length - a.length; });
    var at = -1;
    for (var i = 0; i < needles.length && at < 0; i++) at = lower.indexOf(needles[i]);
    var start = Math.max(0, at - 30);
    var piece = text.slice(start, start + 120);
    return (start > 0 ? "…" : "") + piece + (start + 120 < text.length ? "…" : "");
  }
  function countLabel(n) {
    if (n === 0) return translations["search.result.none"] || "No matching documents";
    if (n === 1) return translations["search.result.one"] || "1 matching document";
    return (translations["search.result.other"] || "# matching documents").replace("#", String(n));
  }

  var box, meta, list, input;
  function setUp() {
    input = document.querySelector("[data-md-component=search-query]");
    box = document.querySelector("[data-md-component=search-result]");
    if (!input || !box) return false;
    meta = document.createElement("div");
    meta.className = "md-search-result__meta pg-search__meta";
    meta.textContent = translations["search.result.placeholder"] || "";
    list = document.createElement("ol");
    list.className = "md-search-result__list pg-search__list";
    list.setAttribute("role", "presentation");
    box.appendChild(meta);
    box.appendChild(list);
    box.classList.add("pg-search");
    return true;
  }

  function show(found) {
    meta.textContent = countLabel(found.total);
    list.innerHTML = found.results.map(function (r) {
      var href = new URL(r.url, root).href;
      return '<li class="md-search-result__item"><a href="' + escapeHtml(href) +
        '" class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
        '<div class="md-search-result__icon md-icon"></div><h1>' + marked(r.title, found.parts) + "</h1>" +
        (r.area ? '<nav class="pg-search__area">' + escapeHtml(r.area) + "</nav>" : "") +
        '<p class="pg-search__snippet">' + marked(snippet(r.text, found.parts), found.parts) +
        "</p></article></a></li>";
    }).join("");
  }

  var manifest = null;
  var serial = 0;
  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    if (!query) {
      meta.textContent = translations["search.result.placeholder"] || "";
      list.innerHTML = "";
      return;
    }
    manifest.then(function (m) { return search(query, m); }).then(function (found) {
      if (mine === serial) show(found);
    }, function () {
      if (mine === serial) {
        meta.textContent = TEXT[lang].failed;
        list.innerHTML = "";
      }
    });
  }

  function start() {
    if (!setUp()) return;
    /* From file:// Material hides its search (it cannot fetch its index); ours can load. */
    var dialog = document.querySelector("[data-md-component=search]");
    if (location.protocol === "file:" && dialog) dialog.hidden = false;
    /* Material's search dialog has role=dialog but no name (axe `aria-dialog-name`):
       name it after its own search field. */
    var box = document.querySelector(".md-search[role=dialog]");
    if (box && !box.getAttribute("aria-label") && !box.getAttribute("aria-labelledby")) {
      box.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
    manifest = load("m");
    manifest.catch(function () {});
    ["keyup", "focus"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (event.target !== input) return;
        event.stopImmediatePropagation();
        if (type === "focus" && input.value.trim()) run();
      }, true);
    });
    input.addEventListener("input", run);
    var form = input.form;
    if (form) form.addEventListener("reset", function () { setTimeout(run, 0); });
    if (input.value.trim()) run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
