// Renamed sections keep their old links: a link to #old-anchor lands on the section now called
// #new-anchor. The page's map (the header's anchor_aliases) is JSON in the article's
// data-anchor-aliases attribute, because the CSP forbids inline scripts.
(function () {
  "use strict";

  function aliases() {
    var article = document.querySelector("article[data-anchor-aliases]");
    if (!article) {
      return {};
    }
    try {
      var map = JSON.parse(article.getAttribute("data-anchor-aliases"));
      return map && typeof map === "object" ? map : {};
    } catch (e) {
      return {};
    }
  }

  function currentAnchor() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return location.hash.slice(1);
    }
  }

  function followAlias() {
    var old = currentAnchor();
    if (!old || document.getElementById(old)) {
      return;
    }
    var map = aliases();
    var renamed = Object.prototype.hasOwnProperty.call(map, old) ? map[old] : null;
    var target = typeof renamed === "string" ? document.getElementById(renamed) : null;
    if (!target) {
      return;
    }
    // replace, not assign: the old address should not stay behind in the history
    location.replace("#" + encodeURIComponent(renamed));
    target.scrollIntoView();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", followAlias);
  } else {
    followAlias();
  }
  window.addEventListener("hashchange", followAlias);
})();
