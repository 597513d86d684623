"""`python -m rutw_quiz` runs the command line."""

from rutw_quiz.launch import main

main()
