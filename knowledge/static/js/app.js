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
