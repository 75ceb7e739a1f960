// The site in a real browser (Debian's chromium driven by
// playwright-core): search for バックアップ from the home page and find
// III.2.3.1, follow the result to the control page, follow a control
// link from a section page, navigate without JavaScript, keep phone
// widths free of sideways scrolling, and run axe-core on the main kinds
// of page in light and dark mode (no serious or critical violations).
// Usage: node site_browser.mjs SITE_DIR
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const root = normalize(process.argv[2] ?? "");
if (!process.argv[2]) {
	console.error("usage: node site_browser.mjs SITE_DIR");
	process.exit(64);
}
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css",
	".js": "text/javascript", ".xml": "application/xml", ".pdf": "application/pdf" };

const server = createServer((req, res) => {
	const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
	let file = normalize(join(root, path));
	if (file.startsWith(root) && existsSync(file) && statSync(file).isDirectory())
		file = join(file, "index.html");
	if (!file.startsWith(root) || !existsSync(file)) {
		res.writeHead(404, { "content-type": types[".html"] });
		res.end(readFileSync(join(root, "404.html")));
		return;
	}
	res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
	res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

let failures = 0;
function check(ok, what) {
	console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
	if (!ok) failures++;
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu"],
});

try {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	const errors = [];
	page.on("pageerror", (e) => errors.push(String(e)));
	page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

	// search from the home page
	await page.goto(base + "index.html");
	check((await page.locator("h1").count()) === 1, "home page has one h1");
	await page.locator("#q").fill("バックアップ");
	const hit = page.locator('#search-results a[href$="controls/III-2-3-1.html"]');
	await hit.waitFor({ timeout: 5000 });
	check((await hit.textContent()).includes("Ⅲ.2.3.1"), "search for バックアップ lists Ⅲ.2.3.1");
	const all = await page.locator("#search-results li").count();
	check(all > 1, `search shows several results (${all})`);
	await hit.click();
	await page.waitForURL(/controls\/III-2-3-1\.html$/);
	check((await page.locator("h1").textContent()).includes("Ⅲ.2.3.1"),
		"the result opens the control page");

	// an ID query and the full result page
	await page.locator("#q").fill("Ⅲ.1.1");
	await page.locator('#search-results a[href$="controls/III-1-1-1.html"]').waitFor({ timeout: 5000 });
	check(true, "searching Ⅲ.1.1 lists Ⅲ.1.1.1");
	await page.goto(base + "search.html?q=" + encodeURIComponent("暗号"));
	await page.locator("main .search-list a").first().waitFor({ timeout: 5000 });
	check((await page.locator("#search-status").textContent()).includes("件"),
		"search.html?q= lists results");

	// from a section page to a control by its link, then back by anchor
	await page.goto(base + "sections/III-2.html");
	await page.locator('a.cid[href$="controls/III-2-2-1.html"]').click();
	await page.waitForURL(/controls\/III-2-2-1\.html$/);
	check(await page.locator('.toc a[aria-current="page"]').count() === 1,
		"the control page is marked current in the table of contents");
	await page.locator('.crumbs a[href*="sections/III-2.html#III-2-2"]').click();
	await page.waitForURL(/sections\/III-2\.html#III-2-2$/);
	check(await page.locator("#III-2-2-1").count() === 1,
		"the section page has an anchor for each control");
	check(errors.length === 0, `no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
	await ctx.close();

	// navigation without JavaScript
	const nojs = await browser.newContext({ javaScriptEnabled: false });
	const np = await nojs.newPage();
	await np.goto(base + "index.html");
	await np.locator('.toc a[href$="parts/III.html"]').click();
	await np.locator('main a[href$="sections/III-1.html"]').first().click();
	await np.locator('a[rel="next"]').click();
	check(/sections\/III-2\.html$/.test(np.url()), "table of contents and next link work without JavaScript");
	await nojs.close();

	// phone width: nothing wider than the screen but scrollable tables
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const pp = await phone.newPage();
	for (const path of ["index.html", "sections/III-2.html", "controls/III-1-1-1.html", "patterns/matrix.html"]) {
		await pp.goto(base + path);
		const [sw, iw] = await pp.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
		check(sw <= iw, `${path} fits a 390px phone (${sw} <= ${iw})`);
	}
	await phone.close();

	// accessibility: axe-core, light and dark
	const pages = ["index.html", "parts/III.html", "sections/I-5.html", "sections/II-2.html",
		"sections/III-2.html", "controls/III-1-1-1.html", "controls/II-2-2-1.html",
		"patterns/index.html", "patterns/matrix.html", "patterns/p1.html",
		"contents.html", "search.html?q=%E3%83%90%E3%83%83%E3%82%AF", "404.html"];
	for (const scheme of ["light", "dark"]) {
		const ac = await browser.newContext({ colorScheme: scheme });
		const ap = await ac.newPage();
		for (const path of pages) {
			await ap.goto(base + path);
			await ap.addScriptTag({ content: axeSource });
			const r = await ap.evaluate(() => axe.run(document, {
				runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
			}));
			if (scheme === "light") {
				// one h1, and no heading skips a level on the way down
				const levels = await ap.evaluate(() =>
					[...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => +h.tagName[1]));
				const skip = levels.findIndex((l, i) => i > 0 && l > levels[i - 1] + 1);
				check(levels.filter((l) => l === 1).length === 1 && levels[0] === 1 && skip < 0,
					`headings of ${path} in order (${levels.join(" ")})`);
			}
			const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
			check(bad.length === 0, `axe ${scheme} ${path}` + bad.map((v) =>
				`\n      ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0].target}`).join(""));
		}
		await ac.close();
	}
} finally {
	await browser.close();
	server.close();
}
console.log(failures === 0 ? "all browser checks passed" : `${failures} browser checks failed`);
process.exitCode = failures === 0 ? 0 : 1;
