"""A real browser on `tonghop serve`: headless Chromium (Debian's) opens every
page the server renders — the dashboard with the server's menu (its script
allowed by the page's Content-Security-Policy: a refused script is a console
error), units, a unit, review, upload, downloads — with no console error;
takes a decision on the review page by its button and sees it written and
the run redone; uploads a return through the form. Screenshots go to the
folder given.

    python check_serve.py URL INPUTS SHOTS
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from check import CHROMIUM, FLAGS, check


def main(url: str, inputs: Path, shots: Path):
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
        problems = []
        page.on("console", lambda m: problems.append(f"{page.url}: console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"{page.url}: page error: {e}"))

        page.goto(url + "/")
        page.wait_for_selector("#bang tbody tr")
        check(page.locator("a[href='/xem-xet']").count() >= 1, "the server's menu on the dashboard")
        page.screenshot(path=str(shots / "serve-tong-quan.png"))
        figure = page.locator(".per:visible a.f").first
        n = int(figure.get_attribute("data-n"))
        figure.click()
        check(int(page.locator("#dem").get_attribute("data-count")) == n, "the dashboard's script runs under its CSP")

        page.click("a[href='/don-vi']")
        check(page.locator("h1").inner_text() == "Đơn vị", "units")
        page.screenshot(path=str(shots / "serve-don-vi.png"))
        page.locator("main table a").first.click()
        check("Báo cáo từng kỳ" in page.content(), "a unit")

        page.click("a[href='/xem-xet']")
        pairs = page.locator("section.cap")
        check(pairs.count() >= 1, "a pair to review")
        page.screenshot(path=str(shots / "serve-xem-xet.png"), full_page=True)
        first = pairs.first.locator(".ma").first.inner_text()
        pairs.first.locator("button", has_text="Là một").click()
        page.wait_for_load_state()
        decided = page.locator("#da-ghi + table").inner_text()
        check("Gộp" in decided and first in decided, f"the merge is listed as decided: {decided!r}")
        check((inputs / "quyet-dinh.xlsx").is_file(), "quyet-dinh.xlsx written")
        check(page.locator("section.cap .ma", has_text=first).count() == 0, "the merged pair is no longer offered")
        page.locator("button", has_text="Hoàn tác").click()
        page.wait_for_load_state()
        check(page.locator("section.cap .ma", has_text=first).count() == 1, "undone: the pair is offered again")

        page.click("a[href='/nop']")
        sample = next(inputs.glob("*/*.xlsx"))
        page.set_input_files("input[name=tep]", str(sample))
        page.click("button:has-text('Nộp và chạy lại')")
        page.wait_for_load_state()
        check("Đã lưu 1 file" in page.content(), "the upload is stored")
        page.screenshot(path=str(shots / "serve-nop.png"))

        page.click("a[href='/tai-ve']")
        check(page.locator("a[href='/tai-ve/tong-hop.xlsx']").count() == 1, "downloads")

        check(not problems, "; ".join(problems))
        browser.close()
    print("tonghop serve: ok in Chromium (dashboard, units, a unit, review and undo, upload, downloads)")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]), Path(sys.argv[3]))
