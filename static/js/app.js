// SIZI: small progressive enhancements; every page works without this file.
// Forms with data-confirm ask before submitting (e.g. removing a role).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm) {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }
});
// A select with data-autosubmit sends its form when changed (no inline
// handler: the CSP forbids them); a <noscript> button submits without JS.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field instanceof HTMLSelectElement && "autosubmit" in field.dataset && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});
