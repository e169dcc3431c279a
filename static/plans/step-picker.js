// Step picker: Enter in its search box must not submit the form half-filled.
// The search itself is htmx (hx-get on the box); the page works without this file.
(function () {
  "use strict";
  if (window.siziStepPicker) { return; }
  window.siziStepPicker = true;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList &&
        event.target.classList.contains("step-picker-search")) {
      event.preventDefault();
    }
  });
})();
