// (OUT/content) and as an equivalent Hugo site (OUT/hugo: one page per
// control, a list page per part and section).  Text is Japanese-like,
// drawn from a fixed vocabulary with a seeded generator, so a corpus is
// the same on every run.  Part I is copied from the bundled content.
// Half the controls go to Part II (no items), half to Part III (two
// evaluation items each); 10 controls per subsection, 5 subsections per
// section.
//
// Usage: node bench/site_corpus.mjs N|bundled OUT
import { mkdirSync, writeFileSync, cpSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const bundled = process.argv[2] === "bundled";
const [n, out] = [Number(process.argv[2]), process.argv[3]];
if (!(n > 0 || bundled) || !out) {
	console.error("usage: node site_corpus.mjs N|bundled OUT");
	process.exit(64);
}
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
let seed = 12345;
const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
const words = ["情報資産", "アクセス", "管理", "利用者", "サービス", "バックアップ",
	"暗号化", "監視", "ログ", "記録", "事業者", "契約", "障害", "通知", "手順",
	"責任者", "定期的", "見直し", "教育", "訓練", "ネットワーク", "サーバ",
	"ストレージ", "認証", "権限", "外部組織", "委託先", "脆弱性", "パッチ",
	"稼働率", "保守", "点検", "文書", "方針", "規程", "評価", "改善", "報告",
	"データ", "媒体", "廃棄", "施設", "入退室", "電源", "空調", "耐震", "防火"];
const joins = ["の", "を", "に対する", "及び", "における", "と", "に関する"];
const ends = ["を実施すること。", "を定めること。", "を記録し、保存すること。",
	"を見直すこと。", "を確認することが望ましい。", "を明確にすること。"];
function sentence() {
	let s = words[rnd(words.length)];
	for (let i = 0, k = 2 + rnd(4); i < k; i++)
		s += joins[rnd(joins.length)] + words[rnd(words.length)];
	return s + ends[rnd(ends.length)];
}
function body() {
	let b = sentence() + sentence() + "\n\n" + sentence() + "\n\n## ベストプラクティス\n\n";
	for (let i = 1, k = 2 + rnd(3); i <= k; i++) {
		b += `${i}. ${sentence()}${sentence()}\n`;
		if (rnd(3) === 0)
			for (let j = 1; j <= 2; j++) b += `   ${j}. ${sentence()}\n`;
	}
	return b;
}
const valuesA = ["99.5%以上*", "99%以上*", "95%以上", "\"-\"", "unknown", "90%以上"];
const valuesB = ["5世代", "3世代*", "unknown", "2世代", "\"-\"", "1世代"];
function items() {
	let y = "items:\n";
	for (const [key, label, vals, better] of [["a", "稼働率", valuesA, ""],
		["b", "世代バックアップ", valuesB, "    better: higher\n"]]) {
		y += `  - key: ${key}\n    label: ${label}\n${better}    values:\n`;
		vals.forEach((v, i) => { y += `      ${i + 1}: ${v}\n`; });
	}
	return y;
}

const gp = join(out, "content"), hugo = join(out, "hugo");
mkdirSync(gp, { recursive: true });
cpSync(join(repo, "content/guideline.yaml"), join(gp, "guideline.yaml"));
cpSync(join(repo, "content/I"), join(gp, "I"), { recursive: true });
mkdirSync(join(hugo, "layouts/_default"), { recursive: true });
writeFileSync(join(hugo, "config.toml"),
	'baseURL = "https://example.org/"\nlanguageCode = "ja"\ntitle = "bench"\n' +
	'disableKinds = ["taxonomy", "term", "RSS"]\n');
writeFileSync(join(hugo, "layouts/_default/baseof.html"),
	'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title>' +
	'<link rel="stylesheet" href="/style.css"></head><body>\n' +
	'<nav><a href="/">ホーム</a> {{ with .Parent }}› <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>\n' +
	'<main>{{ block "main" . }}{{ end }}</main>\n' +
	'<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">前へ</a>{{ end }} ' +
	'{{ with .NextInSection }}<a href="{{ .RelPermalink }}">次へ</a>{{ end }}</nav></body></html>\n');
writeFileSync(join(hugo, "layouts/_default/single.html"),
	'{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}' +
	'{{ with .Params.items }}<table><thead><tr><th>評価項目</th>{{ range seq 6 }}<th>パターン{{ . }}</th>{{ end }}</tr></thead><tbody>' +
	'{{ range . }}<tr><th>{{ .key }} {{ .label }}</th>{{ range .values }}<td>{{ . }}</td>{{ end }}</tr>{{ end }}</tbody></table>{{ end }}' +
	'</article>{{ end }}\n');
writeFileSync(join(hugo, "layouts/_default/list.html"),
	'{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>' +
	'{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}' +
	'{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n');
mkdirSync(join(hugo, "content"), { recursive: true });
writeFileSync(join(hugo, "content/_index.md"), "---\ntitle: bench\n---\n");

if (bundled) {
	// the bundled guideline itself, and the same files as Hugo content
	cpSync(join(repo, "content"), gp, { recursive: true });
	cpSync(join(repo, "content"), join(hugo, "content"), { recursive: true });
	console.log(`bundled guideline in ${gp} and ${hugo}`);
	process.exit(0);
}
const perSub = 10, subsPerSec = 5;
for (const [part, count] of [["II", Math.ceil(n / 2)], ["III", Math.floor(n / 2)]]) {
	const title = part === "II" ? "組織・運用編" : "物理的・技術的対策編";
	mkdirSync(join(gp, part), { recursive: true });
	writeFileSync(join(gp, part, "_index.md"), `---\nid: ${part}\ntitle: ${title}\n---\n${sentence()}\n`);
	mkdirSync(join(hugo, "content", part), { recursive: true });
	writeFileSync(join(hugo, "content", part, "_index.md"), `---\ntitle: ${title}\n---\n${sentence()}\n`);
	const nsec = Math.ceil(count / (perSub * subsPerSec));
	let made = 0;
	for (let s = 1; s <= nsec; s++) {
		const sid = `${part}.${s}`, sdir = join(gp, part, sid), hdir = join(hugo, "content", part, sid);
		mkdirSync(sdir, { recursive: true });
		mkdirSync(hdir, { recursive: true });
		let subs = "subsections:\n";
		for (let u = 1; u <= subsPerSec; u++) subs += `  ${sid}.${u}: ${words[rnd(words.length)]}の${words[rnd(words.length)]}\n`;
		const stitle = `${words[rnd(words.length)]}と${words[rnd(words.length)]}`;
		writeFileSync(join(sdir, "_index.md"), `---\nid: ${sid}\ntitle: ${stitle}\n${subs}---\n`);
		writeFileSync(join(hdir, "_index.md"), `---\ntitle: ${stitle}\n---\n`);
		for (let u = 1; u <= subsPerSec && made < count; u++) {
			for (let c = 1; c <= perSub && made < count; c++, made++) {
				const id = `${sid}.${u}.${c}`, text = body();
				const level = part === "III" && rnd(4) === 0 ? "推奨" : "基本";
				const it = part === "III" ? items() : "";
				writeFileSync(join(sdir, `${id}.md`), `---\nid: ${id}\nlevel: ${level}\n${it}---\n${text}`);
				writeFileSync(join(hdir, `${id.replace(/\./g, "-")}.md`),
					`---\ntitle: "${id}"\nlevel: ${level}\n${it}---\n${text}`);
			}
		}
	}
}
console.log(`${n} controls in ${gp} and ${hugo}`);
