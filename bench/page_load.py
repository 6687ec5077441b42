"""How long a browser takes with a run's tong-hop.html: open it until its table is
drawn, click the first figure of the period shown, search every row, sort.
Needs Debian's Chromium and playwright (tests/browser/run.sh makes that
environment: ~/.cache/tonghop-browser-venv).

    ~/.cache/tonghop-browser-venv/bin/python bench/page_load.py OUT/tong-hop.html
"""
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=FLAGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    t = time.time()
    page.goto(Path(sys.argv[1]).resolve().as_uri())
    page.wait_for_selector("#bang tbody tr")
    print(f"opened, table drawn: {time.time() - t:.2f} s")
    t = time.time()
    page.locator(".per:visible a.f").first.click()
    print(f"first figure clicked: {time.time() - t:.2f} s, {page.locator('#dem').inner_text()}")
    page.click("#loc button")
    t = time.time()
    page.fill("#tim", "ha noi")
    print(f"search «ha noi»: {time.time() - t:.2f} s, {page.locator('#dem').inner_text()}")
    t = time.time()
    page.locator("#bang thead th").nth(3).click()
    print(f"sorted by name: {time.time() - t:.2f} s")
    heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize / 1e6 : 0")
    print(f"JavaScript heap: {heap:.0f} MB; page errors: {errors or 'none'}")
    browser.close()
