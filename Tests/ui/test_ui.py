"""Browser tests of `bktool ui`: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium,
against virtual chips the page starts itself ("Try it"). Each state is saved as a screenshot in SHOTS.
Run by scripts/ui-test.sh; exits non-zero on the first failed check."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BKTOOL = os.environ.get("BKTOOL", ".build/debug/bktool")
SHOTS = os.environ.get("SHOTS", ".build/ui-screenshots")
WIFI, NAME = "UITestNet", "ui-plug"
saved = []
# UI_TESTS="name other": run only these (while working on the page); CI runs all.
ONLY = os.environ.get("UI_TESTS", "").split()
WORK = tempfile.mkdtemp(prefix="bktool-ui-test-")


RELEASE_TAG = "1.18.292"
RELEASE_ASSET = "OpenBK7231N_UA_%s.bin" % RELEASE_TAG
RELEASE_BYTES = b"fake OpenBeken UA image " * 100


def start_releases():
    """A stand-in for GitHub's releases API on loopback (only the fields bktool reads), so "Fetch the latest"
    never leaves the machine."""
    import http.server
    import threading

    class Releases(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            base = "http://127.0.0.1:%d" % self.server.server_port
            if self.path == "/repos/openshwprojects/OpenBK7231T_App/releases/latest":
                body = json.dumps({"tag_name": RELEASE_TAG, "assets": [{"name": RELEASE_ASSET, "size": len(RELEASE_BYTES),
                                   "browser_download_url": base + "/download/" + RELEASE_ASSET}]}).encode()
            elif self.path == "/download/" + RELEASE_ASSET:
                body = RELEASE_BYTES
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Releases)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_server(backups, releases_url):
    server = subprocess.Popen([BKTOOL, "ui", "--no-open", "--backup-dir", backups, "--releases-url", releases_url,
                               "--cache-dir", os.path.join(WORK, "firmware-cache")],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    url = re.search(r"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+", line)
    if not url:
        server.kill()
        sys.exit("bktool ui printed no URL: " + line)
    return server, url.group(0)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def shot(driver, name):
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    saved.append(path)


def wait(driver, what, seconds, condition):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.2).until(lambda d: condition(d))
    except Exception:
        shot(driver, "FAILED-" + what)
        raise AssertionError("timed out waiting for: " + what)


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def fill_percent(driver):
    width = driver.find_element(By.ID, "fill").get_attribute("style")
    found = re.search(r"width:\s*([0-9.]+)%", width)
    return float(found.group(1)) if found else 0.0


def open_page(driver, url, behaviour="resets"):
    driver.get(url)
    driver.execute_script("localStorage.clear()")
    driver.get(url)
    driver.execute_script("window.tryBehaviour = arguments[0]", behaviour)
    driver.find_element(By.ID, "try").click()
    wait(driver, "the demo firmware", 20, lambda d: "demo image" in text(d, "fwname"))
    driver.find_element(By.ID, "wifi").send_keys(WIFI)
    driver.find_element(By.ID, "name").send_keys(NAME)
    return driver.find_element(By.ID, "port").get_attribute("value")


def go(driver):
    driver.find_element(By.ID, "go").click()


def whole_conversion(driver, url):
    open_page(driver, url)
    shot(driver, "01-ready")
    go(driver)
    # The virtual chip answers at once, so the run may pass any one step quickly: wait for steps and progress to show.
    wait(driver, "the first step", 30, lambda d: d.find_elements(By.CSS_SELECTOR, ".step.on, .step.ok"))
    wait(driver, "progress", 60, lambda d: "of" in text(d, "rate"))
    shot(driver, "02-progress")
    wait(driver, "the summary", 240, lambda d: d.find_element(By.ID, "summary").is_displayed())
    assert driver.find_elements(By.CSS_SELECTOR, "#pins svg[data-module='CB2S'] g.pad"), "no CB2S drawing"
    relay = driver.find_element(By.CSS_SELECTOR, "#pins g.pad[data-gpio='8'] title").get_attribute("textContent")
    assert "Rel" in relay, relay
    assert "now runs OpenBeken" in text(driver, "sumtext")
    link = driver.find_element(By.ID, "dlbackup").get_attribute("href")
    assert urllib.request.urlopen(link).status == 200
    shot(driver, "04-done-with-pins")


HOSTILE = '<img src=x onerror="window.pwned=1">'


def fresh_page(driver, url):
    """The page without reattaching to an earlier job (it follows the last port it flashed otherwise)."""
    driver.get(url)
    driver.execute_script("localStorage.clear()")
    driver.get(url)


def hostile_text_stays_text(driver, url):
    """Port descriptions, pin names, warnings and errors go through the page's own renderers as text."""
    fresh_page(driver, url)
    driver.execute_script(
        "renderPorts([{path: '/dev/ttyHOSTILE', description: arguments[0]}]);"
        "drawPins(document.getElementById('pins'), [{pin: 8, role: arguments[0], channel: 1}], arguments[0], false);"
        "show({kind: 'warning', detail: arguments[0]});"
        "show({kind: 'failed', code: 'x', message: arguments[0], next: [arguments[0]]});", HOSTILE)
    time.sleep(1)
    assert driver.execute_script("return window.pwned") is None, "markup from data ran"
    assert not driver.find_elements(By.CSS_SELECTOR, "main img"), "markup from data became an element"
    options = driver.find_element(By.ID, "port").get_attribute("textContent")
    assert HOSTILE in options, options
    assert HOSTILE in text(driver, "pins") and HOSTILE in text(driver, "warnings") and HOSTILE in text(driver, "error")
    shot(driver, "03-hostile-text-shown-as-text")
    driver.execute_script("loadPorts()")


def module_outlines(driver, url):
    """Each known module draws its own outline with every pad; an unknown one gets the generic row."""
    fresh_page(driver, url)
    pads = driver.execute_script(
        "const out = {}, pins = [{pin: 8, role: 'Rel', channel: 1}, {pin: 24, role: 'Btn', channel: 1}, {pin: 26, role: 'LED', channel: 2}];"
        "const box = document.getElementById('pins'); box.replaceChildren();"
        "for (const name of ['CB2S', 'WB2S', 'T1-2S', 'CB3S', 'WB3S', 'XYZ9']) {"
        "  const d = document.createElement('div'); box.append(d); drawPins(d, pins, name, false);"
        "  d.querySelector('table').remove(); d.querySelector('.legend').remove();"
        "  out[name] = [d.querySelector('svg').dataset.module, d.querySelectorAll('g.pad').length]; }"
        "return out;")
    expected = {"CB2S": ["CB2S", 11], "WB2S": ["WB2S", 11], "T1-2S": ["T1-2S", 11], "CB3S": ["CB3S", 22],
                "WB3S": ["WB3S", 22], "XYZ9": ["generic", 3]}
    assert pads == expected, pads
    shot(driver, "13-module-outlines")


def obk_config_pins(port, work):
    """The OpenBeken config sector on the chip, read back by the CLI (read-flash + obk-config read --json)."""
    sector = os.path.join(work, "config-%d.bin" % int(time.time() * 1000))
    read = subprocess.run([BKTOOL, "read-flash", "-p", port, "-b", "1500000", "0x1D1000", "0x1000", sector, "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert read.returncode == 0, read.stderr[-1500:]
    shown = subprocess.run([BKTOOL, "obk-config", "read", sector, "--json"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr[-1500:]
    return json.loads(shown.stdout)


def corrected_role_is_written(driver, url):
    port = open_page(driver, url)
    driver.find_element(By.ID, "reviewPins").click()
    go(driver)
    wait(driver, "the pins to review", 120, lambda d: d.find_element(By.ID, "review").is_displayed())
    relay = Select(driver.find_element(By.CSS_SELECTOR, "#pins select.role[data-gpio='8']"))
    assert relay.first_selected_option.text == "Rel", relay.first_selected_option.text
    relay.select_by_visible_text("Rel_n")
    wait(driver, "the drawing to follow", 10, lambda d: d.find_element(
        By.CSS_SELECTOR, "#pins g.pad[data-gpio='8']").get_attribute("data-role") == "Rel_n")
    shot(driver, "11-pin-corrected-before-writing")
    driver.find_element(By.ID, "applyPins").click()
    wait(driver, "the summary", 240, lambda d: d.find_element(By.ID, "summary").is_displayed())
    assert "Rel_n" in text(driver, "pins")
    config = obk_config_pins(port, WORK)
    written = {pin["gpio"]: pin["role"] for pin in config["config"]["pins"]}
    assert written.get(8) == "Rel_n", written
    assert written.get(24) == "Btn", written


def inspect_tab(driver, url):
    driver.get(url)
    driver.find_element(By.ID, "tabInspect").click()
    dump = os.path.join(WORK, "synthetic-plug.bin")
    with urllib.request.urlopen(url.replace("/?token=", "/api/demo-dump?token=")) as reply, open(dump, "wb") as out:
        out.write(reply.read())
    driver.find_element(By.ID, "ifile").send_keys(dump)
    wait(driver, "the inspection", 60, lambda d: d.find_elements(By.ID, "ifacts"))
    facts = text(driver, "ifacts")
    assert "full-dump" in facts and "bk7231n" in facts.lower() and "0x11000" in facts, facts
    assert driver.find_elements(By.CSS_SELECTOR, "#ipins svg[data-module='CB2S'] g.pad"), "no CB2S drawing"
    assert "redacted" in text(driver, "itext"), text(driver, "itext")[:400]
    shot(driver, "12-inspect-dump")
    driver.find_element(By.ID, "tabFlash").click()


def latest_firmware(driver, url):
    driver.get(url)
    Select(driver.find_element(By.ID, "latestChip")).select_by_visible_text("bk7231n")
    driver.find_element(By.ID, "latest").click()
    wait(driver, "the latest firmware", 60, lambda d: RELEASE_ASSET in text(d, "fwname"))
    assert driver.execute_script("return firmwareName") == RELEASE_ASSET
    assert driver.execute_script("return firmware.length") == len(RELEASE_BYTES)
    shot(driver, "14-latest-firmware-fetched")


def refused_firmware(driver, url):
    open_page(driver, url)
    junk = tempfile.NamedTemporaryFile(suffix=".bin", delete=False)
    junk.write(bytes(range(256)) * 64)
    junk.close()
    driver.find_element(By.ID, "file").send_keys(junk.name)
    wait(driver, "the junk file", 10, lambda d: os.path.basename(junk.name) in text(d, "fwname"))
    go(driver)
    wait(driver, "the refusal", 120, lambda d: text(d, "error") != "")
    refusal = text(driver, "error")
    # The shared wording (BekenText) with the page's words: the sentence and a next step, no CLI flags.
    assert "Stopped: refusing to flash this file" in refusal and "Next:" in refusal and "--" not in refusal, refusal
    shot(driver, "05-refused-firmware")


def no_chip(driver, url):
    open_page(driver, url, behaviour="silent")
    go(driver)
    wait(driver, "the reset prompt", 30, lambda d: d.find_element(By.ID, "prompt").is_displayed())
    shot(driver, "06-reset-prompt")
    wait(driver, "no chip answers", 240, lambda d: text(d, "error") != "")
    assert "Next:" in text(driver, "error") and "RX" in text(driver, "error"), text(driver, "error")
    shot(driver, "07-no-chip")


def reload_and_busy(driver, url):
    port = open_page(driver, url)
    go(driver)
    wait(driver, "progress", 60, lambda d: "of" in text(d, "rate"))
    driver.refresh()
    wait(driver, "progress after reload", 30, lambda d: "of" in text(d, "rate"))
    assert driver.find_elements(By.CSS_SELECTOR, ".step.on, .step.ok"), "no steps after the reload"
    shot(driver, "08-reloaded-mid-flash")
    driver.switch_to.new_window("tab")
    driver.get(url)
    wait(driver, "the port list", 10, lambda d: port in d.find_element(By.ID, "port").get_attribute("innerHTML"))
    driver.execute_script("document.getElementById('port').value = arguments[0];"
                          "firmware = new Uint8Array([1, 2, 3]); firmwareName = 'x.bin';"
                          "document.getElementById('go').disabled = false", port)
    go(driver)
    wait(driver, "busy", 10, lambda d: "Busy" in text(d, "busy"))
    shot(driver, "09-second-tab-busy")
    driver.close()
    driver.switch_to.window(driver.window_handles[0])
    # Clean up: the job may already have finished (the virtual chip's backup is reused, so the flash is short).
    driver.find_element(By.ID, "cancel").click()
    wait(driver, "the end of the job", 60,
         lambda d: "Cancelled" in text(d, "error") or d.find_element(By.ID, "summary").is_displayed())


def cancel_then_cli_resumes(driver, url, backups):
    port = open_page(driver, url)
    go(driver)
    # Cancel once part of the firmware is written and proven, so the record holds verified sectors to resume from.
    wait(driver, "the write half done", 240, lambda d: "Writing" in text(d, "rate") and fill_percent(d) > 50)
    driver.find_element(By.ID, "cancel").click()
    wait(driver, "the cancel", 60, lambda d: "Cancelled" in text(d, "error"))
    shot(driver, "10-cancelled-mid-write")
    records = [f for f in os.listdir(backups) if f.endswith(".flash-progress.json")]
    assert records, "no progress record after the cancel"
    firmware = os.path.join(backups, "..", "OpenBK7231N_demo.bin")
    with urllib.request.urlopen(url.replace("/?token=", "/api/demo-firmware?token=")) as reply, open(firmware, "wb") as out:
        out.write(reply.read())
    cli = subprocess.run([BKTOOL, "flash", "-p", port, "-b", "1500000", firmware, "--backup-dir", backups,
                          "--wifi", WIFI, "--name", NAME, "--no-watch"], capture_output=True, text=True, timeout=300)
    print(cli.stdout[-1500:])
    assert cli.returncode == 0, cli.stderr[-1500:]
    assert re.search(r"resum", cli.stdout + cli.stderr, re.IGNORECASE), "the CLI did not resume"


def main():
    os.makedirs(SHOTS, exist_ok=True)
    backups = os.path.join(WORK, "backups")
    releases = start_releases()
    server, url = start_server(backups, "http://127.0.0.1:%d" % releases.server_port)
    driver = browser()
    failures = 0
    try:
        for test in (whole_conversion, hostile_text_stays_text, module_outlines, refused_firmware, no_chip, reload_and_busy,
                     corrected_role_is_written, inspect_tab, latest_firmware):
            if ONLY and test.__name__ not in ONLY:
                continue
            started = time.time()
            try:
                test(driver, url)
                print("ok   %s (%.0f s)" % (test.__name__, time.time() - started))
            except Exception as error:
                failures += 1
                print("FAIL %s: %s" % (test.__name__, error))
        started = time.time()
        try:
            if not ONLY or "cancel_then_cli_resumes" in ONLY:
                cancel_then_cli_resumes(driver, url, backups)
                print("ok   cancel_then_cli_resumes (%.0f s)" % (time.time() - started))
        except Exception as error:
            failures += 1
            print("FAIL cancel_then_cli_resumes: %s" % error)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    print("screenshots:")
    for path in saved:
        print("  " + path)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
