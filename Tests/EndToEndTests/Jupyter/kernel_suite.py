"""jupyter_kernel_test's conformance suite against the installed dln kernel
(found through JUPYTER_PATH, which the Swift test points at a temporary prefix)."""
import unittest

import jupyter_kernel_test


class DLNKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "dln"
    language_name = "dln"
    file_extension = ".dln"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'warn("careful")'

    completion_samples = [
        {"text": "prin", "matches": {"print"}},
        {"text": "softm", "matches": {"softmax"}},
    ]
    complete_code_samples = ["x = 1", "print(1 + 2)", "fn f(x) = x * 2"]
    incomplete_code_samples = ["x = (1 +", "fn f(x) {", "print([1, 2,"]
    invalid_code_samples = ["x = = 1", ")", "1 +* 2"]

    code_generate_error = "undefined_name + 1"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "[1, 2] * 2", "result": "[2, 4]\n(2,) float32"},
    ]
    code_display_data = [
        {"code": 'figure "kernel_line" {\n  line [0, 1, 2], [0, 1, 4]\n}', "mime": "image/svg+xml"},
        {"code": 'figure "kernel_png" {\n  line [0, 1, 2], [0, 1, 4]\n}', "mime": "image/png"},
    ]

    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"
    code_page_something = ":help print"


if __name__ == "__main__":
    unittest.main(verbosity=2)
