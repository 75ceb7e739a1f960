// Link checker for the published site: every internal href and src of
// every page must name a file of the site, and every #fragment an id on
// the page it points to.  Usage: node site_links.mjs SITE_DIR
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative, normalize, sep } from "node:path";

const root = process.argv[2];
if (!root) {
	console.error("usage: node site_links.mjs SITE_DIR");
	process.exit(64);
}

function walk(dir) {
	return readdirSync(dir).sort().flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

// Attribute values as the serialiser writes them: name="…" or name='…'.
function attrs(html, name) {
	const re = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, "g");
	return [...html.matchAll(re)].map((m) => decode(m[1] ?? m[2]));
}

function decode(s) {
	return s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}

const pages = walk(root).filter((p) => p.endsWith(".html"));
const ids = new Map();
const html = new Map();
for (const p of pages) {
	const text = readFileSync(p, "utf8");
	html.set(p, text);
	const list = attrs(text, "id");
	const set = new Set(list);
	if (set.size !== list.length) {
		const dup = list.filter((x, i) => list.indexOf(x) !== i);
		console.log(`FAIL ${relative(root, p)}: duplicate id ${dup[0]}`);
		process.exitCode = 1;
	}
	ids.set(p, set);
}

let links = 0, fragments = 0, bad = 0;
for (const p of pages) {
	const text = html.get(p);
	// 404.html may use the absolute base URL: not checked here
	for (const url of [...attrs(text, "href"), ...attrs(text, "src")]) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//"))
			continue; // external
		links++;
		const [path, frag] = url.split("#");
		let target = p;
		if (path !== "") {
			target = normalize(join(dirname(p), decodeURIComponent(path.split("?")[0])));
			if (!target.startsWith(normalize(root) + sep) && target !== normalize(root)) {
				console.log(`FAIL ${relative(root, p)}: ${url} leaves the site`);
				bad++;
				continue;
			}
			if (!existsSync(target) || statSync(target).isDirectory()) {
				console.log(`FAIL ${relative(root, p)}: ${url}: no such file`);
				bad++;
				continue;
			}
		}
		if (frag !== undefined && frag !== "") {
			fragments++;
			const set = ids.get(target);
			if (!set || !set.has(decodeURIComponent(frag))) {
				console.log(`FAIL ${relative(root, p)}: ${url}: no id "${frag}"`);
				bad++;
			}
		}
	}
}
console.log(`${pages.length} pages, ${links} internal links, ${fragments} fragments, ${bad} broken`);
if (bad > 0 || pages.length === 0) process.exitCode = 1;
