"""The theme's compiled templates are kept across editions and rebuilds, never past a change of
their source or of how the environment compiles them."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from trilingual.bytecode import CompiledTemplates


def _render(cache: CompiledTemplates, source: str, *, autoescape: bool = False) -> str:
    env = Environment(loader=DictLoader({"page.html": source}), autoescape=autoescape)
    env.bytecode_cache = cache
    return env.get_template("page.html").render(x="<b>")


def test_a_template_is_compiled_once_and_again_when_its_source_changes() -> None:
    cache = CompiledTemplates()
    assert _render(cache, "A {{ x }}") == "A <b>"
    assert len(cache._code) == 1
    assert _render(cache, "A {{ x }}") == "A <b>"
    assert len(cache._code) == 1, "the second environment reused the compiled template"
    assert _render(cache, "B {{ x }}") == "B <b>", "an edited template is compiled again"


def test_an_environment_that_escapes_does_not_reuse_code_compiled_without() -> None:
    cache = CompiledTemplates()
    assert _render(cache, "{{ x }}") == "<b>"
    assert _render(cache, "{{ x }}", autoescape=True) == "&lt;b&gt;"
