/* A site opened from disk (file://): links to a folder ("skills/", "../..") would open
 * the browser's directory listing, not the page. Served over http(s) the folder URL is
 * right and this script does nothing; from disk it points every relative link at the
 * folder's index.html — the links in the page when it loads, and any link made later
 * (search results) when it is followed. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;

  function toIndex(href) {
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return href;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? "" : href.slice(cut);
    if (path === "") return href;
    var last = path.slice(path.lastIndexOf("/") + 1);
    if (last === "") return path + "index.html" + rest;
    if (last === "." || last === "..") return path + "/index.html" + rest;
    if (last.indexOf(".") < 0) return path + "/index.html" + rest;
    return href;
  }

  function fix(link) {
    var href = link.getAttribute("href");
    var fixed = toIndex(href);
    if (fixed !== href) link.setAttribute("href", fixed);
  }

  function fixAll() {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), fix);
  }

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (link) fix(link);
    },
    true
  );
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fixAll);
  } else {
    fixAll();
  }
  window.playbookFileLinks = toIndex; // for tests
})();
