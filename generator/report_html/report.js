"use strict";
(function () {
  const hidden = new Set();
  const filter = document.getElementById("filter");
  function apply() {
    const needle = filter.value.trim().toLowerCase();
    document.querySelectorAll("article.finding").forEach(function (item) {
      const shown = !hidden.has(item.dataset.kind) && item.dataset.path.toLowerCase().includes(needle);
      item.classList.toggle("hidden", !shown);
    });
    document.querySelectorAll(".kind, section.section").forEach(function (group) {
      const visible = group.querySelectorAll("article.finding:not(.hidden)").length;
      group.classList.toggle("hidden", visible === 0);
      const count = group.querySelector(".count");
      if (count) { count.textContent = String(visible); }
    });
  }
  document.querySelectorAll("button[data-kind]").forEach(function (button) {
    button.addEventListener("click", function () {
      const kind = button.dataset.kind;
      if (hidden.has(kind)) { hidden.delete(kind); } else { hidden.add(kind); }
      button.setAttribute("aria-pressed", String(!hidden.has(kind)));
      apply();
    });
  });
  filter.addEventListener("input", apply);
})();
