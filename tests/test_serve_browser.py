"""baocao serve in a real browser: Debian's Chromium, driven by Selenium through chromedriver.

When Chromium is missing these tests skip on a developer's machine but FAIL in CI
(``CI=true``): the browser is part of what CI must prove.  Set
``BAOCAO_SERVE_SCREENSHOT=docs/serve.png`` to write the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from baocao.api import load, render
from baocao.serve.run import running

from docx_reading import texts

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SEED = Path(__file__).parent.parent / "examples" / "bac-kan-2023.yaml"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1600,1000")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        message = f"Chromium ({CHROMIUM}) and chromedriver ({CHROMEDRIVER}) are needed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}: apt-get install -y chromium chromium-driver")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("tai-ve")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="baocao-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow",
                                                           "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED, tmp_path / "bac-kan-2023.yaml")
    return tmp_path


def wait(condition: Callable[[], Any], what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page is still building
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def checked(driver: Any, after: int) -> None:
    """Wait until the page has finished a check newer than ``after``."""
    script = ("const d = document.body.dataset; return d.sanSang === '1' && d.kiemTraCho === d.bieuMau "
              f"&& Number(d.lanKiemTra) > {after}")
    wait(lambda: driver.execute_script(script), "the check")
    time.sleep(0.3)  # a change the form fires after it is built is checked too
    wait(lambda: driver.execute_script(script.split(" && Number")[0]), "the check")


def checks(driver: Any) -> int:
    return int(driver.execute_script("return document.body.dataset.lanKiemTra || 0"))


def field(driver: Any, path: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'[data-schemapath="{path}"] input, '
                                                f'[data-schemapath="{path}"] textarea')


def type_into(driver: Any, path: str, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    before = checks(driver)
    element = field(driver, path)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)
    element.send_keys(Keys.TAB)  # JSON Editor takes the value on change
    checked(driver, before)


def click(driver: Any, element_id: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, element_id).click()


def choose(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def open_page(driver: Any, url: str) -> None:
    driver.get(url)
    checked(driver, 0)


def findings_at(driver: Any, path: str) -> list[tuple[str, str, str]]:
    # read in one script: a check finishing meanwhile replaces the notes (no stale elements)
    script = ("return [...document.querySelectorAll(arguments[0])].map("
              "n => [n.dataset.severity, n.dataset.code, n.textContent]);")
    found = driver.execute_script(script, f'[data-schemapath="{path}"] > .baocao-phat-hien')
    return [(severity, code, text) for severity, code, text in found]


def downloaded(driver: Any, name: str) -> Path:
    target = Path(driver.downloads) / name
    wait(lambda: target.exists() and not list(Path(driver.downloads).glob("*.crdownload")), name)
    return target


SEED_FIGURES = {
    "root.ket_qua.tong_so_ho": "12299",
    "root.ket_qua.ho_ngheo.so_ho": "242",
    "root.ket_qua.ho_ngheo.nam_truoc.so_ho": "285",
    "root.ket_qua.ho_can_ngheo.so_ho": "121",
    "root.ket_qua.ho_can_ngheo.nam_truoc.so_ho": "114",
    "root.ket_qua.chi_tieu.giam_ho_ngheo": "23",
}


def test_poverty_report_filled_checked_at_the_field_and_downloaded(browser: Any, folder: Path) -> None:
    from selenium.webdriver.common.by import By

    with running(folder) as url:
        open_page(browser, url)
        before = checks(browser)
        choose(browser, "loai", "ra-soat-ho-ngheo")
        checked(browser, before)
        before = checks(browser)
        choose(browser, "vi-du", "bac-kan-2023.yaml")
        click(browser, "mo-vi-du")
        checked(browser, before)
        for path in SEED_FIGURES:  # the example's figures wiped …
            type_into(browser, path, "1")
        assert browser.find_element(By.ID, "trang-thai").text.startswith("Có ")
        for path, value in SEED_FIGURES.items():  # … and the seed's typed in
            type_into(browser, path, value)
        assert browser.find_element(By.ID, "trang-thai").text.startswith("Hợp lệ")

        type_into(browser, "root.ket_qua.ho_ngheo.so_ho", "243")  # a total the table does not give
        [(severity, code, text)] = findings_at(browser, "root.ket_qua.ho_ngheo.so_ho")
        assert (severity, code) == ("error", "khong-khop-bieu")
        assert "tổng các đơn vị trong biểu tổng hợp là 242" in text
        assert not browser.find_element(By.ID, "tai-docx").is_enabled()

        type_into(browser, "root.ket_qua.ho_ngheo.so_ho", "242")
        assert findings_at(browser, "root.ket_qua.ho_ngheo.so_ho") == []
        assert browser.find_element(By.ID, "tai-docx").is_enabled()
        click(browser, "tai-docx")
        document = downloaded(browser, "bac-kan-2023.docx")
        text = "\n".join(texts(document.read_bytes()))
        assert "242 hộ" in text and "12.299" in text
        from baocao.serve.data import Folder, check_data

        value = browser.execute_script("return state.editor.getValue()")
        assert document.read_bytes() == render(check_data(value, Folder.of(folder)).report)  # type: ignore[arg-type]

        if shutil.which("soffice"):
            click(browser, "xem-truoc")
            wait(lambda: browser.execute_script("return document.body.dataset.xemTruoc"), "the preview", 240)
            assert browser.find_element(By.ID, "khung-xem-truoc").get_attribute("src").startswith("blob:")
            shot = os.environ.get("BAOCAO_SERVE_SCREENSHOT")
            if shot:
                time.sleep(2)
                browser.save_screenshot(shot)


def test_open_an_example_save_and_compare(browser: Any, folder: Path) -> None:
    with running(folder) as url:
        open_page(browser, url)
        choose(browser, "tep", "bac-kan-2023.yaml")
        before = checks(browser)
        click(browser, "mo-tep")
        checked(browser, before)
        from selenium.webdriver.common.by import By

        name = browser.find_element(By.ID, "ten-luu")
        name.clear()
        name.send_keys("ban-luu.yaml")
        click(browser, "luu")
        saved = folder / "ban-luu.yaml"
        wait(saved.exists, "the saved file")
        assert load(saved).model_dump() == load(SEED).model_dump()
        assert render(load(saved)) == render(load(SEED))


def numbers_in(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [n for item in value.values() for n in numbers_in(item)]
    if isinstance(value, list):
        return [n for item in value for n in numbers_in(item)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def test_a_blank_form_holds_no_number_or_choice_nobody_made(browser: Any, folder: Path) -> None:
    with running(folder) as url:
        open_page(browser, url)
        choose(browser, "loai", "ra-soat-ho-ngheo")
        wait(lambda: browser.execute_script("return state.loai") == "ra-soat-ho-ngheo", "the type")
        checked(browser, 0)
        value = browser.execute_script("return state.editor.getValue()")
        assert numbers_in(value) == [] and "trang_thai" not in value
        assert [code for _, code, _ in findings_at(browser, "root.trang_thai")] == ["thieu-truong"]
        # the counts are asked for, not taken as 0
        assert [code for _, code, _ in findings_at(browser, "root.ket_qua")] == ["thieu-truong"]


PASTED_BODY = ("I. TÌNH HÌNH THỰC HIỆN\n**1. Kết quả**\nCác xã đã hoàn thành rà soát đúng thời hạn.\n"
               "- Xã A: 120 hộ;\n+ trong đó 12 hộ mới;\n- Xã B: 98 hộ.")


def test_a_body_pasted_into_the_form_prints_as_its_structure(browser: Any, folder: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with running(folder) as url:
        open_page(browser, url)
        if browser.execute_script("return state.loai") != "bao-cao":
            before = checks(browser)
            choose(browser, "loai", "bao-cao")
            checked(browser, before)
        before = checks(browser)
        choose(browser, "vi-du", "bao-cao-chung.yaml")
        click(browser, "mo-vi-du")
        checked(browser, before)
        body = '[data-schemapath="root.noi_dung"]'
        switcher = Select(browser.find_element(By.CSS_SELECTOR, f"{body} select.je-switcher"))
        switcher.select_by_visible_text("Dán văn bản")
        area_shown = f"{body} textarea"
        wait(lambda: browser.find_element(By.CSS_SELECTOR, area_shown).is_displayed(), "the text area")
        before = checks(browser)
        area = browser.find_element(By.CSS_SELECTOR, f"{body} textarea")
        area.clear()
        area.send_keys(PASTED_BODY)
        browser.find_element(By.ID, "ten-luu").click()  # JSON Editor takes the value on change
        checked(browser, before)
        assert browser.find_element(By.ID, "trang-thai").text.startswith("Hợp lệ")
        assert browser.execute_script("return state.editor.getValue().noi_dung") == PASTED_BODY
        click(browser, "tai-docx")
        document = downloaded(browser, "bao-cao-chung.docx")
        printed = texts(document.read_bytes())
        start = printed.index("I. TÌNH HÌNH THỰC HIỆN")
        assert printed[start:start + 6] == [
            "I. TÌNH HÌNH THỰC HIỆN", "1. Kết quả", "Các xã đã hoàn thành rà soát đúng thời hạn.",
            "- Xã A: 120 hộ;", "+ trong đó 12 hộ mới;", "- Xã B: 98 hộ."]
