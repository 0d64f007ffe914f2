from digest_lint.cli import main

main()
