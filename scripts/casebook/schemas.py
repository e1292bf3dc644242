"""What each rules file under cases/ holds, declared once: ``rules.read`` checks a file
against its schema when it is loaded, so a mistake is named by file and key before any
document is read.  Keys the code reads with a default are optional; every other key is required."""

from __future__ import annotations

from .rules import ListOf, MapOf, Nullable, Number, Record, Regex, Text, Whole

WORD = Text("a word (text)")
WORDS = ListOf(WORD, "a list of words")
JOINED = ListOf(Regex(joined=True), "a list of regular expressions")  # joined into one (noise_rules._union)
PATTERNS = ListOf(Regex(), "a list of regular expressions")
SOME = ListOf(Regex(joined=True), "a list of at least one regular expression", at_least=1)  # searched as one
CHINESE = r"[\s\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]+"

# noise.yml — noise_rules.REASONS, each with patterns for short lines and shapes of any length
REASONS = ("advertisement", "web-chrome", "seo-junk", "reprint-notice", "source-url", "pagination",
           "teaser", "caption", "table-border", "english-abstract", "html-debris")
_REASON = {"patterns": JOINED, "any_length": JOINED}
_BLOCK = {**_REASON, "block_gap": Whole(0), "block_line_max_chars": Whole(0)}
_PAGE = {
    "title_max_chars": Whole(1), "paragraph_min_chars": Whole(1), "label_max_chars": Whole(0),
    "run_min_lines": Whole(1), "run_line_max_chars": Whole(1), "author": SOME, "date": SOME, "above_title": SOME,
}
NOISE = Record({
    **{r: Record(_BLOCK if r in ("advertisement", "web-chrome") else _REASON, optional=True) for r in REASONS},
    "seo-junk": Record({**_REASON, "list_header": Regex(joined=True), "list_line_max_chars": Whole(1)},
                       optional=_REASON),
    "line_max_chars": Whole(1),
    "dateline": Record({"patterns": SOME}),
    "credits": Record({"patterns": SOME, "glued": SOME}),
    "pieces": Record({r: Record({"needs": WORDS, "patterns": PATTERNS}) for r in REASONS}, optional=True),
    "page": Record(_PAGE),
}, optional=(*(r for r in REASONS if r != "seo-junk"), "line_max_chars", "pieces"))

# methods.yml — tag_methods._cfg and method_unquoted: word lists, and three numbers
_METHOD_WORDS = (
    "stoplist", "generic_alone", "national_words", "suffixes", "medium_words", "name_endings", "establishing_verbs",
    "object_words", "noun_words", "unquoted_verbs", "unquoted_endings", "brand_verbs", "launch_words",
    "unquoted_formula_suffixes", "repeat_words", "item_verbs", "item_endings", "reject_endings", "list_endings",
    "brand_prefixes", "venue_endings", "modifier_heads", "honour_prefixes", "honour_endings", "honour_before",
    "honour_after", "title_endings", "abbreviation_before", "organisation_endings", "slogan_openers", "plan_nouns",
    "generic_plus_parts", "campaign_destinations",
)
METHODS = Record({
    **{k: WORDS for k in _METHOD_WORDS},
    "suffix_modifier_max": Whole(0), "unquoted_phrase_max_chars": Whole(2), "term_max_chars": Whole(1),
})

# places.yml — gazetteer edits and tag_place._rules
_PLACE_PATTERNS = ("anonymised", "visit_after", "venue_after", "visitor_after", "partner_verbs", "list_gap",
                   "address_after", "address_before", "dateline_after", "branch_after", "reprint_bracket",
                   "origin_after", "subunit_after")
PLACES = Record({
    "not_places": WORDS, "short_name_blocklist": WORDS,
    "weights": Record({"strong": Number(), "full": Number(), "short": Number()}),
    "max_body_hits": Whole(0), "opening_chars": Whole(0), "child_share": Number(),
    "county_self": WORDS, "bulletin": Regex(groups=("name",)), "objects_of_work": WORDS, "visit_verbs": WORDS,
    "visit_direct": WORDS, "not_visit": WORDS, "partner_before": WORDS, "unit_suffixes": WORDS,
    **{k: Regex() for k in _PLACE_PATTERNS},
}, optional=("not_places", "short_name_blocklist"))

# people.yml — tag_meta._people_rules
PEOPLE = Record({
    "organization_endings": WORDS, "middle_max_chars": Whole(0), "middle_breakers": Text(),
    "organization_prefixes": WORDS, "mentions_min": Whole(0), "opening_chars": Whole(0),
    "surnames": Text("Chinese characters only", chars=CHINESE), "name_line_within_blocks": Whole(0),
    "compound_surnames": WORDS,
})

# fields.yml — tag_fields._rules
FIELDS = Record({
    "min_hits": Whole(0), "max_per_keyword": Whole(1), "min_hits_per_1000_chars": Number(),
    "min_share_of_top": Number(), "max_fields": Whole(0),
    "fields": MapOf(WORDS, "a mapping of each field's name to its words"),
    "slugs": MapOf(Text(), "a mapping of a field's name to the address of its page"),
}, optional=("min_hits", "max_per_keyword", "min_hits_per_1000_chars", "min_share_of_top", "max_fields", "slugs"))

# kinds.yml — tag_meta.kind_of: the first kind whose keyword appears wins
KINDS = ListOf(Record({"label": Text(), "keywords": WORDS}), "a list of mappings of label, keywords")

FILES = {"noise": NOISE, "methods": METHODS, "places": PLACES, "people": PEOPLE, "fields": FIELDS, "kinds": KINDS}

# corrections.yml — corrections.py; every section may be left out or empty
_LINE = Whole(1, 10**9, what="a line number (1 or more)")
_NAMES = ListOf(Text(), "a list of method names")
_FIELD_NAMES = ListOf(Text(), "a list of field names")
_CASE = Record({
    "match": Record({"id": Text(), "marker": Text(), "file": Text()}, optional=True, one_of=("id", "marker", "file")),
    "place": Nullable(Record({k: Nullable(Text()) for k in ("province", "city", "county")}, optional=True)),
    "add_fields": _FIELD_NAMES, "remove_fields": _FIELD_NAMES,
    "add_methods": _NAMES, "remove_methods": _NAMES,
    "title": Text(),
}, optional=("place", "add_fields", "remove_fields", "add_methods", "remove_methods", "title"))
CORRECTIONS = Nullable(Record({
    "cases": Nullable(ListOf(_CASE, "a list of corrections of cases")),
    "merge_methods": Nullable(ListOf(Record({"into": Text(), "names": _NAMES}), "a list of merges {into, names}")),
    "split": Nullable(ListOf(Record({"file": Text(), "at_line": _LINE}), "a list of splits {file, at_line}")),
    "join": Nullable(ListOf(Record({"file": Text(), "lines": ListOf(_LINE, "a list of line numbers")}),
                            "a list of joins {file, lines}")),
}, optional=True))
