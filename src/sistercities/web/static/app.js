// sistercities: the only script of the web app (no inline script: see the CSP).
// Forms that ask before they act carry data-confirm with the question.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
