#!/usr/bin/env python3
"""Drives the school agent's administrator pages in headless Chromium (Debian's chromium and chromium-driver, through
Selenium), one phase per run; the browser profile (and so the session cookie) is kept in PROFILE between phases.

Usage: admin_flow.py PHASE BASE_URL PROFILE SCREENSHOTS [ARGS...]
  join HUB CODE CA CSV      join the network, set the password, upload a staff list with a bad line, replace the list
  offline                   add a workshop while the hub is down: it shows as waiting for the hub
  online EMAIL              the workshop is confirmed; enrol a colleague in it
  absences EMAIL            who is away, and the same as CSV; EMAIL offers a shadow place
  invite NOTE / remind NOTE  invite all staff; remind those who have not taken part
  poster                    the printable poster (a screenshot and an A4 PDF)
Prints one JSON object with what it saw; exits non-zero on the first step that fails."""
import json
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

phase, base, profile, shots = sys.argv[1:5]
args = sys.argv[5:]
seen = {}


def wait(driver, condition):
    WebDriverWait(driver, 20).until(condition)


def shoot(driver, name):
    driver.save_screenshot(f"{shots}/{name}.png")
    driver.set_window_size(390, 844)
    driver.save_screenshot(f"{shots}/{name}-phone.png")
    driver.set_window_size(1280, 1000)


def main():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl-NL",
                 f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        if phase == "join":
            hub, code, ca, csv = args
            driver.get(base + "/")
            assert driver.current_url.endswith("/join"), driver.current_url
            shoot(driver, "admin-join")
            for field, value in [("hub", hub), ("code", code), ("ca", ca), ("name", "Petra Personeelszaken"),
                                 ("password", "een lang wachtwoord"), ("password2", "een lang wachtwoord")]:
                driver.find_element(By.ID, field).send_keys(value)
            driver.find_element(By.ID, "join").click()
            wait(driver, lambda d: d.current_url.rstrip("/") == base.rstrip("/"))
            seen["overview"] = driver.find_element(By.TAG_NAME, "main").text
            driver.get(base + "/staff")
            driver.find_element(By.ID, "file").send_keys(csv)
            driver.find_element(By.ID, "check").click()
            wait(driver, lambda d: "will-import" in d.page_source)
            seen["will_import"] = driver.find_element(By.ID, "will-import").text
            seen["skipped"] = driver.find_element(By.ID, "skipped").text
            shoot(driver, "admin-staff-preview")
            driver.find_element(By.ID, "replace").click()
            wait(driver, lambda d: "saved=1" in d.current_url)
            seen["staff"] = driver.find_element(By.TAG_NAME, "main").text
        elif phase == "offline":
            driver.get(base + "/workshops")
            driver.find_element(By.ID, "title").send_keys("Lesgeven met minder mensen")
            driver.find_element(By.ID, "location").send_keys("Lokaal 2.14")
            driver.find_element(By.ID, "presenter").send_keys("Petra Personeelszaken")
            driver.execute_script("document.getElementById('start').value = '13:00'; document.getElementById('end').value = '14:30'")
            driver.find_element(By.ID, "add-workshop").click()
            wait(driver, lambda d: "<td>Lesgeven met minder mensen</td>" in d.page_source)
            seen["workshops"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-workshops-pending")
            driver.get(base + "/")
            seen["pending"] = driver.find_element(By.ID, "pending").text
            seen["overview"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-overview")
        elif phase == "online":
            email, = args
            driver.get(base + "/workshops")
            seen["workshops"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-workshops-confirmed")
            driver.get(base + "/enrolments")
            Select(driver.find_element(By.ID, "email")).select_by_value(email)
            session = Select(driver.find_element(By.ID, "session"))
            for option in session.options:
                if option.text.startswith("Lesgeven met minder mensen"):
                    session.select_by_value(option.get_attribute("value"))
            driver.find_element(By.ID, "enrol").click()
            wait(driver, lambda d: f"<td>{email}</td>" in d.page_source)
            seen["enrolments"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-enrolments")
        elif phase in ("invite", "remind"):
            note, = args
            driver.get(base + "/invitations")
            if phase == "remind":
                driver.find_element(By.ID, "round-remind").click()
            driver.find_element(By.ID, "note").send_keys(note)
            driver.find_element(By.ID, "send").click()
            wait(driver, lambda d: "id=\"sent\"" in d.page_source)
            seen["sent"] = driver.find_element(By.ID, "sent").text
            shoot(driver, f"admin-{phase}")
        elif phase == "poster":
            # The confirmed shadow offer gets a second day.
            driver.get(base + "/offers")
            driver.find_element(By.CSS_SELECTOR, "details summary").click()
            driver.find_element(By.CSS_SELECTOR, "details input[name=day_2026-11-19]").click()
            driver.find_element(By.CSS_SELECTOR, "details button[type=submit]").click()
            wait(driver, lambda d: "<td>2026-11-18, 2026-11-19</td>" in d.page_source)
            seen["offers"] = driver.find_element(By.TAG_NAME, "main").text
            driver.get(base + "/poster")
            seen["poster"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-poster")
            import base64
            from selenium.webdriver.common.print_page_options import PrintOptions
            options = PrintOptions()
            options.page_width, options.page_height = 21.0, 29.7
            with open(f"{shots}/admin-poster.pdf", "wb") as pdf:
                pdf.write(base64.b64decode(driver.print_page(options)))
        elif phase == "cookies":
            driver.get(base + "/")
            seen["cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        elif phase == "absences":
            driver.get(base + "/absences")
            seen["absences"] = driver.find_element(By.TAG_NAME, "main").text
            # A shadow place offered by a colleague: waiting for the hub until the next sync.
            driver.get(base + "/offers")
            Select(driver.find_element(By.ID, "host")).select_by_value(args[0])
            driver.find_element(By.ID, "day-2026-11-18").click()
            driver.find_element(By.ID, "add-offer").click()
            wait(driver, lambda d: "<td>2026-11-18</td>" in d.page_source)
            seen["offers"] = driver.find_element(By.TAG_NAME, "main").text
            shoot(driver, "admin-offers")
            shoot(driver, "admin-absences")
            # The CSV, with the browser's session cookie.
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
            request = urllib.request.Request(base + "/absences.csv", headers={"Cookie": cookie})
            with urllib.request.urlopen(request) as answer:
                seen["csv_type"] = answer.headers["Content-Type"]
                seen["csv"] = answer.read().decode("utf-8")
    except BaseException:
        seen["page"] = driver.current_url + "\n" + driver.find_element(By.TAG_NAME, "body").text[:2000]
        print(json.dumps(seen))
        raise
    finally:
        driver.quit()
    print(json.dumps(seen))


try:
    main()
except BaseException:
    import traceback
    print(json.dumps({"error": traceback.format_exc()}))
    sys.exit(1)
