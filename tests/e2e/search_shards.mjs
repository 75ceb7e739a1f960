// The search index in shards, as a reader meets it (Debian's chromium
// driven by playwright-core, the site opened from file://): every
// control is a document once, in ID order across the shards; a word
// finds every control whose text holds it, in whichever shard; an ID
// in the last shard is found; and with a shard missing (BROKEN_DIR),
// the search page says which file it could not load.
// Usage: node search_shards.mjs SITE_DIR EXPORT_JSON BROKEN_DIR
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { chromium } from "playwright-core";

const [site, exportFile, broken] = process.argv.slice(2).map((p) => p && resolve(p));
if (!broken) {
	console.error("usage: node search_shards.mjs SITE_DIR EXPORT_JSON BROKEN_DIR");
	process.exit(64);
}
let failures = 0;
function check(ok, what) {
	console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
	if (!ok) failures++;
}

// the index as files: the list, then each shard
const got = {};
const sandbox = {
	gpSearchIndex: (l) => { got.list = l; },
	gpSearchShard: (k, d) => { got[k] = d; },
};
vm.runInNewContext(readFileSync(join(site, "search-index.js"), "utf8"), sandbox);
const shards = got.list.shards;
shards.forEach((p) => vm.runInNewContext(readFileSync(join(site, p), "utf8"), sandbox));
check(shards.length >= 3, `the index is in ${shards.length} shards`);
const docs = shards.flatMap((p, k) => got[k].docs);
const controls = JSON.parse(readFileSync(exportFile, "utf8")).controls;
const slug = (id) => "controls/" + id.replaceAll(".", "-") + ".html";
const ctlDocs = docs.map((d) => d[0]).filter((p) => p.startsWith("controls/"));
check(JSON.stringify(ctlDocs) === JSON.stringify(controls.map((c) => slug(c.id))),
	`each of the ${controls.length} controls is one document, in ID order`);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
try {
	const page = await browser.newPage();
	const errors = [];
	page.on("pageerror", (e) => errors.push(String(e)));
	const url = pathToFileURL(join(site, "search.html")).href;

	const word = "バックアップ";
	await page.goto(url + "?q=" + encodeURIComponent(word));
	await page.locator("main .search-list a").first().waitFor({ timeout: 10000 });
	const hrefs = await page.locator("main .search-list a").evaluateAll(
		(as) => as.map((a) => a.getAttribute("href")));
	const want = controls.filter((c) =>
		(c.text + "\n" + (c.best_practices ?? "")).includes(word)).map((c) => slug(c.id));
	const missing = want.filter((p) => !hrefs.some((h) => h.endsWith(p)));
	check(want.length > 0 && missing.length === 0,
		`「${word}」 finds all ${want.length} controls that hold it` +
		(missing.length ? ` (missing ${missing.slice(0, 3).join(" ")})` : ""));
	const inShard = (k) => got[k].docs.map((d) => d[0]);
	const from = (k) => hrefs.some((h) => inShard(k).some((p) => h.endsWith(p)));
	check(from(0) && from(shards.length - 1),
		"its results come from the first shard and the last");

	const id = controls[controls.length - 1].display_id;
	await page.goto(url + "?q=" + encodeURIComponent(id));
	await page.locator(`main .search-list a[href$="${slug(controls[controls.length - 1].id)}"]`)
		.waitFor({ timeout: 10000 });
	check(true, `searching ${id} (the last shard) lists it`);

	const gone = shards[shards.length - 1];
	await page.goto(pathToFileURL(join(broken, "search.html")).href + "?q=" + encodeURIComponent(word));
	await page.locator("#search-status", { hasText: "読み込めませんでした" }).waitFor({ timeout: 10000 });
	const said = await page.locator("#search-status").textContent();
	check(said.includes(gone), `with ${gone} missing the search page says so: ${said}`);
	check(errors.length === 0, `no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
} finally {
	await browser.close();
}
process.exit(failures ? 1 : 0);
