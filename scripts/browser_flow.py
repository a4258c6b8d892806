#!/usr/bin/env python3
"""Drives the portal in headless Chromium (Debian's chromium and chromium-driver, through Selenium): a teacher
signs in with the link caught by the local SMTP server, enrols, accepts a shadow proposal and looks at their
week; the organiser signs in and opens the dashboard. Screenshots go to the folder given.

Usage: browser_flow.py BASE_URL MAILDIR SCREENSHOTS TEACHER_EMAIL ORGANISER_EMAIL SESSION_ID
Prints one JSON object with what it saw; exits non-zero on the first step that fails."""
import json
import mailbox
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, maildir, shots, teacher, organiser, session_id = sys.argv[1:7]
seen = {}


def link_for(address, after):
    """The newest sign-in link mailed to `address` among messages not seen before."""
    deadline = time.time() + 30
    while time.time() < deadline:
        for key, message in mailbox.Maildir(maildir, factory=None, create=False).items():
            if key in after or address not in str(message["To"]):
                continue
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode("utf-8")
                    found = re.search(r"https?://\S+/sign-in/\S+", text)
                    if found:
                        return found.group(0)
        time.sleep(0.3)
    raise SystemExit(f"no sign-in mail reached {address}")


def mail_link(address):
    """The first one-click link (claim, decline, enrol, unsubscribe) in a mail to `address`."""
    deadline = time.time() + 90
    while time.time() < deadline:
        for message in mailbox.Maildir(maildir, factory=None, create=False):
            if address not in str(message["To"]):
                continue
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    found = re.search(r"https?://\S+/mail/kjk_ml_\S+", part.get_payload(decode=True).decode("utf-8"))
                    if found:
                        return found.group(0)
        time.sleep(0.3)
    seen_mail = [(str(m["To"]), str(m["Subject"])) for m in mailbox.Maildir(maildir, factory=None, create=False)]
    raise SystemExit(f"no mail with a link reached {address}; the server has: {seen_mail}")


def sign_in(driver, address):
    known = set(mailbox.Maildir(maildir, factory=None, create=False).keys())
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "email").send_keys(address)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(driver, lambda d: address in d.page_source or "alert" in d.page_source)
    assert address in driver.page_source, "the page does not say where the link went: " + driver.find_element(By.TAG_NAME, "main").text[:300]
    driver.get(link_for(address, known))
    driver.find_element(By.ID, "confirm").click()
    wait(driver, lambda d: "/sign-in" not in d.current_url)


def wait(driver, condition):
    """Waits (up to 15 s) until the page that a click started has come in."""
    WebDriverWait(driver, 15).until(condition)


def main():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl-NL"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        # Without signing in: the mailed link to claim an offered place shows a button, and the button claims it.
        driver.get(mail_link(teacher))
        seen["claim_page_claims_nothing"] = driver.find_element(By.ID, "confirm") is not None
        driver.save_screenshot(f"{shots}/mail-claim.png")
        driver.set_window_size(390, 844)
        driver.save_screenshot(f"{shots}/mail-claim-phone.png")
        driver.set_window_size(1280, 1000)
        driver.find_element(By.ID, "confirm").click()
        wait(driver, lambda d: "De plek is van jou" in d.page_source or "alert" in d.page_source)
        seen["claimed"] = "De plek is van jou" in driver.page_source
        driver.save_screenshot(f"{shots}/mail-claimed.png")

        sign_in(driver, teacher)
        assert driver.current_url.endswith("/catalogue"), driver.current_url
        seen["catalogue_title"] = driver.title
        driver.save_screenshot(f"{shots}/catalogue.png")
        driver.set_window_size(390, 844)
        driver.save_screenshot(f"{shots}/catalogue-phone.png")
        driver.set_window_size(1280, 1000)

        driver.get(f"{base}/sessions/{session_id}")
        driver.find_element(By.ID, "enrol").click()
        wait(driver, lambda d: "msg=" in d.current_url)
        seen["enrolled"] = "Je bent ingeschreven" in driver.page_source

        driver.get(base + "/shadow")
        driver.find_element(By.CSS_SELECTOR, "button[id^=accept-]").click()
        wait(driver, lambda d: "msg=" in d.current_url)
        seen["accepted"] = "Afgesproken" in driver.page_source

        driver.get(base + "/week")
        seen["week"] = driver.find_element(By.TAG_NAME, "main").text
        driver.save_screenshot(f"{shots}/week.png")

        driver.get(base + "/account")
        driver.find_element(By.ID, "reminders").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/account'] button[type=submit]").click()
        wait(driver, lambda d: "msg=" in d.current_url)
        seen["preferences"] = driver.find_element(By.ID, "reminders").get_attribute("checked") is None
        driver.save_screenshot(f"{shots}/account.png")
        driver.set_window_size(390, 844)
        driver.save_screenshot(f"{shots}/account-phone.png")
        driver.set_window_size(1280, 1000)

        driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
        wait(driver, lambda d: d.current_url.endswith("/sign-in"))
        sign_in(driver, organiser)
        driver.get(base + "/organiser")
        assert driver.title.startswith("Overzicht"), driver.title
        seen["dashboard_charts"] = len(driver.find_elements(By.CSS_SELECTOR, "svg.chart"))
        driver.save_screenshot(f"{shots}/dashboard.png")
        driver.execute_script("document.getElementById('h-outbox').scrollIntoView()")
        seen["outbox"] = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=h-outbox]").text
        driver.save_screenshot(f"{shots}/dashboard-outbox.png")
    finally:
        driver.quit()
    print(json.dumps(seen))


try:
    main()
except BaseException as error:  # the test shows standard output only
    import traceback
    print(json.dumps({"error": traceback.format_exc()}))
    sys.exit(1)
