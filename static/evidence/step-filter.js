// Bukti fisik: a search box above each <select data-filterable> (the list of
// action steps can hold 70+ options). Typing hides options whose text, or whose
// group (area › komponen), does not contain every typed word; selected options
// always stay visible. The page works without this file.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function attach(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "step-filter";
    input.placeholder = "Saring langkah aksi (ketik kata)…";
    input.setAttribute("aria-label", "Saring daftar langkah aksi");
    input.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(input, select);

    input.addEventListener("input", function () {
      var wanted = words(input.value);
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var groupText = (group.label || "").toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var text = (groupText + " " + option.textContent + " " +
                      (option.title || "")).toLowerCase();
          var match = wanted.every(function (w) { return text.indexOf(w) !== -1; });
          option.hidden = !(match || option.selected);
          if (!option.hidden) { shown += 1; }
        });
        group.hidden = shown === 0;
      });
    });
    // Enter in the box must not submit the form half-filled.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("select[data-filterable]"), attach
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
