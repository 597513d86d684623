"""Marking what a person answered: typed text read as a teacher reads it, choices, orders and matches.

Beside `questions/`, not inside it: the quiz, `grade`, the practice page and the question engine's
set checks all ask the same question ("does this text name the answer?"), so the rules live once.

Layers, lowest first (each imports only those before it):
- `verdict`: the outcome of a grading (correct, typo, wrong; `check` when a teacher should
  decide) and the edit distance typos are counted in;
- `number_words`, `forms`, `romanization`, `lexicon`, `equivalents`, `elements`: reading typed
  words, numbers, dates and names; which words are common English words; other ways a word of a
  name is written (St, railroad, Kazan); chemical symbols;
- `spellings`: every way an answer may be written, and the tolerance of each word;
- `deck_index`: a deck's answers indexed once, refused by every question without a copy;
- `key`: what counts as right, wrong or `check` for one typed question, from the deck's facts;
  `AnswerKey.names_answer` for the engine's set checks;
- `grade`: a response to any question type graded;
- `responses`: answers collected elsewhere, graded by question id;
- `marking`: a class's CSV marked as a stream, bad rows reported by line;
- `aliases`: answers people accepted that the grader refused, as aliases to add;
- `tables`: the keys as plain JSON for the browser's port of the grader.

The package's `__init__` imports nothing, so the question engine can use the low layers without a cycle.
"""
