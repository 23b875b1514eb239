/* Citing a record page. "Copy citation" (shown only where this script runs: without it the
   page offers the text to select in "Cite this page") copies the plain-text citation in one
   click; in "Cite this page", a Copy button beside each format. Where the clipboard is
   refused, the text is selected instead, with a word on how to copy it. */
document.addEventListener("DOMContentLoaded", () => {
  const copy = async (area, status) => {
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = " Copied.";
    } catch {
      area.closest("details")?.setAttribute("open", "");
      area.select();
      status.textContent = " Selected: press Ctrl+C (⌘C) to copy.";
    }
  };

  const plain = document.getElementById("cite-plain");
  const quick = document.querySelector(".cite-quick");
  if (plain && quick) {
    const status = quick.querySelector(".cite-quick-status");
    quick.querySelector("button").addEventListener("click", () => copy(plain, status));
    quick.hidden = false;
  }

  for (const area of document.querySelectorAll(".cite-text")) {
    const label = document.querySelector(`label[for="${area.id}"]`);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = `Copy ${label ? label.textContent : "citation"}`;
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "cite-copied";
    button.addEventListener("click", () => copy(area, status));
    area.after(button, status);
  }
});
