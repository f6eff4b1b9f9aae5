// Copy buttons on document pages (data-copy="text to copy"): links, citations, Markdown.
// Progressive enhancement: the buttons stay hidden until a way to copy exists; the page is whole without them.
(function () {
  "use strict";

  function fallbackCopy(text) {
    // Plain http on a LAN is not a secure context, so navigator.clipboard is missing there.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return fallbackCopy(text);
  }

  function onClick(event) {
    var button = event.currentTarget;
    var holder = button.closest("[data-copied]");
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    copyText(button.getAttribute("data-copy")).then(function () {
      button.textContent = holder ? holder.getAttribute("data-copied") : "✓";
      button.classList.add("done");
      window.setTimeout(function () {
        button.textContent = label;
        button.classList.remove("done");
      }, 1500);
    }, function () {
      button.classList.add("failed");
    });
  }

  function init() {
    if (!(navigator.clipboard || document.queryCommandSupported && document.queryCommandSupported("copy"))) {
      return;
    }
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", onClick);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
