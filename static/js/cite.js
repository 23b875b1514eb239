/* "Cite this page": a Copy button beside each citation format. Progressive: without
   JavaScript the formats are still there to select and copy by hand. */
document.addEventListener("DOMContentLoaded", () => {
  for (const area of document.querySelectorAll(".cite-text")) {
    const label = document.querySelector(`label[for="${area.id}"]`);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = `Copy ${label ? label.textContent : "citation"}`;
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "cite-copied";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(area.value);
        status.textContent = " Copied.";
      } catch {
        area.select();
        status.textContent = " Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
    area.after(button, status);
  }
});
