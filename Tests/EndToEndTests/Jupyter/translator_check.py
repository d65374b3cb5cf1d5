"""Writes papermill's parameter cell for a range of Python values with the dln
translator (what `papermill -p`/`-y` injects), then a line printing each, to the
.dln file named on the command line; the Swift test runs it with dln."""
import sys

from papermill.translators import papermill_translators

values = {
    "count": 3,
    "rate": 0.001,
    "tiny": 1e-05,
    "negative": -2.5,
    "text": 'say "hi"\\there\n\ttab',
    "flag": True,
    "off": False,
    "nothing": None,
    "numbers": [1, 2.5, -3],
    "settings": {"lr": 0.1, "name": "adam", "steps": [1, 2]},
}

translator = papermill_translators.find_translator("dln", "dln")
cell = translator.codify(values, "Parameters")
with open(sys.argv[1], "w") as notebook:
    notebook.write("%% injected parameters\n" + cell + "\n%% show\n")
    for name in values:
        notebook.write(f'print("{name}:", {name})\n')
    notebook.write('expect text == "say \\"hi\\"\\\\there\\n\\ttab"\n')
    notebook.write("expect settings.steps == [1, 2]\n")
