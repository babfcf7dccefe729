/* Where you are. A page that is not in the short nav (a stage, a skill, a checklist, …)
 * highlights the nav entry of its area: the breadcrumb's link marked `data-pb-area`
 * (templates/_breadcrumb.md.j2) names it. */
(function () {
  "use strict";

  function same(a, b) {
    var strip = function (url) { return url.split("#")[0].replace(/index\.html$/, ""); };
    return strip(a) === strip(b);
  }

  function highlightArea() {
    var area = document.querySelector(".pb-breadcrumb a[data-pb-area]");
    if (!area) return;
    var links = document.querySelectorAll(".md-nav--primary a.md-nav__link[href]");
    Array.prototype.forEach.call(links, function (link) {
      if (same(link.href, area.href)) {
        link.classList.add("md-nav__link--active", "pb-nav-area");
        link.setAttribute("aria-current", "location");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlightArea);
  } else {
    highlightArea();
  }
})();
