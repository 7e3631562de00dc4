/* What the pages for people do with a script: the "print as a brief" button (the page prints
   as a brief with the browser's own print command too, through the print stylesheet). */
(function () {
  "use strict";
  document.querySelectorAll(".print-button").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
})();
