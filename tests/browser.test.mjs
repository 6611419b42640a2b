// The portal in a real browser: Debian's nginx serves a freshly built
// sample portal on 127.0.0.1, Debian's chromium (headless, driven by the
// npm package playwright-core, with every request outside 127.0.0.1
// blocked) navigates it, walks it with the keyboard, runs axe-core on it
// and takes screenshots; the Nu HTML Checker (npm vnu-jar, on Debian's
// Java) checks every HTML file.  Run by tests/browser.sh, which installs
// nothing: `make test-browser` installs the prerequisites.
//
// Prints TAP lines ("ok N - name" / "not ok N - name") for tests/run.
//
// Environment: DISCLOSE (the program), ROOT (the repository), WORK (an
// empty scratch directory the driver removes), NPM (build/npm), SHOTS
// (where the screenshots go).
//
// Adding a page to every check: add it to PAGES below; add its own
// behaviour as a section of its own (as the search has).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = process.env.ROOT;
const WORK = process.env.WORK;
const NPM = process.env.NPM || path.join(ROOT, 'build', 'npm');
const SHOTS = process.env.SHOTS || path.join(ROOT, 'build', 'screenshots');
let DISCLOSE = process.env.DISCLOSE || path.join(ROOT, 'build', 'disclose');
if (!path.isAbsolute(DISCLOSE)) DISCLOSE = path.join(ROOT, DISCLOSE);
const EPOCH = '1795564800'; // 2026-11-25, as in tests/testlib.py
const SNAPDATE = '2026-11-25';
const CHROMIUM = '/usr/bin/chromium';
const NGINX = '/usr/sbin/nginx';
const JAVA = '/usr/bin/java';
const AXE = path.join(NPM, 'node_modules', 'axe-core', 'axe.min.js');
const VNU = path.join(NPM, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const PLAYWRIGHT = path.join(NPM, 'node_modules', 'playwright-core');
const CJKFONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

// The sample's cases of each kind the checks need.
const CASE = 'CL-2023-001';          // a plain case, found through its year
const CORRECTED = 'CL-2022-003';     // a case with a correction (revisions)
const WITHDRAWN = 'CL-2024-012';     // a withdrawn case: a tombstone
const TABLE = 'CL-2024-001';         // a case whose body has a pipe table

// Every page the checks visit: name, path from the root, and whether the
// keyboard walk runs on it.  All paths end in a file or a slash the
// server maps to index.html.
const PAGES = [
  { name: 'home', path: '/', keys: true },
  { name: 'list', path: '/cases/', keys: true },
  { name: 'list-page-2', path: '/cases/page/2/' },
  { name: 'year', path: '/years/2023/' },
  { name: 'unit', path: '/units/fagai/' },
  { name: 'category', path: '/categories/gaige/' },
  { name: 'outcome', path: '/outcomes/exempted/' },
  { name: 'units', path: '/units/' },
  { name: 'case', path: `/cases/${CASE}/`, keys: true },
  { name: 'case-table', path: `/cases/${TABLE}/`, keys: true },
  { name: 'corrected', path: `/cases/${CORRECTED}/` },
  { name: 'withdrawn', path: `/cases/${WITHDRAWN}/` },
  { name: 'stats', path: '/stats/' },
  { name: 'oversight', path: '/oversight/', keys: true },
  { name: 'rules', path: '/rules/' },
  { name: 'rule', path: '/rules/1/' },
  { name: 'data', path: '/data/' },
  { name: '404', path: '/no/such/page/', status: 404 },
  { name: 'archive', path: '/snapshots/archive.html' },
  { name: 'map', path: '/map/' },
  { name: 'privacy', path: '/privacy/' },
  { name: 'search', path: '/search/', keys: true, ready: '#search-status:not(:empty)' },
  { name: 'search-results', path: '/search/?q=%E5%AE%B9%E9%94%99&unit=&year=',
    keys: true, ready: '#search-results li' },
];

let n = 0;
let failed = 0;
function ok(cond, name, detail) {
  n++;
  if (cond) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined && detail !== null) {
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 1);
      for (const line of text.split('\n').slice(0, 40)) console.log('#   ' + line);
    }
  }
  return !!cond;
}
function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

// Prerequisites: each one is a check, and without all of them the suite
// stops there, failed, saying what to do.
function prerequisites() {
  const need = [
    [DISCLOSE, 'the program under test'],
    [CHROMIUM, 'Debian package chromium'],
    [NGINX, 'Debian package nginx'],
    [JAVA, 'Debian package default-jre-headless'],
    [CJKFONT, 'Debian package fonts-noto-cjk'],
    [path.join(PLAYWRIGHT, 'package.json'), 'npm package playwright-core in build/npm'],
    [AXE, 'npm package axe-core in build/npm'],
    [VNU, 'npm package vnu-jar in build/npm'],
  ];
  let all = true;
  for (const [file, what] of need) {
    all = ok(fs.existsSync(file), `prerequisite: ${what} (${file})`,
      `${file} is missing: run \`make test-browser\` as root, which installs it`) && all;
  }
  return all;
}

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url, headers = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => resolve({ status: 0, error: String(e), body: '' }));
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

// The sample content, built for the address nginx serves it at (so that
// the absolute links of the 404 page lead back to this server), and one
// snapshot of it for the archive page.
function buildPortal(base) {
  const content = path.join(WORK, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const siteyaml = path.join(content, 'site.yaml');
  const yaml = fs.readFileSync(siteyaml, 'utf8');
  fs.writeFileSync(siteyaml, yaml.replace(/^base_url:.*$/m, `base_url: ${base}`));
  const env = { ...process.env, SOURCE_DATE_EPOCH: EPOCH };
  const site = path.join(WORK, 'site');
  let r = sh(DISCLOSE, ['build', '-C', content, '-t', path.join(ROOT, 'templates'),
    '-o', site], { env });
  if (!ok(r.status === 0, 'disclose builds the sample portal', r.stderr)) return null;
  const snaps = path.join(WORK, 'snapshots');
  r = sh(DISCLOSE, ['snapshot', '-C', content, '-t', path.join(ROOT, 'templates'),
    '-o', site, '-d', snaps], { env });
  ok(r.status === 0 && fs.existsSync(path.join(snaps, 'archive.html')),
    'disclose snapshot writes the archive page', r.stderr);
  return { site, snaps };
}

// nginx in the foreground, as a child of this process, with everything it
// writes in WORK; the driver kills it too if this process dies.
async function startNginx(site, snaps, port) {
  const dir = path.join(WORK, 'nginx');
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  // The server block README.md gives for publishing, as it is there, on
  // this address and this tree; the snapshots beside it.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = (readme.match(/## Publishing[\s\S]*?```nginx\n([\s\S]*?)```/) || [])[1];
  ok(block && /Content-Security-Policy/.test(block), 'README.md gives an nginx server block with a '
    + 'Content-Security-Policy');
  if (!block) return null;
  const server = block
    .replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^\s*root \S+;$/m, `    root ${site};`)
    .replace(/\}\s*$/, `    location /snapshots/ { alias ${snaps}/; }\n}\n`);
  fs.writeFileSync(conf, `daemon off;
user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  charset utf-8;
  access_log off;
  client_body_temp_path ${dir}/client;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`);
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}/`;  // localhost may be ::1 for node
  let r = { status: 0 };
  for (let i = 0; i < 100 && !exited; i++) {
    r = await get(url);
    if (r.status === 200) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const log = fs.existsSync(path.join(dir, 'error.log'))
    ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
  ok(r.status === 200, `nginx serves the portal on ${url}`, stderr + log + (r.error || ''));
  return child;
}

function stopNginx(child) {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

// The keyboard walk: Tab from the top of the page until focus leaves it.
// Every visible link and control must be reached once, each with a focus
// style that differs from its look without focus.
async function keyboardWalk(page) {
  await page.evaluate(() => {
    const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
      + 'summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
    const all = [...document.querySelectorAll(sel)].filter((el) => {
      if (el.disabled || el.getAttribute('tabindex') === '-1') return false;
      const cs = getComputedStyle(el);
      return el.getClientRects().length > 0 && cs.visibility !== 'hidden';
    });
    const look = (el) => {
      const cs = getComputedStyle(el);
      return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow,
        cs.backgroundColor, cs.color, cs.textDecorationLine, cs.borderColor].join('|');
    };
    if (document.activeElement) document.activeElement.blur();
    window.__walk = { all, before: all.map(look), look };
  });
  const count = await page.evaluate(() => window.__walk.all.length);
  const reached = new Map();
  const problems = [];
  for (let i = 0; i < count + 3; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const w = window.__walk;
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { out: true };
      const k = w.all.indexOf(el);
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow !== 'none';
      const rect = el.getBoundingClientRect();
      return {
        k, what: el.outerHTML.slice(0, 120),
        visible: (outline || shadow) && w.look(el) !== w.before[k],
        onscreen: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth,
      };
    });
    if (r.out) break;
    if (r.k < 0) { problems.push(`focus on an element not counted: ${r.what}`); continue; }
    if (reached.has(r.k)) break;
    reached.set(r.k, r);
    if (!r.visible) problems.push(`no visible focus: ${r.what}`);
    if (!r.onscreen) problems.push(`focused but off screen: ${r.what}`);
  }
  const missed = await page.evaluate((seen) => window.__walk.all
    .filter((_, k) => !seen.includes(k)).map((el) => el.outerHTML.slice(0, 120)), [...reached.keys()]);
  return { count, reached: reached.size, problems, missed };
}

async function main() {
  if (!prerequisites()) return;
  const require = createRequire(import.meta.url);
  const { chromium } = require(PLAYWRIGHT);
  const port = await freePort();
  // The portal's address names the host, not 127.0.0.1: the audit would
  // read 127.0.0.1 and a port as one long number.  Chromium maps it.
  const origin = `http://localhost:${port}`;
  const built = buildPortal(origin + '/');
  if (failed) return;
  const { site, snaps } = built;

  const nginx = await startNginx(site, snaps, port);
  const killer = () => stopNginx(nginx);
  process.on('exit', killer);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => { killer(); process.exit(1); });
  }
  let browser;
  try {
    if (failed) return;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
        '--disable-default-apps', '--disable-sync', '--no-first-run', '--no-pings',
        '--disable-domain-reliability', '--disable-breakpad',
        '--host-resolver-rules=MAP localhost 127.0.0.1'],
    });
    await checks(browser, origin, site);
  } catch (e) {
    ok(false, 'the browser checks run to their end', e && e.stack ? e.stack : String(e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    stopNginx(nginx);
  }
}

async function newContext(browser, width, blocked) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
  ctx.setDefaultTimeout(10000);
  // No network: only the portal's server, and local files, answer.
  await ctx.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'file:'
      || (['127.0.0.1', 'localhost'].includes(u.hostname) && /^https?:$/.test(u.protocol))) {
      return route.continue();
    }
    blocked.push(u.href);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

// A key, then time for any navigation it starts to end.
async function pressSettled(page, key) {
  await page.keyboard.press(key);
  await page.waitForTimeout(300);
  await page.waitForLoadState('load');
}

// Every console message about the Content-Security-Policy, on every page.
const cspViolations = [];
function watchCsp(page) {
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) {
      cspViolations.push(`${page.url()}: ${m.text()}`);
    }
  });
  return page;
}

async function checks(browser, origin, site) {
  const blocked = [];
  const ctx = await newContext(browser, 1280, blocked);
  const page = watchCsp(await ctx.newPage());
  const axe = fs.readFileSync(AXE, 'utf8');

  // Navigation: home -> a year -> a case -> its feed, by clicking links.
  let res = await page.goto(origin + '/');
  ok(res.status() === 200 && /容错纠错/.test(await page.locator('h1').innerText()),
    'the home page answers 200 with the portal\'s title in its h1');
  await page.locator('a[href$="years/index.html"]').first().click();
  ok(/\/years\/index\.html$/.test(page.url()) && (await page.locator('h1').innerText()).length > 0,
    'home -> the list of years', page.url());
  await page.locator('main a[href$="years/2023/index.html"]').first().click();
  const yearH1 = await page.locator('h1').innerText();
  ok(/\/years\/2023\/index\.html$/.test(page.url()) && yearH1.includes('2023'),
    'the years -> the year 2023, its h1 naming the year', `${page.url()}: ${yearH1}`);
  const card = page.locator(`li.row[data-case="${CASE}"] a.title`).first();
  const cardTitle = (await card.innerText()).trim();
  await card.click();
  const caseH1 = (await page.locator('h1').innerText()).trim();
  ok(page.url().endsWith(`/cases/${CASE}/index.html`) && caseH1 === cardTitle
    && await page.locator(`html[data-case="${CASE}"]`).count() === 1,
    `the year -> case ${CASE}, whose h1 is the row's title`, `${page.url()}: ${caseH1} / ${cardTitle}`);
  const feedLink = page.locator('a[href$="feed.xml"]').first();
  const feedHref = await feedLink.getAttribute('href');
  const feedUrl = new URL(feedHref, page.url()).href;
  const feed = await get(feedUrl.replace('//localhost:', '//127.0.0.1:'));
  ok(feed.status === 200 && /xml/.test(feed.headers['content-type'] || '')
    && /^<\?xml/.test(feed.body) && /<rss[\s>]/.test(feed.body)
    && feed.body.includes(`/cases/${CASE}/`),
    `the case's feed link (${await feedLink.innerText()}: ${feedHref}) answers 200 with an RSS `
    + 'document that has the case',
    `${feed.status} ${feed.headers && feed.headers['content-type']}\n${feed.body.slice(0, 300)}`);

  await searchChecks(browser, page, origin, site, blocked);

  await largeChecks(browser, page, origin, blocked);
  await statsChecks(browser, origin, blocked);

  // Served with README's block: the headers it promises.
  const base = origin.replace('//localhost:', '//127.0.0.1:');
  const heads = {};
  for (const [rel, type] of [['/', 'text/html; charset=utf-8'], ['/style.css', 'text/css; charset=utf-8'],
    ['/search/search.js', 'text/javascript; charset=utf-8'], ['/feed.xml', 'application/xml; charset=utf-8'],
    ['/data/cases.json', 'application/json; charset=utf-8'], ['/feeds.opml', 'text/x-opml; charset=utf-8'],
    ['/data/cases.csv', 'text/csv; charset=utf-8']]) {
    const h = (await get(base + rel, { 'accept-encoding': 'gzip' })).headers || {};
    heads[rel] = h;
    ok(h['content-type'] === type, `${rel} is served as ${type}`, h['content-type']);
  }
  const h = heads['/'];
  ok(/script-src 'self'/.test(h['content-security-policy'] || '')
    && !/unsafe-inline/.test(h['content-security-policy'] || '')
    && h['x-content-type-options'] === 'nosniff' && h['content-encoding'] === 'gzip'
    && /max-age=600/.test(h['cache-control'] || ''),
  'pages come with the Content-Security-Policy (no unsafe-inline), nosniff, gzip and a cache lifetime', h);

  // The 404 page, at depth: its skip link stays on the page, its links
  // lead to the portal's pages.
  res = await page.goto(origin + '/no/such/page/');
  ok(res.status() === 404 && (await page.locator('h1').innerText()).includes('页面不存在'),
    'a missing page at depth answers 404 with the 404 page');
  ok(await page.evaluate(() => [...document.styleSheets].some((s) => {
    try { return s.cssRules.length > 10; } catch { return false; }
  })), 'the 404 page at depth has its style');
  await pressSettled(page, 'Tab');
  await pressSettled(page, 'Enter');
  ok(page.url() === origin + '/no/such/page/#main'
    && await page.evaluate(() => document.activeElement?.closest('main') !== null
      || location.hash === '#main'),
  'the 404 page\'s skip link (Tab, Enter) stays on the page and goes to #main', page.url());
  await page.locator('main a').first().click();
  ok(page.url() === origin + '/index.html' && /容错纠错/.test(await page.locator('h1').innerText()),
    'the 404 page\'s first link, from depth, leads to the home page', page.url());
  await page.goto(origin + '/no/such/page/');
  await page.locator('main a').nth(1).click();
  await page.waitForLoadState('load');
  await page.waitForSelector('li.row', { timeout: 5000 }).catch(() => {});
  ok(page.url() === origin + '/cases/index.html' && await page.locator('li.row').count() > 0,
    'its second link leads to the list of cases', page.url());
  // And from file://: the skip link stays on the file.
  const file = 'file://' + path.join(site, '404.html');
  await page.goto(file);
  await pressSettled(page, 'Tab');
  await pressSettled(page, 'Enter');
  ok(page.url() === file + '#main', 'from file://, the 404 page\'s skip link stays on the page',
    page.url());
  const fileLinks = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
    .map((a) => a.href));
  ok(fileLinks.length > 0 && fileLinks.every((h) => h.startsWith(origin + '/') || h.startsWith(file)),
    'from file://, every link of the 404 page leads to the portal or to the page itself',
    fileLinks.filter((h) => !h.startsWith(origin + '/') && !h.startsWith(file)));

  // Each page: axe-core, no sideways scrolling at 320 px, screenshots.
  const narrow = await newContext(browser, 320, blocked);
  const npage = watchCsp(await narrow.newPage());
  const phone = await newContext(browser, 375, blocked);
  const ppage = watchCsp(await phone.newPage());
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const p of PAGES) {
    const url = origin + p.path;
    res = await page.goto(url);
    const status = res ? res.status() : 0;
    const h1 = await page.locator('h1').count();
    if (p.ready) await page.waitForSelector(p.ready);
    ok(status === (p.status || 200) && h1 === 1,
      `${p.name} (${p.path}) answers ${p.status || 200} with one h1`, `status ${status}, ${h1} h1`);
    // Through the DevTools protocol: the CSP forbids an inline script.
    await page.evaluate(axe);
    const axeResult = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((x) => x.target.join(' ') + ': ' + x.failureSummary) }));
    });
    const byImpact = {};
    for (const v of axeResult) byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
    ok(axeResult.length === 0, `axe-core: ${p.name} has 0 violations of any impact`
      + ` (${Object.entries(byImpact).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'})`, axeResult);
    await page.screenshot({ path: path.join(SHOTS, `${p.name}-1280.png`), fullPage: true });

    await npage.goto(url);
    if (p.ready) await npage.waitForSelector(p.ready);
    const scroll = await npage.evaluate(() => {
      const s = document.scrollingElement;
      return { sw: s.scrollWidth, cw: s.clientWidth };
    });
    ok(scroll.sw <= scroll.cw, `${p.name} does not scroll sideways at 320 px`
      + ` (scrollWidth ${scroll.sw}, clientWidth ${scroll.cw})`);

    await ppage.goto(url);
    if (p.ready) await ppage.waitForSelector(p.ready);
    await ppage.screenshot({ path: path.join(SHOTS, `${p.name}-375.png`), fullPage: true });

    if (p.keys) {
      await page.goto(url);
      if (p.ready) await page.waitForSelector(p.ready);
      const w = await keyboardWalk(page);
      ok(w.count > 0 && w.reached === w.count && w.problems.length === 0,
        `keyboard: Tab alone reaches all ${w.count} links and controls of ${p.name}`
        + `, each with a visible focus (reached ${w.reached})`,
        [...w.problems, ...w.missed.map((m) => `not reached: ${m}`)].join('\n'));
    }
  }
  const shots = fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png'));
  ok(PAGES.every((p) => shots.includes(`${p.name}-375.png`) && shots.includes(`${p.name}-1280.png`)),
    `screenshots at 375 and 1280 px of the ${PAGES.length} pages are in ${SHOTS}`);
  ok(blocked.length === 0, 'no page asked for anything outside 127.0.0.1', [...new Set(blocked)]);
  ok(cspViolations.length === 0, 'no page, search included, broke the Content-Security-Policy',
    cspViolations.slice(0, 10));
  await narrow.close();
  await phone.close();
  await ctx.close();

  // The Nu HTML Checker on every HTML file of the portal.
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.html')) files.push(f);
    }
  };
  walk(site);
  files.push(path.join(WORK, 'snapshots', 'archive.html'));
  const v = sh(JAVA, ['-jar', VNU, '--errors-only', '--format', 'json', ...files]);
  let messages = null;
  try { messages = JSON.parse(v.stderr || v.stdout).messages; } catch { messages = null; }
  const errors = (messages || []).filter((m) => m.type === 'error' || m.type === 'non-document-error');
  ok(messages !== null && errors.length === 0,
    `the Nu HTML Checker finds 0 errors in the ${files.length} HTML files (found ${messages ? errors.length : '?'})`,
    messages === null ? (v.stderr || v.stdout || String(v.error)).slice(0, 2000)
      : errors.slice(0, 20).map((m) => `${m.url.replace('file:' + WORK, '')}:${m.lastLine}: ${m.message}`).join('\n'));
}

// The search page: a phrase of a case's body, a unit, both, nothing;
// the query in the address; from file://; without JavaScript.
async function searchChecks(browser, page, origin, site, blocked) {
  // A phrase of eight characters from the middle of a paragraph of the
  // case's body, as the reader sees it.
  await page.goto(`${origin}/cases/${CASE}/`);
  const paras = await page.locator('main p').allInnerTexts();
  const para = paras.map((t) => t.replace(/\s+/g, ''))
    .filter((t) => /^[\u4e00-\u9fff]{12}/.test(t.slice(4))).sort((a, b) => b.length - a.length)[0] || '';
  const phrase = para.slice(4, 12);
  const unit = (await page.locator('dd').allInnerTexts()).map((t) => t.trim())
    .find((t) => t.endsWith('局') || t.endsWith('政府')) || '';
  ok(phrase.length === 8 && unit !== '', `a phrase of the case's body (${phrase}) and its unit (${unit})`);

  const results = async () => page.evaluate(() => [...document.querySelectorAll('#search-results li')]
    .map((li) => ({ href: li.querySelector('a').getAttribute('href'), text: li.innerText,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent) })));
  const status = async () => (await page.locator('#search-status').innerText()).trim();
  const search = async (q, filters = {}) => {
    await page.goto(`${origin}/search/`);
    await page.waitForSelector('#search:not([hidden])');
    await page.fill('#q', q);
    for (const [k, v] of Object.entries(filters)) await page.selectOption(`#f-${k}`, v);
    await Promise.all([page.waitForNavigation(), page.click('#search button[type=submit]')]);
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && !/正在检索/.test(s);
    });
  };

  await search(phrase);
  let r = await results();
  const mine = r.find((x) => x.href.includes(`/cases/${CASE}/`));
  ok(mine && mine.marks.join('').includes(phrase),
    `search: the phrase ${phrase} of its body finds ${CASE}, the phrase highlighted`, r.slice(0, 3));
  const u = new URL(page.url());
  ok(u.pathname === '/search/index.html' && u.searchParams.get('q') === phrase,
    'search: the query is in the address', page.url());
  const shared = page.url();
  await page.goto(shared);
  await page.waitForSelector('#search-results li');
  ok((await results()).length === r.length && (await page.inputValue('#q')) === phrase,
    'search: the address opened again gives the same results and query', page.url());

  // By the unit alone: every case of the unit, as its unit page counts.
  await search('', { unit });
  const count = parseInt((await status()).replace(/[^0-9]/g, ''), 10);
  const shown = [];
  for (;;) {
    r = await results();
    if (!(await page.locator('#search-more').isVisible())) break;
    await page.click('#search-more');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, r.length);
  }
  shown.push(...r);
  await page.goto(`${origin}/units/`);
  const row = page.locator('table.terms tr', { hasText: unit });
  const expected = parseInt(await row.locator('td').first().innerText(), 10);
  ok(count === expected && shown.length === expected && shown.every((x) => x.text.includes(unit)),
    `search: the unit filter (${unit}) finds its ${expected} cases, each of the unit`,
    { count, shown: shown.length, expected });

  // Both: the phrase within the unit; and within another unit, nothing.
  await search(phrase, { unit });
  r = await results();
  ok(r.some((x) => x.href.includes(`/cases/${CASE}/`)) && r.every((x) => x.text.includes(unit)),
    'search: the phrase and the unit together find the case', r.slice(0, 3));
  const units = await page.locator('#f-unit option').evaluateAll((os) => os.map((o) => o.value));
  const other = units.find((v) => v !== '' && v !== unit);
  await search(phrase, { unit: other });
  ok((await results()).every((x) => !x.href.includes(`/cases/${CASE}/`)),
    `search: the phrase within another unit (${other}) does not find the case`);
  const counted = await page.locator('#f-unit option', { hasText: unit }).innerText();
  ok(/（[1-9][0-9]*）/.test(counted), `search: the unit's option counts its cases for the query (${counted})`);

  // Folded as the index is: a case id in lower case, or in full-width
  // characters, finds the case; so does one character of its title.
  const full = CASE.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  for (const q of [CASE.toLowerCase(), full]) {
    await search(q);
    r = await results();
    ok(r.length > 0 && r[0].href.includes(`/cases/${CASE}/`),
      `search: ${q} finds ${CASE} first`, r.slice(0, 3));
  }
  await page.goto(`${origin}/cases/${CASE}/`);
  const one = [...(await page.locator('h1').innerText()).trim()][0];
  await search(one);
  r = await results();
  ok(r.length > 0 && r[0].marks.some((m) => m.includes(one)),
    `search: one character (${one}) finds the cases that hold it, a title hit first, marked`,
    r.slice(0, 3));

  // Nothing found, said plainly, with the sections to browse.
  await search('龘靐齉');
  ok((await results()).length === 0 && /没有找到/.test(await status())
    && await page.locator('.browse a[href$="units/index.html"]').count() === 1,
  'search: a query that matches nothing says so and offers the sections to browse', await status());

  // From file://: the index loads through script elements.
  const file = 'file://' + path.join(site, 'search', 'index.html');
  await page.goto(`${file}?q=${encodeURIComponent(phrase)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && !/正在检索/.test(s);
  });
  r = await results();
  ok(r.some((x) => x.href.includes(`cases/${CASE}/`)), 'search: from file:// too, the phrase finds the case',
    await status());

  // Without JavaScript: the page says so and offers the sections.
  const nojs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const np = await nojs.newPage();
  await np.goto(`${origin}/search/`);
  const noscript = await np.evaluate(() => document.querySelector('noscript') !== null
    && getComputedStyle(document.getElementById('search')).display === 'none');
  const links = await np.locator('.browse a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const text = await np.locator('main').innerText();
  ok(noscript && /JavaScript/.test(text) && ['years', 'units', 'categories', 'outcomes']
    .every((t) => links.some((h) => h.includes(`${t}/index.html`))),
  'search without JavaScript: the page says so, hides the form and links the year/unit/category/outcome pages',
  { noscript, links });
  await nojs.close();
}

// Large type (大字版): the switch, kept from page to page; without
// JavaScript the page says to zoom; and the layout holds with text at 200%
// and with the switch on at 320 px (a 1280 px window at 400% zoom).
async function largeChecks(browser, page, origin, blocked) {
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.goto(`${origin}/`);
  const button = page.locator('#large');
  const before = await size();
  ok(await button.isVisible() && await button.getAttribute('aria-pressed') === 'false',
    'large type: the switch shows, not pressed');
  await button.click();
  const after = await size();
  ok(after >= 1.4 * before && await button.getAttribute('aria-pressed') === 'true'
    && await page.evaluate(() => document.documentElement.classList.contains('large')),
  `large type: pressed, the text grows (${before} px to ${after} px)`);
  await page.goto(`${origin}/cases/${CASE}/`);
  ok(await size() === after && await page.locator('#large').getAttribute('aria-pressed') === 'true',
    'large type: the choice holds on the next page');
  await page.locator('#large').click();
  await page.goto(`${origin}/`);
  ok(await size() === before, 'large type: switched off, it stays off');

  const nojs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  const np = await nojs.newPage();
  await np.goto(`${origin}/`);
  ok(!(await np.locator('#large').isVisible()) && /缩放/.test(await np.locator('.masthead').innerText()),
    'large type without JavaScript: no switch, the page says to use the browser\'s zoom');
  await nojs.close();

  const holds = [];
  for (const [width, how] of [[375, 'text at 200%'], [320, 'large type at 320 px']]) {
    const ctx = await newContext(browser, width, blocked);
    const p = await ctx.newPage();
    for (const rel of ['/', '/cases/', '/years/2023/', `/cases/${CASE}/`, '/stats/', '/search/', '/units/']) {
      await p.goto(origin + rel);
      await p.evaluate((h) => {
        if (h === 'text at 200%') document.documentElement.style.fontSize = '200%';
        else document.documentElement.classList.add('large');
      }, how);
      const r = await p.evaluate(() => ({ sw: document.scrollingElement.scrollWidth,
        cw: document.scrollingElement.clientWidth }));
      if (r.sw > r.cw) holds.push(`${how}: ${rel} scrolls sideways (${r.sw} > ${r.cw})`);
    }
    await ctx.close();
  }
  ok(holds.length === 0, 'the layout holds with text at 200% (375 px) and with large type at '
    + '320 px: no page scrolls sideways', holds);
}

// The statistics on a phone (375 px) and on a desktop (1280 px): every
// chart spans the content's width, its bars the rest of a row (on a phone
// the whole width, under their names), and its names, counts and ticks
// are at least 12 px, as the page's other text.
async function statsChecks(browser, origin, blocked) {
  for (const width of [375, 1280]) {
    const ctx = await newContext(browser, width, blocked);
    const p = await ctx.newPage();
    await p.goto(`${origin}/stats/`);
    const m = await p.evaluate(() => {
      const main = document.querySelector('main');
      const cs = getComputedStyle(main);
      const content = main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const charts = [...document.querySelectorAll('.chart')];
      const small = [];
      for (const el of document.querySelectorAll('.chart .name, .chart .n, .chart text')) {
        const size = parseFloat(getComputedStyle(el).fontSize);
        const box = el.getBoundingClientRect();
        // The rendered size: an SVG's text would shrink with a viewBox.
        const h = el.tagName === 'text' ? box.height : size;
        if ((el.textContent.trim() && (size < 12 || h < 12)))
          small.push(`${el.textContent.trim()}: ${size} px (${box.height.toFixed(1)} px high)`);
      }
      const bars = [...document.querySelectorAll('.chart .bar svg')].map((svg) =>
        svg.getBoundingClientRect().width / svg.closest('.chart').getBoundingClientRect().width);
      return {
        content, small, bars,
        widths: charts.map((c) => c.getBoundingClientRect().width),
        viewBox: document.querySelectorAll('.chart svg[viewBox]').length,
        names: charts.reduce((k, c) => k + c.querySelectorAll('.name').length, 0),
      };
    });
    ok(m.widths.length === 4 && m.widths.every((w) => w >= 0.98 * m.content && w <= m.content + 1),
      `statistics at ${width} px: the ${m.widths.length} charts span the content's width (${m.content} px)`,
      m.widths);
    const least = Math.min(...m.bars);
    ok(m.bars.length > 0 && least >= (width < 640 ? 0.75 : 0.4) && m.viewBox === 0,
      `statistics at ${width} px: each bar spans ${width < 640 ? 'three quarters' : '40%'} of its `
      + `chart or more (the least ${(100 * least).toFixed(0)}%), no viewBox scales a chart`, m);
    ok(m.names > 0 && m.small.length === 0,
      `statistics at ${width} px: the charts' names, counts and ticks are 12 px or larger`, m.small);
    await ctx.close();
  }
}

const t0 = Date.now();
main().catch((e) => ok(false, 'the browser suite runs', e && e.stack ? e.stack : String(e)))
  .finally(() => {
    console.log(`# browser suite: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    done();
  });
