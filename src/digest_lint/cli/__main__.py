"""``python -m digest_lint.cli …``."""

from digest_lint.cli import main

if __name__ == "__main__":
    main()
