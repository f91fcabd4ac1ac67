"""Agendas for the demo session: realistic, mostly submitted, one flagged, a few unfinished."""

from __future__ import annotations

from typing import Any

# name -> (what we do, pressing issue, ask, butterfly issue, lands on, cost, next step,
#          pressing goal index or None for "no goal fits", butterfly goal index, submitted)
DEMO_AGENDAS: dict[str, tuple[Any, ...]] = {
    "Dana Lee": (
        "Finance runs billing, collections, budgeting and the monthly close for every product "
        "line; Sales and the exec team are our main internal customers.",
        "Invoices go out late when contract data is missing at signature, which delays cash by "
        "about two weeks.",
        "Could Sales Operations make the billing contact a required field before a deal closes?",
        "Deals signed without complete contract data are invoiced by hand each month, and the "
        "corrections reach Customer Success as confused customers.",
        ["Sales", "Customer Success"],
        "About 40 hours a month of rework and roughly 30 billing tickets.",
        "Agree one required field set at contract signature, owned by Sales Operations.",
        1,
        0,
        True,
    ),
    "Marcus Okafor": (
        "Sales owns new business and expansion revenue across three regions; we are the first "
        "contact most customers have with the company.",
        "Pricing approvals for non-standard deals take eight days on average, and we lose deals "
        "while we wait.",
        "Could Finance and Legal agree a pre-approved discount band, so that small deviations "
        "skip review?",
        "When we promise custom onboarding to close a deal, the promise lands on Customer Success "
        "without the details, and they discover it at kick-off.",
        ["Customer Success", "Product"],
        "Onboarding starts a week late for about one in five new customers.",
        "Add a structured handover note to the deal record, reviewed in the weekly pipeline call.",
        1,
        0,
        True,
    ),
    "Priya Raman": (
        "Product decides what we build and why; we translate customer problems into a roadmap "
        "that Engineering delivers.",
        "We cannot measure feature adoption reliably because event tracking differs per team.",
        "Could Data and Engineering agree one tracking plan we all instrument against?",
        "Roadmap changes late in a quarter reach Marketing after launch content is already "
        "produced, so campaigns are re-done.",
        ["Marketing", "Support"],
        "Two rewritten launch campaigns last quarter, around three weeks of work.",
        "Freeze launch scope four weeks before a launch date and share a weekly change log.",
        2,
        2,
        True,
    ),
    "Tom Becker": (
        "Engineering builds and runs the product; our customers are Product, Support and every "
        "team that depends on a stable platform.",
        "Unplanned work from escalations takes about 30% of sprint capacity.",
        "Could Support and Customer Success agree severity definitions with us so fewer issues "
        "skip the queue?",
        "Late-changing requirements push rework onto QA and Support, who learn about changes "
        "from customers.",
        ["Support", "Product"],
        "Roughly one sprint per quarter spent on rework.",
        "Hold a requirements freeze at sprint planning with Product sign-off.",
        2,
        2,
        True,
    ),
    "Aisha Khan": (
        "Customer Success onboards and renews our customers and is the voice of the customer "
        "inside the company.",
        "Onboarding takes 30 days on average, three times our goal, mostly waiting on data "
        "migrations.",
        "Could Engineering give us a self-serve import tool on the roadmap for this half?",
        "Renewals at risk are flagged too late to Sales, so expansion conversations start "
        "after the customer has decided.",
        ["Sales"],
        "We lost four renewals last quarter that a earlier warning might have saved.",
        "Share a weekly at-risk list with Sales leadership, with a named owner per account.",
        0,
        1,
        True,
    ),
    "Lukas Novak": (
        "IT provides laptops, accounts, networks and the internal tools every employee uses.",
        "Access requests for new joiners take five days because approvals sit in email.",
        "Could People share start dates two weeks ahead so accounts are ready on day one?",
        "People never tell us about new hires and the process is useless; it is always a "
        "last-minute scramble.",
        ["People"],
        "New joiners lose their first days without tools.",
        "",
        None,
        3,
        False,
    ),
    "Sofia Alvarez": (
        "Marketing builds demand and the brand: campaigns, content, events and the website.",
        "We cannot attribute pipeline to campaigns because lead sources are overwritten in "
        "the CRM.",
        "Could Sales Operations lock the original lead source field after creation?",
        "Campaign dates set without Sales capacity in mind create lead spikes that Sales cannot "
        "follow up within 48 hours.",
        ["Sales"],
        "Roughly a third of event leads are never contacted.",
        "Plan campaign calendars jointly with Sales each quarter.",
        1,
        1,
        True,
    ),
    "Jin Park": (
        "Operations keeps the business running: vendors, facilities, procurement and planning.",
        "Every team plans in its own calendar, so cross-team dependencies surface too late.",
        "Could each department publish its key dates into one shared planning calendar?",
        "Purchase requests arrive without budget codes, so Finance and Operations both chase "
        "the requester.",
        ["Finance"],
        "About 15 hours a week of back-and-forth across two teams.",
        "Add budget code as a required field in the purchase request form.",
        3,
        3,
        True,
    ),
    "Hannah Weiss": (
        "People (HR) hires, develops and looks after our employees, from offer to exit.",
        "Hiring managers take a week to give interview feedback, and we lose candidates.",
        "Could department heads commit to feedback within 48 hours?",
        "Headcount approvals arrive after the quarter starts, so IT, Facilities and the hiring "
        "team all scramble.",
        ["IT", "Operations"],
        "New joiners without equipment on day one, roughly 40% of hires.",
        "Lock headcount plans two weeks before quarter start and share them with IT.",
        None,
        3,
        True,
    ),
    "Omar Haddad": (
        "Legal protects the company: contracts, compliance, privacy and disputes.",
        "Contract review queues are long because most requests arrive without the key terms.",
        "Could Sales use the intake form with the five key terms before sending a contract to us?",
        "Non-standard clauses agreed in negotiations reach Finance only at invoicing, creating "
        "billing exceptions.",
        ["Finance", "Sales"],
        "Around 10 billing exceptions a month, each needing Legal review again.",
        "Flag non-standard clauses in the deal record at signature.",
        1,
        1,
        True,
    ),
    "Grace Mensah": (
        "Support answers every customer question and incident, 24/5 across two time zones.",
        "Ticket volume rose 35% after the last release with no change in staffing.",
        "Could Product include Support in release readiness reviews?",
        "Undocumented product changes land on Support as ticket spikes the week after release.",
        ["Product", "Engineering"],
        "A 35% spike in tickets and slower response times for every customer.",
        "Share release notes with Support one week before each release.",
        2,
        2,
        False,
    ),
    "Elena Petrova": (
        "Data builds the warehouse, the dashboards and the models the business decides with.",
        "Dashboard requests outnumber our capacity three to one.",
        "Could teams agree a quarterly priority list for data requests?",
        "Schema changes in the product break downstream dashboards without warning.",
        ["Engineering", "Product"],
        "Broken executive dashboards about twice a month.",
        "Add Data as reviewer on schema migrations.",
        2,
        2,
        True,
    ),
}


def agenda_values(entry: tuple[Any, ...], goal_ids: list[int]) -> dict[str, Any]:
    """One demo entry as agenda input values."""
    (what, pressing, ask, butterfly, targets, cost, step, p_goal, b_goal, _) = entry

    def goal(index: int | None) -> dict[str, Any]:
        return {"goal_id": goal_ids[index] if index is not None else None, "no_goal": index is None}

    pg, bg = goal(p_goal), goal(b_goal)
    return {
        "what_we_do": what,
        "pressing_issue": pressing,
        "pressing_ask": ask,
        "pressing_goal_id": pg["goal_id"],
        "pressing_no_goal": pg["no_goal"],
        "butterfly_issue": butterfly,
        "butterfly_targets": tuple(targets),
        "butterfly_cost": cost,
        "butterfly_next_step": step,
        "butterfly_goal_id": bg["goal_id"],
        "butterfly_no_goal": bg["no_goal"],
    }
