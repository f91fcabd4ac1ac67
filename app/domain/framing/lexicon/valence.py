"""Tone of work words: ratings VADER lacks, senses it misreads, praise words that name a thing."""

from __future__ import annotations

from typing import Final

from app.domain.framing.lexicon._base import _words

# Words about work that VADER does not rate (it was built on social media text), with a valence
# on its -4..+4 scale. Quality verdicts on a deliverable: the "late and ugly" family.
WORK_VALENCE: Final[dict[str, float]] = {
    **dict.fromkeys(
        (  # noqa: SIM905
            "late slow slower slowest stale outdated clunky bloated buggy flaky fragile sloppy "
            "rushed shoddy tacky cheap junk hideous unreadable unusable unworkable unrealistic "
            "inaccurate incomplete unhelpful pointless amateurish half-finished shallow robotic "
            "cramped clumsy careless chaotic incompetent inept lousy mediocre patchy shabby "
            "impossible bland overpriced inedible soggy tasteless flimsy cluttered laggy glitchy "
            "substandard subpar unfit "
            "overdue overcomplicated convoluted unprofessional unreliable unresponsive "
            "bureaucratic obstructive arrogant dismissive condescending negligent"
        ).split(),
        -1.5,
    ),
    # Praise VADER lacks (round 5): lets sarcastic praise ("Stellar work from Tax, …") be weighed.
    **dict.fromkeys(
        (  # noqa: SIM905
            "stellar genius flawless flawlessly seamless seamlessly smooth smoothly visionary "
            "groundbreaking legendary heroic masterful exemplary"
        ).split(),
        2.0,
    ),
    # Blame carried by a verb: what one team does to another's work ("ghosted", "sits on").
    **dict.fromkeys(
        (  # noqa: SIM905
            "ignore invent ghost ghosted overpromise overpromised overcommit hoard stonewall "
            "dodge botch botched fumble fumbled stall forget forgot skip skipped bypass bypassed "
            "overrule overruled veto vetoed derail derailed scrap scrapped sabotage sideline "
            "sidelined blindside blindsided overrode override unread unanswered unreturned "
            "excuses nag nagging chase chasing micromanage micromanaging stonewalled dodged "
            "dumped ambush ambushed misquote misquoted misreport misreported butcher butchered "
            "hijack hijacked overcharge overcharged shortchange shortchanged renege reneged"
        ).split(),
        -1.2,
    ),
}

# Words VADER rates as praise (or plainly positive) in a sense work English rarely means: "hand"
# (+2.2, as in "give us a hand") is "invoices by hand", "hands over", "on hand"; "approved" (+1.8)
# is a status; "free" (+2.3) is "free text", "free trial"; "super" (+2.9) is an intensifier
# ("super-fast") whose praise, if any, is the next word; "satisfaction" (+1.9) is a metric
# ("customer satisfaction dropped to 3.6"), like "engagement" and "safety"; "interest",
# "credit", "bonus", "benefits" and "profit" are finance and payroll terms; "win" is a deal won.
# Round 8: ``model.vader_valence`` rates these words, and every form that shares their Snowball
# stem ("hands", "handed", "approves"), 0: no rule reads them as praise, tone or a credit.
# "Sure" (+1.3), "fine" (+0.8) and "smooth" keep their ratings: a closing "Sure." or "Fine." is
# the approval a coda reads as irony, and "smooth" is praise in work English too.
WORK_SENSES: Final = frozenset(
    (  # noqa: SIM905
        "hand hands handed handing approve approved approves approving approval approvals free "
        "freed super interest credit credits bonus bonuses benefit benefits win wins profit "
        "profits satisfaction engagement safety "
        # Round 15: negative ratings for a sense work English rarely means: "penalty rates",
        # "storage charges", "the empties count", "flagged the heatwave risk".
        "penalty penalties charges empties risk risks "
        # Round 19: "the Easter possession" (a rail closure for work), the Filipino courtesy
        # "po" ("Po, Post team finished early").
        "possession possessions po"
    ).split()
)

# Round 9: a praise word that names a kind of measure or thing, not a verdict on a team: before
# one of these nouns ("offer acceptance rate", "the happy path", "a positive balance").
MEASURE_NOUNS: Final = _words(
    "rate rates ratio ratios score scores balance balances level levels margin margins path "
    "paths count counts index percentage share total totals figure figures case cases flow "
    # Round 20: "Gentle nudge to everyone, …", "Friendly reminder to all: …" name a kind of note.
    "reminder reminders nudge nudges"
)
# ... or after a determiner ("the happy path"): exclaimed praise opens with the praise word
# ("Great job", "Brilliant work") or follows "what a".
ATTRIBUTIVE_BEFORE: Final = _words("the its their our your his her my this that these those")
