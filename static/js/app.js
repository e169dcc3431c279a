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
