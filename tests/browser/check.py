"""A real browser on tong-hop.html: headless Chromium (Debian's) opens the page
by its file address as a user's double-click would, and the page must work:
no console error, the latest period shown, the period selector, a figure
opening exactly its rows, search without diacritics, sorting, and print on A4.
Screenshots go to the folder given (docs/trang when refreshing the committed
ones).

    python check.py OUT SHOTS    # OUT: a run's output folder
"""
import json
import sys
import unicodedata
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying the closed
# network; a fresh profile each run.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def main(out: Path, shots: Path):
    page_file = out / "tong-hop.html"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    periods = summary["periods"]
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        problems = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        requests = []
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(page_file.resolve().as_uri())
        page.wait_for_selector("#bang tbody tr")

        check(page.locator("h1").inner_text().startswith("Tổng hợp mô hình"), "the heading")
        latest = periods[-1]
        visible = page.locator(".per:visible")
        check(visible.count() == 1, f"one period shown, not {visible.count()}")
        check(visible.get_attribute("data-p") == latest["id"], "the latest period is shown first")
        card = visible.locator(".card .n").first.inner_text()
        check(card.replace(".", "") == str(latest["models"]["total"]), f"models card {card!r}")
        page.screenshot(path=str(shots / "tong-hop.png"))

        # The period selector shows another period, and only it.
        if len(periods) > 1:
            first = periods[0]
            page.select_option("#ky", first["id"])
            check(page.locator(".per:visible").get_attribute("data-p") == first["id"], "the selector")
            page.select_option("#ky", latest["id"])

        # A figure opens exactly its rows.
        figures = visible.locator("a.f")
        check(figures.count() > 10, "figures are linked")
        for i in [0, 1, figures.count() // 2, figures.count() - 1]:
            f = figures.nth(i)
            n = int(f.get_attribute("data-n"))
            f.click()
            shown = int(page.locator("#dem").get_attribute("data-count"))
            check(shown == n, f"figure {f.get_attribute('data-t')!r} shows {n}, opens {shown}")
            check(page.locator("#loc .chip").inner_text() == f.get_attribute("data-t"), "the filter says what it is")
        # A bar of a chart too.
        bar = visible.locator("svg rect.f").first
        n = int(bar.get_attribute("data-n"))
        bar.click()
        check(int(page.locator("#dem").get_attribute("data-count")) == n, "a bar opens its rows")
        page.locator("#chi-tiet").screenshot(path=str(shots / "tong-hop-chi-tiet.png"))

        # Search ignores diacritics; sorting orders the column.
        page.click("#loc button")
        everything = int(page.locator("#dem").get_attribute("data-count"))
        name = page.locator("#bang tbody tr").first.locator("td").nth(3).inner_text()
        word = max(name.split(), key=len)
        bare = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")
        page.fill("#tim", bare.lower())
        found = int(page.locator("#dem").get_attribute("data-count"))
        check(0 < found < everything, f"search {bare!r}: {found} of {everything}")
        check(word.lower() in page.locator("#bang tbody").inner_text().lower(), "the rows found hold the word")
        page.fill("#tim", "")
        header = page.locator("#bang thead th").nth(3)
        header.click()
        check(header.get_attribute("aria-sort") == "ascending", "sorted")
        header.click()
        check(header.get_attribute("aria-sort") == "descending", "sorted the other way")

        # The units behind and the findings open as tables of their own.
        page.click("#tabs button[data-set=units]")
        check(page.locator("#bang thead th").first.inner_text() == "Kỳ", "units table")
        page.click("#tabs button[data-set=fin]")
        check(page.locator("#bang thead th").first.inner_text() == "Mức độ", "findings table")

        # Print: A4, the table left out.
        pdf = page.pdf(format="A4", print_background=True)
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        check(pdf.startswith(b"%PDF") and 1 <= pages <= 12, f"printed on {pages} A4 pages")

        check(not requests, f"the page fetched {requests}")
        check(not problems, "; ".join(problems))
        browser.close()
    print(f"tong-hop.html: ok in Chromium ({len(periods)} periods, printed on {pages} pages)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
