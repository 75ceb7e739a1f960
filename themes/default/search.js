/*
 * guidepress search: offline, in Japanese, no framework.
 *
 * search-index.js (written by guidepress build beside this script) calls
 * gpSearchIndex({v: 2, shards: [paths]}), and each shard it lists calls
 * gpSearchShard(k, {docs, grams}).  They are loaded on first use with
 * <script> elements, so search works from file:// as well as a server.
 * The shards' documents are numbered one after the other, in the
 * list's order, which is ID order.
 * A query is normalised like the index (NFKC, lower case), cut into runs
 * of letters and digits, and each run into character bigrams; a page
 * matches when it holds every bigram.  A one-character run matches every
 * key holding that character.  A query that looks like an ID (Ⅲ.2.3.1,
 * iii.2) lists the pages whose ID starts with it.
 */
(function () {
	"use strict";

	var here = document.currentScript;
	var base = new URL(".", here ? here.src : location.href);
	var index = null;   /* {docs, grams: key → [[first doc, postings]]} */
	var shards = null;  /* the shards as they arrive */
	var missing = 0;
	var waiting = [];
	var decoded = Object.create(null);
	var WORD = /[\p{L}\p{Nd}]/u;
	var MAX_SHOWN = 10;

	function script(path) {
		var s = document.createElement("script");
		s.src = new URL(path, base).href;
		s.onerror = function () { failed(path); };
		document.head.appendChild(s);
	}

	/* PATH of the index could not be loaded: say so where the results
	   would be, naming the file, and let the next keystroke try again. */
	function failed(path) {
		waiting = [];
		var text = "検索用の索引（" + path + "）を読み込めませんでした。" +
			"サイトのファイルがそろっているか確かめてください。";
		var status = document.getElementById("search-status");
		var box = document.getElementById("search-results");
		if (status) status.textContent = text;
		if (box) {
			box.textContent = "";
			box.appendChild(el("p", "search-none", text));
			box.hidden = false;
		}
	}

	/* All shards are in: number their documents in order, and keep
	   each key's postings with the number of its shard's first doc. */
	function ready() {
		var docs = [], grams = Object.create(null);
		shards.forEach(function (sh) {
			var first = docs.length;
			sh.docs.forEach(function (d) { docs.push(d); });
			Object.keys(sh.grams).forEach(function (k) {
				(grams[k] || (grams[k] = [])).push([first, sh.grams[k]]);
			});
		});
		index = {docs: docs, grams: grams};
		var w = waiting;
		waiting = [];
		w.forEach(function (f) { f(); });
	}

	window.gpSearchIndex = function (list) {
		shards = new Array(list.shards.length);
		missing = list.shards.length;
		if (missing === 0) ready();
		list.shards.forEach(script);
	};

	window.gpSearchShard = function (k, data) {
		if (!shards || shards[k]) return;
		shards[k] = data;
		if (--missing === 0) ready();
	};

	function load(done) {
		if (index) { done(); return; }
		waiting.push(done);
		if (waiting.length > 1) return;
		script("search-index.js");
	}

	function norm(s) {
		return s.normalize("NFKC").toLowerCase();
	}

	function runs(q) {
		var out = [], cur = "";
		for (var ch of q) {
			if (WORD.test(ch)) {
				cur += ch;
			} else if (cur) {
				out.push(cur);
				cur = "";
			}
		}
		if (cur) out.push(cur);
		return out;
	}

	function postings(key) {
		if (key in decoded) return decoded[key];
		var list = [];
		(index.grams[key] || []).forEach(function (p) {
			var last = 0;
			p[1].split(",").forEach(function (d, i) {
				last = (i === 0 ? 0 : last) + parseInt(d, 36);
				list.push(p[0] + last);
			});
		});
		decoded[key] = list;
		return list;
	}

	function union(lists) {
		var set = new Set();
		lists.forEach(function (l) { l.forEach(function (d) { set.add(d); }); });
		return Array.from(set).sort(function (a, b) { return a - b; });
	}

	function intersect(a, b) {
		var out = [], i = 0, j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
			else if (a[i] < b[j]) i++;
			else j++;
		}
		return out;
	}

	function byId(q) {
		var out = [];
		index.docs.forEach(function (d, i) {
			var id = norm(d[1]);
			if (id === q || id.indexOf(q + ".") === 0) out.push(i);
		});
		return out;
	}

	function search(query) {
		var q = norm(query).trim();
		if (!q) return [];
		if (/^[ivx]+(\.\d+)*$/.test(q)) return byId(q);
		var sets = [];
		runs(q).forEach(function (r) {
			var chars = Array.from(r);
			if (chars.length === 1) {
				var keys = Object.keys(index.grams).filter(function (k) {
					return k.indexOf(r) >= 0;
				});
				sets.push(union(keys.map(postings)));
				return;
			}
			for (var i = 0; i + 1 < chars.length; i++)
				sets.push(postings(chars[i] + chars[i + 1]));
		});
		if (sets.length === 0) return [];
		sets.sort(function (a, b) { return a.length - b.length; });
		var hits = sets.reduce(intersect);
		/* pages that name the words in their title first, then those
		   whose snippet shows them, then the rest, each in ID order */
		var tiers = [[], [], []];
		hits.forEach(function (d) {
			var doc = index.docs[d];
			tiers[norm(doc[1] + " " + doc[2]).indexOf(q) >= 0 ? 0
				: norm(doc[3]).indexOf(q) >= 0 ? 1 : 2].push(d);
		});
		return tiers[0].concat(tiers[1], tiers[2]);
	}

	function el(name, cls, text) {
		var e = document.createElement(name);
		if (cls) e.className = cls;
		if (text) e.textContent = text;
		return e;
	}

	/* A span of TEXT with each occurrence of a query word in a <mark>. */
	function marked(cls, text, words) {
		var span = el("span", cls), lower = text.toLowerCase(), at = 0;
		while (at < text.length) {
			var best = -1, len = 0;
			words.forEach(function (w) {
				var i = lower.indexOf(w, at);
				if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.length; }
			});
			if (best < 0) break;
			span.appendChild(document.createTextNode(text.slice(at, best)));
			span.appendChild(el("mark", "", text.slice(best, best + len)));
			at = best + len;
		}
		span.appendChild(document.createTextNode(text.slice(at)));
		return span;
	}

	function resultList(hits, max, query) {
		var ol = el("ol", "search-list");
		var words = (query || "").toLowerCase().split(/\s+/).filter(Boolean);
		hits.slice(0, max).forEach(function (d) {
			var doc = index.docs[d];
			var a = el("a");
			a.href = new URL(doc[0], base).href;
			a.appendChild(el("span", "rid", doc[1]));
			if (doc[2]) a.appendChild(marked("rtitle", doc[2], words));
			if (doc[3]) a.appendChild(marked("rsnip", doc[3], words));
			var li = el("li");
			li.appendChild(a);
			ol.appendChild(li);
		});
		return ol;
	}

	function searchPage(q) {
		var u = new URL("search.html", base);
		u.searchParams.set("q", q);
		return u.href;
	}

	function showDropdown(box, q) {
		box.textContent = "";
		if (!q.trim()) { box.hidden = true; return; }
		var hits = search(q);
		if (hits.length === 0) {
			box.appendChild(el("p", "search-none", "「" + q + "」に当てはまるページはありません。"));
		} else {
			box.appendChild(resultList(hits, MAX_SHOWN, q));
			var more = el("p", "search-more");
			var a = el("a", "", hits.length > MAX_SHOWN
				? "すべての結果を見る（" + hits.length + "件）"
				: "検索ページで見る（" + hits.length + "件）");
			a.href = searchPage(q);
			more.appendChild(a);
			box.appendChild(more);
		}
		box.hidden = false;
	}

	function setup() {
		var input = document.getElementById("q");
		var box = document.getElementById("search-results");
		var timer = 0;
		if (!input || !box) return;
		input.addEventListener("focus", function () { load(function () {}); });
		input.addEventListener("input", function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				load(function () { showDropdown(box, input.value); });
			}, 80);
		});
		input.addEventListener("keydown", function (e) {
			if (e.key === "Escape") { box.hidden = true; }
			if (e.key === "ArrowDown") {
				var first = box.querySelector("a");
				if (first) { e.preventDefault(); first.focus(); }
			}
		});
		document.addEventListener("click", function (e) {
			if (!box.contains(e.target) && e.target !== input) box.hidden = true;
		});
		var page = document.getElementById("search-page-results");
		var q = new URLSearchParams(location.search).get("q");
		if (page && q) {
			input.value = q;
			load(function () {
				var hits = search(q);
				var status = document.getElementById("search-status");
				status.textContent = "「" + q + "」の検索結果：" + hits.length + "件";
				page.replaceWith(resultList(hits, hits.length, q));
			});
		}
	}

	setup();
})();
