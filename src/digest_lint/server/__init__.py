"""The language server: ``digest-lint server`` (LSP over stdio, pygls).

- :mod:`digest_lint.server.positions`: code points ↔ the client's UTF-8/16/32 positions;
- :mod:`digest_lint.server.linting`: one document checked as ``check`` checks one file;
- :mod:`digest_lint.server.actions`: diagnostics, quick fixes, fix-all, suppressions, hover;
- :mod:`digest_lint.server.app`: the pygls server and its handlers (needs the ``lsp``
  extra: ``pip install 'digest-lint[lsp]'``).
"""
