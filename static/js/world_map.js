/* The world map's year slider: redraws the map for the end of another year by fetching the
   server-drawn map for that day (/map/?as_of=YYYY-12-31) and putting its view in place of this
   one. On the map's own page it then writes the day into the address (history.replaceState), so
   a reload or a shared link shows the same map; where the map is one section of a page (home,
   a country), whose other sections stay as loaded, the address stays too, and a note under the
   map offers the whole page on that day. Progressive: without JavaScript the date field and
   "Show" reload the page as of a day. */
document.addEventListener("DOMContentLoaded", () => {
  for (const map of document.querySelectorAll(".world-map[data-map-url]")) {
    const form = map.querySelector(".wm-date");
    const dateInput = map.querySelector("#wm-as-of");
    const status = map.querySelector(".wm-status");
    const ownPage = "ownPage" in map.dataset;
    const note = map.querySelector(".wm-page-note");
    const loadedDay = new URL(window.location.href).searchParams.get("as_of") || "";
    const first = Number(map.dataset.firstYear);
    const last = Number(map.dataset.lastYear);
    if (!form || !first || !last) continue;
    // The slider runs from the data's first year to this one (the server's, per request), whose
    // stop shows the statuses as curated: the year has not ended, and they are its latest.
    const latest = last;
    const slider = document.createElement("div");
    slider.className = "wm-slider";
    const label = document.createElement("label");
    label.htmlFor = "wm-year";
    label.textContent = "Year (the map at its end)";
    const range = document.createElement("input");
    range.type = "range";
    range.id = "wm-year";
    range.min = String(first);
    range.max = String(latest);
    range.step = "1";
    const shown = document.createElement("output");
    shown.htmlFor = "wm-year";
    const initial = dateInput.value ? Number(dateInput.value.slice(0, 4)) : latest;
    range.value = String(initial);
    const words = (year) => (year >= latest ? `Latest, as curated (${latest})` : `End of ${year}`);
    // A day other than a past year's end (from the date field) is said as it is until the slider moves.
    const loadedYear = Number(dateInput.value.slice(0, 4));
    let otherDay = dateInput.value && (!dateInput.value.endsWith("-12-31") || loadedYear >= latest || loadedYear < first)
      ? dateInput.value : "";
    const describe = () => {
      shown.textContent = otherDay || words(Number(range.value));
      range.setAttribute("aria-valuetext", shown.textContent);
    };
    describe();
    slider.append(label, range, shown);
    form.after(slider);

    let timer = null;
    let asked = 0;
    const redraw = async () => {
      const year = Number(range.value);
      const query = new URLSearchParams({ scope: map.dataset.scope || "" });
      if (map.dataset.country) query.set("country", map.dataset.country);
      if (map.dataset.frame) query.set("frame", map.dataset.frame);
      if (year < latest) query.set("as_of", `${year}-12-31`);
      const ticket = ++asked;
      map.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(`${map.dataset.mapUrl}?${query}`, { headers: { Accept: "text/html" } });
        if (!response.ok) throw new Error(String(response.status));
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const view = page.querySelector("#world-map-view");
        if (!view || ticket !== asked) return;
        map.querySelector("#world-map-view").replaceWith(document.importNode(view, true));
        dateInput.value = year < latest ? `${year}-12-31` : "";
        map.dataset.asOf = dateInput.value;
        // The page on the day shown (its other parameters kept): the address itself on the
        // map's own page, else the note's link; the links to another frame or to the map's own
        // page carry the day too.
        const address = new URL(window.location.href);
        if (dateInput.value) address.searchParams.set("as_of", dateInput.value);
        else address.searchParams.delete("as_of");
        if (ownPage) {
          window.history.replaceState(window.history.state, "", address);
        } else if (note) {
          note.hidden = dateInput.value === loadedDay;
          address.hash = "";
          note.querySelector("a").href = address.toString();
        }
        for (const link of map.querySelectorAll(".wm-links a")) {
          const target = new URL(link.href);
          if (dateInput.value) target.searchParams.set("as_of", dateInput.value);
          else target.searchParams.delete("as_of");
          link.href = target.toString();
        }
        status.textContent = `Map redrawn: ${words(year).toLowerCase()}.`;
      } catch {
        status.textContent = "The map could not be redrawn; use the date field and Show.";
      } finally {
        if (ticket === asked) map.removeAttribute("aria-busy");
      }
    };
    range.addEventListener("input", () => {
      otherDay = "";
      describe();
      clearTimeout(timer);
      timer = setTimeout(redraw, 150);
    });
  }
});
