"""The bundled Russia–Taiwan deck: valid, complete, quoted verbatim, and free of its sources' errors.

The known errors are listed in ../shared/seeds/README.md: a quiz must never teach them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.deck import Deck, Fact, LoadedDeck, PartialDate, quote_problems, read_deck_file
from rutw_quiz.deck.quotes import check_quotes
from rutw_quiz.resources import bundled_deck_path


@pytest.fixture(scope="module")
def loaded() -> LoadedDeck:
    return read_deck_file(bundled_deck_path())


@pytest.fixture(scope="module")
def deck(loaded: LoadedDeck) -> Deck:
    return loaded.deck


def learner_text(fact: Fact) -> str:
    """Everything a student is shown as true: statement, prompt, answers, event label."""
    return " | ".join([fact.statement, fact.prompt or "", fact.answer, *fact.aliases, fact.event or ""])


def facts_where(deck: Deck, pattern: str) -> list[Fact]:
    """Facts whose learner text matches `pattern` (a case-insensitive regex)."""
    return [f for f in deck.facts if re.search(pattern, learner_text(f), re.IGNORECASE)]


def test_the_bundled_deck_is_valid(run_cli: RunCli) -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{bundled_deck_path()}: ok, ")


def test_the_bundled_deck_has_at_least_60_facts(deck: Deck) -> None:
    assert len(deck.facts) >= 60


def test_the_facts_are_dated_from_1895_to_2026(deck: Deck) -> None:
    dates = [f.when for f in deck.facts if f.when is not None]
    assert min(dates).year == 1895
    assert max(dates).year == 2026


def test_every_topic_is_used_and_every_fact_has_a_source_section_and_quote(deck: Deck) -> None:
    used = {t for f in deck.facts for t in f.topics}
    assert used == set(deck.topics)
    assert {f.source.id for f in deck.facts} == {s.id for s in deck.sources}


@pytest.mark.parametrize(
    ("subject", "pattern", "year"),
    [
        ("the Treaty of Shimonoseki", r"Shimonoseki", 1895),
        ("the first Russian consul", r"\bShabert\b", None),
        ("the Soviet recognition of the PRC and the break of 1949", r"\b(recogni[sz]e|break)", 1949),
        ("the 1954 US–ROC treaty", r"security treaty", 1954),
        ("the first Taiwan Strait crisis", r"Taiwan Strait cris", 1954),
        ("the tanker Tuapse", r"\bTuapse\b", None),
        ("the unofficial contacts of the 1960s", r"Victor Louis", None),
        ("the 1972 communiqué", r"communiqu[ée]", 1972),
        ("the 1992 commissions", r"Coordination Commission", None),
        ("Yeltsin's decree of 15 September 1992", r"\bdecree\b", 1992),
        ("the Moscow mission of 12 July 1993", r"\boffice\b", 1993),
        ("the Taipei mission of 15 December 1996", r"\boffice\b", 1996),
        ("students", r"\bstudents\b", None),
        ("visitors", r"\bvisit Russia\b", None),
        ("the unfriendly list", r"unfriendly countries and territories", None),
        ("Starlink", r"\bStarlink\b", None),
        ("naphtha", r"\bnaphtha\b", None),
        ("Shoigu in 2026", r"\bShoigu\b", 2026),
        ("Lavrov's December 2025 statement", r"\bLavrov\b", 2025),
        ("the 2001 treaty", r"Good-Neighbourliness", 2001),
        ("Takaichi's remark", r"\bTakaichi\b", 2025),
    ],
)
def test_the_deck_covers_every_required_subject(
    deck: Deck, subject: str, pattern: str, year: int | None
) -> None:
    found = facts_where(deck, pattern)
    if year is not None:
        found = [f for f in found if f.when is not None and f.when.year == year]
    assert found, f"no fact about {subject} (/{pattern}/{f', dated {year}' if year else ''})"


@pytest.mark.parametrize(
    ("date", "pattern"),
    [
        (PartialDate(1992, 9, 15), r"\bdecree\b"),
        (PartialDate(1993, 7, 12), r"\bMoscow\b"),
        (PartialDate(1996, 12, 15), r"\bTaipei\b"),
        (PartialDate(2025, 11, 7), r"\bTakaichi\b"),
        (PartialDate(2025, 12, 28), r"\bLavrov"),
        (PartialDate(2001, 7, 16), r"\btreaty\b"),
    ],
)
def test_the_key_days_are_given_to_the_day(deck: Deck, date: PartialDate, pattern: str) -> None:
    assert [f.id for f in facts_where(deck, pattern) if f.when == date]


def test_the_answer_kinds_are_the_ones_a_quiz_needs(deck: Deck) -> None:
    kinds = {f.kind.value for f in deck.facts}
    assert {"person", "organization", "place", "date", "year", "number", "document"} <= kinds


def test_every_evidence_quote_is_found_verbatim_in_the_seed_texts(
    loaded: LoadedDeck, seeds_dir: Path
) -> None:
    assert [str(p) for p in quote_problems(loaded, seeds_dir)] == []


def test_validate_with_the_seeds_passes_through_the_real_command(run_cli: RunCli, seeds_dir: Path) -> None:
    result = run_cli("validate", "--sources", seeds_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"and quotes checked against {seeds_dir}\n")


def test_each_source_names_its_text_shipped_beside_the_deck_or_in_the_seeds(
    deck: Deck, seeds_dir: Path
) -> None:
    assert {s.file for s in deck.sources} == {"russia_taiwan.wikipedia.txt", "002_a9d25d24a0dd6e93.txt"}
    beside = bundled_deck_path().parent
    assert (beside / "russia_taiwan.wikipedia.txt").is_file()
    assert (seeds_dir / "002_a9d25d24a0dd6e93.txt").is_file()


def test_the_shipped_article_is_the_seed_text_unchanged_after_its_header(seeds_dir: Path) -> None:
    shipped = (bundled_deck_path().parent / "russia_taiwan.wikipedia.txt").read_text(encoding="utf-8")
    seed = (seeds_dir / "000_5b7e34658e4b2585.txt").read_text(encoding="utf-8")
    assert shipped.endswith(seed)
    assert "CC BY-SA 4.0" in shipped[: len(shipped) - len(seed)]


def test_the_shipped_articles_quotes_are_checked_without_the_seeds(loaded: LoadedDeck) -> None:
    """Runs everywhere: the article ships with the package."""
    result = check_quotes(loaded)
    assert result.problems == []
    assert set(result.checked) == {"wikipedia"}
    assert [s.id for s in result.unchecked] == ["menafn-lavrov"]
    assert sum(f.source.id == "wikipedia" for f in loaded.deck.facts) >= 50


# --- the sources' known errors (../shared/seeds/README.md) ---------------------------------


def test_no_fact_says_the_korean_war_ended_in_1954(deck: Deck) -> None:
    for fact in facts_where(deck, r"Korean War"):
        assert "1954" not in learner_text(fact), fact.id
        assert fact.when is None or fact.when.year != 1954, fact.id


def test_the_1954_treaty_fact_notes_the_articles_korean_war_error(deck: Deck) -> None:
    [treaty] = [f for f in facts_where(deck, r"security treaty") if f.when and f.when.year == 1954]
    assert treaty.note is not None
    assert "Korean War" in treaty.note
    assert "1953" in treaty.note


@pytest.mark.parametrize(
    ("error", "pattern"),
    [
        ("'degree' for 'decree'", r"\bdegree\b"),
        ("the misspelling 'naphta'", r"\bnaphta\b"),
        ("the stray footnote mark in 'Formosa, 2'", r"Formosa, 2\b"),
        ("the name 'Matszu-Amoi crises'", r"Matszu"),
        ("the garbled sentence on the Tuva Republic", r"\bTuva\b"),
        ("'students to work'", r"students to work"),
        ("the news item's wrong dateline", r"02 January 2024|Tuesday"),
    ],
)
def test_no_fact_teaches_a_source_error(deck: Deck, error: str, pattern: str) -> None:
    assert [f.id for f in facts_where(deck, pattern)] == [], f"a fact teaches {error}"


@pytest.mark.parametrize(
    ("error", "quoted"),
    [
        ("degree", r"\bdegree\b"),
        ("naphta", r"\bnaphta\b"),
        ("footnote mark", r"Formosa, 2\b"),
        ("Matszu-Amoi", r"Matszu-Amoi"),
        ("Korean War in 1954", r"Korean War in 1954"),
        ("Tuva", r"\bTuva\b"),
        ("students to work", r"students to work"),
    ],
)
def test_a_fact_quoting_a_faulty_passage_carries_a_teacher_note(deck: Deck, error: str, quoted: str) -> None:
    quoting = [f for f in deck.facts if re.search(quoted, f.source.quote)]
    assert all(f.note for f in quoting), [f.id for f in quoting if not f.note]


def test_lavrovs_statement_is_never_dated_2024(deck: Deck) -> None:
    [menafn] = [s.id for s in deck.sources if s.publisher == "MENAFN"]
    news = [f for f in deck.facts if f.source.id == menafn or "Lavrov" in learner_text(f)]
    assert news
    for fact in news:
        assert fact.when is None or fact.when.year != 2024, fact.id
        assert "2024" not in learner_text(fact), fact.id


def test_the_date_of_lavrovs_statement_is_28_december_2025_with_a_note_on_the_dateline(deck: Deck) -> None:
    dated = [f for f in facts_where(deck, r"\bLavrov") if f.when == PartialDate(2025, 12, 28)]
    assert dated
    assert all(f.note and "2024" in f.note for f in dated)


def test_the_news_source_is_dated_28_december_2025(deck: Deck) -> None:
    [news] = [s for s in deck.sources if s.publisher == "MENAFN"]
    assert news.date == "28 December 2025"


def test_the_2001_treaty_is_named_and_its_2021_renewal_kept(deck: Deck) -> None:
    assert facts_where(deck, r"Treaty of Good-Neighbourliness and Friendly Cooperation")
    assert [f for f in facts_where(deck, r"renewed|extended") if f.when and f.when.year == 2021]


def test_questions_on_the_representatives_say_as_of_when(deck: Deck) -> None:
    envoys = [f for f in deck.facts if f.answer in {"Lo Chin-Ru", "Yury Metelev"}]
    assert len(envoys) == 2
    for fact in envoys:
        assert re.search(r"according to the article \(early 2026\)", fact.statement, re.IGNORECASE), fact.id
        if fact.prompt is not None:
            assert "2026" in fact.prompt, fact.id


# --- the content review of 2026-11-30: corrections that must stay ---------------------------


def shown_text(fact: Fact) -> str:
    """Everything a student can be shown as a question or a choice: learner text and distractors."""
    return " | ".join([learner_text(fact), *fact.distractors])


def fact_by_id(deck: Deck, fact_id: str) -> Fact:
    [fact] = [f for f in deck.facts if f.id == fact_id]
    return fact


def test_no_question_or_choice_names_the_state_duma(deck: Deck) -> None:
    assert [f.id for f in deck.facts if re.search(r"\bDuma\b", shown_text(f))] == []


def test_a_note_naming_the_duma_says_it_did_not_exist_in_1992(deck: Deck) -> None:
    noted = [f for f in deck.facts if f.note and "Duma" in f.note]
    assert noted, "the article's anachronistic 'State Duma' is explained in a note"
    for fact in noted:
        assert "1994" in fact.note and "Supreme Soviet" in fact.note, fact.id


MAINTENANCE = re.compile(
    r"\bsee the fact\b|\bthe deck\b|\bignore it\b|\bnever answer\b|\bno question\b|\bthis fact\b",
    re.IGNORECASE,
)


def test_notes_are_for_learners_not_deck_maintainers(deck: Deck) -> None:
    ids = {f.id for f in deck.facts if "-" in f.id}
    for fact in deck.facts:
        if fact.note is None:
            continue
        assert not MAINTENANCE.search(fact.note), (fact.id, fact.note)
        assert not [i for i in ids if re.search(rf"\b{re.escape(i)}\b", fact.note)], fact.id


def test_notes_are_short(deck: Deck) -> None:
    for fact in deck.facts:
        if fact.note is not None:
            assert len(fact.note) <= 330, fact.id


def test_john_chang_is_accepted_for_the_vice_foreign_minister_of_1992(deck: Deck) -> None:
    fact = fact_by_id(deck, "chiang-hsiao-yen")
    accepted = {a.casefold() for a in fact.accepted}
    assert {"john chang", "chang hsiao-yen", "chiang hsiao-yen"} <= accepted
    assert fact.note and "John Chang" in fact.note and "2005" in fact.note


def test_the_shanghai_communique_is_issued_not_signed(deck: Deck) -> None:
    about = facts_where(deck, r"communiqu[ée]")
    assert about
    for fact in about:
        assert not re.search(r"\bsign(ed|ing)\b", learner_text(fact), re.IGNORECASE), fact.id
    assert "not signed" in (fact_by_id(deck, "shanghai-communique").note or "")


def test_china_contacted_kozyrev_rather_than_calling_on_him(deck: Deck) -> None:
    fact = fact_by_id(deck, "kozyrev-called")
    assert "called on" not in fact.statement
    assert "contacted" in fact.statement


def test_the_soviet_un_boycott_ends_in_august_1950(deck: Deck) -> None:
    boycott = facts_where(deck, r"boycott")
    assert boycott
    for fact in boycott:
        assert fact.when == PartialDate(1950, 8), fact.id
        assert "cold-war-contacts" not in fact.topics, fact.id


def test_luzon_strait_is_accepted_for_the_tuapse_and_the_note_says_accounts_differ(deck: Deck) -> None:
    fact = fact_by_id(deck, "tuapse-bashi-channel")
    assert "Luzon Strait" in fact.aliases
    assert "Luzon Strait" not in fact.distractors
    assert fact.note and "differ" in fact.note


def test_the_tuapse_voyage_notes_that_accounts_differ(deck: Deck) -> None:
    fact = fact_by_id(deck, "tuapse-bound-for-vladivostok")
    assert fact.note and "differ" in fact.note and "Shanghai" in fact.note
    assert "Shanghai" not in fact.distractors


@pytest.mark.parametrize(
    "fact_id", ["ten-nations-summit", "outer-mongolia-2002", "khrushchev-considered-recognition"]
)
def test_loosely_dated_facts_stay_out_of_timelines(deck: Deck, fact_id: str) -> None:
    fact = fact_by_id(deck, fact_id)
    assert fact.when is None and fact.event is None


def test_the_ten_nations_summit_date_is_noted_as_doubtful(deck: Deck) -> None:
    fact = fact_by_id(deck, "ten-nations-summit")
    assert "1958" not in learner_text(fact)
    assert fact.note and "1955" in fact.note


def test_outer_mongolia_is_not_confused_with_islands_taiwan_still_holds(deck: Deck) -> None:
    fact = fact_by_id(deck, "outer-mongolia-2002")
    assert not {"Matsu", "Penghu", "Kinmen", "Quemoy"} & set(fact.distractors)


def test_the_lavrov_weekday_question_asks_only_what_its_quote_says(deck: Deck) -> None:
    fact = fact_by_id(deck, "lavrov-statement-date")
    assert fact.answer in fact.source.quote


def test_the_infobox_title_quote_covers_both_envoys(deck: Deck) -> None:
    quote = fact_by_id(deck, "envoy-title-representative").source.quote
    assert "Envoytitle1" in quote and "Envoytitle2" in quote


def test_rude_violation_is_taught_as_gross_violation(deck: Deck) -> None:
    fact = fact_by_id(deck, "soviet-rude-violation")
    assert fact.answer.startswith("gross violation")
    assert "rude" not in fact.statement
    assert fact.note and "gross violation" in fact.note


STANDS_ALONE = re.compile(r"^(During the same|The same|This|These|That|He|She|It|They|His|Her|Its)\b")


def test_every_statement_stands_alone(deck: Deck) -> None:
    assert [f.id for f in deck.facts if STANDS_ALONE.match(f.statement)] == []


def test_every_statement_names_its_answer_once_and_no_alias_elsewhere(deck: Deck) -> None:
    for fact in deck.facts:
        assert fact.statement.count(fact.answer) == 1, fact.id
        rest = fact.statement.replace(fact.answer, "\0")
        for alias in fact.aliases:
            if (
                fact.answer.casefold() not in alias.casefold()
                and alias.casefold() not in fact.answer.casefold()
            ):
                assert not re.search(rf"\b{re.escape(alias)}\b", rest, re.IGNORECASE), (fact.id, alias)


def test_every_fact_has_a_category_that_does_not_give_the_answer_away(deck: Deck) -> None:
    for fact in deck.facts:
        assert fact.category, fact.id
        assert fact.answer.casefold() not in fact.category.casefold(), fact.id


def test_every_non_numeric_fact_has_at_least_three_distractors_of_its_own(deck: Deck) -> None:
    short = [f.id for f in deck.facts if not f.kind.is_numeric and len(set(f.distractors)) < 3]
    assert short == []


@pytest.mark.parametrize(
    ("fact_id", "anachronisms"),
    [
        # organisations created after 1992
        (
            "foreign-intelligence-concerns",
            {"KGB", "Federal Security Service", "Federal Protective Service", "FSB"},
        ),
        # people dead by the statement's date
        ("shoigu-january-2026", {"Pavel Grachev", "Igor Sergeyev", "Igor Rodionov"}),
        ("lavrov-rejects-independence", {"Yevgeny Primakov", "Eduard Shevardnadze"}),
        ("khrushchev-backs-prc", {"Lavrentiy Beria", "Joseph Stalin"}),
        # Taiwanese politicians too young for the contacts of the 1960s
        ("chiang-ching-kuo-contacts", {"Chen Shui-bian", "Ma Ying-jeou", "Tsai Ing-wen"}),
    ],
)
def test_no_anachronistic_distractors(deck: Deck, fact_id: str, anachronisms: set[str]) -> None:
    assert not anachronisms & set(fact_by_id(deck, fact_id).distractors)


def test_year_distractors_for_consular_activity_are_under_japanese_rule(deck: Deck) -> None:
    fact = fact_by_id(deck, "russian-consular-activity-1896")
    assert fact.distractors and all(int(d) >= 1895 for d in fact.distractors)


def test_more_than_300_students_has_no_smaller_distractor(deck: Deck) -> None:
    fact = fact_by_id(deck, "taiwanese-students-300")
    assert fact.distractors and all(int(d.replace(",", "")) > 300 for d in fact.distractors)


def test_the_un_prompt_does_not_name_the_security_council(deck: Deck) -> None:
    assert "Security Council" not in (fact_by_id(deck, "un-founding-members").prompt or "")


def test_the_ukraine_prompt_does_not_rule_out_its_distractors_by_year(deck: Deck) -> None:
    assert "2022" not in (fact_by_id(deck, "invasion-of-ukraine").prompt or "")
