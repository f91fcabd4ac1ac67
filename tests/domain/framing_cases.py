"""Labelled sentences for the framing check, in a department head's voice.

``complaint=True`` means the text reads as blame or venting (the "NOT a complaint session" rule);
``False`` means a constructive or neutral framing, even when it names a real problem.

How the splits were written, and what they say about new text:

- ``dev``: written before any rule existed; the rules were then built and tuned against it.
- ``holdout``: written after the first version of the rules was frozen. First contact:
  precision 1.00, recall 0.44 (8 of 18 complaints). The rules were then widened on it.
- ``holdout2``: written before the widened rules were run on it. First contact: precision 1.00,
  recall 0.29 (6 of 21). The rules were widened again on it.
- ``holdout3``: written the same way, with more neutral texts that have no ask. First
  contact: precision 0.91, recall 0.50 (10 of 20, one false alarm). Only that false alarm (praise
  such as "Sales is always welcome to call us") was fixed; its missed complaints were left as is.

So expect near-perfect precision and roughly 30-50% recall on wording the rules have never
seen: the check is dependable when it warns, and misses blame phrased in ways it doesn't know.
Do not tune on ``holdout3``; write a fresh split, unseen by the rules, to measure a change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledCase:
    """One sentence with its human label and the context the check would get."""

    text: str
    complaint: bool
    dept: str
    people_names: tuple[str, ...] = ()
    next_step: str | None = None
    note: str = ""
    split: str = "dev"


def _c(
    text: str,
    dept: str,
    *,
    people_names: tuple[str, ...] = (),
    next_step: str | None = None,
    note: str = "",
    split: str = "dev",
) -> LabelledCase:
    return LabelledCase(text, True, dept, people_names, next_step, note, split)


def _ok(
    text: str,
    dept: str,
    *,
    people_names: tuple[str, ...] = (),
    next_step: str | None = None,
    note: str = "",
    split: str = "dev",
) -> LabelledCase:
    return LabelledCase(text, False, dept, people_names, next_step, note, split)


DEV_COMPLAINTS: tuple[LabelledCase, ...] = (
    _c(
        "Sales never submits their expense reports on time and we end up chasing them "
        "every single month.",
        "Finance",
    ),
    _c(
        "Marketing keeps buying SaaS tools behind our back and then acts surprised when we "
        "can't support them.",
        "IT",
    ),
    _c(
        "Managers always ignore the onboarding checklist, so new hires show up with no laptop "
        "and no access.",
        "HR",
    ),
    _c(
        "Procurement is useless. Every PO takes three weeks and nobody there answers email.",
        "Ops",
    ),
    _c(
        "Sales sends us contracts at 5pm on the last day of the quarter and expects a miracle.",
        "Legal",
        note="no classic keyword",
    ),
    _c(
        "Engineering dropped the ball on the release again and we had to apologise to three "
        "customers.",
        "Product",
    ),
    _c("We are drowning in tickets because Product ships half-finished features.", "Support"),
    _c("Sales ignores every lead we send them and then blames us for the pipeline.", "Marketing"),
    _c("The forecasting process is a joke.", "Finance"),
    _c("Legal is where deals go to die.", "Sales", note="idiom, no classic keyword"),
    _c(
        "Dana never documents her changes and we find out when production breaks.",
        "IT",
        people_names=("Dana", "Tom"),
    ),
    _c("As usual, the warehouse numbers were wrong and nobody cares.", "Ops"),
    _c(
        "I'm sick of cleaning up after managers who can't be bothered to do performance reviews.",
        "HR",
    ),
    _c("Our agents are FURIOUS about the new ticketing system and so am I.", "Support"),
    _c("Why does it take Engineering three sprints to change a button label??", "Product"),
    _c("Of course Finance cut our budget again without asking anyone.", "Marketing"),
    _c(
        "Nobody reads the contract playbook we wrote, so every deal comes back to us with the "
        "same mistakes.",
        "Legal",
    ),
    _c(
        "Marketing spends like there's no tomorrow and leaves us to explain the overrun to the "
        "board.",
        "Finance",
    ),
    _c("The CRM is a nightmare and IT refuses to fix anything.", "Sales"),
    _c(
        "Surprise, surprise: another urgent request from Sales with a deadline of yesterday.",
        "IT",
    ),
    _c(
        "Mark's team is always late with the shipping schedule and it's killing us.",
        "Ops",
        people_names=("Mark",),
    ),
    _c(
        "Finance is totally clueless about what it takes to hire engineers in this market.",
        "HR",
    ),
    _c(
        "Engineering treats bug reports from support like they're optional.",
        "Support",
        note="no classic keyword",
    ),
    _c(
        "Sales promises customers features that don't exist and then we get the blame.",
        "Product",
    ),
    _c("It's ridiculous that we need four approvals to publish a blog post.", "Marketing"),
    _c("Procurement keeps signing vendor agreements without us. Again.", "Legal"),
    _c(
        "Priya approved the overspend and now we have to clean up her mess.",
        "Finance",
        people_names=("Priya",),
    ),
    _c("We lose deals because Support takes forever to answer anything.", "Sales"),
    _c("Those idiots in Facilities unplugged the server room AC over the weekend.", "IT"),
    _c("I am fed up with last-minute changes from Product.", "Ops"),
    _c(
        "Leadership says people are our priority but won't fund a single training course.",
        "HR",
        note="hypocrisy framing, no classic keyword",
    ),
    _c("Billing errors are Finance's fault and we take all the angry calls.", "Support"),
    _c(
        "Marketing launched the campaign before the feature was even ready. Brilliant planning.",
        "Product",
        note="sarcasm",
    ),
    _c(
        "Nobody in Sales ever updates the CRM, so our attribution is pure guesswork.",
        "Marketing",
    ),
    _c("The sales team thinks legal review is a rubber stamp.", "Legal", note="mind reading"),
    _c(
        "Every month it's the same story: Ops sends the inventory count late and wrong.",
        "Finance",
    ),
    _c(
        "Pricing changes come out of nowhere and Product doesn't bother telling us.",
        "Sales",
    ),
    _c("THIS IS THE THIRD OUTAGE CAUSED BY UNTESTED CHANGES THIS MONTH.", "IT"),
    _c(
        "Customer Success overpromises delivery dates and leaves my team holding the bag.",
        "Ops",
    ),
    _c(
        "Hiring managers ghost candidates and then complain that we can't fill roles!!!",
        "HR",
    ),
    _c("Tom keeps closing tickets without fixing anything.", "Support", people_names=("Tom",)),
    _c("Engineering estimates are pure fiction.", "Product"),
    _c(
        "Thanks to Legal's endless reviews, the campaign missed the launch window.",
        "Marketing",
        note="ironic 'thanks to'",
    ),
    _c(
        "Why are we always the last to know when a deal has non-standard payment terms?",
        "Finance",
        note="rhetorical question, 'we always' but aimed at others",
    ),
    _c("Marketing leads are garbage.", "Sales"),
    _c(
        "People in Sales share passwords like it's a game and then panic when accounts get locked.",
        "IT",
    ),
    _c(
        "HR's new scheduling policy was clearly written by someone who has never set foot in a "
        "warehouse.",
        "Ops",
    ),
    _c("Marketing doesn't care about compliance until something blows up.", "Legal"),
    _c(
        "Support escalates everything as P1 because they can't be bothered to triage.",
        "Product",
    ),
    _c("Honestly, the release notes from Product are worthless.", "Support"),
    _c(
        "I'm sick of chasing Ops for numbers every month; can someone make them send it on time?",
        "Finance",
        note="venting with a coercive ask",
    ),
    _c(
        "Sales is useless at following the change process. Could they at least read the wiki?",
        "IT",
        note="insult despite an ask",
    ),
    _c(
        "Managers never do their reviews on time. Next step: escalate every late review to "
        "the CEO.",
        "HR",
        note="blame with a punitive next step",
    ),
    _c("The whole billing system is a disaster and Finance just shrugs.", "Support"),
    _c("Sales asks for custom features for every deal. Every. Single. Deal.", "Product"),
    _c("Nobody listens to Legal until there's a lawsuit.", "Legal"),
    _c(
        "Honestly, Priya is the bottleneck on every pricing decision.",
        "Sales",
        people_names=("Priya", "Mark"),
    ),
    _c("Apparently planning is optional for the Product team.", "Ops", note="sarcasm"),
    _c(
        "Sales wants discounts approved in an hour but takes six weeks to send us a signed "
        "contract.",
        "Finance",
        note="double standard, no keyword",
    ),
)

DEV_CONSTRUCTIVE: tuple[LabelledCase, ...] = (
    _ok(
        "When expense reports arrive after the 5th, close slips by two days; could we move the "
        "submission reminder to the 1st?",
        "Finance",
    ),
    _ok(
        "We never had a shared calendar for change windows, so releases sometimes overlap. I'd "
        "like to set one up with Product.",
        "IT",
        note="'never' about us",
    ),
    _ok(
        "Dana's team owns the onboarding checklist; I'd like to agree with them on who "
        "provisions laptops.",
        "HR",
        people_names=("Dana",),
        note="name used neutrally",
    ),
    _ok(
        "Late-stage pipeline changes reach the warehouse after picking starts. Could Sales flag "
        "changes above 50 units before noon?",
        "Ops",
        note="'late' as an adjective",
    ),
    _ok(
        "Contracts sent in the last two days of the quarter take 40% longer to review. "
        "Proposal: a shared calendar of expected large deals two weeks ahead.",
        "Legal",
    ),
    _ok(
        "We always want to ship on Tuesdays, but the QA environment is booked by another team "
        "that day. Could we agree on a rotation?",
        "Product",
        note="'always' about us",
    ),
    _ok(
        "About 30% of our tickets trace back to the billing page. Next step: a joint review "
        "with Finance and Product.",
        "Support",
    ),
    _ok(
        "Our attribution depends on CRM fields that are often empty. Would help if Sales Ops "
        "could make the lead source field mandatory.",
        "Marketing",
    ),
    _ok(
        "Q3 forecast variance was 12%, mostly from late-booked deals. I suggest a weekly "
        "15-minute sync with Sales Ops.",
        "Finance",
    ),
    _ok(
        "Legal review currently averages nine days for standard NDAs. The ask: a pre-approved "
        "NDA template we can send without review.",
        "Sales",
    ),
    _ok(
        "The API rate limits on our CRM are hit every Monday morning when Marketing runs bulk "
        "imports. Let's schedule imports for Sunday night.",
        "IT",
        note="acronyms in caps",
    ),
    _ok(
        "Mark's team sends the shipping schedule on Thursday; we need it by Tuesday to book "
        "carriers at the lower rate.",
        "Ops",
        people_names=("Mark",),
        note="name used neutrally, no explicit ask",
    ),
    _ok(
        "Performance reviews are completed late in about a third of teams, which delays salary "
        "decisions. Could we add reminders to the managers' dashboard?",
        "HR",
    ),
    _ok(
        "When a release changes the UI without notice, our agents can't answer customers for a "
        "day or two. Could Product share release notes 48 hours ahead?",
        "Support",
    ),
    _ok(
        "Sales has been promising roadmap items to close deals, which creates commitments we "
        "can't always meet. I'd like us to agree on a shared list of what can be promised.",
        "Product",
    ),
    _ok(
        "We need four approvals to publish a blog post, which adds about a week. Proposal: "
        "reduce to two for low-risk content.",
        "Marketing",
    ),
    _ok(
        "Procurement has signed three vendor agreements this quarter without legal review. "
        "Could we add a legal checkbox to the PO form?",
        "Legal",
    ),
    _ok(
        "Budget cuts were communicated after campaigns were committed. Next time, could Finance "
        "and Marketing review commitments together before the freeze?",
        "Finance",
    ),
    _ok(
        "The CRM takes over 10 seconds to load an account page, which costs each rep about 30 "
        "minutes a day.",
        "Sales",
        note="neutral observation without an ask",
    ),
    _ok(
        "Urgent requests with same-day deadlines have doubled since January. I'd like to agree "
        "on a triage window with Sales.",
        "IT",
    ),
    _ok(
        "Inventory counts from the night shift are sometimes off by 2-3%. We're piloting "
        "barcode scanning and would like Finance's input on tolerances.",
        "Ops",
    ),
    _ok(
        "Hiring engineers currently takes 70 days on average. I'd like Finance to help us model "
        "the cost of vacancies so we can prioritise.",
        "HR",
    ),
    _ok(
        "Billing errors generate about 200 calls a month for us. Could Finance and Support "
        "review the top five error types together?",
        "Support",
    ),
    _ok(
        "The campaign for feature X launched a week before the feature was ready. Let's put "
        "launch dates in the shared roadmap.",
        "Product",
    ),
    _ok(
        "We never get visibility into which leads Sales accepted. A weekly lead-status export "
        "would let us tune campaigns.",
        "Marketing",
    ),
    _ok(
        "Our contract playbook isn't used much yet; I'd like to run a 30-minute session with "
        "each sales pod.",
        "Legal",
    ),
    _ok(
        "Priya's team approved a vendor overspend in March; I'd like to walk through the "
        "approval thresholds with her so it's clear who signs what.",
        "Finance",
        people_names=("Priya",),
    ),
    _ok(
        "Support response times on enterprise accounts average 26 hours; our contracts promise "
        "8. Could we set up a priority queue for those accounts?",
        "Sales",
    ),
    _ok(
        "The server room AC was switched off over the weekend during facilities maintenance. "
        "Can we add IT to the maintenance notification list?",
        "IT",
    ),
    _ok(
        "Product changes after the Monday cutoff push production planning back a full week. I "
        "propose a change freeze from Monday noon.",
        "Ops",
    ),
    _ok(
        "Our training budget is zero this year. I'd like to present the retention data to "
        "leadership and ask for a small pilot budget.",
        "HR",
    ),
    _ok(
        "ASAP escalations from the NPS team don't say which customers are affected. A short "
        "template would let us act faster.",
        "Support",
        note="caps acronyms",
    ),
    _ok(
        "Engineering estimates have been off by about 40% on the last four projects. Could we "
        "try a short discovery spike before committing dates?",
        "Product",
    ),
    _ok(
        "Sales updates the CRM within a week for roughly half of opportunities. We'd like to "
        "understand what gets in the way.",
        "Marketing",
    ),
    _ok(
        "Sales sometimes sees legal review as a formality, and that's partly on us for not "
        "explaining the risks. I'd like to share three real examples at the next sales kickoff.",
        "Legal",
    ),
    _ok(
        "Inventory counts arrive on the 4th working day, which is the critical path for close. "
        "Could Ops send a preliminary count on day 2?",
        "Finance",
    ),
    _ok(
        "Pricing changes reach us the same day they go live, so reps quote old prices. Could we "
        "get a two-week heads-up?",
        "Sales",
    ),
    _ok(
        "Passwords are still shared on a few sales teams, mostly because SSO isn't set up for "
        "two tools. We'll add SSO this quarter and I'd like a sales champion to help test.",
        "IT",
    ),
    _ok(
        "Delivery dates quoted by Customer Success don't include carrier lead times. Could we "
        "give CS a lookup table?",
        "Ops",
    ),
    _ok(
        "Candidates wait an average of 12 days for feedback after interviews, and we lose about "
        "one in five. Could hiring managers commit to a 3-day feedback window?",
        "HR",
    ),
    _ok(
        "Tom's team closes tickets at handover, so reopened cases lose their history. Let's "
        "agree on a handover note.",
        "Support",
        people_names=("Tom",),
    ),
    _ok(
        "I always underestimate how long localisation takes, so this time I've booked it in the "
        "plan from day one.",
        "Product",
        note="'I always' self-reflection",
    ),
    _ok(
        "Legal reviews take around ten days, so we now submit campaign copy three weeks before "
        "launch. Could we agree on a fast track for minor edits?",
        "Marketing",
    ),
    _ok(
        "We're usually the last to hear about non-standard payment terms. Could the deal desk "
        "copy Finance on any deviation from net 30?",
        "Finance",
    ),
    _ok(
        "Lead quality from webinars has dropped: only 5% convert to meetings. Can we look at the "
        "qualification criteria together?",
        "Sales",
    ),
    _ok(
        "The VPN is the most common reason for tickets on Monday mornings.",
        "IT",
        note="neutral observation without an ask",
    ),
    _ok(
        "The new scheduling policy doesn't cover weekend shifts in the warehouse. I'd like to "
        "work through the edge cases with HR.",
        "Ops",
    ),
    _ok(
        "Compliance questions usually reach us after a campaign is live. We'd like to be in the "
        "kickoff meeting for campaigns in regulated markets.",
        "Legal",
    ),
    _ok(
        "Support escalates about 60% of tickets as P1, which makes it hard to spot real "
        "incidents. Could we define P1 criteria together?",
        "Product",
    ),
    _ok(
        "Release notes currently list ticket numbers but not customer-facing changes. Would it "
        "help if we drafted the customer version with Product?",
        "Support",
    ),
    _ok(
        "Never approve spend above 10k without a PO; that's the rule we want to make easier to "
        "follow with a self-service form.",
        "Finance",
        note="imperative 'never'",
    ),
    _ok(
        "This is not about blame: onboarding slips when laptops are ordered late. Next step: IT "
        "and HR share one checklist.",
        "HR",
    ),
    _ok(
        "Our on-call team is exhausted after three weekend incidents. Could we agree on a "
        "release freeze on Fridays?",
        "IT",
    ),
    _ok(
        "Honestly, I think we dropped the ball on the handover to Support last quarter. I'd like "
        "to fix the handover template with them.",
        "Sales",
        note="self-owned 'dropped the ball'",
    ),
    _ok(
        "The launch was a nightmare for our team: three date changes in two weeks. Could "
        "Product confirm the date at least a month ahead?",
        "Marketing",
        note="one venting word, but observation + impact + ask",
    ),
    _ok(
        "Carriers are always late on Fridays, so we'd like to move the last pickup to Thursday.",
        "Ops",
        note="'always late' about an outside party, with an ask",
    ),
    _ok(
        "Dana's team owns billing, and invoices go out on the 3rd working day.",
        "Finance",
        people_names=("Dana",),
    ),
    _ok(
        "Tom leads the migration and will share the plan on Friday.",
        "IT",
        people_names=("Tom",),
    ),
    _ok(
        "Our CRM data is a mess after the migration, mostly duplicates. Could IT help us run a "
        "dedupe before the Q4 campaign?",
        "Marketing",
    ),
    _ok(
        "We keep getting tickets about MFA resets. I'd like HR to add MFA setup to the "
        "onboarding day.",
        "IT",
    ),
    _ok(
        "Customers always ask about invoice due dates, so a FAQ link in the invoice email would "
        "cut calls by about 15%.",
        "Support",
    ),
    _ok(
        "Sales always closes the quarter strong, and that's great; the ask is to log the deals "
        "by the 28th so we can invoice on time.",
        "Finance",
        note="'Sales always' as praise",
    ),
)

HOLDOUT: tuple[LabelledCase, ...] = (
    _c(
        "Every time we get close to signing, Legal finds some new clause to argue about.",
        "Sales",
        split="holdout",
    ),
    _c(
        "Product keeps launching things nobody budgeted for and then asks us where the money went.",
        "Finance",
        split="holdout",
    ),
    _c(
        "I don't know what Marketing does all day, but it isn't reading the security policy.",
        "IT",
        split="holdout",
    ),
    _c(
        "Our managers treat exit interviews as a formality and wonder why people leave.",
        "HR",
        split="holdout",
    ),
    _c(
        "Finance approves budgets in June for a year that started in January. Great timing, as "
        "always.",
        "Ops",
        split="holdout",
    ),
    _c(
        "Honestly the product team has no idea what customers actually go through.",
        "Support",
        split="holdout",
    ),
    _c(
        "Sales cherry-picks the leads they like and dumps the rest back on us.",
        "Marketing",
        split="holdout",
    ),
    _c(
        "If Procurement read a single contract before signing it, we wouldn't be in this mess.",
        "Legal",
        split="holdout",
    ),
    _c("Engineering has missed every single deadline this year.", "Product", split="holdout"),
    _c("Getting a straight answer out of Ops is like pulling teeth.", "Finance", split="holdout"),
    _c(
        "HR onboarded twelve people last week and told us about it on Monday morning. Classic.",
        "IT",
        split="holdout",
    ),
    _c("Support is completely unreliable.", "Sales", split="holdout"),
    _c("Finance blocks every hire and never explains why.", "HR", split="holdout"),
    _c(
        "Jordan is the reason our shipments are delayed.",
        "Ops",
        people_names=("Jordan",),
        split="holdout",
    ),
    _c(
        "We are sick and tired of apologising for bugs that Engineering refuses to prioritise.",
        "Support",
        split="holdout",
    ),
    _c(
        "Marketing's launch plan was a total mess, as anyone could have predicted.",
        "Product",
        split="holdout",
    ),
    _c(
        "WHY does nobody read the contract before sending it to the client?",
        "Legal",
        split="holdout",
    ),
    _c(
        "The brand guidelines exist for a reason, but apparently Sales didn't get the memo.",
        "Marketing",
        split="holdout",
    ),
    _ok(
        "Legal's turnaround on redlines has gone from 3 to 8 days since January. Could we set up "
        "a fast lane for contracts under 50k?",
        "Sales",
        split="holdout",
    ),
    _ok(
        "Product launches aren't in the budget cycle, so spend shows up as unplanned. I'd like a "
        "quarterly check-in with Product to plan them.",
        "Finance",
        split="holdout",
    ),
    _ok(
        "The security policy is long and hard to find. We'll publish a one-page summary and I'd "
        "like Marketing to review it first.",
        "IT",
        split="holdout",
    ),
    _ok(
        "Exit interviews show 40% of leavers mention unclear career paths. Next step: a "
        "career-ladder workshop with each department head.",
        "HR",
        split="holdout",
    ),
    _ok(
        "Budget approvals land in June, half-way through the year. Could Finance give us a "
        "provisional budget in January?",
        "Ops",
        split="holdout",
    ),
    _ok(
        "Customers often hit the same three bugs in the checkout flow. Could Product join one of "
        "our support shifts to see it first-hand?",
        "Support",
        split="holdout",
    ),
    _ok(
        "About a third of MQLs are never contacted by Sales. Could we agree on an SLA of 48 "
        "hours for first contact?",
        "Marketing",
        split="holdout",
    ),
    _ok(
        "Three vendor contracts were signed this quarter without a legal read. Proposal: a "
        "24-hour legal check for anything over 10k.",
        "Legal",
        split="holdout",
    ),
    _ok(
        "Engineering has missed two of the last three deadlines, mostly because scope grew "
        "mid-sprint. Let's freeze scope at sprint planning.",
        "Product",
        split="holdout",
    ),
    _ok(
        "Ops figures come in on day 6 of close; we need them by day 3. I'd like to understand "
        "what slows the count down.",
        "Finance",
        split="holdout",
    ),
    _ok(
        "New hires' accounts are requested on their first day, so they wait a day for access. "
        "Could HR send the start list a week ahead?",
        "IT",
        split="holdout",
    ),
    _ok(
        "Support's first-response time is 30 hours on enterprise tickets. Would a dedicated "
        "enterprise queue be feasible?",
        "Sales",
        split="holdout",
    ),
    _ok(
        "Finance has paused three hires pending the budget review. Could we agree on criteria "
        "so managers know what will be approved?",
        "HR",
        split="holdout",
    ),
    _ok(
        "Jordan's team handles carrier bookings; we'd like to sit with them to map where delays "
        "start.",
        "Ops",
        people_names=("Jordan",),
        split="holdout",
    ),
    _ok(
        "Known bugs account for 25% of our ticket volume. Could Engineering reserve 10% of each "
        "sprint for the top five?",
        "Support",
        split="holdout",
    ),
    _ok(
        "The last launch plan changed dates three times. Next time, I'd like Marketing and "
        "Product to lock the date together at kickoff.",
        "Product",
        split="holdout",
    ),
    _ok(
        "We always get contracts on the day they're due. If Sales could send them five days "
        "ahead, we'd review them properly.",
        "Legal",
        split="holdout",
    ),
    _ok(
        "Brand guidelines are used inconsistently in sales decks. We're building approved "
        "templates and would love two reps to pilot them.",
        "Marketing",
        split="holdout",
    ),
)

HOLDOUT2: tuple[LabelledCase, ...] = (
    _c(
        "Half the cost centres ignore the budget template and send us whatever they feel like.",
        "Finance",
        split="holdout2",
    ),
    _c(
        "Product roadmaps change so often that I've stopped telling customers anything.",
        "Sales",
        split="holdout2",
    ),
    _c(
        "Finance bought a new expense tool without talking to us and now it's our problem to "
        "integrate.",
        "IT",
        split="holdout2",
    ),
    _c(
        "The leadership team talks about culture and then cancels every engagement initiative.",
        "HR",
        split="holdout2",
    ),
    _c(
        "Sales books orders we physically cannot ship and leaves Ops to break the news.",
        "Ops",
        split="holdout2",
    ),
    _c(
        "Customers are furious and Engineering is nowhere to be seen.",
        "Support",
        split="holdout2",
    ),
    _c(
        "Product never gives us anything to announce until the day before launch.",
        "Marketing",
        split="holdout2",
    ),
    _c(
        "Apparently a contract review is something you can do in an afternoon.",
        "Legal",
        split="holdout2",
    ),
    _c(
        "Every request from Sales is 'urgent' and 'critical', which means none of them are.",
        "Product",
        split="holdout2",
    ),
    _c(
        "I have asked Procurement four times for the vendor list and I am still waiting.",
        "Finance",
        split="holdout2",
    ),
    _c(
        "Marketing's idea of a qualified lead is anyone who downloaded a PDF.",
        "Sales",
        split="holdout2",
    ),
    _c(
        "Half the company still thinks the help desk is a personal concierge service.",
        "IT",
        split="holdout2",
    ),
    _c(
        "Managers only call HR when something is already on fire.",
        "HR",
        split="holdout2",
    ),
    _c(
        "Nobody in Finance has ever set foot on the shop floor, and it shows.",
        "Ops",
        split="holdout2",
    ),
    _c(
        "Engineering closes our bug reports as 'works as designed' without even reading them.",
        "Support",
        split="holdout2",
    ),
    _c(
        "Whoever approved this budget clearly doesn't understand how advertising works.",
        "Marketing",
        split="holdout2",
    ),
    _c(
        "Sam signs NDAs on behalf of the company without telling anyone.",
        "Legal",
        people_names=("Sam",),
        split="holdout2",
    ),
    _c(
        "Support panics and escalates every little thing straight to the CTO.",
        "Product",
        split="holdout2",
    ),
    _c(
        "Marketing's spend reports are a complete fantasy.",
        "Finance",
        split="holdout2",
    ),
    _c(
        "Why should my team suffer because Legal can't prioritise?",
        "Sales",
        split="holdout2",
    ),
    _c(
        "PLEASE stop emailing passwords to the help desk.",
        "IT",
        split="holdout2",
    ),
    _ok(
        "About a third of cost centres submit budgets in their own format, which adds a week "
        "to consolidation. Could we agree on one template and I'll run a short training?",
        "Finance",
        split="holdout2",
    ),
    _ok(
        "Roadmap dates moved on four of the last six features I'd mentioned to customers. I'd"
        " like a monthly roadmap confidence rating from Product.",
        "Sales",
        split="holdout2",
    ),
    _ok(
        "Finance's new expense tool needs an integration we hadn't planned for. Can we do a "
        "joint scoping session next week?",
        "IT",
        split="holdout2",
    ),
    _ok(
        "Two engagement initiatives were cancelled this year for budget reasons. I'd like to "
        "propose a smaller version that costs half.",
        "HR",
        split="holdout2",
    ),
    _ok(
        "Some orders are booked with delivery dates we can't meet. Could Sales see our "
        "capacity calendar when quoting?",
        "Ops",
        split="holdout2",
    ),
    _ok(
        "During the last outage, our agents had no status updates for three hours. Could "
        "Engineering post updates every 30 minutes to a shared channel?",
        "Support",
        split="holdout2",
    ),
    _ok(
        "We usually learn about launches a day or two ahead, which is too late for a "
        "campaign. Could Product share a six-week launch calendar?",
        "Marketing",
        split="holdout2",
    ),
    _ok(
        "A full contract review takes about three days. If urgent deals are flagged a week "
        "ahead, we can meet them.",
        "Legal",
        split="holdout2",
    ),
    _ok(
        "Most requests from Sales arrive marked urgent, so it's hard to prioritise. Let's "
        "agree on what urgent means, maybe revenue at risk above 50k.",
        "Product",
        split="holdout2",
    ),
    _ok(
        "The vendor list from Procurement is still pending after four requests; is there a "
        "blocker we can help remove?",
        "Finance",
        split="holdout2",
    ),
    _ok(
        "Around 70% of leads from content downloads never book a meeting. Could we define a "
        "qualified lead together with Marketing?",
        "Sales",
        split="holdout2",
    ),
    _ok(
        "The help desk gets many requests that aren't IT issues. We'd like to publish a short"
        " guide on what we cover.",
        "IT",
        split="holdout2",
    ),
    _ok(
        "Most manager requests reach HR only after an issue has escalated. I'd like to offer "
        "monthly office hours so problems surface earlier.",
        "HR",
        split="holdout2",
    ),
    _ok(
        "I'd love to invite Finance to the shop floor for a morning so the cost model "
        "reflects how lines really run.",
        "Ops",
        split="holdout2",
    ),
    _ok(
        "Some bug reports are closed as 'works as designed' without a note. Could Engineering"
        " add a one-line reason when closing?",
        "Support",
        split="holdout2",
    ),
    _ok(
        "Our advertising budget was cut by 30%, and the model behind it isn't clear to us. "
        "Can we walk through it with Finance?",
        "Marketing",
        split="holdout2",
    ),
    _ok(
        "Sam has been signing NDAs for the partnerships team; I'd like to give him a pre-"
        "approved template so that's safe.",
        "Legal",
        people_names=("Sam",),
        split="holdout2",
    ),
    _ok(
        "Support escalated 14 tickets to the CTO last month. Could we agree on an escalation "
        "ladder so Product sees them first?",
        "Product",
        split="holdout2",
    ),
    _ok(
        "Marketing's spend reports differ from the ledger by about 8%. I suggest a monthly "
        "reconciliation with one owner on each side.",
        "Finance",
        split="holdout2",
    ),
    _ok(
        "Legal's queue is the longest step in our deal cycle, at nine days. Would a priority "
        "flag for deals closing this month help?",
        "Sales",
        split="holdout2",
    ),
    _ok(
        "Our night shift is always short-staffed in December; we're planning temp cover and "
        "would like HR's help recruiting.",
        "Ops",
        split="holdout2",
    ),
    _ok(
        "We've never run a proper onboarding survey. Next step: a five-question survey at day 30.",
        "HR",
        split="holdout2",
    ),
)

HOLDOUT3: tuple[LabelledCase, ...] = (
    _c(
        "Finance treats every purchase request like we're trying to steal from the company.",
        "Ops",
        split="holdout3",
    ),
    _c(
        "The new commission plan was designed by people who have never sold anything.",
        "Sales",
        split="holdout3",
    ),
    _c(
        "Every Friday at 4pm someone in Sales discovers an urgent problem that has to be "
        "fixed before the weekend.",
        "IT",
        split="holdout3",
    ),
    _c(
        "Line managers dump every awkward conversation on HR and then disappear.",
        "HR",
        split="holdout3",
    ),
    _c(
        "Product keeps telling customers a fix is coming and we're the ones who get shouted "
        "at when it doesn't.",
        "Support",
        split="holdout3",
    ),
    _c(
        "Our campaigns die in Legal's inbox.",
        "Marketing",
        split="holdout3",
    ),
    _c(
        "Sales will sign anything if it closes the quarter.",
        "Legal",
        split="holdout3",
    ),
    _c(
        "Honestly, I've given up expecting accurate forecasts from Sales.",
        "Finance",
        split="holdout3",
    ),
    _c(
        "Engineering says yes to everything in planning and then delivers half of it.",
        "Product",
        split="holdout3",
    ),
    _c(
        "The so-called priority list from Product changes every other day.",
        "Ops",
        split="holdout3",
    ),
    _c(
        "Whoever thought a shared admin password was a good idea should not be anywhere near "
        "our systems.",
        "IT",
        split="holdout3",
    ),
    _c(
        "Recruiting is a black hole: CVs go in and nothing ever comes out.",
        "HR",
        split="holdout3",
    ),
    _c(
        "Sales sold a feature we don't have. Again. And we get to explain it.",
        "Support",
        split="holdout3",
    ),
    _c(
        "I'm tired of begging Product for screenshots two days before launch.",
        "Marketing",
        split="holdout3",
    ),
    _c(
        "Nobody ever tells us about a new vendor until the invoice arrives.",
        "Legal",
        split="holdout3",
    ),
    _c(
        "Ops can't count.",
        "Finance",
        split="holdout3",
    ),
    _c(
        "Support acts like a ticket closed is a customer happy.",
        "Sales",
        split="holdout3",
    ),
    _c(
        "Design spends weeks polishing mockups that nobody asked for.",
        "Product",
        split="holdout3",
    ),
    _c(
        "Alex approves overtime without checking the budget and I'm the one explaining it to "
        "Finance.",
        "Ops",
        people_names=("Alex",),
        split="holdout3",
    ),
    _c(
        "Seriously, how many times do we have to say it: don't install random browser extensions.",
        "IT",
        split="holdout3",
    ),
    _ok(
        "Purchase requests under 1k currently need two approvals. Could we make it one for "
        "repeat suppliers?",
        "Ops",
        split="holdout3",
    ),
    _ok(
        "The new commission plan rewards new logos but not renewals, and three of my reps "
        "have asked about it. I'd like to understand the reasoning with Finance.",
        "Sales",
        split="holdout3",
    ),
    _ok(
        "Urgent fixes requested late on Fridays rose to six last month. Could we agree on a "
        "Thursday cutoff for non-critical changes?",
        "IT",
        split="holdout3",
    ),
    _ok(
        "Difficult conversations often land with HR before the line manager has talked to the"
        " employee.",
        "HR",
        split="holdout3",
    ),
    _ok(
        "Customers were told a fix would ship in May; it's now slipped to July, so our agents"
        " need an updated message.",
        "Support",
        split="holdout3",
    ),
    _ok(
        "Campaign copy spends an average of eight days in legal review.",
        "Marketing",
        split="holdout3",
    ),
    _ok(
        "Quarter-end deals often include non-standard terms that we only see at signature. "
        "Next step: a term-sheet check two weeks before quarter end.",
        "Legal",
        split="holdout3",
    ),
    _ok(
        "Sales forecasts missed by 15% in each of the last three quarters. I'd like to build "
        "a shared forecast model with Sales Ops.",
        "Finance",
        split="holdout3",
    ),
    _ok(
        "Engineering committed to twelve items last quarter and delivered seven. Let's plan "
        "at 70% capacity next time.",
        "Product",
        split="holdout3",
    ),
    _ok(
        "The priority list from Product changed four times in March, and each change costs us"
        " about a day of re-planning.",
        "Ops",
        split="holdout3",
    ),
    _ok(
        "Shared admin passwords are still in use on two legacy systems. We'll move them to "
        "the vault this month.",
        "IT",
        split="holdout3",
    ),
    _ok(
        "Recruiting takes a median of 45 days from application to offer, and we lose strong "
        "candidates at the 30-day mark.",
        "HR",
        split="holdout3",
    ),
    _ok(
        "When Sales demos features that are still in beta, customers call us expecting them "
        "to work. Could we add a beta label to the demo script?",
        "Support",
        split="holdout3",
    ),
    _ok(
        "We get product screenshots about two days before launch. Could Product share them a "
        "week earlier?",
        "Marketing",
        split="holdout3",
    ),
    _ok(
        "We usually hear about new vendors when the first invoice arrives, which leaves no "
        "time for a data-protection review.",
        "Legal",
        split="holdout3",
    ),
    _ok(
        "The Ops stock count and the ledger differed by 4% at the last close.",
        "Finance",
        split="holdout3",
    ),
    _ok(
        "Support measures success by tickets closed, while my team hears about unresolved "
        "issues at renewal. Could we add a renewal-risk flag to closed tickets?",
        "Sales",
        split="holdout3",
    ),
    _ok(
        "Design's mockups often go beyond what we can build this quarter. I'd like to agree "
        "on fidelity levels per stage.",
        "Product",
        split="holdout3",
    ),
    _ok(
        "Alex approves overtime for the night shift; I'd like us to review the budget impact "
        "together each month.",
        "Ops",
        people_names=("Alex",),
        split="holdout3",
    ),
    _ok(
        "Browser extensions caused three security incidents this year. We're rolling out an "
        "allow-list and would like each department to name a tester.",
        "IT",
        split="holdout3",
    ),
    _ok(
        "I know we've been slow on job descriptions, and I'm sorry about that. We'll have a "
        "template ready by Friday.",
        "HR",
        split="holdout3",
    ),
    _ok(
        "Honestly, this was a tough quarter for the team: ticket volume rose 40% after the "
        "pricing change.",
        "Support",
        split="holdout3",
    ),
    _ok(
        "Marketing never overspent this year, which made planning much easier. I'd like to "
        "keep the same monthly check-in.",
        "Finance",
        split="holdout3",
    ),
    _ok(
        "Sales is always welcome to call us directly for urgent redlines.",
        "Legal",
        split="holdout3",
    ),
    _ok(
        "Procurement switched our packaging supplier in June without a trial run, and damage "
        "rates went from 1% to 3%.",
        "Ops",
        split="holdout3",
    ),
)

CASES: tuple[LabelledCase, ...] = DEV_COMPLAINTS + DEV_CONSTRUCTIVE + HOLDOUT + HOLDOUT2 + HOLDOUT3
