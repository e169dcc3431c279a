// A "print" button for pages that offer one (no inline script: the CSP forbids it).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
