"""What the browser tests do to a page: check it with axe, photograph it, and move around it as
a person would, with the mouse or with the keyboard alone."""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"

# WCAG 2.2 A and AA: axe tags each rule with the version and level that introduced it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PHONE = {"width": 360, "height": 740}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}

# The demo accounts `flask seed demo` creates (README: Demo accounts).
DEMO_PASSWORDS = {
    "staff@example.org": "demo staff kettle lantern",
    "helpline@example.org": "demo helpline harbour mint",
    "commissioner@example.org": "demo commissioner oak",
    "admin@example.org": "demo admin willow garden",
}


@dataclass
class LoadedPages:
    """Every document a page loaded, and which of them axe checked."""

    javascript: bool = True
    urls: list[str] = field(default_factory=list)
    checked: set[int] = field(default_factory=set)
    copy: Page | None = None  # where axe checks the pages of a page with JavaScript off

    def close(self) -> None:
        if self.copy is not None:
            self.copy.context.close()

    def unchecked(self) -> list[str]:
        return [url for number, url in enumerate(self.urls) if number not in self.checked]


# Keyed by page: set up by the `pages` fixture, read by axe_check.
LOADED: dict[Page, LoadedPages] = {}

# Pages axe has already passed, by viewport width and DOM. axe's answer depends only on the
# document, its styles and the viewport, so the same DOM at the same width (a page a keyboard
# journey reaches after the mouse journey did) is not checked twice: each check takes most of
# a second on the CI machine. CSRF tokens differ from one session to the next, and nothing else.
PASSED: set[tuple[int, str]] = set()
CSRF_FIELD = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')


@cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it is now and fail on any WCAG 2.2 A/AA violation.

    The script is evaluated through the DevTools protocol rather than added as a <script> tag
    (`add_script_tag` inlines it), so the page keeps its real Content-Security-Policy
    (script-src 'self') and no context needs `bypass_csp`: a page that only works with the
    policy off would fail here as it fails for people."""
    page.wait_for_load_state("load")
    loaded = LOADED[page]
    loaded.checked.add(len(loaded.urls) - 1)
    dom = CSRF_FIELD.sub("<csrf>", page.content())
    key = (page.viewport_size["width"], hashlib.sha256(dom.encode()).hexdigest())
    if key in PASSED:
        return
    results = _run_axe(page) if loaded.javascript else _run_axe_on_copy(page)
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {node['target']}: {node['html'][:200]}" for node in violation["nodes"])
        for violation in results["violations"]
    ]
    assert not problems, f"axe found on {page.url}:\n" + "\n".join(problems)
    PASSED.add(key)


def _run_axe(page: Page) -> dict:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                       resultTypes: ["violations"]})""",
        WCAG_TAGS,
    )


def _run_axe_on_copy(page: Page) -> dict:
    """axe on a page loaded with JavaScript off. axe waits on timers, which never fire in such
    a page, so it runs on a copy of the document, at the same width, in a page of the same
    origin where scripts may run but the site's own are refused, as they were skipped in the
    first. One copying page serves all of a test's checks: axe is loaded into it once."""
    loaded = LOADED[page]
    if loaded.copy is None:
        context = page.context.browser.new_context(viewport=page.viewport_size)
        loaded.copy = context.new_page()
        loaded.copy.route("**/*.js", lambda route: route.abort())
        # Any address of the site's origin will do: set_content keeps it, and the stylesheet
        # and images load from it as they did for the page.
        origin = re.match(r"https?://[^/]+", page.url).group(0)
        loaded.copy.goto(f"{origin}/static/build/app.css")
    loaded.copy.set_viewport_size(page.viewport_size)
    loaded.copy.set_content(page.content())
    return _run_axe(loaded.copy)


def arrive(page: Page, title: str) -> None:
    """Wait for the page titled `title` (the part before " – Community Knowledge – NHS") and
    check it with axe."""
    expect(page).to_have_title(re.compile(rf"^(Error: )?{re.escape(title)}"))
    axe_check(page)


def screenshot(page: Page, name: str) -> None:
    """Save the page, full length, at 360, 768 and 1280px wide into build/screenshots, then put
    it back at its own width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for viewport in (PHONE, TABLET, DESKTOP):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport['width']}.png", full_page=True)
    page.set_viewport_size(original)


# Whether the focused element shows where the focus is: a visible outline, or the NHS.UK focus
# yellow as its background or in its box shadow (buttons have a shadow whether focused or not,
# so a shadow alone proves nothing); for NHS.UK radios and checkboxes, whose input is
# invisible, the same on the ring drawn by the label's ::before. Returns the element's
# description too, for the message.
FOCUS_STATE = """targets => {
  const element = document.activeElement;
  if (!element || element === document.body) return {reached: -1, seen: null};
  const yellow = "rgb(255, 235, 59)";
  const shows = style => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && !/rgba\\(\\d+, \\d+, \\d+, 0\\)|transparent/.test(style.outlineColor))
    || style.backgroundColor === yellow || style.boxShadow.includes(yellow);
  let seen = shows(getComputedStyle(element));
  const label = element.matches("input[type=checkbox], input[type=radio]")
    && element.labels && element.labels[0];
  if (!seen && label) seen = shows(getComputedStyle(label, "::before"));
  // A date input's last Tab stop is its calendar button, inside the browser's own shadow
  // DOM: the input is not :focus then, and Chromium draws its own ring round the button.
  if (!seen && element.matches("input[type=date]:focus-within:not(:focus)")) seen = true;
  const box = element.getBoundingClientRect();
  return {
    reached: targets.indexOf(element),
    seen: seen && box.width > 0 && box.height > 0,
    name: element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""),
    text: (element.innerText || element.value || element.getAttribute("aria-label") || "")
      .trim().slice(0, 60),
  };
}"""


class Person:
    """Someone working through a journey: with the mouse (and typing), or with the keyboard
    alone (Tab to move, Enter to follow a link or press a button, Space to tick a box, arrow
    keys within a group of radios, as people do), checking at every stop that the focus can be
    seen."""

    def __init__(self, page: Page, keyboard: bool = False) -> None:
        self.page = page
        self.keyboard = keyboard

    def __repr__(self) -> str:
        return f"Person({'keyboard' if self.keyboard else 'mouse'})"

    def tab_to(self, target: Locator) -> None:
        """Press Tab until `target` has the focus."""
        self._tab_until([target.element_handle()], str(target))

    def _tab_until(self, handles: list, what: str, limit: int = 200) -> int:
        """Press Tab until one of `handles` has the focus; which one."""
        stops = []
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STATE, handles)
            if state["seen"] is False:
                raise AssertionError(
                    f"the focus cannot be seen on <{state['name']}> {state['text']!r} "
                    f"({self.page.url})"
                )
            if state["reached"] >= 0:
                return state["reached"]
            stops.append(state.get("name"))
        raise AssertionError(f"Tab never reached {what} on {self.page.url}: {stops[:40]}…")

    def follow(self, target: Locator) -> None:
        """Follow a link or press a button."""
        if self.keyboard:
            self.tab_to(target)
            self.page.keyboard.press("Enter")
        else:
            target.click()

    def fill(self, target: Locator, text: str) -> None:
        if self.keyboard:
            self.tab_to(target)
            self.page.keyboard.press("ControlOrMeta+a")
            self.page.keyboard.type(text)
        else:
            target.fill(text)

    def tick(self, target: Locator) -> None:
        """Tick a checkbox, or choose a radio."""
        if not self.keyboard:
            target.check()
            return
        if target.get_attribute("type") == "checkbox":
            self.tab_to(target)
            self.page.keyboard.press("Space")
        else:
            self._choose_radio(target)
        expect(target).to_be_checked()

    def _choose_radio(self, target: Locator) -> None:
        # Tab stops once in a group of radios (on the chosen one, or the first); the arrow
        # keys move and choose within it.
        name = target.get_attribute("name")
        group = self.page.locator(f"input[type=radio][name='{name}']")
        handles = [group.nth(i).element_handle() for i in range(group.count())]
        wanted = group.evaluate_all(
            "(radios, target) => radios.indexOf(target)", target.element_handle()
        )
        position = self._tab_until(handles, f"the radios {name!r}")
        key = "ArrowDown" if wanted >= position else "ArrowUp"
        for _ in range(abs(wanted - position)):
            self.page.keyboard.press(key)
        if wanted == position:
            self.page.keyboard.press("Space")
        state = self.page.evaluate(FOCUS_STATE, [handles[wanted]])
        assert state["reached"] == 0 and state["seen"], state

    def choose(self, select: Locator, label: str) -> None:
        """Choose an option of a <select> by its text: with the keyboard, the arrow keys move
        the choice up and down the closed list."""
        if not self.keyboard:
            select.select_option(label=label)
            return
        self.tab_to(select)
        current, wanted = select.evaluate(
            """(select, label) => [select.selectedIndex,
                [...select.options].findIndex(option => option.text.trim() === label)]""",
            label,
        )
        assert wanted >= 0, f"no option {label!r}"
        key = "ArrowDown" if wanted > current else "ArrowUp"
        for _ in range(abs(wanted - current)):
            self.page.keyboard.press(key)
        expect(select.locator("option:checked")).to_have_text(label)


def sign_in(person: Person, email: str, photograph: bool = False) -> None:
    """Sign in as the demo account `email`, from the sign-in page, to the staff home."""
    page = person.page
    page.goto("/sign-in")
    arrive(page, "Sign in")
    if photograph:
        screenshot(page, "sign-in")
    person.fill(page.get_by_label("Email address"), email)
    person.fill(page.get_by_label("Password", exact=True), DEMO_PASSWORDS[email])
    person.follow(page.get_by_role("button", name="Sign in"))
    arrive(page, "Staff home")
    expect(page.locator(".ck-staff-bar")).to_contain_text("Signed in as")
