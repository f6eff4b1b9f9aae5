// Progressive enhancements only: the site works without this file.

// Search as you type: the header search box (input[data-suggest]) becomes a combobox whose
// listbox shows /api/suggest's answers. Arrow keys move, Enter opens, Escape closes; without a
// highlighted suggestion Enter submits the search form as usual.
(function () {
  "use strict";

  var DELAY_MS = 150;

  function isCJK(text) {
    return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
  }

  function worthAsking(text) {
    // One Chinese character is a word; one Latin letter matches too much to help.
    var trimmed = text.trim();
    return trimmed.length >= 2 || (trimmed.length === 1 && isCJK(trimmed));
  }

  function setUp(input, number) {
    var form = input.form;
    var list = document.createElement("ul");
    var timer = null;
    var asked = 0;      // number of the latest request: older answers are dropped
    var items = [];
    var active = -1;

    list.id = "suggestions-" + number;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    if (input.getAttribute("aria-label")) {
      list.setAttribute("aria-label", input.getAttribute("aria-label"));
    }
    list.hidden = true;
    (form || input.parentNode).appendChild(list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) {
        window.location.assign(items[index].url);
      }
    }

    function show(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (s, i) {
        var option = document.createElement("li");
        var type = document.createElement("span");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.lang = s.lang;
        option.textContent = s.text;  // text, never HTML
        if (s.title && s.title !== s.text) {
          option.title = s.title;
        }
        type.className = "suggestion-type";
        type.textContent = s.type_label || "";
        if (type.textContent) {
          option.appendChild(type);
        }
        // mousedown, not click: it comes before the input's blur closes the list
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          go(i);
        });
        list.appendChild(option);
      });
      active = -1;
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function ask() {
      var text = input.value;
      var number = ++asked;
      if (!worthAsking(text)) {
        show([]);
        return;
      }
      var url = input.getAttribute("data-suggest");
      url += (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text.trim());
      fetch(url, {headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) {
          if (number === asked && document.activeElement === input) {
            show(data.suggestions || []);
          }
        })
        .catch(function () { /* offline or the server failed: the plain search still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!open) {
          ask();
          return;
        }
        event.preventDefault();
        highlight(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) {
          return;
        }
        event.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i++) {
      setUp(inputs[i], i);
    }
  }

  if (!window.fetch) {
    return;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
