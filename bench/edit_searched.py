"""Put a sentence the search indexes in a control's text: after its
first line, which is its brief (the contents show it; changing it would
make a rebuild read everything).  Used by bench/rebuild.sh and
tests/e2e/rebuild.sh.

    python3 bench/edit_searched.py FILE WORDS
"""
import sys

path, words = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
end = text.index("\n---\n", 4) + 5
first, rest = text[end:].lstrip("\n").split("\n", 1)
open(path, "w", encoding="utf-8").write(
    text[:end] + "\n" + first + "\n\n" + words + "。\n" + rest)
