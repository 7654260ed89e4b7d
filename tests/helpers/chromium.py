"""Open a local HTML file in Debian's headless Chromium with the network cut off.

Used by the browser tests: it records every request that is not to the file
itself, every console error and page error, and returns a screenshot, so a test
can assert "renders offline, no errors, not blank".
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LITKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass
class Rendered:
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    text: str = ""
    value: object = None  # what ``script`` evaluated to

    def distinct_colours(self) -> int:
        from PIL import Image

        image = Image.open(io.BytesIO(self.screenshot)).convert("RGB").resize((200, 150))
        pixels = image.tobytes()
        return len({pixels[i : i + 3] for i in range(0, len(pixels), 3)})


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        msg = f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


def render(
    path: str | Path, wait_ms: int = 1500, width: int = 1200, height: int = 900, script: str | None = None
) -> Rendered:
    """Load ``path`` offline in headless Chromium and report what happened.

    ``script``, a JavaScript expression, is evaluated in the page once it has loaded.
    """
    need_chromium()
    from playwright.sync_api import sync_playwright

    url = Path(path).resolve().as_uri()
    out = Rendered()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
            page = context.new_page()

            def on_route(route):
                if route.request.url == url or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    out.external_requests.append(route.request.url)
                    route.abort()

            page.route("**/*", on_route)
            page.on("console", lambda m: out.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: out.console_errors.append(str(e)))
            page.goto(url, wait_until="load")
            page.wait_for_timeout(wait_ms)
            out.screenshot = page.screenshot(full_page=False)
            out.text = page.inner_text("body")
            if script is not None:
                out.value = page.evaluate(script)
        finally:
            browser.close()
    return out
