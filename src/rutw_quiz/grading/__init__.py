"""Marking what a person answered: typed text read as a teacher reads it, choices, orders and matches.

Beside `questions/`, not inside it: the quiz, `grade`, the practice page and the question engine's
set checks all ask the same question ("does this text name the answer?"), so the rules live once.

Layers, lowest first (each imports only those before it):
- `verdict`: the outcome of a grading and the edit distance typos are counted in;
- `number_words`, `forms`, `romanization`: reading typed words, numbers, dates and names;
- `key`: what counts as right and wrong for one typed question, from the deck's facts;
- `grade`: a response to any question type graded;
- `responses`: answers collected elsewhere (a question id and the text), one or a whole CSV;
- `tables`: the key as plain JSON for the browser's port of the grader.

The package's `__init__` imports nothing, so the question engine can use the low layers without a cycle.
"""
