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
