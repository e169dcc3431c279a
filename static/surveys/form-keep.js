/* Keeps a half-filled questionnaire through a reload (sessionStorage only).
   Progressive enhancement: the form works without this file. Nothing is sent
   anywhere; the saved answers stay in this browser tab and are cleared by the
   thank-you page (so a submission lost on a bad connection keeps them). */
(function () {
  "use strict";
  var done = document.querySelector("[data-keep-clear]");
  if (done && window.sessionStorage) {
    try { sessionStorage.removeItem("sizi-survei:" + done.getAttribute("data-keep-clear")); } catch (e) { /* ignore */ }
    return;
  }
  var form = document.querySelector("form[data-keep]");
  if (!form || !window.sessionStorage) { return; }
  var key = "sizi-survei:" + form.getAttribute("data-keep");
  var skip = { csrfmiddlewaretoken: true, situs_web: true };

  function save() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name]) { return; }
      if ((el.type === "radio" || el.type === "checkbox")) {
        if (el.checked) { data[el.name] = el.value; }
      } else if (el.tagName === "TEXTAREA" || el.type === "text") {
        if (el.value) { data[el.name] = el.value; }
      }
    });
    try { sessionStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* full or blocked */ }
  }

  function restore() {
    var raw;
    try { raw = sessionStorage.getItem(key); } catch (e) { return; }
    if (!raw) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || !(el.name in data)) { return; }
      if (el.type === "radio") {
        // The server's answers (after an error) win over the saved ones.
        var group = form.querySelectorAll('input[name="' + el.name + '"]:checked');
        if (!group.length && el.value === data[el.name]) { el.checked = true; }
      } else if ((el.tagName === "TEXTAREA" || el.type === "text") && !el.value) {
        el.value = data[el.name];
      }
    });
  }

  restore();
  form.addEventListener("change", save);
  form.addEventListener("input", save);
})();
