"""papermill support for dln notebooks: writes injected parameters in dln's syntax.

papermill turns `-p NAME VALUE` into a cell of assignments in the notebook's
language; it finds the translator by kernel name or language name. Importing
this module (papermill does, through the `papermill.engine` entry point)
registers one for the kernel and the language `dln`.
"""
import math

from papermill.engines import NBClientEngine
from papermill.translators import Translator, papermill_translators


class DLNTranslator(Translator):
    """Python values as dln literals: numbers, strings, true/false, none, lists, records."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
        return '"' + "".join(escapes.get(c, c) for c in str(str_val)) + '"'

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val) or math.isinf(val):
            raise ValueError(f"dln has no literal for {val}")
        return repr(val)

    @classmethod
    def translate_none(cls, val):
        return "none"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(v) for v in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        for key in val:
            if not (isinstance(key, str) and key.isidentifier()):
                raise ValueError(f"a dln record field must be a name, not {key!r}")
        return "{" + ", ".join(f"{k}: {cls.translate(v)}" for k, v in val.items()) + "}"

    @classmethod
    def comment(cls, cmt_str):
        return f"# {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"{name} = {str_val}"


class DLNEngine(NBClientEngine):
    """papermill's own engine under the name `dln` (`--engine dln` is the same as the default)."""


papermill_translators.register("dln", DLNTranslator)
