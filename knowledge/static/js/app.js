// Progressive enhancement only: every page works without this file.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();

for (const element of document.querySelectorAll(".ck-js-only")) {
  element.hidden = false;
}

for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}

// "Use my location": the browser gives coordinates, rounded to about 1 km, the form sends them, nothing is stored.
for (const button of document.querySelectorAll("[data-geolocate]")) {
  const form = button.closest("form");
  const message = form.querySelector("[data-geo-message]");
  if (!("geolocation" in navigator)) {
    button.hidden = true;
    continue;
  }
  button.addEventListener("click", () => {
    message.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("[data-geo=lat]").value = position.coords.latitude.toFixed(2);
        form.querySelector("[data-geo=lon]").value = position.coords.longitude.toFixed(2);
        form.querySelector("select[name=sort]").value = "distance";
        form.querySelector("select[name=near]").value = "";
        form.submit();
      },
      () => {
        message.textContent = "We could not get your location. Choose a town or area instead.";
      },
      { timeout: 10000, maximumAge: 300000 },
    );
  });
}

// After "Add to shortlist", put focus on the confirmation so it is seen and read out.
const added = document.querySelector(".ck-added");
if (added) {
  added.setAttribute("tabindex", "-1");
  added.focus();
}

// A "Copy link" button beside the shortlist's share link.
const shareLink = document.querySelector("#share-link");
if (shareLink && navigator.clipboard) {
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "nhsuk-button nhsuk-button--secondary nhsuk-button--small";
  copy.textContent = "Copy link";
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "nhsuk-body-s";
  copy.addEventListener("click", async () => {
    await navigator.clipboard.writeText(shareLink.value);
    status.textContent = "Link copied.";
  });
  shareLink.after(copy, status);
}

// "Copy the summary" beside a read-only text box (the patient-record summary of an other need).
for (const button of document.querySelectorAll("[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.querySelector(`[data-copy-status="${button.dataset.copy}"]`);
  if (!source || !navigator.clipboard) {
    button.hidden = true;
    continue;
  }
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      status.textContent = "Copied. Paste it into the patient record.";
    } catch {
      source.select();
      status.textContent = "The browser did not allow copying. The text is selected: press Ctrl and C to copy it.";
    }
  });
}
