// The browser test of a built clippings site (see README.md in this folder).
//
//   node test.mjs --site DIR --port N [--base /archive/]
//
// DIR is the output of `clippings build --base-url http://127.0.0.1:N/archive/`. The site is
// served here by a small static server (under the base path, 404.html for misses), crawled
// from its home page and checked in headless Chromium at 1280px and 320px, light and dark.
// Exit status 1 when any check fails; the last line is a summary.
import http from "node:http";
import zlib from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { HtmlValidate } from "html-validate";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);

const { values: opts } = parseArgs({
  options: {
    site: { type: "string" },
    port: { type: "string" },
    base: { type: "string", default: "/archive/" },
    "max-pages": { type: "string", default: "500" },
    screenshots: { type: "string" },
  },
});
if (!opts.site || !opts.port) {
  console.error("usage: node test.mjs --site DIR --port N [--base /archive/] [--screenshots DIR]");
  process.exit(2);
}
const ROOT = path.resolve(opts.site);
const PORT = Number(opts.port);
const BASE = opts.base.endsWith("/") ? opts.base : opts.base + "/";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const HOME = ORIGIN + BASE;
const MAX_PAGES = Number(opts["max-pages"]);
const WIDTHS = [1280, 320];
const SCREENSHOT_WIDTHS = [390, 1280];
// Article permalinks (YYYY/MM/DD/slug/) and tag pages, by their path under the base.
const isArticle = (u) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/$/.test(relName(u));
const isTag = (u) => /^tags\/[^/]+\/$/.test(relName(u));
let screenshotsTaken = 0;
// Pages checked at the same time (two cores: the browser does most of the work).
const JOBS = Math.max(1, Number(process.env.BROWSER_JOBS || 2));
const SCHEMES = ["light", "dark"];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// A word that occurs in the example content only inside longer Korean words (eojeol), and an
// English word; both are checked against the search index before they are searched.
const KOREAN_WORD = process.env.SEARCH_KO || "협의체";
const ENGLISH_WORD = process.env.SEARCH_EN || "footbridge";

// Everything that failed, by kind; each entry is one line of explanation.
const failures = {
  "axe violations": [],
  "html-validate errors": [],
  "broken links": [],
  "foreign requests": [],
  "horizontal scroll at 320px": [],
  "h1 count": [],
  "skip link": [],
  "page errors": [],
  search: [],
  "no-JS notice": [],
  "focus contrast": [],
  screenshots: [],
};
const fail = (kind, message) => {
  failures[kind].push(message);
  console.error(`FAIL ${kind}: ${message}`);
};
let axeNodes = 0; // violating elements, over all runs (a violation can hit several)
let axeRuns = 0;
const axeIncomplete = new Map(); // "needs review" rule id -> count: reported, not failed

// ---------------------------------------------------------------- static server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** The file a URL path names under ROOT, or null (outside the base path, missing, a folder
 *  without index.html). A folder without a trailing slash answers with a redirect, as GitHub
 *  Pages does; the link check below counts that as broken. */
function resolveFile(pathname) {
  if (!pathname.startsWith(BASE)) return { status: 404 };
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(BASE.length));
  } catch {
    return { status: 400 };
  }
  const file = path.resolve(ROOT, "." + path.sep + rel);
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) return { status: 404 };
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return { status: 404 };
  }
  if (stat.isDirectory()) {
    if (!pathname.endsWith("/")) return { status: 301, location: pathname + "/" };
    const index = path.join(file, "index.html");
    return fs.existsSync(index) ? { status: 200, file: index } : { status: 404 };
  }
  return { status: 200, file };
}

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, ORIGIN);
    const found = resolveFile(url.pathname);
    if (found.status === 301) {
      res.writeHead(301, { location: found.location });
      return res.end();
    }
    if (found.status !== 200) {
      const page404 = path.join(ROOT, "404.html");
      res.writeHead(found.status, { "content-type": TYPES[".html"] });
      return res.end(fs.existsSync(page404) ? fs.readFileSync(page404) : "not found");
    }
    const ext = path.extname(found.file).toLowerCase();
    const type = found.file.endsWith("atom.xml")
      ? "application/atom+xml; charset=utf-8"
      : TYPES[ext] || "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : fs.readFileSync(found.file));
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(PORT, "127.0.0.1", () => resolve(server));
  });
}

// ---------------------------------------------------------------- helpers

const isLocal = (u) => {
  try {
    const url = new URL(u);
    return url.origin === ORIGIN || url.protocol === "data:" || url.protocol === "blob:";
  } catch {
    return false;
  }
};
const isInternal = (u) => {
  try {
    return new URL(u).origin === ORIGIN;
  } catch {
    return false;
  }
};
const withoutHash = (u) => {
  const url = new URL(u);
  url.hash = "";
  return url.href;
};
const relName = (u) => decodeURIComponent(new URL(u).pathname.slice(BASE.length)) || "(home)";

/** Every .html file in the output, as the URL it is served at. */
function htmlFilesAsUrls() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        let rel = path.relative(ROOT, full).split(path.sep).join("/");
        rel = rel === "index.html" ? "" : rel.replace(/(^|\/)index\.html$/, "$1");
        out.push(new URL(BASE + rel.split("/").map(encodeURIComponent).join("/"), ORIGIN).href);
      }
    }
  };
  walk(ROOT);
  return out.sort();
}

const isHtmlUrl = (u) => {
  const p = new URL(u).pathname;
  return p.endsWith("/") || p.endsWith(".html");
};

/** Runs `fn` on the items of `queue`, `n` at a time; `fn` may push more items onto it. */
function drain(queue, n, fn) {
  return new Promise((resolve, reject) => {
    let active = 0;
    const pump = () => {
      if (!queue.length && !active) return resolve();
      while (active < n && queue.length) {
        active++;
        fn(queue.shift()).then(() => {
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });
}

// ---------------------------------------------------------------- checks

/** Links and assets a page refers to: absolute URLs, with where they were found. */
async function collectRefs(page) {
  return page.evaluate(() => {
    const refs = [];
    const add = (value, where) => {
      if (!value) return;
      try {
        refs.push({ url: new URL(value, document.baseURI).href, where });
      } catch {
        refs.push({ url: value, where: where + " (unparseable)" });
      }
    };
    for (const el of document.querySelectorAll("[href]")) add(el.getAttribute("href"), el.tagName.toLowerCase() + "[href]");
    for (const el of document.querySelectorAll("[src]")) add(el.getAttribute("src"), el.tagName.toLowerCase() + "[src]");
    for (const el of document.querySelectorAll("[srcset]"))
      for (const part of el.getAttribute("srcset").split(","))
        add(part.trim().split(/\s+/)[0], el.tagName.toLowerCase() + "[srcset]");
    for (const el of document.querySelectorAll("[data-index]")) add(el.getAttribute("data-index"), "data-index");
    for (const el of document.querySelectorAll("form[action]")) add(el.getAttribute("action"), "form[action]");
    for (const el of document.querySelectorAll('meta[property="og:url"], meta[property="og:image"]'))
      add(el.getAttribute("content"), "meta " + el.getAttribute("property"));
    return refs;
  });
}

async function runAxe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations", "incomplete"],
      }),
    AXE_TAGS,
  );
  axeRuns++;
  for (const r of result.incomplete) {
    axeIncomplete.set(r.id, (axeIncomplete.get(r.id) || 0) + r.nodes.length);
    if (process.env.VERBOSE)
      for (const n of r.nodes) console.log(`needs review ${label}: ${r.id} ${n.target.join(" ")}: ${n.any.map((c) => c.message).join("; ")}`);
  }
  for (const v of result.violations) {
    axeNodes += v.nodes.length;
    const where = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" ") + (n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1).join(" ").trim()})` : ""))
      .join("; ");
    fail("axe violations", `${label}: ${v.id} [${v.impact}] ${v.help}: ${v.nodes.length} element(s): ${where}`);
  }
}

async function checkSkipLink(page, label) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    if (document.activeElement) document.activeElement.blur();
  });
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute("href"),
      text: el.textContent.trim(),
      visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
      mainId: document.querySelector("main")?.id || null,
    };
  });
  if (first.tag !== "a" || first.href !== "#main" || first.mainId !== "main") {
    return fail("skip link", `${label}: first focusable is <${first.tag} href=${first.href}> "${first.text}", main id ${first.mainId}`);
  }
  if (!first.visible) fail("skip link", `${label}: the skip link is not visible when focused`);
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
  if (focused !== "main") fail("skip link", `${label}: following the skip link focuses <${focused}>, not <main>`);
}

async function checkOverflow(page, label) {
  const over = await page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return null;
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 0.5 && wide.length < 5) {
        wide.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""} (right ${Math.round(r.right)})`);
      }
    }
    return `scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}: ${wide.join(", ")}`;
  });
  if (over) fail("horizontal scroll at 320px", `${label}: ${over}`);
}

/** Searches in the page's form and returns the result links (decoded paths). */
async function search(page, query) {
  await page.fill("#q", query);
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.getElementById("search-status").textContent.trim() !== "", null, { timeout: 10_000 });
  return page.$$eval("#search-results a", (as) => as.map((a) => decodeURIComponent(new URL(a.href).pathname)));
}

function normalise(s) {
  return (s || "").normalize("NFC").toLowerCase();
}

/** What the index says a search should find: articles (paths) whose title, tags, section or
 *  text contain the Korean word as a substring, or a word starting with the English one. */
function expectedHits(index, word, korean) {
  const f = index.fields;
  const hay = (r) => normalise([r[f.indexOf("title")], r[f.indexOf("tags")], r[f.indexOf("section")], r[f.indexOf("text")]].join(" "));
  const w = normalise(word);
  return index.docs
    .filter((r) => (korean ? hay(r).includes(w) : (" " + hay(r).replace(/[^\p{L}\p{N}]+/gu, " ")).includes(" " + w)))
    .map((r) => decodeURIComponent(new URL(r[f.indexOf("path")], HOME).pathname));
}

async function checkSearch(browser, contextOptions) {
  const searchUrl = HOME + "search/";
  const index = JSON.parse(fs.readFileSync(path.join(ROOT, "search", "index.json"), "utf8"));
  const summary = {};

  // The Korean word must occur only inside longer words, or the test proves nothing.
  const tokens = new Set();
  for (const r of index.docs) for (const t of normalise(r.join(" ")).split(/[^\p{L}\p{N}]+/u)) tokens.add(t);
  const koExpected = expectedHits(index, KOREAN_WORD, true);
  if (tokens.has(normalise(KOREAN_WORD))) fail("search", `"${KOREAN_WORD}" occurs as a whole word in the index; choose a word that only occurs inside longer ones`);
  if (koExpected.length === 0) fail("search", `"${KOREAN_WORD}" is not in the search index at all`);
  const enExpected = expectedHits(index, ENGLISH_WORD, false);
  if (enExpected.length === 0) fail("search", `"${ENGLISH_WORD}" is not in the search index at all`);

  const context = await browser.newContext({ ...contextOptions, viewport: { width: 1280, height: 900 } });
  watchContext(context, "search");
  const page = await context.newPage();
  watchPage(page, "search");
  await page.goto(searchUrl);
  if (await page.isVisible(".notice")) fail("no-JS notice", "the no-JS notice shows while JavaScript is on");
  for (const [word, expected] of [
    [KOREAN_WORD, koExpected],
    [ENGLISH_WORD, enExpected],
  ]) {
    const got = await search(page, word);
    summary[word] = got.length;
    const missing = expected.filter((p) => !got.includes(p));
    const extra = got.filter((p) => !expected.includes(p));
    if (got.length === 0 || missing.length || extra.length) {
      fail("search", `"${word}": found ${got.length} (${got.join(", ")}), expected ${expected.length}; missing ${missing.join(", ") || "none"}; unexpected ${extra.join(", ") || "none"}`);
    }
    if (!page.url().includes("q=")) fail("search", `"${word}": the query is not kept in the address`);
  }
  // Results on screen, in both schemes and at 320px: the result list must pass axe too.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await runAxe(page, `search results ${width}px ${scheme}`);
      if (opts.screenshots) await page.screenshot({ path: path.join(opts.screenshots, `search-results-${width}-${scheme}.png`), fullPage: true });
    }
    if (width === 320) await checkOverflow(page, "search results 320px");
  }
  // A shared link with ?q= runs the search on load.
  await page.goto(searchUrl + "?q=" + encodeURIComponent(KOREAN_WORD));
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 10_000 }).catch(() => {
    fail("search", `?q=${KOREAN_WORD} in the address does not run the search`);
  });
  await context.close();

  // JavaScript off: the page says search needs it.
  const noJs = await browser.newContext({ ...contextOptions, javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
  watchContext(noJs, "search (no JS)");
  const p2 = await noJs.newPage();
  watchPage(p2, "search (no JS)");
  await p2.goto(searchUrl);
  const notice = (await p2.isVisible(".notice")) ? (await p2.textContent(".notice")).trim() : "";
  if (!notice) fail("no-JS notice", "with JavaScript off the search page shows no notice");
  summary.noscript = notice;
  await checkOverflow(p2, "search (no JS) 320px");
  await noJs.close();
  return summary;
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a, b) {
  const lum = (hex) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The theme's colours (custom properties of :root) against the page and panel backgrounds,
 *  per colour scheme. Text is checked by axe on every page; the focus outline (3:1, WCAG
 *  1.4.11) is checked here, since axe does not look at focus styles. */
async function measureContrast(browser, contextOptions) {
  const context = await browser.newContext(contextOptions);
  watchContext(context, "contrast");
  const page = await context.newPage();
  await page.goto(HOME);
  const lines = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const v = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      const out = {};
      for (const name of ["bg", "fg", "muted", "link", "link-visited", "focus", "panel"]) out[name] = style.getPropertyValue("--" + name).trim();
      return out;
    });
    if (!Object.values(v).every((c) => /^#[0-9a-f]{6}$/i.test(c))) {
      lines.push(`${scheme}: colours not in #rrggbb form, not measured`);
      continue;
    }
    const parts = ["fg", "muted", "link", "link-visited", "focus"].map((k) => `${k} ${contrast(v[k], v.bg).toFixed(1)}:1 (${contrast(v[k], v.panel).toFixed(1)}:1 on panel)`);
    parts.push(`button text ${contrast(v.bg, v.link).toFixed(1)}:1`);
    lines.push(`${scheme}: ${parts.join(", ")}`);
    for (const against of ["bg", "panel"]) {
      const r = contrast(v.focus, v[against]);
      if (r < 3) fail("focus contrast", `${scheme}: focus outline ${v.focus} on ${against} ${v[against]} is ${r.toFixed(2)}:1, below 3:1`);
    }
  }
  await context.close();
  return lines;
}

// Requests to any other host are aborted and counted, on every page and context.
const foreign = new Set();
function watchContext(context, label) {
  context.route(
    () => true,
    (route) => {
      const u = route.request().url();
      if (isLocal(u)) return route.continue();
      if (!foreign.has(u)) fail("foreign requests", `${label}: ${u}`);
      foreign.add(u);
      return route.abort("blockedbyclient");
    },
  );
}
function watchPage(page, label) {
  page.on("pageerror", (e) => fail("page errors", `${label}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") fail("page errors", `${label}: console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && isInternal(r.url())) fail("broken links", `${label}: the browser got ${r.status()} for ${r.url()}`);
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  const contextOptions = { reducedMotion: "no-preference", locale: "en-GB", serviceWorkers: "block" };
  if (opts.screenshots) fs.mkdirSync(opts.screenshots, { recursive: true });

  // Crawl from the home page at the first width; the other width revisits the same pages.
  const files = htmlFilesAsUrls();
  const queue = [HOME];
  const seen = new Set(queue);
  const pages = []; // HTML pages that loaded (200)
  const refs = new Map(); // url without hash -> { from, where, hashes: Map(fragment -> from) }
  const ids = new Map(); // page url -> Set of ids
  let h1Checked = 0;

  const contexts = {};
  for (const width of WIDTHS) {
    contexts[width] = await browser.newContext({ ...contextOptions, viewport: { width, height: 900 } });
    watchContext(contexts[width], `${width}px`);
  }

  const visit = async (url, width, crawl) => {
    const label = `${relName(url)} ${width}px`;
    const page = await contexts[width].newPage();
    watchPage(page, label);
    try {
      const response = await page.goto(url, { waitUntil: "load" });
      if (!response || response.status() !== 200) {
        return fail("broken links", `${label}: page answered ${response?.status()}`);
      }
      if (crawl) {
        pages.push(url);
        const h1 = await page.$$eval("h1", (hs) => hs.length);
        h1Checked++;
        if (h1 !== 1) fail("h1 count", `${relName(url)}: ${h1} h1 elements`);
        ids.set(url, new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id))));
        for (const ref of await collectRefs(page)) {
          if (!isInternal(ref.url)) continue;
          const key = withoutHash(ref.url);
          const hash = new URL(ref.url).hash;
          if (!refs.has(key)) refs.set(key, { from: relName(url), where: ref.where, hashes: new Map() });
          if (hash) refs.get(key).hashes.set(hash.slice(1), relName(url));
          if (isHtmlUrl(key) && !seen.has(key) && seen.size < MAX_PAGES) {
            seen.add(key);
            queue.push(key);
          }
        }
      }
      if (width === 320) await checkOverflow(page, label);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await runAxe(page, `${label} ${scheme}`);
        if (opts.screenshots && shoot.has(url)) {
          const name = `${relName(url).replace(/[^\p{L}\p{N}]+/gu, "_").slice(0, 40)}-${width}-${scheme}.png`;
          await page.screenshot({ path: path.join(opts.screenshots, name), fullPage: true });
        }
      }
      await page.emulateMedia({ colorScheme: "light" });
      await checkSkipLink(page, label);
    } finally {
      await page.close();
    }
  };

  // Screenshots (--screenshots), besides the fixed set below: the search page.
  const shoot = new Set([HOME + "search/"]);
  await drain(queue, JOBS, (url) => visit(url, WIDTHS[0], true));
  // For a person to look at: the home page, an article and a tag page at a phone's width
  // (390px) and a desktop's (1280px), light and dark.
  if (opts.screenshots) {
    const views = [
      ["home", HOME],
      ["article", pages.filter(isArticle).sort()[0]],
      ["tag", pages.filter(isTag).sort()[0]],
    ];
    for (const [name, url] of views) {
      if (!url) {
        fail("screenshots", `no ${name} page found to photograph`);
        continue;
      }
      for (const width of SCREENSHOT_WIDTHS) {
        const context = await browser.newContext({ ...contextOptions, viewport: { width, height: 900 } });
        const page = await context.newPage();
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(url, { waitUntil: "load" });
          await page.screenshot({ path: path.join(opts.screenshots, `${name}-${width}-${scheme}.png`), fullPage: true });
          screenshotsTaken++;
        }
        await context.close();
      }
    }
  }
  // Pages no link reaches (404.html at least) are checked too.
  const orphans = files.filter((u) => !seen.has(u)).slice(0, Math.max(0, MAX_PAGES - pages.length));
  for (const url of orphans) seen.add(url);
  const reached = pages.length;
  await drain([...orphans], JOBS, (url) => visit(url, WIDTHS[0], true));
  await drain([...pages], JOBS, (url) => visit(url, WIDTHS[1], false));
  pages.sort();

  // Links: every internal URL must answer 200 (not a redirect), and every #fragment must name
  // an element of the target page. Feeds, the sitemap, robots.txt and the search index are
  // read for the URLs they hold, and those are checked as well.
  const extra = [HOME + "sitemap.xml", HOME + "robots.txt", HOME + "atom.xml", HOME + "search/index.json", HOME + ".nojekyll"];
  for (const u of extra) if (!refs.has(u)) refs.set(u, { from: "(site files)", where: "expected file", hashes: new Map() });
  const checked = new Set();
  let linksChecked = 0;
  const pending = [...refs.keys()];
  while (pending.length) {
    const url = pending.shift();
    if (checked.has(url)) continue;
    checked.add(url);
    const ref = refs.get(url);
    linksChecked++;
    const res = await fetch(url, { redirect: "manual" });
    const body = await res.text();
    if (res.status !== 200) {
      fail("broken links", `${ref.from}: ${ref.where} ${decodeURI(url)} answered ${res.status}`);
      continue;
    }
    const more = [];
    const p = new URL(url).pathname;
    if (p.endsWith(".xml")) {
      for (const m of body.matchAll(/<loc>([^<]+)<\/loc>|<link\b[^>]*\bhref="([^"]+)"/g)) more.push([m[1] || m[2], "xml link"]);
      const problem = xmlProblem(body);
      if (problem) fail("broken links", `${decodeURI(url)} is not well-formed XML: ${problem}`);
    } else if (p.endsWith("robots.txt")) {
      for (const m of body.matchAll(/^Sitemap:\s*(\S+)/gim)) more.push([m[1], "robots.txt Sitemap"]);
    } else if (p.endsWith(".json")) {
      const index = JSON.parse(body);
      const at = index.fields.indexOf("path");
      for (const r of index.docs) more.push([(index.base || BASE) + encodeURI(r[at]), "search index"]);
    } else if (p.endsWith(".css")) {
      for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) more.push([m[1], "css url()"]);
    }
    for (const [raw, where] of more) {
      let abs;
      try {
        abs = new URL(raw.replaceAll("&amp;", "&"), url).href;
      } catch {
        fail("broken links", `${decodeURI(url)}: unparseable URL ${raw}`);
        continue;
      }
      if (abs.startsWith("data:")) continue;
      if (!isInternal(abs)) {
        // Feeds and the sitemap must point at the site itself, not elsewhere.
        if (where !== "xml link") fail("broken links", `${decodeURI(url)}: ${where} points off the site: ${abs}`);
        continue;
      }
      const key = withoutHash(abs);
      if (!refs.has(key)) refs.set(key, { from: relName(url), where, hashes: new Map() });
      if (!checked.has(key)) pending.push(key);
    }
  }
  for (const [url, ref] of refs) {
    if (!ids.has(url)) continue;
    for (const [hash, from] of ref.hashes) {
      if (!ids.get(url).has(decodeURIComponent(hash))) fail("broken links", `${from}: #${hash} names no element on ${relName(url)}`);
    }
  }
  // HTML pages a link reaches but the crawl did not (beyond the cap) are still fetched above.

  // html-validate: each page's HTML as served.
  const config = JSON.parse(fs.readFileSync(path.join(here, ".htmlvalidate.json"), "utf8"));
  const validator = new HtmlValidate(config);
  let htmlWarnings = 0;
  for (const url of pages) {
    const found = resolveFile(new URL(url).pathname);
    const report = await validator.validateString(fs.readFileSync(found.file, "utf8"), found.file);
    for (const r of report.results)
      for (const m of r.messages) {
        if (m.severity === 2) fail("html-validate errors", `${relName(url)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
        else htmlWarnings++;
      }
  }

  const searchSummary = await checkSearch(browser, contextOptions);
  const contrastLines = await measureContrast(browser, contextOptions);

  // Size: the largest article page with the stylesheet it loads.
  const gzipped = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const cssFile = path.join(ROOT, "style.css");
  const css = fs.statSync(cssFile).size;
  let largest = { bytes: 0, name: "", file: "" };
  for (const url of pages) {
    if (!isArticle(url)) continue;
    const file = resolveFile(new URL(url).pathname).file;
    const bytes = fs.statSync(file).size;
    if (bytes > largest.bytes) largest = { bytes, name: relName(url), file };
  }
  const largestGz = largest.file ? gzipped(largest.file) + gzipped(cssFile) : 0;

  await browser.close();
  server.close();

  const n = (kind) => failures[kind].length;
  const total = Object.values(failures).reduce((a, f) => a + f.length, 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    [
      `axe: ${axeRuns} runs (${AXE_TAGS.join(", ")}); needs review (not failures): ${[...axeIncomplete].map(([id, n]) => `${id} ${n}`).join(", ") || "none"}`,
      `pages: ${reached} reached by links from the home page, ${pages.length - reached} more from the output folder (${orphans.map(relName).join(", ") || "none"})`,
      `html-validate: ${pages.length} pages, ${htmlWarnings} warnings`,
      `screenshots: ${screenshotsTaken} (home, an article and a tag page at ${SCREENSHOT_WIDTHS.join("px and ")}px, light and dark)${opts.screenshots ? ` in ${opts.screenshots}` : ", not asked for"}`,
      `links: ${linksChecked} internal URLs checked`,
      ...contrastLines.map((l) => `contrast ${l}`),
      `search: "${KOREAN_WORD}" ${searchSummary[KOREAN_WORD]} result(s), "${ENGLISH_WORD}" ${searchSummary[ENGLISH_WORD]} result(s); no-JS notice: "${searchSummary.noscript}"`,
    ].join("\n"),
  );
  console.log(
    `SUMMARY ${total === 0 ? "PASS" : "FAIL"}: ${pages.length} pages checked at ${WIDTHS.join("px and ")}px, light and dark; ` +
      `axe violations ${n("axe violations")} (${axeNodes} elements), html-validate errors ${n("html-validate errors")}, ` +
      `broken links ${n("broken links")}, foreign requests ${n("foreign requests")}, ` +
      `horizontal scroll at 320px ${n("horizontal scroll at 320px")}, h1 problems ${n("h1 count")}, ` +
      `skip link problems ${n("skip link")}, focus contrast problems ${n("focus contrast")}, page errors ${n("page errors")}, search problems ${n("search") + n("no-JS notice")}; ` +
      `largest article page ${largest.bytes} B + ${css} B CSS = ${largest.bytes + css} B, ${largestGz} B gzipped (${largest.name}); ${seconds} s`,
  );
  process.exit(total === 0 ? 0 : 1);
}

/** A strict enough well-formedness check for the feeds and the sitemap: balanced tags. */
function xmlProblem(xml) {
  const stack = [];
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]);
    else if (stack.pop() !== m[2]) return `</${m[2]}> does not close the open element`;
  }
  if (stack.length) return `<${stack.at(-1)}> is never closed`;
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body)) return "a bare & outside an entity";
  return null;
}

const watchdog = setTimeout(() => {
  console.error("FAIL: the browser test took longer than 15 minutes");
  process.exit(1);
}, Number(process.env.BROWSER_TEST_TIMEOUT || 900) * 1000);
watchdog.unref();

main().catch((e) => {
  console.error("FAIL:", e);
  process.exit(1);
});
