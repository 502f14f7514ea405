#!/usr/bin/env python3
"""Opens coresat's HTML reports in headless Chromium and checks what a reader would get.

Usage: scripts/browser-check.py [--timeout SECONDS] [--chromium PATH] REPORT.html...

For each page: no request leaves the page's own file (data: URLs aside), no console error or
warning, no uncaught exception, no error in the browser's log; no <script>, <img>, <link>,
<iframe> or <object>, no external URL in an attribute or a style sheet; at least one chart, and
every `svg.chart` at least 200x100 CSS px with at least one drawn `mark` element. A full-page PNG
at a 1200 px wide viewport is written beside each page (X.html -> X.png).

Prints `ok  X.html  N charts, M omitted  "title"` or `FAIL X.html: reason` per page; exits 0 when
every page passes, 1 when one fails, 2 when Chromium cannot be started or the arguments are wrong.

Chromium is driven over the DevTools protocol through --remote-debugging-pipe (it reads commands
from fd 3 and writes to fd 4, each message JSON ended by a NUL byte), so the standard library is
enough: no WebDriver, no websocket client.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VIEWPORT_WIDTH = 1200
VIEWPORT_HEIGHT = 900
MIN_CHART_WIDTH = 200
MIN_CHART_HEIGHT = 100
# Chromium's own requests would otherwise be indistinguishable from noise in a CI log; the page's
# requests are told apart by session anyway, these flags keep the browser itself quiet.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--remote-debugging-pipe",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--metrics-recording-only",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--no-pings",
    "--safebrowsing-disable-auto-update",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--password-store=basic",
    "--use-mock-keychain",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
]

# Runs in the page after load; answers a JSON-able summary, the checks themselves stay in Python.
PAGE_PROBE = r"""
(async () => {
    if (document.fonts && document.fonts.ready) { await document.fonts.ready; }
    const external = /(?:https?|ftp|wss?):\/\//i;
    const svgNamespace = 'http://www.w3.org/2000/svg';
    const classOf = (element) => (element.getAttribute('class') || '').trim();
    const hasArea = (element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 || box.height > 0;
    };
    const charts = Array.from(document.querySelectorAll('svg.chart')).map((svg, index) => {
        const figure = svg.closest('figure.chart-figure');
        const box = svg.getBoundingClientRect();
        const marks = Array.from(svg.querySelectorAll('[class]'))
            .filter((element) => classOf(element).startsWith('mark'));
        return {
            name: figure ? figure.getAttribute('data-chart') : null,
            index: index + 1,
            width: box.width,
            height: box.height,
            marks: marks.length,
            drawnMarks: marks.filter(hasArea).length,
        };
    });
    const externalAttributes = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of Array.from(element.attributes)) {
            const isNamespace = attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
            if (isNamespace && attribute.value === svgNamespace) { continue; }
            if (external.test(attribute.value) || attribute.value.trim().startsWith('//')) {
                externalAttributes.push(element.localName + ' ' + attribute.name + '="' + attribute.value + '"');
            }
        }
    }
    const externalStyles = Array.from(document.querySelectorAll('style'))
        .filter((style) => external.test(style.textContent) || /@import/i.test(style.textContent))
        .length;
    return {
        title: document.title,
        charts: charts,
        omitted: document.querySelectorAll('figure.chart-omitted').length,
        silentOmissions: Array.from(document.querySelectorAll('figure.chart-omitted'))
            .filter((figure) => figure.textContent.trim() === '').length,
        scripts: document.querySelectorAll('script').length,
        embedded: Array.from(document.querySelectorAll('img, link, iframe, object'))
            .map((element) => element.localName),
        externalAttributes: externalAttributes,
        externalStyles: externalStyles,
    };
})()
"""


class BrowserError(Exception):
    """Chromium died, closed the pipe or answered a command with an error."""


class PageTimeout(Exception):
    """The page did not finish within its time."""


def find_chromium(explicit):
    """The Chromium binary itself: Debian's /usr/bin/chromium is a shell wrapper adding flags
    (extensions, GPU rasterization) that have no place in a check."""
    if explicit:
        return explicit
    candidates = ["/usr/lib/chromium/chromium"]
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            candidates.append(found)
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


class Browser:
    """One headless Chromium, its process group, and the DevTools pipe to it."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="browser-check-profile-")
        self.log = tempfile.TemporaryFile()
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Copies above 10 so that placing them on 3 and 4 in the child cannot overwrite each other.
        child_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)

        def place_pipes():
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        try:
            self.process = subprocess.Popen(
                [binary, *CHROMIUM_FLAGS, "--user-data-dir=" + self.profile, "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.log,
                pass_fds=(3, 4),
                preexec_fn=place_pipes,
                start_new_session=True,
            )
        finally:
            for fd in (to_browser_read, from_browser_write, child_read, child_write):
                os.close(fd)
        os.set_blocking(self.from_browser, False)
        self.buffer = b""
        self.next_id = 0
        # Event name -> function, called for each such event as it arrives.
        self.handlers = {}

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            try:
                written = os.write(self.to_browser, data)
            except BrokenPipeError as error:
                raise BrowserError("Chromium closed its pipe" + self.log_tail()) from error
            data = data[written:]
        return self.next_id

    def call(self, method, params=None, session=None, deadline=None):
        """Sends a command and answers its result, handling the events that arrive meanwhile."""
        wanted = self.send(method, params, session)
        while True:
            message = self.receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message', message['error'])}")
                return message.get("result", {})

    def wait_for(self, method, session, deadline):
        """Handles messages until the event `method` arrives for `session`."""
        while True:
            message = self.receive(deadline)
            if message.get("method") == method and message.get("sessionId") == session:
                return message.get("params", {})

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise PageTimeout()
            ready, _, _ = select.select([self.from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium exited" + self.log_tail())
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        handler = self.handlers.get(message.get("method"))
        if handler:
            handler(message)
        return message

    def log_tail(self):
        self.log.seek(0)
        lines = self.log.read().decode(errors="replace").strip().splitlines()
        return (": " + " | ".join(lines[-5:])) if lines else ""

    def close(self):
        """Asks Chromium to quit, then kills its whole process group whatever it did."""
        try:
            if self.process.poll() is None:
                self.send("Browser.close")
                self.process.wait(timeout=5)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            pass
        # Renderers and helpers share the browser's process group: this reaches every one of them.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def allowed_request(url, page_url):
    return url.startswith("data:") or url.split("#", 1)[0] == page_url


def describe_console(params):
    texts = []
    for argument in params.get("args", []):
        if "value" in argument:
            texts.append(str(argument["value"]))
        else:
            texts.append(argument.get("description", argument.get("type", "?")))
    return " ".join(texts)


def check_page(browser, path, timeout):
    """Answers (problems, summary) for one page; the summary is None when the probe never ran."""
    deadline = time.monotonic() + timeout
    page_url = path.resolve().as_uri()
    target = browser.call("Target.createTarget", {"url": "about:blank"}, deadline=deadline)["targetId"]
    try:
        attached = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                deadline=deadline)
        return inspect_page(browser, attached["sessionId"], path, page_url, deadline)
    finally:
        try:
            browser.call("Target.closeTarget", {"targetId": target}, deadline=time.monotonic() + 5)
        except (BrowserError, PageTimeout):
            pass


def inspect_page(browser, session, path, page_url, deadline):
    requests, console, exceptions, log_errors = [], [], [], []

    def on_request(message):
        url = message["params"]["request"]["url"]
        if message.get("sessionId") == session and not allowed_request(url, page_url):
            requests.append(url)

    def on_paused(message):
        # Nothing outside the file is fetched: the check must not depend on the network.
        if message.get("sessionId") == session:
            browser.send("Fetch.failRequest",
                         {"requestId": message["params"]["requestId"], "errorReason": "BlockedByClient"},
                         session)

    def on_console(message):
        params = message["params"]
        if message.get("sessionId") == session and params.get("type") in ("error", "warning", "assert"):
            console.append(f"console {params['type']}: {describe_console(params)}")

    def on_exception(message):
        if message.get("sessionId") == session:
            details = message["params"]["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            exceptions.append("uncaught exception: " + text.splitlines()[0] if text else "uncaught exception")

    def on_log(message):
        entry = message["params"]["entry"]
        if message.get("sessionId") == session and entry.get("level") == "error":
            log_errors.append(f"browser log error ({entry.get('source', '?')}): {entry.get('text', '')}")

    browser.handlers = {
        "Network.requestWillBeSent": on_request,
        "Fetch.requestPaused": on_paused,
        "Runtime.consoleAPICalled": on_console,
        "Runtime.exceptionThrown": on_exception,
        "Log.entryAdded": on_log,
    }
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(domain + ".enable", session=session, deadline=deadline)
    browser.call("Fetch.enable", {"patterns": [{"urlPattern": "http://*"}, {"urlPattern": "https://*"},
                                               {"urlPattern": "ws://*"}, {"urlPattern": "wss://*"},
                                               {"urlPattern": "ftp://*"}]},
                 session=session, deadline=deadline)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": VIEWPORT_WIDTH, "height": VIEWPORT_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
                 session=session, deadline=deadline)
    navigation = browser.call("Page.navigate", {"url": page_url}, session=session, deadline=deadline)
    if navigation.get("errorText"):
        return [f"cannot open the page: {navigation['errorText']}"], None
    browser.wait_for("Page.loadEventFired", session, deadline)

    evaluated = browser.call("Runtime.evaluate",
                             {"expression": PAGE_PROBE, "awaitPromise": True, "returnByValue": True},
                             session=session, deadline=deadline)
    if "exceptionDetails" in evaluated:
        return [f"the page probe failed: {evaluated['exceptionDetails'].get('text', '')}"], None
    summary = evaluated["result"]["value"]
    write_screenshot(browser, session, path.with_suffix(".png"), deadline)

    problems = [f"request to {url}" for url in requests]
    problems += console + exceptions + log_errors
    problems += layout_problems(summary)
    return problems, summary


def layout_problems(summary):
    problems = []
    if summary["scripts"]:
        problems.append(f"{summary['scripts']} <script> element(s)")
    for name in sorted(set(summary["embedded"])):
        problems.append(f"<{name}> element(s) present")
    for attribute in summary["externalAttributes"][:3]:
        problems.append(f"external URL in {attribute}")
    if summary["externalStyles"]:
        problems.append("external URL or @import in a style sheet")
    if summary["silentOmissions"]:
        problems.append(f"{summary['silentOmissions']} omitted chart(s) without a reason")
    if not summary["charts"]:
        problems.append("no charts (svg.chart)")
    for chart in summary["charts"]:
        name = chart["name"] or f"chart {chart['index']} (no figure.chart-figure with data-chart)"
        if chart["name"] is None:
            problems.append(f"{name}")
        if chart["width"] < MIN_CHART_WIDTH or chart["height"] < MIN_CHART_HEIGHT:
            problems.append(f"chart {name} is {chart['width']:.0f}x{chart['height']:.0f} px, "
                            f"under {MIN_CHART_WIDTH}x{MIN_CHART_HEIGHT}")
        if chart["drawnMarks"] == 0:
            if chart["marks"]:
                problems.append(f"chart {name} is empty: none of its {chart['marks']} marks has a size")
            else:
                problems.append(f"chart {name} is empty: no mark elements")
    return problems


def write_screenshot(browser, session, png, deadline):
    metrics = browser.call("Page.getLayoutMetrics", session=session, deadline=deadline)
    content = metrics.get("cssContentSize") or metrics["contentSize"]
    height = max(1, int(content["height"] + 0.999))
    shot = browser.call("Page.captureScreenshot",
                        {"format": "png", "captureBeyondViewport": True,
                         "clip": {"x": 0, "y": 0, "width": VIEWPORT_WIDTH, "height": height, "scale": 1}},
                        session=session, deadline=deadline)
    png.write_bytes(base64.b64decode(shot["data"]))


def main():
    parser = argparse.ArgumentParser(description="Check coresat HTML reports in headless Chromium.")
    parser.add_argument("pages", nargs="+", type=Path, metavar="REPORT.html")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per page (default 60)")
    parser.add_argument("--chromium", help="the Chromium binary (default: found on this machine)")
    arguments = parser.parse_args()

    binary = find_chromium(arguments.chromium)
    if binary is None:
        print("browser-check: no Chromium found; install Debian's chromium package", file=sys.stderr)
        return 2

    browser = None
    # A SIGTERM from CI must still take Chromium down with us.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    failures = 0
    try:
        for page in arguments.pages:
            problems, summary = [f"no such file {page}"], None
            if page.is_file():
                if browser is None:
                    try:
                        browser = Browser(binary)
                    except OSError as error:
                        print(f"browser-check: cannot start {binary}: {error}", file=sys.stderr)
                        return 2
                try:
                    problems, summary = check_page(browser, page, arguments.timeout)
                except (PageTimeout, BrowserError) as error:
                    problems = [str(error) or f"timed out after {arguments.timeout:g} s"]
                    # The browser may be wedged: the next page gets a fresh one.
                    browser.close()
                    browser = None
            if problems:
                failures += 1
                print(f"FAIL {page}: " + "; ".join(problems), flush=True)
            else:
                title = summary["title"] or "(no title)"
                charts = f"{len(summary['charts'])} charts, {summary['omitted']} omitted"
                print(f"ok  {page}  {charts}  \"{title}\"", flush=True)
    finally:
        if browser is not None:
            browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
