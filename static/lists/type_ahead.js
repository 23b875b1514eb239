// Suggestions for the list pages' type-ahead filters (lists.filters.TypeAheadInput): as a
// name is typed, the field's <datalist> is filled with the records whose name holds it, from
// the address in its data-suggest attribute. Without this script the field still takes a
// key or a name typed in full.
"use strict";

const SUGGEST_DELAY_MS = 150;

function suggestions(input) {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let pending = null;
  let asked = null;

  async function fetchSuggestions() {
    const term = input.value.trim();
    if (term === asked) return;
    asked = term;
    if (pending) pending.abort();
    pending = new AbortController();
    const url = `${input.dataset.suggest}?q=${encodeURIComponent(term)}`;
    try {
      const response = await fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { results } = await response.json();
      list.replaceChildren(...results.map(({ value, label }) => {
        const option = document.createElement("option");
        option.value = value;
        option.label = label;
        option.textContent = label;
        return option;
      }));
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, SUGGEST_DELAY_MS);
  });
  input.addEventListener("focus", fetchSuggestions, { once: true });
}

document.querySelectorAll("input[data-suggest][list]").forEach(suggestions);
// The filter panel's fields are written afresh when a change updates the list (facets.js).
window.addEventListener("facets:updated", () => {
  document.querySelectorAll("[data-filter-panel] input[data-suggest][list]").forEach(suggestions);
});
