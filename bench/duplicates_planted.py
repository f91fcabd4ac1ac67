"""A planted set for the board's duplicate finder (``similar_items``), and its report.

A board of 30 issues; 40 queries are planted near-duplicates of one of them (paraphrased, with
typos, with words reordered, or filed between different departments), 30 are new issues that
share teams and vocabulary with the board but are not the same issue. Written by hand for issue
#22, the same day as the finder; the threshold was chosen on this set, so its figures are
in-sample (there is no second planted set yet).

Measured: recall (a planted duplicate's original is among the suggestions, limit 3) and false
suggestions (suggested items that are not the planted original, over all suggestions made).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.board.model import BoardItem, Impact
from app.domain.board.views import similar_items

BOARD: dict[str, tuple[str, str, str]] = {
    # id: (from team, to team, what happens)
    "invoice": ("Sales", "Finance", "Discount codes reach billing after the invoice run."),
    "laptop": ("HR", "IT", "New hires wait three weeks for a laptop."),
    "promise": ("Sales", "Engineering", "Sales promises custom features before they are built."),
    "po": ("Ops", "Procurement", "Purchase orders take twelve days to approve."),
    "contract": ("Sales", "Legal", "Contract reviews take three weeks for small deals."),
    "forecast": ("Finance", "Sales", "The sales forecast arrives after the planning meeting."),
    "release": ("Support", "Engineering", "Release notes go out after customers see the change."),
    "campaign": ("Support", "Marketing", "Campaigns launch without a heads-up to the help desk."),
    "onboard": ("IT", "HR", "Start dates change without telling IT, so accounts are not ready."),
    "vpn": ("Sales", "IT", "The VPN drops every afternoon for remote staff."),
    "stock": ("Sales", "Ops", "Stock levels in the CRM are a day out of date."),
    "expense": ("Finance", "Sales", "Expense reports arrive two months late."),
    "spec": ("Engineering", "Product", "Specs change in the middle of a sprint."),
    "brand": ("Marketing", "Design", "Design reviews of campaign assets take ten days."),
    "payroll": ("HR", "Payroll", "Overtime is paid a month late."),
    "access": ("Data", "Security", "Access requests to the warehouse take two weeks."),
    "returns": ("Support", "Ops", "Returned items sit in the depot for a week before refund."),
    "pricing": ("Sales", "Product", "The price list on the website differs from the CRM."),
    "interview": ("Engineering", "Recruiting", "Interview feedback is collected a week late."),
    "desk": ("Ops", "Facilities", "Broken desks are repaired after a month."),
    "tickets": ("Support", "IT", "Tickets are closed without a note explaining the fix."),
    "audit": ("Finance", "Compliance", "Audit evidence requests come with a two-day deadline."),
    "churn": ("Success", "Data", "Churn numbers differ between the dashboard and the board deck."),
    "handoff": ("Sales", "Success", "Customer handoffs miss the contract details."),
    "travel": ("Sales", "Finance", "Travel approvals need three signatures."),
    "demo": ("Sales", "Engineering", "The demo environment is down before big meetings."),
    "leads": ("Sales", "Marketing", "Leads from events arrive in the CRM a week later."),
    "shift": ("Ops", "HR", "Shift swaps need a manager on site to approve."),
    "translate": ("Product", "Marketing", "Translations arrive after the release date."),
    "backup": ("Engineering", "IT", "Restoring a backup takes a full day."),
}

# (original id, kind, from team, to team, query text)
PLANTED: list[tuple[str, str, str, str, str]] = [
    (
        "invoice",
        "paraphrase",
        "Sales",
        "Finance",
        "Billing gets the discount codes only after invoicing has run.",
    ),
    (
        "laptop",
        "paraphrase",
        "HR",
        "IT",
        "People who just joined wait about three weeks for their laptops.",
    ),
    (
        "promise",
        "paraphrase",
        "Sales",
        "Engineering",
        "Custom features get promised to clients before anyone builds them.",
    ),
    (
        "po",
        "paraphrase",
        "Ops",
        "Procurement",
        "Approving a purchase order takes about twelve days.",
    ),
    (
        "contract",
        "paraphrase",
        "Sales",
        "Legal",
        "Small deals wait three weeks for contract review.",
    ),
    (
        "forecast",
        "paraphrase",
        "Finance",
        "Sales",
        "We get the sales forecast only after planning has happened.",
    ),
    (
        "release",
        "paraphrase",
        "Support",
        "Engineering",
        "Customers notice changes before the release notes are published.",
    ),
    (
        "campaign",
        "paraphrase",
        "Support",
        "Marketing",
        "The help desk hears about campaigns only once they have launched.",
    ),
    ("vpn", "paraphrase", "Sales", "IT", "Remote staff lose the VPN connection each afternoon."),
    (
        "expense",
        "paraphrase",
        "Finance",
        "Sales",
        "Expense reports come in two months after the trip.",
    ),
    (
        "returns",
        "paraphrase",
        "Support",
        "Ops",
        "Refunds wait a week because returned items sit in the depot.",
    ),
    (
        "churn",
        "paraphrase",
        "Success",
        "Data",
        "The board deck and the dashboard show different churn numbers.",
    ),
    ("invoice", "typos", "Sales", "Finance", "Discount cods reach biling after the invoce run."),
    ("laptop", "typos", "HR", "IT", "New hirs wait thre weeks for a lapop."),
    ("stock", "typos", "Sales", "Ops", "Stok levels in the CRM are a day out of dat."),
    ("spec", "typos", "Engineering", "Product", "Specs chnage in the midle of a sprnt."),
    ("payroll", "typos", "HR", "Payroll", "Overtime is payed a month lte."),
    ("access", "typos", "Data", "Security", "Acess requests to the warehose take two weks."),
    ("pricing", "typos", "Sales", "Product", "The price lsit on the webiste differs from the CRM."),
    ("desk", "typos", "Ops", "Facilities", "Broken desk are repaird after a month."),
    ("tickets", "typos", "Support", "IT", "Tickets get closed without a note explainig the fix."),
    ("demo", "typos", "Sales", "Engineering", "The demo enviroment is down before big meetigns."),
    ("po", "reordered", "Ops", "Procurement", "Twelve days to approve purchase orders."),
    (
        "contract",
        "reordered",
        "Sales",
        "Legal",
        "For small deals, contract reviews take three weeks.",
    ),
    ("backup", "reordered", "Engineering", "IT", "A full day is what restoring a backup takes."),
    (
        "interview",
        "reordered",
        "Engineering",
        "Recruiting",
        "A week late: that is when interview feedback is collected.",
    ),
    (
        "audit",
        "reordered",
        "Finance",
        "Compliance",
        "With a two-day deadline come the audit evidence requests.",
    ),
    (
        "travel",
        "reordered",
        "Sales",
        "Finance",
        "Three signatures are needed for travel approvals.",
    ),
    ("leads", "reordered", "Sales", "Marketing", "A week later, event leads arrive in the CRM."),
    (
        "translate",
        "reordered",
        "Product",
        "Marketing",
        "After the release date, the translations arrive.",
    ),
    (
        "invoice",
        "other teams",
        "Success",
        "Billing",
        "Discount codes reach billing after the invoice run.",
    ),
    ("laptop", "other teams", "Sales", "Procurement", "New hires wait three weeks for a laptop."),
    ("vpn", "other teams", "Support", "Infra", "The VPN drops every afternoon for remote staff."),
    (
        "onboard",
        "other teams",
        "Security",
        "People Ops",
        "Start dates change without telling IT, so accounts are not ready.",
    ),
    (
        "tickets",
        "other teams",
        "Ops",
        "Helpdesk",
        "Tickets are closed without a note explaining the fix.",
    ),
    (
        "shift",
        "other teams",
        "Warehouse",
        "Payroll",
        "Shift swaps need a manager on site to approve them.",
    ),
    (
        "handoff",
        "other teams",
        "Marketing",
        "Support",
        "Customer handoffs miss the contract details.",
    ),
    (
        "brand",
        "other teams",
        "Product",
        "Brand",
        "Design reviews of campaign assets take ten days.",
    ),
    (
        "returns",
        "other teams",
        "Finance",
        "Logistics",
        "Returned items sit in the depot a week before the refund.",
    ),
    ("backup", "other teams", "Data", "Infra", "Restoring a backup takes a full day."),
]

# Not duplicates: same teams and vocabulary, a different issue.
DISTINCT: list[tuple[str, str, str]] = [
    ("Sales", "Finance", "Commission statements are hard to read."),
    ("HR", "IT", "The HR system logs everyone out at lunchtime."),
    ("Sales", "Engineering", "Bug fixes for key accounts are not prioritised."),
    ("Ops", "Procurement", "Suppliers are paid late and stop deliveries."),
    ("Sales", "Legal", "NDA templates are missing a Spanish version."),
    ("Finance", "Sales", "Deal discounts exceed the approved limits."),
    ("Support", "Engineering", "Error messages do not tell customers what to do."),
    ("Support", "Marketing", "Newsletter replies land in the support inbox."),
    ("IT", "HR", "Leavers keep their badges after the last day."),
    ("Sales", "IT", "Phones for the sales floor are five years old."),
    ("Sales", "Ops", "Delivery slots cannot be booked online."),
    ("Finance", "Sales", "Credit checks are skipped for new customers."),
    ("Engineering", "Product", "Nobody owns the roadmap for the mobile app."),
    ("Marketing", "Design", "The brand font is not licensed for the web."),
    ("HR", "Payroll", "Payslips are only available as paper copies."),
    ("Data", "Security", "Password rotation breaks the nightly reports."),
    ("Support", "Ops", "Couriers cannot find the new depot entrance."),
    ("Sales", "Product", "Trial accounts expire in the middle of evaluations."),
    ("Engineering", "Recruiting", "Job ads list the wrong tech stack."),
    ("Ops", "Facilities", "The loading bay lights are off at night."),
    ("Support", "IT", "Screen sharing is blocked on support laptops."),
    ("Finance", "Compliance", "Policy documents contradict each other on gifts."),
    ("Success", "Data", "Usage data for small accounts is missing."),
    ("Sales", "Success", "Renewal reminders go to the wrong contact."),
    ("Sales", "Finance", "Corporate cards are declined abroad."),
    ("Sales", "Engineering", "The API documentation is out of date."),
    ("Sales", "Marketing", "Case studies need customer approval we never get."),
    ("Ops", "HR", "Night shift staff miss the all-hands."),
    ("Product", "Marketing", "Launch blog posts describe features we cut."),
    ("Engineering", "IT", "Build servers run out of disk every Friday."),
]


@dataclass(frozen=True)
class DuplicateFigures:
    """What the report prints."""

    planted: int
    found: int
    by_kind: dict[str, tuple[int, int]]
    suggestions: int
    false_suggestions: int
    distinct_with_any: int


def board_items() -> list[BoardItem]:
    return [
        BoardItem(key, source, (target,), text, Impact.MEDIUM, None, "bench", seq=n)
        for n, (key, (source, target, text)) in enumerate(BOARD.items())
    ]


def measure() -> DuplicateFigures:
    """Run every planted and distinct query against the board."""
    items = board_items()
    found = suggestions = false = distinct_any = 0
    by_kind: dict[str, tuple[int, int]] = {}
    for original, kind, source, target, text in PLANTED:
        ids = [m.item.id for m in similar_items(text, source, [target], items)]
        hit = original in ids
        found += hit
        suggestions += len(ids)
        false += sum(i != original for i in ids)
        done, total = by_kind.get(kind, (0, 0))
        by_kind[kind] = (done + hit, total + 1)
    for source, target, text in DISTINCT:
        ids = [m.item.id for m in similar_items(text, source, [target], items)]
        suggestions += len(ids)
        false += len(ids)
        distinct_any += bool(ids)
    return DuplicateFigures(len(PLANTED), found, by_kind, suggestions, false, distinct_any)


def duplicate_report() -> None:
    """Print the duplicate finder's figures on the planted set."""
    f = measure()
    print(f"\nduplicates: {len(BOARD)} board items, {f.planted} planted, {len(DISTINCT)} distinct")
    for kind, (done, total) in f.by_kind.items():
        print(f"  {kind:<12} found {done:>2} of {total:>2}")
    print(f"  recall of planted duplicates {f.found / f.planted:.1%}   (goal >= 90%)")
    share = f.false_suggestions / f.suggestions if f.suggestions else 0.0
    print(
        f"  false suggestions {f.false_suggestions} of {f.suggestions} = {share:.1%}",
        "  (goal <= 10%)",
    )
    print(f"  distinct issues that got any suggestion: {f.distinct_with_any} of {len(DISTINCT)}")


if __name__ == "__main__":
    duplicate_report()
