"""The rules that generalise (issue 19), one class each, on the bundled deck and the mini deck:
names, spelling families, slips and real words, words around the answer, small words and
numbers in titles, figures in other units, years in words, fuller dates, and `check`."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import DATA
from rutw_quiz.deck import read_deck_files
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.grading.responses import ResponseGrader
from rutw_quiz.resources import bundled_deck_path

D = "russia-taiwan-relations"
BUNDLED = ResponseGrader([item.deck for item in read_deck_files([bundled_deck_path()])])
MINI = ResponseGrader([read_deck_file(DATA / "mini.yaml").deck])
TRANS = ResponseGrader([read_deck_file(DATA / "second_deck" / "trans_siberian.yaml").deck])
RADIUM = ResponseGrader([read_deck_file(DATA / "decks" / "radium" / "radium.yaml").deck])
MONET = ResponseGrader([read_deck_file(DATA / "decks" / "claude-monet" / "claude-monet.yaml").deck])


def verdict(grader: ResponseGrader, qid: str, answer: str) -> str:
    """'correct', 'typo', 'check' or 'wrong'."""
    return grader.grade(qid, answer).grade.label


@pytest.mark.parametrize(
    ("qid", "answer", "want"),
    [
        # given names added or dropped, initials, patronymics, Jr. (the surname is the deck's only one)
        (f"{D}:khrushchev-backs-prc:short_answer", "N. S. Khrushchev", "correct"),
        (f"{D}:molotov-fears-war:short_answer", "Vyacheslav Mikhailovich Molotov", "correct"),
        (f"{D}:nixon-visit:short_answer", "Richard Milhous Nixon", "correct"),
        (f"{D}:nixon-visit:short_answer", "R. M. Nixon", "correct"),
        (f"{D}:khrushchev-backs-prc:short_answer", "Khrushchev Jr.", "correct"),
        (f"{D}:khrushchev-backs-prc:short_answer", "Ivan Khrushchev", "wrong"),  # another first name
        (f"{D}:khrushchev-backs-prc:short_answer", "J. Khrushchev", "wrong"),  # another initial
        (f"{D}:khrushchev-backs-prc:short_answer", "Nicholas Khrushchev", "check"),  # the same initial
        (f"{D}:khrushchev-backs-prc:short_answer", "not Nikita Khrushchev", "wrong"),
        # spelling families of Russian names: German, French, scholarly
        (f"{D}:khrushchev-backs-prc:short_answer", "Nikita Chruschtschow", "correct"),
        (f"{D}:khrushchev-backs-prc:short_answer", "Nikita Khrouchtchev", "correct"),
        (f"{D}:molotov-fears-war:short_answer", "Wjatscheslaw Molotow", "correct"),
        # pinyin beside Wade–Giles
        (f"{D}:chiang-ching-kuo-contacts:short_answer", "Jiang Jingguo", "correct"),
        # titles: '1st' for 'First', words in another order, small words
        (f"{D}:shimonoseki-ended-war:short_answer", "1st Sino-Japanese War", "correct"),
        (f"{D}:shimonoseki-ended-war:short_answer", "Sino-Japanese War, First", "correct"),
        (f"{D}:shimonoseki-ended-war:short_answer", "Second Sino-Japanese War", "wrong"),
        # years in words; a fuller date than asked
        (f"{D}:russian-consular-activity-1896:short_answer", "eighteen ninety-six", "correct"),
        (f"{D}:russian-consular-activity-1896:short_answer", "eighteen ninety-five", "wrong"),
        (f"{D}:russian-consular-activity-1896:short_answer", "1 May 1896", "check"),  # the deck has no day
        (f"{D}:first-strait-crisis:short_answer", "3 September 1954", "check"),
        (f"{D}:first-strait-crisis:short_answer", "3 October 1954", "wrong"),
        # slips: in a short word, two letters swapped is a typo, a letter changed a check; two in a
        # long word a check; an English word never a typo
        (f"{D}:first-to-recognise-prc:short_answer", "Soviet Unoin", "typo"),
        (f"{D}:first-to-recognise-prc:short_answer", "Soviet Uniom", "check"),
        (f"{D}:nixon-visit:short_answer", "Richard Nixen", "check"),
        (f"{D}:shimonoseki-cession:short_answer", "Treaty of Shimonosiki", "typo"),
        (f"{D}:shimonoseki-cession:short_answer", "Treaty of Shimnosiki", "check"),
        # words around the answer: known ones accepted, unknown ones a check, another answer's wrong
        (f"{D}:ten-nations-summit:short_answer", "New Delhi, India", "check"),
        (f"{D}:ten-nations-summit:short_answer", "New Delhi and Geneva", "wrong"),
        # a rank before an office makes another office: a teacher reads it
        (f"{D}:envoy-title-representative:short_answer", "Deputy Representative", "check"),
        (f"{D}:envoy-title-representative:short_answer", "the Representative", "correct"),
    ],
)
def test_each_class_on_the_bundled_deck(qid: str, answer: str, want: str) -> None:
    grade = BUNDLED.grade(qid, answer).grade
    assert grade.label == want, grade.reason


@pytest.mark.parametrize(
    ("grader", "qid", "answer", "want"),
    [
        # a first name the fact's texts give another person ('Marie Curie's husband'), or none gives
        (RADIUM, "radium:pierre-curie:short_answer", "Marie Curie", "wrong"),
        (RADIUM, "radium:pierre-curie:short_answer", "Jacques Curie", "wrong"),
        (RADIUM, "radium:pierre-curie:short_answer", "Pierre Curie", "correct"),
        (RADIUM, "radium:pierre-curie:short_answer", "P. Curie", "correct"),
        (RADIUM, "radium:becquerel-burn:short_answer", "H. Becquerel", "correct"),  # an alias's given name
        (RADIUM, "radium:becquerel-burn:short_answer", "Antione Becquerel", "typo"),  # a long name's slip
        (RADIUM, "radium:morgan-fruit-flies:short_answer", "Hunt Morgan", "correct"),  # a given name dropped
        (RADIUM, "radium:morgan-fruit-flies:short_answer", "Tom Morgan", "check"),  # the same initial
        (MONET, "claude-monet:renoir-hanging-committee:short_answer", "Jean Renoir", "wrong"),
        # a title or a word about the person is no first name
        (TRANS, "trans-siberian:witte:short_answer", "Count Sergei Yulyevich Witte", "correct"),
        (TRANS, "trans-siberian:khilkov-ice-railway:short_answer", "Prince Mikhail Khilkov", "correct"),
        (TRANS, "trans-siberian:witte:short_answer", "minister Witte", "correct"),
        # a ruler's name without its number is as true of another ruler: no surname to take
        (TRANS, "trans-siberian:nicholas-ii-committee:short_answer", "Nicholas", "wrong"),
        (TRANS, "trans-siberian:nicholas-ii-committee:short_answer", "Nicholas the Second", "correct"),
    ],
)
def test_another_first_name_is_another_person(
    grader: ResponseGrader, qid: str, answer: str, want: str
) -> None:
    grade = grader.grade(qid, answer).grade
    assert grade.label == want, grade.reason


@pytest.mark.parametrize(
    ("grader", "qid", "answer", "want"),
    [
        # a letter added or dropped in a short word, the one slip of an answer of several words
        (MONET, "claude-monet:typhoid-fever:short_answer", "typhoid feaver", "typo"),
        (RADIUM, "radium:kelly-johns-hopkins:short_answer", "John Hopkins Hospital", "typo"),
        (RADIUM, "radium:kelly-johns-hopkins:short_answer", "John Hopkin Hospital", "check"),  # two slips
        (MONET, "claude-monet:typhoid-fever:short_answer", "typhoid fevor", "check"),  # a letter changed
        (RADIUM, "radium:curie-unit:short_answer", "curies", "typo"),  # a plural s on a short word
        # a word of another answer is never a slip: 'barium' is an answer, 'sulfide' in 'zinc sulfide'
        (RADIUM, "radium:radium-sulfate:short_answer", "barium sulfate", "wrong"),
        (RADIUM, "radium:radium-sulfate:short_answer", "radium sulfide", "wrong"),
        (
            RADIUM,
            "radium:radium-sulfate:short_answer",
            "radium sulfayt",
            "check",
        ),  # two slips, no other answer
    ],
)
def test_slips_a_reader_sees_through(grader: ResponseGrader, qid: str, answer: str, want: str) -> None:
    grade = grader.grade(qid, answer).grade
    assert grade.label == want, grade.reason


@pytest.mark.parametrize(
    ("grader", "qid", "answer", "want"),
    [
        # 'St' for 'Saint' in any name
        (MONET, "claude-monet:st-lazare:short_answer", "St Lazare", "correct"),
        (MONET, "claude-monet:st-lazare:short_answer", "St. Lazare station", "correct"),
        # the word that says what kind of place it is, in its other English words
        (TRANS, "trans-siberian:chinese-eastern-railway:short_answer", "Chinese Eastern Railroad", "correct"),
        (TRANS, "trans-siberian:bam:short_answer", "the Baikal–Amur railway", "correct"),
        (TRANS, "trans-siberian:bam:short_answer", "Baikal-Amur line", "correct"),
        (TRANS, "trans-siberian:yaroslavsky-station:short_answer", "Yaroslavsky terminal", "correct"),
        # a Moscow station named by the Russian adjective of its city: 'Kazan station'
        (TRANS, "trans-siberian:kazansky-station:short_answer", "Kazan station", "correct"),
        (TRANS, "trans-siberian:kazansky-station:short_answer", "Kiyev station", "wrong"),  # a wrong choice's
        # a kind word left out where what is left still names one thing; a company's in other words
        (TRANS, "trans-siberian:yaroslavsky-station:short_answer", "Yaroslavsky", "correct"),
        (TRANS, "trans-siberian:circum-baikal-railway:short_answer", "Circum-Baikal", "correct"),
        (TRANS, "trans-siberian:circum-baikal-railway:short_answer", "Baikal", "wrong"),  # another answer
        (RADIUM, "radium:radium-girls-lawsuit:short_answer", "U.S. Radium", "correct"),
        (RADIUM, "radium:radium-girls-lawsuit:short_answer", "US Radium Company", "correct"),
        # an element's chemical symbol, and an isotope's; never another element's
        (RADIUM, "radium:polonium-first:short_answer", "Po", "correct"),
        (RADIUM, "radium:polonium-first:short_answer", "Pb", "wrong"),
        (RADIUM, "radium:helium-in-crystals:short_answer", "He", "correct"),
        (RADIUM, "radium:helium-in-crystals:short_answer", "he is", "wrong"),  # a small word in a sentence
        (RADIUM, "radium:most-stable-isotope:short_answer", "Ra 226", "correct"),
    ],
)
def test_other_ways_a_word_of_the_answer_is_written(
    grader: ResponseGrader, qid: str, answer: str, want: str
) -> None:
    grade = grader.grade(qid, answer).grade
    assert grade.label == want, grade.reason


@pytest.mark.parametrize(
    ("grader", "qid", "answer", "want"),
    [
        # a compass word saying where another known word lies, never of the answer itself
        (TRANS, "trans-siberian:novosibirsk:short_answer", "Novosibirsk in western Siberia", "correct"),
        (TRANS, "trans-siberian:novosibirsk:short_answer", "western Novosibirsk", "check"),
        (TRANS, "trans-siberian:largest-by-area:short_answer", "Lake Superior in North America", "check"),
        # a word inside another answer is no other answer ('France' of 'Institut de France'): a check
        (MONET, "claude-monet:argenteuil:short_answer", "Argenteuil, France", "check"),
        (MONET, "claude-monet:argenteuil:short_answer", "Argenteuil and Giverny", "wrong"),
        # another number than the answer's, even where the texts use it
        (MONET, "claude-monet:boulevard-des-capucines:short_answer", "boulevard des Capucines, 2nd", "wrong"),
        # the deck's setting said of a place: names the texts of two facts or more give
        (TRANS, "trans-siberian:irkutsk:short_answer", "Irkutsk, Siberia", "correct"),
        (TRANS, "trans-siberian:irkutsk:short_answer", "Irkutsk, Novosibirsk", "wrong"),  # another answer
        # 'X of Y' read 'Y X', a kind of place before its name; a name reversed stays a check
        (TRANS, "trans-siberian:convention-of-peking:short_answer", "Peking Convention", "correct"),
        (TRANS, "trans-siberian:angara-outflow:short_answer", "the river Angara", "correct"),
        (TRANS, "trans-siberian:stolypin-resettlement:short_answer", "Stolypin Pyotr", "check"),
        # a double surname is no Chinese given name: 'Nikolai' alone is not Garin-Mikhailovsky
        (TRANS, "trans-siberian:garin-mikhailovsky:short_answer", "Nikolai", "wrong"),
        # 'fully' where the statement says the whole length
        (TRANS, "trans-siberian:electrified-line:short_answer", "fully electrified", "correct"),
        (TRANS, "trans-siberian:electrified-line:short_answer", "partly electrified", "check"),
        (TRANS, "trans-siberian:electrified-line:short_answer", "not fully electrified", "wrong"),
        # the answer's words with others between them
        (TRANS, "trans-siberian:treaty-of-portsmouth:short_answer", "Portsmouth 1905 treaty", "correct"),
        (
            TRANS,
            "trans-siberian:treaty-of-portsmouth:short_answer",
            "the Portsmouth peace treaty of 1905",
            "check",
        ),
        (
            TRANS,
            "trans-siberian:treaty-of-portsmouth:short_answer",
            "Portsmouth, not the treaty of Aigun",
            "wrong",
        ),
    ],
)
def test_words_around_the_answer(grader: ResponseGrader, qid: str, answer: str, want: str) -> None:
    grade = grader.grade(qid, answer).grade
    assert grade.label == want, grade.reason


def test_a_spelling_the_rules_make_never_takes_another_answer() -> None:
    """'St Helena' made from 'Saint Helena' is refused where 'St Helena' is another fact's answer."""
    import copy

    import yaml

    from rutw_quiz.deck.models import Deck

    data = yaml.safe_load((DATA / "mini.yaml").read_text(encoding="utf-8"))
    island, bay = copy.deepcopy(data["facts"][0]), copy.deepcopy(data["facts"][0])
    island.update(id="island", answer="Saint Helena", distractors=["Ascension", "Tristan", "Elba"])
    bay.update(id="bay", answer="St Helena", distractors=["Table Bay", "False Bay", "Walvis Bay"])
    data["facts"] = [island, bay]
    grader = ResponseGrader([Deck.model_validate(data)])
    assert verdict(grader, "solar-mini:island:short_answer", "Saint Helena") == "correct"
    assert verdict(grader, "solar-mini:island:short_answer", "St Helena") == "wrong"
    assert verdict(grader, "solar-mini:bay:short_answer", "St Helena") == "correct"


def test_a_different_real_word_one_letter_away_is_never_a_typo() -> None:
    """'Gale' is an English word, not a slip of 'Galle': never accepted, at most a check for the teacher;
    'Johan' for 'Johann' is a long name's slip, a typo."""
    grade = MINI.grade("solar-mini:neptune-discoverer:short_answer", "Johann Gale").grade
    assert grade.label == "check" and not grade.is_correct
    assert grade.reason == "wrong: close to 'Johann Galle', but 'gale' is another English word"
    assert verdict(MINI, "solar-mini:neptune-discoverer:short_answer", "Johan Galle") == "typo"


def test_a_figure_in_other_units_the_statement_states() -> None:
    from rutw_quiz.deck.models import Deck
    from rutw_quiz.grading.key import AnswerKey
    from rutw_quiz.questions.models import ShortAnswerQuestion, SourceRef

    question = ShortAnswerQuestion(
        id="d:f:short_answer",
        deck_id="d",
        fact_id="f",
        prompt="How many days did the siege last?",
        explanation="The siege lasted 14 days.",
        topics=["t"],
        difficulty=1,
        source=SourceRef(id="s", title="S", section="Main", quote="q", url="urn:s"),
        answer_kind="number",
        answer="14",
        accepted=[],
    )
    key = AnswerKey.of(list[Deck]()).for_question(question)
    for typed in ("a fortnight", "two weeks", "14 days", "336 hours"):
        assert key.grade(typed).outcome.value == "correct", typed
    for typed in ("three weeks", "14 weeks", "a month"):
        assert key.grade(typed).outcome.value == "wrong", typed


def _typed_key(kind: str, answer: str, statement: str, prompt: str) -> Any:
    """The grader's key for one short-answer question, outside any deck."""
    from rutw_quiz.deck.models import Deck
    from rutw_quiz.grading.key import AnswerKey
    from rutw_quiz.questions.models import ShortAnswerQuestion, SourceRef

    question = ShortAnswerQuestion(
        id="d:f:short_answer",
        deck_id="d",
        fact_id="f",
        prompt=prompt,
        explanation=statement,
        topics=["t"],
        difficulty=1,
        source=SourceRef(id="s", title="S", section="Main", quote="q", url="urn:s"),
        answer_kind=kind,
        answer=answer,
        accepted=[],
    )
    return AnswerKey.of(list[Deck]()).for_question(question)


def test_imperial_units_in_any_of_their_names_and_converted_among_themselves() -> None:
    """A text from America gives feet and miles: '110 ft' is its '110 feet'; '1320 inches' the same
    width; metres, yards at the same figure, are another width."""
    key = _typed_key("number", "110", "Each lock was 110 feet wide.", "How many feet wide was each lock?")
    for typed in ("110 ft", "110ft", "110 feet", "110", "1,320 inches"):
        assert key.grade(typed).outcome.value == "correct", typed
    for typed in ("110 m", "110 metres", "110 yards", "111 ft", "110 miles"):
        assert key.grade(typed).outcome.value == "wrong", typed


def test_a_documents_kind_word_may_be_left_out_where_two_words_of_its_name_are_left() -> None:
    """'Clayton-Bulwer' names the treaty; 'Warsaw' is a city, not the pact."""
    key = _typed_key(
        "document",
        "Clayton-Bulwer treaty",
        "By the Clayton-Bulwer treaty neither power would fortify a canal.",
        "Which treaty kept either power from fortifying a canal?",
    )
    for typed in ("Clayton-Bulwer", "Clayton Bulwer", "the Clayton-Bulwer", "Clayton-Bulwer Treaty"):
        assert key.grade(typed).outcome.value == "correct", typed
    assert key.grade("Clayton").outcome.value == "wrong"
    pact = _typed_key("document", "Warsaw Pact", "The Warsaw Pact was signed in 1955.", "Which alliance?")
    assert pact.grade("Warsaw").outcome.value == "wrong"
    assert pact.grade("the Warsaw pact").outcome.value == "correct"


def test_characters_that_show_nothing_change_no_answer() -> None:
    """A byte-order mark from a pasted file, a zero-width space or a soft hyphen copied with the
    answer: the answer reads as typed (they made '1896' wrong)."""
    year = f"{D}:russian-consular-activity-1896:short_answer"
    for typed in ("\ufeff1896", "1896\u200b", "1896\u00ad", "18\u200d96"):
        assert verdict(BUNDLED, year, typed) == "correct", repr(typed)
    name = f"{D}:chiang-ching-kuo-contacts:short_answer"
    for typed in ("\ufeffChiang Ching-kuo", "Chiang Ching-kuo\u200b", "Chiang Ching\u00adkuo"):
        assert verdict(BUNDLED, name, typed) == "correct", repr(typed)
    assert verdict(BUNDLED, year, "\ufeff1895") == "wrong"


def test_the_statements_unit_in_any_of_its_names() -> None:
    """'1642 m' and '1520mm' where the statement says metres and millimetres; another unit of the
    same kind with the same figure is wrong."""
    assert verdict(TRANS, "trans-siberian:baikal-depth:short_answer", "1642 m") == "correct"
    assert verdict(TRANS, "trans-siberian:russian-gauge:short_answer", "1520mm") == "correct"
    assert (
        verdict(TRANS, "trans-siberian:russian-gauge:short_answer", "about 1,520 MM") == "wrong"
    )  # not 'about'
    assert verdict(RADIUM, "radium:ingested-radium:short_answer", "20 per cent") == "correct"
    assert verdict(RADIUM, "radium:half-life-226:short_answer", "1,600 yrs") == "correct"
    grade = TRANS.grade("trans-siberian:baikal-depth:short_answer", "1642 km").grade
    assert grade.reason == "wrong: the number is right but the unit ('km') is not"
    assert verdict(TRANS, "trans-siberian:baikal-depth:short_answer", "1642th") == "wrong"


def test_names_answer_is_the_graders_notion_for_set_checks() -> None:
    """The engine asks whether another question's text names a fact's answer as the grader accepts it."""
    key = BUNDLED.key
    assert key.names_answer(D, "khrushchev-backs-prc", "Who succeeded Khrushchev in 1964?")  # the surname
    assert key.names_answer(D, "first-to-recognise-prc", "the U.S.S.R. and its allies")  # an acronym
    assert not key.names_answer(D, "first-to-recognise-prc", "the Soviet army")
    assert not key.names_answer(D, "nixon-visit", "Richard the Lionheart")


def test_wade_giles_to_pinyin_agrees_with_pypinyin_on_every_syllable() -> None:
    """pypinyin's table (pinyin -> Wade–Giles) read backwards; its few odd entries are named here."""
    pypinyin = pytest.importorskip("pypinyin", reason="pypinyin (a test dependency) is the reference")
    from pypinyin.pinyin_dict import pinyin_dict

    from rutw_quiz.grading.romanization import pinyin_of_wade_giles

    pairs = set()
    for cp in pinyin_dict:
        plain = pypinyin.lazy_pinyin(chr(cp), style=pypinyin.Style.NORMAL, v_to_u=True)[0]
        wade = pypinyin.lazy_pinyin(chr(cp), style=pypinyin.Style.WADEGILES)[0]
        if plain.isalpha():
            pairs.add((plain, wade))
    differ = {(p, w) for p, w in pairs if pinyin_of_wade_giles(w) != p}
    odd = {
        ("ai", "ei"), ("hai", "hei"), ("lai", "lei"), ("mai", "mei"), ("nai", "nei"), ("sai", "sei"),
        ("shai", "shei"), ("wai", "wei"),  # pypinyin writes -ai as -ei here; Wade–Giles has -ai
        ("chua", "ch`ua"), ("tie", "t'oeh"),  # typing slips in pypinyin's output
        ("hm", "hm"), ("m", "m"), ("n", "n"), ("o", "o"), ("lo", "lo"),  # interjections
        ("huo", "ho"),  # 'ho' is he or huo: the rules read he
    }  # fmt: skip
    assert len(pairs) > 400
    assert differ <= odd, sorted(differ - odd)


def test_the_word_list_is_wordfreqs_small_english_list() -> None:
    wordfreq = pytest.importorskip("wordfreq", reason="wordfreq is a dependency")
    from rutw_quiz.grading.lexicon import common_words

    theirs = {w for w in wordfreq.get_frequency_dict("en", wordlist="small") if w.isascii() and w.isalpha()}
    assert common_words() == theirs
    assert {"gale", "reflection", "russian"} <= common_words()


def test_the_practice_pages_accent_table_holds_every_combining_mark_python_knows() -> None:
    """The table is read from the first two planes only; this Python's Unicode has no mark beyond them."""
    import sys
    import unicodedata

    from rutw_quiz.grading.tables import combining_marks

    assert not [cp for cp in range(0x20000, sys.maxunicode + 1) if unicodedata.combining(chr(cp))]
    marks, previous = set(), -1
    deltas = combining_marks()
    for gap, length in zip(deltas[::2], deltas[1::2], strict=True):
        start = previous + gap
        marks.update(range(start, start + length + 1))
        previous = start + length
    assert marks == {cp for cp in range(0x20000) if unicodedata.combining(chr(cp))}


def test_the_element_table_holds_the_118_elements_once_each() -> None:
    from rutw_quiz.grading.elements import _symbols, element_symbol, symbol_spellings

    by_name, by_symbol = _symbols()
    assert len(by_symbol) == 118
    assert len(set(by_name.values())) == 118
    assert element_symbol("Aluminum") == element_symbol("aluminium") == "Al"
    assert symbol_spellings("radium-226") == ["Ra-226", "226Ra"]
    assert symbol_spellings("Rn") == ["radon"]
    assert symbol_spellings("RN") == symbol_spellings("iron curtain") == symbol_spellings("radium-x") == []
