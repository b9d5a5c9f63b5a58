// Sentra's few behaviours, wired by data- attributes (the CSP forbids inline scripts).
document.addEventListener("DOMContentLoaded", () => {
  // A select that submits its form when changed (the language switch).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Buttons that ask before acting: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
});
