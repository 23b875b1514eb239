// The list pages' filter panel (templates/includes/filter_panel.html), where the script runs:
// - on a narrow screen the panel starts closed (its summary says how many filters are active),
//   as does every disclosure marked data-folded-when-narrow (the timeline's charts above it);
// - each facet's checkboxes (lists.filters.FacetCheckboxes) get a box that narrows them to the
//   choices whose name, or one of whose other names, holds what is typed;
// - a change of any filter fetches the same page for the new choice and puts its results, its
//   facets (their counts follow the filters) and its links in place of the old ones, keeps the
//   address in the history, says how many rows match in a live region, and leaves focus where it
//   was (on the panel's summary when that control is gone). Without the script, "Show" applies
//   the filters and every choice is listed;
// - a one-value filter's leading records (lists.filters.TypeAheadInput.leading_links) are links
//   to the list with each chosen: a plain click on one updates in place as a box does (a click
//   with a modifier key or another button is left to the browser: a new tab or window).
"use strict";

const NARROW_SCREEN = "(max-width: 40rem)";
const NARROW_FROM = 6; // a list of records with fewer choices needs no box to narrow it
const TEXT_DELAY_MS = 400;
// What an update replaces, besides the form's fields: the results and what goes with them.
// (The timeline's counts per year, above its filters, follow its country and system.)
const REPLACED = ["#results-region", ".scope-switch", ".filter-disclosure > summary", "#charts"];

const panel = document.querySelector("[data-filter-panel]");
const form = panel && panel.querySelector("form[data-live]");

function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function narrowBoxes() {
  form.querySelectorAll("[data-facet][data-narrow]").forEach((facet) => {
    const choices = facet.querySelectorAll("li");
    if (choices.length < NARROW_FROM || facet.querySelector(".facet-narrow")) return;
    const legend = facet.closest("fieldset")?.querySelector("legend")?.textContent.trim().replace(/:$/, "") || "choices";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "facet-narrow";
    box.placeholder = "Type to narrow";
    box.autocomplete = "off";
    box.id = `${facet.id}-narrow`;
    box.dataset.narrows = facet.id;
    box.setAttribute("aria-label", `Narrow the ${legend.toLowerCase()} choices`);
    box.setAttribute("aria-controls", facet.id);
    box.addEventListener("input", () => narrow(facet, box.value));
    facet.prepend(box);
  });
}

// A choice's names: what its label says and its other names (`data-aliases`, one a line:
// "Ankara", "Türkiye" for Turkey), so a box narrows to it whichever is typed.
function namesOf(choice) {
  const aliases = choice.dataset.aliases ? choice.dataset.aliases.split("\n") : [];
  return [choice.textContent, ...aliases].map(folded);
}

function narrow(facet, term) {
  const wanted = folded(term.trim());
  let shown = 0;
  facet.querySelectorAll("li").forEach((choice) => {
    const ticked = choice.querySelector("input:checked");
    choice.hidden = Boolean(wanted) && !ticked && !namesOf(choice).some((name) => name.includes(wanted));
    if (!choice.hidden) shown += 1;
  });
  // An emptied list says so, and a screen reader hears it (the box's status, after the box).
  let none = facet.querySelector(".facet-no-match");
  if (!none) {
    none = document.createElement("p");
    none.className = "facet-no-match";
    none.setAttribute("role", "status");
    facet.querySelector(".facet-narrow")?.after(none);
  }
  none.textContent = shown ? "" : `No choice is named “${term.trim()}”.`;
}

function queryOf(source) {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(source)) {
    if (value !== "") query.append(name, value);
  }
  return query.toString();
}

let latest = 0;

function withoutFragment(address) {
  const url = new URL(address, window.location.href);
  url.hash = "";
  return url.href;
}

// The address whose results are on the page. A jump within the page ("Skip to results") changes
// only the fragment, and Chromium fires popstate for it as for Back: that is no new choice, and
// fetching again would replace the results under the reader's focus.
let shown = withoutFragment(window.location.href);

async function update(address, { push = true } = {}) {
  const asked = ++latest;
  const region = document.getElementById("results-region");
  region?.setAttribute("aria-busy", "true");
  let page;
  try {
    const response = await fetch(address, { headers: { Accept: "text/html" } });
    page = new DOMParser().parseFromString(await response.text(), "text/html");
  } catch (error) {
    window.location.assign(address); // the page itself, loaded as without the script
    return;
  } finally {
    region?.removeAttribute("aria-busy");
  }
  if (asked !== latest) return; // a later change has been asked for since
  const focused = document.activeElement?.id;
  const inPanel = panel.contains(document.activeElement);
  const narrowed = Object.fromEntries(
    [...form.querySelectorAll(".facet-narrow")].map((box) => [box.dataset.narrows, box.value]),
  );
  const fresh = page.querySelector("[data-filter-panel] form[data-live]");
  if (fresh) form.replaceChildren(...fresh.childNodes);
  for (const selector of REPLACED) {
    const old = document.querySelector(selector);
    const replacement = page.querySelector(selector);
    if (old && replacement) {
      keepDisclosures(old, replacement);
      old.replaceWith(replacement);
    }
  }
  narrowBoxes();
  for (const [id, term] of Object.entries(narrowed)) {
    const facet = document.getElementById(id);
    const box = document.getElementById(`${id}-narrow`);
    if (facet && box) {
      box.value = term;
      narrow(facet, term);
    }
  }
  shown = withoutFragment(address);
  if (push) history.pushState({ facets: true }, "", address);
  document.title = page.title;
  const status = document.getElementById("results-status");
  const announced = document.getElementById("results-region")?.dataset.announce;
  if (status && announced) status.textContent = announced;
  const again = focused && document.getElementById(focused);
  if (again) again.focus();
  else if (inPanel) {
    // The control is gone (a leading record followed is now the chosen one): the panel's
    // summary, rather than the page's body, keeps the reader in the panel.
    panel.querySelector(".filter-disclosure > summary")?.focus();
  }
  window.dispatchEvent(new CustomEvent("facets:updated"));
}

// A replacement arrives with its disclosures open, as a page does: each keeps the state the
// reader left (or the script gave) the one it replaces.
function keepDisclosures(old, replacement) {
  const before = old.querySelectorAll("details[data-folded-when-narrow]");
  replacement.querySelectorAll("details[data-folded-when-narrow]").forEach((details, index) => {
    if (before[index]) details.open = before[index].open;
  });
}

function addressOf(source) {
  const query = queryOf(source);
  // The action lands a page loaded without the script on its results ("#results"); an
  // update in place keeps the visitor where they are, so the address drops it.
  const action = source.getAttribute("action").split("#")[0];
  return `${action}${query ? `?${query}` : ""}`;
}

if (form) {
  if (window.matchMedia(NARROW_SCREEN).matches) {
    document.querySelectorAll("details[data-folded-when-narrow]").forEach((details) => details.removeAttribute("open"));
  }
  panel.classList.add("live");
  narrowBoxes();
  let timer = null;
  form.addEventListener("change", (event) => {
    if (event.target.classList.contains("facet-narrow")) return;
    clearTimeout(timer);
    // A typed value (a year, a type-ahead name) is applied once typing pauses; a box at once.
    const delay = ["checkbox", "radio"].includes(event.target.type) ? 0 : TEXT_DELAY_MS;
    timer = setTimeout(() => update(addressOf(form)), delay);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update(addressOf(form));
  });
  form.addEventListener("click", (event) => {
    const link = event.target.closest(".leading a[href]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    clearTimeout(timer);
    link.focus(); // a click does not focus a link in every browser; the update puts focus back by its id
    // Its "#results" lands a page loaded without the script on its results; in place, the
    // reader stays where they are and the address drops it, as after a box.
    update(withoutFragment(link.href));
  });
  form.addEventListener("keydown", (event) => {
    // Enter in a narrowing box does not submit the form.
    if (event.key === "Enter" && event.target.classList.contains("facet-narrow")) event.preventDefault();
  });
  window.addEventListener("popstate", () => {
    if (withoutFragment(window.location.href) !== shown) update(window.location.href, { push: false });
  });
}
