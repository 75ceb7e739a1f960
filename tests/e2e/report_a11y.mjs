// The HTML report in a real browser (Debian's chromium driven by
// playwright-core): axe-core finds no serious or critical violation in
// light or dark mode, and at phone width only the tables scroll, not
// the page.  Usage: node report_a11y.mjs REPORT_DIR
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const dir = process.argv[2];
if (!dir) {
	console.error("usage: node report_a11y.mjs REPORT_DIR");
	process.exit(64);
}
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const url = "file://" + resolve(dir, "index.html");
const browser = await chromium.launch({
	executablePath: "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking"],
});
let failures = 0;
for (const scheme of ["light", "dark"]) {
	const page = await browser.newPage({ colorScheme: scheme });
	await page.goto(url);
	await page.addScriptTag({ content: axe });
	const found = await page.evaluate(async () =>
		(await window.axe.run()).violations
			.filter((v) => v.impact === "serious" || v.impact === "critical")
			.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`));
	for (const f of found) {
		console.log(`FAIL ${scheme}: ${f}`);
		failures++;
	}
	await page.close();
}
const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
await phone.goto(url);
const wide = await phone.evaluate(() =>
	document.documentElement.scrollWidth > window.innerWidth + 1);
if (wide) {
	console.log("FAIL the report scrolls sideways at 390 px");
	failures++;
}
await browser.close();
console.log(`report a11y: ${failures} failed`);
process.exit(failures ? 1 : 0);
