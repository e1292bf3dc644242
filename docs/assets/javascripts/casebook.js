// Small behaviours of the case library, without inline scripts (the CSP allows 'self').
// The print button on a case page opens the browser's print dialog; the print
// stylesheet (casebook.css, @media print) leaves only the case on an A4 page.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("[data-cb-print]") : null;
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// The glossary (按方法) filtered by the shape of the method's name and by field.
// Without scripts the bar stays hidden and every method is listed. The choice is
// kept in the address (?shape=pairs&field=zongjiao-gongzuo) so it can be linked.
(function () {
  function setup() {
    var bar = document.querySelector("[data-cb-filter]");
    if (!bar) return;
    var shape = bar.querySelector("[data-cb-filter-shape]");
    var field = bar.querySelector("[data-cb-filter-field]");
    var count = bar.querySelector("[data-cb-filter-count]");
    var empty = document.querySelector("[data-cb-filter-empty]");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".cb-gloss"));
    var letters = Array.prototype.slice.call(document.querySelectorAll("h2.cb-letter"));
    var params = new URLSearchParams(window.location.search);
    function pick(select, value) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) { select.value = value; return; }
      }
    }
    pick(shape, params.get("shape") || "");
    pick(field, params.get("field") || "");
    function apply() {
      var s = shape.value, f = field.value, shown = 0;
      entries.forEach(function (el) {
        var ok = (!s || el.getAttribute("data-shape") === s) &&
          (!f || (" " + el.getAttribute("data-fields") + " ").indexOf(" " + f + " ") >= 0);
        el.hidden = !ok;
        if (ok) shown++;
        var h = el.querySelector("h3[id]");  // its line in the table of contents too
        var toc = h && document.querySelector('.md-sidebar--secondary a[href="#' + h.id + '"]');
        if (toc && toc.closest("li")) toc.closest("li").hidden = !ok;
      });
      letters.forEach(function (h) {  // a letter (heading and link) stays only if one of its entries does
        var any = false;
        for (var el = h.nextElementSibling; el && !el.matches("h2.cb-letter"); el = el.nextElementSibling) {
          if (el.classList.contains("cb-gloss") && !el.hidden) { any = true; break; }
        }
        h.hidden = !any;
        var link = document.querySelector('.cb-letters a[href="#' + h.id + '"]');
        if (link) link.hidden = !any;
      });
      count.textContent = (s || f) ? "显示 " + shown + " / " + entries.length + " 种" : "共 " + entries.length + " 种";
      if (empty) empty.hidden = shown > 0;
      var q = new URLSearchParams();
      if (s) q.set("shape", s);
      if (f) q.set("field", f);
      var query = q.toString();
      if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }
    shape.addEventListener("change", apply);
    field.addEventListener("change", apply);
    bar.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
