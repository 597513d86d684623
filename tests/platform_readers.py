"""The receiving platforms' importers, emulated at the points where they read an export in a way of
their own. Each function names the importer source it follows (read, not copied); the real
importers (Moodle's PHP under php-cli, Canvas's QTIMigrationTool) were run on the exports by hand
for issue 23, and these emulations hold the tests to what they showed.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from xml.parsers import expat

XMLIZE_PIECE = 4096
"""lib/xmlize.php core_xml_parser::parse feeds the parser 4096 bytes at a time."""


def moodle_xmlize(data: bytes) -> ET.Element:
    """The tree Moodle's XML reader builds (lib/xmlize.php, core_xml_parser).

    The file, trimmed, is fed to an XML parser in 4096-byte pieces, and every piece of character
    data that is only whitespace is dropped (characterdata: `trim($data) != ""`, unless it is
    "0"). The parser hands over the text between two entities as a piece of its own (PHP's, run
    for issue 23, does as expat does here; expat also splits at line breaks), so
    `Q &amp; &lt;A&gt;` arrives as `Q &<A>`.
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate("UTF-8")
    parser.buffer_text = False
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end

    def characters(piece: str) -> None:
        if piece == "0" or piece.strip():
            builder.data(piece)

    parser.CharacterDataHandler = characters
    data = data.strip()
    for start in range(0, len(data), XMLIZE_PIECE):
        parser.Parse(data[start : start + XMLIZE_PIECE], False)
    parser.Parse(b"", True)
    return builder.close()


def php_strip_tags(text: str) -> str:
    """PHP's strip_tags as Moodle calls it (format_string, and clean_param PARAM_TEXT).

    A `<` followed by a character that is not whitespace opens a tag, which runs to its `>` (quoted
    `>` inside it aside) or to the end of the text; the tag is removed. A `<` before whitespace
    and a lone `>` stay.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<" and i + 1 < len(text) and not text[i + 1].isspace():
            quote = ""
            i += 1
            while i < len(text) and (quote or text[i] != ">"):
                if text[i] in "\"'":
                    quote = "" if quote == text[i] else quote or text[i]
                i += 1
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def moodle_format_string(text: str) -> str:
    """What a reader sees of plain text Moodle shows through format_string (lib/classes/formatting.php,
    with formatstringstriptags on, Moodle's default): an `&` that starts no entity escaped
    (lib/weblib.php replace_ampersands_not_followed_by_entity), tags stripped, `<` and `>` escaped,
    and the browser decoding the entities."""
    text = re.sub(r"&(?![a-zA-Z0-9#]{1,8};)", "&amp;", text)
    text = php_strip_tags(text).replace("<", "&lt;").replace(">", "&gt;")
    return html.unescape(text)


def moodle_category_names(path: str) -> list[str]:
    """The categories Moodle makes of a category path, as a teacher sees their names
    (question/format.php split_category_path: split at a single `/`, `//` read as `/`, each name
    trimmed and cleaned as PARAM_TEXT, which is strip_tags; then shown through format_string)."""
    names = re.split(r"(?<!/)/(?!/)", path)
    return [moodle_format_string(php_strip_tags(name.replace("//", "/").strip())) for name in names]


def moodle_html_text(text: str) -> str:
    """An HTML field as a reader sees it: paragraphs on lines of their own, tags gone, entities decoded."""
    paragraphs = re.findall(r"<p>(.*?)</p>", text, flags=re.DOTALL) or [text]
    assert all("<" not in p for p in paragraphs), "deck markup must arrive escaped"
    return "\n".join(html.unescape(p) for p in paragraphs)


def moodle_shortanswer_matches(answer: str, response: str) -> bool:
    """Whether Moodle's shortanswer marks `response` right for the stored `answer`, case ignored
    (question/type/shortanswer/question.php compare_string_with_wildcard: both NFC-normalised, a
    run of unescaped `*` matches anything, `\\*` is a literal star, the response trimmed)."""
    bits = re.split(r"(?<!\\)\*+", unicodedata.normalize("NFC", answer))
    pattern = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    response = unicodedata.normalize("NFC", response).strip()
    return re.fullmatch(pattern, response, flags=re.IGNORECASE | re.DOTALL) is not None


GIFT_ESCAPES = [
    ("\\:", ":"),
    ("\\#", "#"),
    ("\\=", "="),
    ("\\{", "{"),
    ("\\}", "}"),
    ("\\~", "~"),
    ("\\n", "\n"),
]
GIFT_GRADE = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
GIFT_FORMATS = ("moodle", "html", "plain", "markdown")


def moodle_gift_unescape(text: str) -> str:
    """question/format/gift/format.php escapedchar_pre then escapedchar_post: `\\\\` is `\\`, and a
    backslash before `: # = { } ~` or `n` is taken off (placeholders in between)."""
    holders = [f"\x00{i}\x00" for i in range(len(GIFT_ESCAPES))]
    text = text.replace("\\\\", "\x00b\x00")
    for (escaped, _), holder in zip(GIFT_ESCAPES, holders, strict=True):
        text = text.replace(escaped, holder)
    text = text.replace("\x00b\x00", "\\")
    for (_, char), holder in zip(GIFT_ESCAPES, holders, strict=True):
        text = text.replace(holder, char)
    return text


def moodle_gift_answer(raw: str, *, default_format: str = "html") -> tuple[float | None, str, str]:
    """One `~`-answer of a multiple-choice question, or one `=`-answer of a short answer, as Moodle's
    GIFT importer reads it (qformat_gift::readquestion): trimmed; a grade `%50%` at its start taken
    as the answer's grade (answerweightparser); the text up to an unescaped `#` (commentparser);
    a known format name in brackets at its start taken as its format (parse_text_with_format);
    then unescaped. Returns (grade or None, format, text)."""
    answer = raw.strip()
    grade = None
    if GIFT_GRADE.match(answer):
        answer = answer[1:]
        end = answer.index("%")
        grade = float(answer[:end]) / 100
        answer = answer[end + 1 :]
    text = re.split(r"(?<!\\)#", answer, maxsplit=1)[0].strip()
    fmt = default_format
    if text.startswith("[") and "]" in text and text[1 : text.index("]")] in GIFT_FORMATS:
        fmt = text[1 : text.index("]")]
        text = text[text.index("]") + 1 :]
    return grade, fmt, moodle_gift_unescape(text).strip()


NMSTART = re.compile(r"[A-Za-z_]")


def qti_migration_ident(ident: str, prefix: str = "RESPONSE_") -> str:
    """A response label's ident as instructure/QTIMigrationTool writes it into QTI 2.1
    (lib/imsqtiv1.py CheckNMTOKEN): one that does not start with a letter or `_` gets a prefix."""
    return ident if NMSTART.match(ident) else prefix + ident


def canvas_match_id(identifier: str) -> int | None:
    """The match id Canvas gives a matching option: the first run of digits in its identifier
    (canvas-lms gems/plugins/qti_exporter/lib/qti/associate_interaction.rb get_canvas_matches);
    None where Canvas would draw a random one."""
    found = re.search(r"\d+", identifier)
    return int(found.group()) if found else None


def canvas_clear_html(text: str) -> str:
    """Canvas's plain-text copy of HTML (html_helper.rb clear_html): tags removed, numeric
    character references decoded, every named entity deleted."""
    text = re.sub(r"</?[^>\n]*>", "", text)
    text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), text)
    return re.sub(r"&\w+;", "", text)


def canvas_choice_text(texttype: str, text: str) -> str:
    """The plain text Canvas keeps of a choice (choice_interaction.rb get_answers): a text/plain
    choice (QTIMigrationTool's `div class="text"`) as written, stripped; an HTML one through
    clear_html, runs of whitespace as one space."""
    if texttype == "text/plain":
        return text.strip()
    return re.sub(r"\s+", " ", canvas_clear_html(text)).strip()
