// The page of `nblint serve` in a real browser (Debian's headless Chromium,
// driven by playwright-core): a dropped DOCX shows its findings on the right
// cells, a click scrolls to the spot, and a file saved the way Word saves it
// (a temporary file, then a rename) updates the page within 2 seconds.
//
// NBLINT_BIN: the nblint binary; NBLINT_CORPUS: the shared corpus
// (default ../shared/corpus beside the repository); CHROMIUM: the browser
// (default /usr/bin/chromium); NBLINT_SCREENSHOTS=DIR saves screenshots.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, copyFileSync, readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../../..");
const bin = process.env.NBLINT_BIN || join(repo, "target/debug/nblint");
const corpus = process.env.NBLINT_CORPUS || resolve(repo, "../shared/corpus");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = process.env.NBLINT_SCREENSHOTS;

let browser;
const servers = [];

// Starts `nblint serve --port 0 ...args` in `cwd`; resolves to its URL.
function serve(cwd, args) {
  return new Promise((ok, fail) => {
    const child = spawn(bin, ["serve", "--port", "0", ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    servers.push(child);
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/listening on (http:\/\/[^ ]+\/)/);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`nblint serve exited with ${code}: ${err}`)));
  });
}

before(async () => {
  assert.ok(existsSync(bin), `no nblint binary at ${bin} (set NBLINT_BIN)`);
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  for (const s of servers) s.kill("SIGINT");
  if (browser) await browser.close();
});

test("a dropped DOCX shows its findings on the cells, and a click scrolls there", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nblint-page-"));
  const url = await serve(dir, []);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  assert.equal(await page.textContent("h1"), "政府信息公开工作年度报告检查");

  // Drop the file on the page, as a person drags it from the desktop.
  const docx = readFileSync(join(corpus, "template-2021-format.docx")).toString("base64");
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], "template-2021-format.docx");
    const dt = new DataTransfer();
    dt.items.add(file);
    document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true }));
  }, docx);
  await page.waitForSelector(".finding");

  const findings = await page.$$eval(".finding", (els) => els.map((e) => ({
    id: e.dataset.finding, rule: e.querySelector(".rule").textContent, msg: e.querySelector(".msg").textContent,
  })));
  assert.ok(findings.length > 0, "the template has findings");
  // Every finding is shown in the report, on a table cell when it is about one.
  for (const f of findings) {
    const where = await page.$(`#report [data-f~="${f.id}"]`);
    assert.ok(where, `finding ${f.rule} "${f.msg}" is highlighted in the report`);
  }
  const cellValue = findings.find((f) => f.rule === "arithmetic/cell-value");
  assert.ok(cellValue, "the blank template cells are reported");
  const cell = await page.$(`#report td[data-f~="${cellValue.id}"]`);
  assert.ok(cell, "a blank-cell finding is on a table cell");
  assert.ok((await cell.getAttribute("class")).includes("hit"));

  // Click the last finding: the view scrolls to its spot.
  const last = findings[findings.length - 1];
  await page.click(`.finding[data-finding="${last.id}"]`);
  await page.waitForTimeout(300);
  const visible = await page.$eval(`#report [data-f~="${last.id}"]`, (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(visible, "the clicked finding's spot is in view");
  if (shots) await page.screenshot({ path: join(shots, "serve-docx.png") });

  // English on request, the same findings.
  await page.click("#lang");
  await page.waitForFunction(() => document.querySelector("h1").textContent.startsWith("Government"));
  await page.waitForFunction((n) => document.querySelectorAll(".finding").length === n, findings.length);
});

test("a watched file saved the way Word saves it updates the page within 2 s", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nblint-watch-"));
  const report = join(dir, "report.txt");
  copyFileSync(join(corpus, "seeds/yuncheng-szfb-2020.txt"), report);
  const url = await serve(dir, [dir]);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector("#findings h2");
  const before = await page.$$eval(".finding", (els) => els.length);

  // Break a total: 一、本年新收 for 自然人 is changed, so the table no longer balances.
  const text = readFileSync(report, "utf8");
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes("本年新收政府信息公开申请数量"));
  assert.ok(i >= 0);
  const broken = lines.slice();
  broken[i] = broken[i].replace(/(\t)(\d+)/, (_, tab, n) => `${tab}${Number(n) + 7}`);
  assert.notEqual(broken[i], lines[i]);
  await page.evaluate(() => window.scrollTo(0, 400));
  const scrolled = await page.evaluate(() => window.scrollY);

  // Word: write a temporary file beside the report, then rename it over.
  const started = Date.now();
  writeFileSync(join(dir, "~WRL0001.tmp"), broken.join("\n"));
  renameSync(join(dir, "~WRL0001.tmp"), report);
  await page.waitForFunction((n) => document.querySelectorAll(".finding").length > n, before, { timeout: 2000 });
  const took = Date.now() - started;
  assert.ok(took <= 2000, `updated after ${took} ms`);
  const rules = await page.$$eval(".finding .rule", (els) => els.map((e) => e.textContent));
  assert.ok(rules.includes("arithmetic/balance"), `the broken total is reported: ${rules}`);
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, "the scroll position is kept");
  if (shots) await page.screenshot({ path: join(shots, "serve-watch.png"), fullPage: false });
});
