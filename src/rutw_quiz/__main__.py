"""`python -m rutw_quiz` runs the command line."""

from rutw_quiz.cli import main

main()
