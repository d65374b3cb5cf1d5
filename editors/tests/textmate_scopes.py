"""Applies editors/vscode/syntaxes/dln.tmLanguage.json to a notebook with a TextMate engine
(textmate-grammar-python, a port of vscode-textmate on Oniguruma) and prints, for each line,
the innermost scope of every byte ('-' where only source.dln applies), space-separated.

The Markdown cells' include of text.html.markdown (VS Code's own grammar) is left out: the
engine has none, and the cell's body still gets the grammar's contentName.
Usage: python textmate_scopes.py GRAMMAR NOTEBOOK
"""
import json
import logging
import sys

from textmate_grammar.parsers.base import LanguageParser

logging.disable(logging.WARNING)  # the engine reports every skipped position
grammar = json.load(open(sys.argv[1], encoding="utf-8"))
grammar["repository"]["markdown-cell"]["patterns"] = []
text = open(sys.argv[2], encoding="utf-8").read()
element = LanguageParser(grammar).parse_string(text)

lines = [[] for _ in text.split("\n")]
rebuilt = [""] * len(lines)
for (line, column), content, scopes in element.flatten():
    inner = [s for s in scopes if s != "source.dln"]
    name = inner[-1] if inner else "-"
    for offset, piece in enumerate(content.split("\n")):
        row = line + offset
        if offset > 0 and row >= len(lines):
            break
        rebuilt[row] += piece
        lines[row] += [name] * len(piece.encode("utf-8"))

# The engine must have seen every character where it is, or the comparison means nothing.
for number, (original, seen) in enumerate(zip(text.split("\n"), rebuilt), start=1):
    if seen != original and seen != original.rstrip("\r"):
        sys.exit("line %d: the engine's tokens spell %r, not %r" % (number, seen, original))
for names in lines:
    print(" ".join(names))
