"""Compiled Jinja templates kept in memory across the editions of a build and the rebuilds of
``mkdocs serve``.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds each edition
with its own: Material's hundred templates were compiled again each time (about 0.2 s per
edition). Jinja's bytecode cache is the documented way to keep them: a template is reused only
while its source is unchanged (Jinja compares a checksum of the source) and the environment
compiles it the same way (its options are part of the key here).
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        options = (
            sorted(environment.extensions),
            environment.autoescape,
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.optimized,
        )
        key = self.get_cache_key(f"{name}\0{options!r}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
