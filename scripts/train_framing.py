"""Train the framing check's weights on the corpus' training split and write them as package data.

Run from the repository root (needs the dev extras: numpy, scipy)::

    .venv/bin/python scripts/train_framing.py          # writes app/domain/framing/data/…json
    .venv/bin/python scripts/train_framing.py --check    # fails if the shipped file is stale

The model is a logistic regression over the evidence ``app.domain.framing.gather_evidence``
extracts (rule hits, VADER negative tone, Snowball word stems), with every weight held at zero or
above so that each one is a reason a user can read: "this span pushed the text towards a
complaint", plus (round 11) the text's phrase vector, a mean of distilled word-piece vectors whose
signed weights training folds into one weight per word piece (``app.domain.framing.phrasing``),
and (round 12) its sentence vector from the int8 encoder, whose 384 signed weights are kept.
scipy's L-BFGS-B fits it with those bounds; the intercept is then folded in by dividing every
weight by the threshold ``-intercept``, so the runtime rule is "evidence sums to 1.0". Training
data (round 12): ``tests/data/framing/corpus.jsonl`` (split ``train``), the seen held-out splits
1-14 (``heldout.jsonl`` … ``heldout14.jsonl``, each with its session's departments), round 6's
``train6.jsonl``, round 7's ``train7.jsonl``, round 8's ``train8.jsonl``, round 10's
``train10a.jsonl`` … ``train10f.jsonl`` and the older hand-written cases in
``tests/domain/framing_cases.py``. An unseen held-out split (``heldout15.jsonl`` and later, or
``--heldout PATH`` in the report) is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.domain.framing import lexicon as lex  # noqa: E402
from app.domain.framing import phrasing  # noqa: E402
from app.domain.framing.check import gather_evidence  # noqa: E402
from app.domain.framing.credits import CREDIT_PREFIX  # noqa: E402
from app.domain.framing.features import STEM_PREFIX  # noqa: E402
from app.domain.framing.model import (  # noqa: E402
    MODEL_FORMAT,
    MODEL_RESOURCE,
    FramingModel,
    parse_model,
    vader_valence,
)
from app.domain.stemming import stem  # noqa: E402
from tests.domain.framing_cases import CASES  # noqa: E402

DATA = ROOT / "tests" / "data" / "framing"
CORPUS = DATA / "corpus.jsonl"
# Round 4: held-out splits 1-3 had been seen (their misses shaped rounds 2-3), so they became
# development data and are trained on. Each keeps its file and its ``split`` value as provenance.
# The departments a session with these texts would have: the app passes its session's list
# (participants' departments) to the check, so these rows are featurised with that list.
HELDOUT2_SESSION_TEAMS = ("Fleet", "Tax", "Catering", "Events", "Quality", "Procurement", "Sales")
HELDOUT3_SESSION_TEAMS = (
    *("Claims", "Underwriting", "Estates", "Merchandising", "Field Service", "Clinical"),
    *("Finance", "IT", "Product"),
)
# Round 5: held-out 4 was scored on first contact by round 4's model and its misses were read
# in round 5, so it is development data too (tests/data/framing/README.md, step 11). Its
# session's departments are the ones its author was given.
HELDOUT4_SESSION_TEAMS = (
    *("Finance", "HR", "Legal", "Sales Ops", "Marketing", "Procurement", "IT", "Support"),
    *("Product", "Logistics", "Claims", "Compliance", "Facilities", "Data", "Security"),
    *("Customer Success", "Manufacturing"),
)
# Round 6: held-out 5 was scored on first contact by round 5's model (and by two embedding
# candidates), so it is development data now, with the departments its author was given.
HELDOUT5_SESSION_TEAMS = (
    *("Audit", "Research", "Localization", "Billing", "Investor Relations", "Travel"),
    *("Talent Acquisition", "Data Platform", "Field Service", "Warehouse", "Partnerships"),
    *("Quality", "Risk", "Revenue Operations", "Editorial", "Clinical Ops"),
)
# Round 6: ``train6.jsonl``, 365 training sentences by a sixth independent author (blind to the
# corpus; tests/data/framing/README.md, step 13). Its author listed no session departments, so
# its rows are read text only (the check's common department names still apply).
# Round 7: held-out 6 was scored on first contact by round 6's model, so it is development data,
# with the 24 departments its author listed (its TEAMS.txt).
HELDOUT6_SESSION_TEAMS = (
    *("Facilities", "Payroll", "Contracts", "Design", "Compliance", "Fleet", "Onboarding"),
    *("Tenders", "Collections", "Web", "Internal Comms", "Accounts Payable", "Training"),
    *("Merchandising", "Sustainability", "Pricing", "Solutions Consulting", "Credit Control"),
    *("Mailroom", "Tax", "Events", "Documentation", "Corporate Development", "Reception"),
)
# Round 7: ``train7.jsonl``, 300 training sentences by a seventh independent author (blind to the
# corpus; sarcasm and named culprits, each row with its session's people_names; README step 15).
# Its author gave no full department list (its README names 12 of its 28 invented departments);
# its rows are read with those 12 plus 11 more that its texts use as teams, read off the texts
# while training (not a list from the author).
TRAIN7_SESSION_TEAMS = (
    *("Harbour Logistics", "Pricing Council", "Release Guild", "Data Foundry", "Vendor Desk"),
    *("Quality Bench", "Onboarding Cell", "Returns Lab", "Solar Installs", "Warranty Desk"),
    *("Tenders", "Night Shift", "Facilities Crew", "Claims Unit", "Procurement Hub"),
    *("Northern Sales", "Growth Pod", "Events Team", "Compliance Office", "Field Ops"),
    *("Fleet Services", "Client Care", "Payroll Desk"),
)
# Round 8: held-out 7 was scored on first contact by round 7's model, so it is development data,
# with the 20 departments its author listed (its TEAMS.txt).
HELDOUT7_SESSION_TEAMS = (
    *("Claims", "Underwriting", "Fulfilment", "Payments", "Governance", "Dispatch"),
    *("Demand Planning", "Growth", "Mobile Apps", "Vendor Management", "Regulatory Affairs"),
    *("Platform Reliability", "Actuarial", "Returns", "Account Management", "Enablement"),
    *("Knowledge Management", "Customer Insights", "Retail Network", "Workplace Services"),
)
# Round 8: ``train8.jsonl``, 331 training sentences by an eighth independent author (blind to the
# corpus; constructive-negative butterfly sentences and sarcasm, each row with its session's
# people_names; README step 18). Its author listed no departments (its README says "50+"), so its
# rows are read with the 52 department names its texts use as teams, read off the texts while
# adding it (not a list from the author).
TRAIN8_SESSION_TEAMS = (
    *("Sales", "Legal", "Procurement", "IT", "Finance", "Marketing", "Support", "HR"),
    *("Facilities", "Warehouse", "Billing", "Field Ops", "Data Platform", "Logistics"),
    *("Engineering", "Fleet", "Analytics", "Payroll", "Treasury", "Dispatch", "Quality"),
    *("Compliance", "Partnerships", "Onboarding", "Accounts Payable", "Customer Success"),
    *("Claims", "Security", "Comms", "Reception", "Events", "Returns", "Localization"),
    *("Product", "Maintenance", "Travel", "Training", "Tax", "Print Shop", "Mailroom"),
    *("Purchasing", "Pricing", "Recruiting", "Catering", "Underwriting", "Planning"),
    *("Internal Audit", "Research", "Sales Enablement", "Design", "Collections", "Ops"),
)
# Round 9: held-out 8 was scored on first contact by round 8's model, so it is development data,
# with the 20 departments its author listed (its TEAMS.txt).
HELDOUT8_SESSION_TEAMS = (
    *("Payroll", "Procurement", "Field Service", "Warehouse", "Billing", "Customer Success"),
    *("Legal", "Facilities", "Data Engineering", "Brand Marketing", "Sales Ops"),
    *("Quality Assurance", "Treasury", "Recruiting", "Logistics", "Product Design"),
    *("IT Helpdesk", "Compliance", "Tax", "Fleet Management"),
)
# Round 10: held-out 9 was scored on first contact by round 9's model, so it is development data,
# with the 20 departments its author listed (its TEAMS.txt).
HELDOUT9_SESSION_TEAMS = (
    *("Field Engineering", "Brand Studio", "Revenue Operations", "Customer Onboarding"),
    *("Data Platform", "Fleet Services", "Clinical Affairs", "Partner Alliances"),
    *("Quality Assurance", "Release Engineering", "Pricing Desk", "Internal Audit"),
    *("Localization", "Site Reliability", "Supplier Quality", "Product Design"),
    *("Growth Analytics", "Event Production", "Trust & Safety", "Learning & Development"),
)
# Round 10: two more independent authors' training files, each scored once as unseen first (by
# the model trained with held-out 9; docs/FRAMING.md, "Train 10a and 10b: first contact"), with
# the departments each author listed (its TEAMS.txt). train10a: a hospital network.
TRAIN10A_SESSION_TEAMS = (
    *("Wards", "ED", "Pharmacy", "Theatres", "Patient Transport", "Portering", "Medical Records"),
    *("Estates", "Procurement", "IT", "Finance", "Payroll", "HR", "Radiology", "Pathology"),
    *("Bed Management", "Outpatients", "Catering", "Infection Control", "CSSD", "Ops"),
)
# train10b: a fintech scale-up with public-sector clients ("Bids" is its tenders team).
TRAIN10B_SESSION_TEAMS = (
    *("Payments", "Risk", "Compliance", "Onboarding", "KYC", "Platform", "Mobile", "Data"),
    *("Partnerships", "Bids", "Support", "QA", "Ops", "Finance", "Legal", "SRE", "Product"),
    *("Fraud", "Treasury", "Security", "Card Issuing", "Marketing"),
)
# Round 10, after the modeller's merge: four more independent authors' training files (train10c-f),
# each scored once as unseen first by model 1.a1e1c65702 (docs/FRAMING.md, "Train 10c-10f: first
# contact"), with the departments each author listed (its TEAMS.txt).
# train10c: a university.
TRAIN10C_SESSION_TEAMS = (
    *("Admissions", "Registry", "Student Services", "Estates", "Research Office", "Library", "IT"),
    *("Finance", "HR", "International Office", "Timetabling", "Accommodation", "Careers"),
    *("Engineering", "Medical School", "Comms", "Exams Office", "Procurement", "QA"),
    *("Disability Support", "Security", "Catering", "Students' Union"),
)
# train10d: a construction and civil-engineering contractor.
TRAIN10D_SESSION_TEAMS = (
    *("Site Ops", "Ops", "Design", "Bids", "Estimating", "Plant Hire", "HSE", "Commercial", "QS"),
    *("Procurement", "HR", "IT", "Finance", "Payroll", "Temporary Works", "Planning", "QA"),
    *("Survey", "Geotech", "Logistics", "Legal"),
)
# train10e: a media and publishing group.
TRAIN10E_SESSION_TEAMS = (
    *("Newsroom", "Subs Desk", "Picture Desk", "Ad Sales", "Ad Ops", "Subscriptions"),
    *("Audience Data", "SEO", "Print Production", "Pre-press", "Distribution", "Legal", "Video"),
    *("Podcasts", "Events", "HR", "Finance", "IT", "Digital Product", "QA", "Marketing"),
    "Syndication",
)
# train10f: a city council and its water utility.
TRAIN10F_SESSION_TEAMS = (
    *("Waste Collection", "Planning", "Housing", "Parks", "Contact Centre", "Water Network"),
    *("Billing", "Fleet", "IT", "Finance", "HR", "Procurement", "Legal", "Comms", "Highways"),
    *("Building Control", "Water Quality", "Ops", "Metering", "Revenues & Benefits"),
    "Asset Management",
)
# Round 11: held-out 10 and 11 were scored on first contact by round 10's model, and round 11 chose
# its phrase weights with them in view, so they are development data, with the departments their
# authors listed (their TEAMS.txt; README step 26). held-out 10: an airline with its airports.
HELDOUT10_SESSION_TEAMS = (
    *("Ground Ops", "Ramp", "Crew Scheduling", "Line Maintenance", "Engineering", "OCC"),
    *("Revenue Management", "Pricing", "Loyalty", "Cargo", "Catering", "IT", "Customer Care"),
    *("Baggage Services", "Network Planning", "QA", "Safety", "Finance", "HR", "Procurement"),
    *("Flight Ops", "Digital"),
)
# held-out 11: a food and household-goods maker with its own stores.
HELDOUT11_SESSION_TEAMS = (
    *("Plant Ops", "Supply Planning", "QA", "Food Safety", "Category Management", "Store Ops"),
    *("E-commerce", "DC Ops", "Transport", "Procurement", "R&D", "Packaging", "Regulatory"),
    *("Marketing", "Loyalty", "Pricing", "Finance", "HR", "IT", "Maintenance", "Customer Care"),
)
# Round 12: held-out 12, 13 and 14 were scored on first contact by round 11's model and then by
# the contextual probe, so they are development data, with the departments their authors listed
# (README step 27). held-out 12: a pharmaceutical maker.
HELDOUT12_SESSION_TEAMS = (
    *("Quality Assurance", "Quality Control Lab", "Regulatory Affairs", "Clinical Supply"),
    *("Sterile Fill-Finish", "Oral Solids Plant", "Validation", "Supply Chain Planning"),
    *("Procurement", "Pharmacovigilance", "Process Development", "Analytical Development"),
    *("Engineering & Maintenance", "IT", "Finance", "HR", "Warehouse & Distribution"),
    *("Packaging & Labelling", "Medical Affairs", "Environmental Health & Safety"),
    "Commercial Operations",
)
# held-out 13: an electricity and gas utility.
HELDOUT13_SESSION_TEAMS = (
    *("Grid Control", "Distribution Operations", "Gas Network Operations", "Metering Services"),
    *("Smart Meter Deployment", "Field Operations", "Dispatch", "Workforce Scheduling"),
    *("Billing", "Customer Care", "Collections", "Energy Trading", "Load Forecasting"),
    *("Asset Management", "Vegetation Management", "SCADA Engineering", "IT", "Connections"),
    *("Regulatory Affairs", "Procurement", "Finance", "Health & Safety"),
    "Outage Communications",
)
# held-out 14: a hotel chain.
HELDOUT14_SESSION_TEAMS = (
    *("Front Office", "Reservations", "Housekeeping", "Laundry", "Revenue Management"),
    *("Sales", "Group Sales", "Events & Banqueting", "Food and Beverage", "In-Room Dining"),
    *("Engineering", "Concierge", "Guest Relations", "Spa & Wellness", "Loyalty Programme"),
    *("Night Audit", "Security", "Procurement", "Finance", "Human Resources", "IT"),
    "Marketing",
)
# Round 13: held-out 15, 16 and 17 were scored on first contact by round 12's model (README step
# 28), so they are development data, with the departments their authors listed. held-out 15: an
# insurer.
HELDOUT15_SESSION_TEAMS = (
    *("Claims Intake", "Motor Claims", "Property Claims", "Special Investigations Unit (SIU)"),
    *("Commercial Underwriting", "Personal Lines Underwriting", "Actuarial", "Pricing"),
    *("Broker Relations", "Reinsurance", "Policy Administration", "Customer Care", "Billing"),
    *("Subrogation", "Catastrophe Response", "Legal and Compliance", "Finance", "IT"),
    *("Data & Analytics", "Marketing"),
)
# held-out 16: a video-game studio.
HELDOUT16_SESSION_TEAMS = (
    *("Engine", "Tools", "Build & Release", "QA", "Live Ops", "Server Platform"),
    *("Monetisation", "Economy Design", "Community", "Player Support", "Localisation"),
    *("Marketing", "Analytics", "Narrative", "Audio", "Level Design", "Character Art"),
    *("Animation", "UX Research", "Platform Certification", "Anti-Cheat"),
)
# held-out 17: a public transport operator.
HELDOUT17_SESSION_TEAMS = (
    *("Northgate Bus Depot", "Calder Street Tram Depot", "Timetabling", "Fleet Engineering"),
    *("Ticketing", "Control Room", "Driver Rostering", "Rail Infrastructure"),
    *("Network Planning", "Stores", "Procurement", "IT", "Finance", "HR"),
    *("Safety & Compliance", "Customer Services", "Passenger Information"),
    *("Revenue Protection", "Marketing", "Depot Cleaning", "Training School"),
)
# Round 14: held-out 18, 19 and 20 were scored on first contact by round 13's model (README step
# 30), so they are development data, with the departments their authors listed. held-out 18: a
# telecoms operator.
HELDOUT18_SESSION_TEAMS = (
    *("RAN Engineering", "Core Network Ops", "NOC", "Network Planning", "FTTP Build"),
    *("Field Ops", "Spectrum & Regulatory", "Billing (BSS)", "IT Platforms"),
    *("Data & Analytics", "Digital (App & Web)", "Marketing & Propositions", "Retail"),
    *("Customer Care", "Enterprise & Wholesale", "Devices", "Procurement"),
    *("Porting & Provisioning", "Revenue Assurance & Fraud", "SOC", "Legal", "Finance (FP&A)"),
    "HR",
)
# held-out 19: a car maker with its plants and dealers.
HELDOUT19_SESSION_TEAMS = (
    *("Press & Body Shop (BIW)", "Paint Shop", "General Assembly (GA)"),
    *("Powertrain & Battery Assembly", "Manufacturing Engineering (ME)"),
    *("Production Control & Logistics (PC&L)", "Vehicle Quality (VQ)"),
    *("Supplier Quality Engineering (SQE)", "Purchasing", "Product Engineering"),
    *("Homologation & Certification", "Plant IT / MES", "Finance & Controlling"),
    *("HR & Labour Relations", "EHS", "Sales Ops (Order-to-Delivery)"),
    *("Dealer Network Development", "Aftersales & Parts (PDC)", "Warranty", "Customer Care"),
    *("Marketing", "Fleet & Remarketing", "Connected Vehicle (OTA)"),
)
# held-out 20: a law firm.
HELDOUT20_SESSION_TEAMS = (
    *("Corporate M&A", "Disputes (Litigation & Arbitration)", "Banking & Finance"),
    *("Real Estate", "Employment & Pensions", "IP & Tech", "Tax"),
    *("Restructuring & Insolvency (R&I)", "Competition & Regulatory", "Private Client"),
    *("Finance (Billing & Collections)", "Pricing & LPM"),
    *("Risk & Compliance (Conflicts / NBI)", "BD & Marketing"),
    *("KM (Knowledge Management / PSLs)", "IT / Practice Technology"),
    *("Lit Support & eDiscovery", "DocOps (Document Services / overnight WP)"),
    *("HR & Graduate Recruitment", "Facilities & Office Services"),
    "Records & Information Governance",
)
# held-out 21: a supermarket chain with its distribution centres and bakery.
HELDOUT21_SESSION_TEAMS = (
    *("Store Operations", "Supply Chain Planning", "Eastern Creek DC", "Truganina DC"),
    *("Central Bakery (Moorebank)", "Online Grocery", "Customer Fulfilment"),
    *("Last Mile", "Transport & Fleet", "Fresh Produce Buying", "Meat & Deli Buying"),
    *("Category Management", "Pricing & Promotions", "Marketing"),
    *("Loyalty (Harvest Plus)", "Customer Care", "Food Safety & QA"),
    *("IT / POS Systems", "Workforce Planning & Rostering", "Payroll", "Finance"),
    *("Property & Maintenance", "Loss Prevention", "Pune GBS", "Parramatta store"),
    *("Chermside store", "Fremantle store"),
)
# held-out 22: a container port operator.
HELDOUT22_SESSION_TEAMS = (
    *("Quay Operations", "Vessel Planning", "Yard Planning", "Gate Operations"),
    *("M&R (Crane Maintenance & Repair)", "Lashing", "Reefer Services"),
    *("Customs Brokerage", "Rail Terminal", "Trucking Dispatch", "TOS Support", "HSE"),
    *("Workforce Planning", "Billing", "Customer Service", "Procurement", "Kade 7"),
    *("Westpier", "Depot Moerhaven", "Lagos Desk", "Houston Desk"),
)
# held-out 23: a brewery and soft-drinks maker.
HELDOUT23_SESSION_TEAMS = (
    *("Brewhouse", "Bottling Line 2", "Canning", "QA", "Glenrothes Brewery"),
    *("Paarl Plant", "Dortmund Depot", "Warehouse", "Fleet", "On-Trade Sales"),
    *("Off-Trade Sales", "Key Accounts", "Customer Services (CS)", "Demand Planning"),
    *("Procurement", "Engineering", "Finance", "Credit Control", "People Team"),
    *("Marketing", "IT", "H&S"),
)
# held-out 24: a regional hospital network.
HELDOUT24_SESSION_TEAMS = (
    "Emergency Department (ED)",
    "Acute Medical Unit (AMU)",
    "Surgical Wards",
    "Theatres",
    "Central Sterile Services (CSSD)",
    "Pharmacy",
    "Radiology",
    "Laboratory Medicine (Labs)",
    "Bed Management",
    "Estates",
    "Patient Transport",
    "Clinical Coding",
    "Health Records",
    "Outpatients (OPD)",
    "Catering",
    "Household Services",
    "Portering",
    "Infection Prevention and Control (IPC)",
    "Physiotherapy",
    "Human Resources (HR)",
    "Finance",
    "ICT",
    "Procurement",
    "Quality and Patient Safety (QPS)",
)
# held-out 25: an airline.
HELDOUT25_SESSION_TEAMS = (
    "Ground Operations (Ground Ops)",
    "Ramp Services (Ramp)",
    "Baggage Services",
    "Airport Customer Service (Airport CS)",
    "Crew Scheduling (Crew Sked)",
    "Crew Training",
    "Cabin Services",
    "Flight Operations (Flight Ops)",
    "Operations Control Centre (OCC)",
    "Maintenance & Engineering (M&E)",
    "Maintenance Control (MOC)",
    "Revenue Management (RM)",
    "Network Planning",
    "Halcyon Rewards (Loyalty)",
    "Inflight Catering (Catering)",
    "Cargo",
    "Contact Centre",
    "Safety & Compliance (Safety)",
    "Information Technology (IT)",
    "Finance",
    "People & Culture (P&C, HR)",
    "Procurement",
    "Marketing & Brand (Marketing)",
)
# held-out 26: a university.
HELDOUT26_SESSION_TEAMS = (
    "Admissions",
    "Academic Registry (Registry)",
    "Estates and Facilities (Estates)",
    "Research and Innovation Office (Research Office, RIO)",
    "IT Services (ITS)",
    "Student Wellbeing (Wellbeing)",
    "Finance",
    "Human Resources (HR)",
    "Library Services (Library)",
    "Faculty of Science and Engineering (FSE)",
    "Faculty of Arts and Humanities (FAH)",
    "Business School",
    "International Office",
    "Timetabling",
    "Careers and Employability (Careers)",
    "Marketing and Communications (MarComms)",
    "Procurement",
    "Examinations Office (Exams Office)",
    "Accommodation Services (Accommodation)",
    "Security and Portering (Security)",
    "Quality and Standards (QS)",
    "Governance and Legal (Legal)",
    "Alumni and Development (Alumni)",
)
# held-out 27: a mining and metals company.
HELDOUT27_SESSION_TEAMS = (
    "Mine Planning (MP)",
    "Geology and Resources (Geo)",
    "Drill and Blast (D&B)",
    "Load and Haul (L&H)",
    "Mobile Maintenance (Mobile Maint)",
    "Fixed Plant Maintenance (Fixed Plant)",
    "Processing Plant (Concentrator)",
    "Smelter Operations (Smelter)",
    "Tailings and Water (T&W)",
    "Assay Laboratory (Lab)",
    "Rail Logistics (Rail)",
    "Port Terminal Operations (Port Ops)",
    "Procurement and Supply (Procurement / Supply)",
    "Stores and Warehousing (Stores)",
    "Health, Safety and Environment (HSE)",
    "Community Relations (CR)",
    "Projects and Engineering (Projects)",
    "Finance",
    "Human Resources (HR)",
    "IT and OT (IT)",
    "Commercial and Marketing (Commercial)",
    "Legal and Compliance (Legal)",
    "Learning and Development (L&D / Training)",
    "Dispatch and Control Room (Dispatch)",
)
# held-out 28: an online marketplace.
HELDOUT28_SESSION_TEAMS = (
    "Seller Support (SS)",
    "Seller Onboarding (SOB)",
    "Fulfilment Centre Operations (FC Ops)",
    "Inbound Logistics (Inbound)",
    "Last-Mile Delivery (LMD)",
    "Returns & Refunds (R&R)",
    "Payments (Pay)",
    "Risk & Fraud (R&F)",
    "Finance (Fin)",
    "Customer Care (CC)",
    "Catalogue & Content (Catalogue)",
    "Search & Discovery (Search)",
    "Checkout Engineering (Checkout)",
    "Platform Engineering (Platform)",
    "Mobile App (Mobile)",
    "Data & Analytics (D&A)",
    "Marketing (Mktg)",
    "Category Management (CatMan)",
    "Pricing & Promotions (Pricing)",
    "Legal & Compliance (Legal)",
    "People & HR (HR)",
    "Procurement (Proc)",
    "Trust & Safety (T&S)",
)
# held-out 29: a city council.
HELDOUT29_SESSION_TEAMS = (
    "Waste and Recycling (W&R)",
    "Housing Services (Housing)",
    "Planning and Building Control (Planning)",
    "Libraries and Culture (Libraries)",
    "Parks and Open Spaces (Parks)",
    "Revenues and Benefits / Council Tax (Revs & Bens)",
    "ICT Services (IT)",
    "Human Resources (HR)",
    "Legal and Democratic Services (Legal)",
    "Highways and Transport (Highways)",
    "Finance",
    "Procurement",
    "Customer Contact Centre (Contact Centre)",
    "Environmental Health (EH)",
    "Licensing",
    "Adult Social Care (ASC)",
    "Children's Services",
    "Communications and Marketing (Comms)",
    "Facilities Management and Property (FM)",
    "Electoral Services (Elections)",
    "Payroll",
    "Regeneration and Economic Development (Regen)",
    "Fleet Services (Fleet)",
)
# held-out 30: a national rail operator (its author's note after "Fleet Engineering (Fleet)",
# " - runs Northfield Depot and Harbourside Depot", is not part of the name).
HELDOUT30_SESSION_TEAMS = (
    "Train Operations (Train Ops)",
    "Fleet Engineering (Fleet)",
    "Signalling & Telecoms (S&T)",
    "Track & Civils",
    "Station Operations (Stations)",
    "Timetabling & Train Planning (Train Planning)",
    "Crew Rostering (Rostering)",
    "Network Control Centre (Control)",
    "Ticketing & Revenue (Revenue)",
    "Revenue Protection (RP)",
    "Onboard Catering (Catering)",
    "Safety, Health & Environment (SHE)",
    "Occupational Health (OH)",
    "Customer Relations",
    "Assisted Travel",
    "Procurement & Supply Chain (Procurement)",
    "Digital & IT (IT)",
    "People & Culture (P&C)",
    "Finance",
    "Marketing & Communications (Comms)",
    "Driver Training Academy (the Academy)",
    "Engineering Standards & Assurance (Standards)",
)
# held-out 31: a pharmaceutical manufacturer.
HELDOUT31_SESSION_TEAMS = (
    "Quality Assurance (QA)",
    "Quality Control Laboratories (QC)",
    "Analytical Development (AD)",
    "Regulatory Affairs (RA)",
    "Clinical Operations (ClinOps)",
    "Biostatistics & Data Management (Biostats)",
    "Pharmacovigilance (PV)",
    "Medical Affairs",
    "Medical Information Call Centre (MedInfo)",
    "Sterile Manufacturing (Fill-Finish)",
    "Oral Solid Dose Manufacturing (OSD)",
    "Packaging Operations (Packaging)",
    "Artwork & Labelling (Artwork)",
    "Validation",
    "Facilities & Utilities (Facilities)",
    "Supply Chain Planning (Planning)",
    "Procurement",
    "Warehouse & Distribution (Warehouse)",
    "Cold Chain Logistics (Cold Chain)",
    "IT & Lab Systems (IT)",
    "Environmental Health & Safety (EHS)",
    "Human Resources (HR)",
)
# held-out 32: a hotel and resorts group.
HELDOUT32_SESSION_TEAMS = (
    "Front Office (FO)",
    "Reservations (Res)",
    "Housekeeping (HK)",
    "Laundry Services (Laundry)",
    "Food and Beverage (F&B)",
    "Culinary (Kitchen)",
    "Events and Weddings (E&W)",
    "Spa and Wellness (Spa)",
    "Revenue Management (RM)",
    "Sales and Marketing (Sales)",
    "Engineering and Maintenance (Eng)",
    "Guest Relations (GR)",
    "Procurement",
    "Stores and Receiving (Stores)",
    "Tamarind Circle Loyalty Programme (Loyalty)",
    "Finance and Accounts (Finance)",
    "People and Culture (P&C)",
    "IT Systems (IT)",
    "Security and Loss Prevention (Security)",
    "Concierge and Guest Transport (Transport)",
    "Kids' Club and Recreation (Rec)",
)
# held-out 33: a national public broadcaster.
HELDOUT33_SESSION_TEAMS = (
    "Newsroom (News)",
    "Network Scheduling (Scheduling)",
    "Rights and Clearances (Rights)",
    "Transmission Operations (TX)",
    "Archives and Library (Archives)",
    "Information Technology (IT)",
    "Finance (Finance)",
    "People and Culture (HR)",
    "Digital Products (Digital)",
    "Radio Production (Radio)",
    "Presentation and Continuity (Continuity)",
    "Graphics and Design (Graphics)",
    "Post-Production (Post)",
    "Outside Broadcasts (OB)",
    "Audience Research (Research)",
    "Legal and Compliance (Legal)",
    "Commissioning (Commissioning)",
    "Facilities and Studios (Facilities)",
    "Press and Communications (Press)",
    "Access Services (Access)",
    "Procurement (Procurement)",
    "Sport (Sport)",
)
# held-out 34: a construction and infrastructure contractor.
HELDOUT34_SESSION_TEAMS = (
    "Estimating (Estimating)",
    "Bids and Tenders (Bids)",
    "Site Operations (Site Ops)",
    "Plant Hire (Plant)",
    "Design (Design)",
    "Commercial (Commercial)",
    "Health and Safety (H&S)",
    "Procurement (Procurement)",
    "Quality Assurance (QA)",
    "Planning and Programming (Planning)",
    "Surveying (Survey)",
    "Temporary Works (TW)",
    "Rail Possessions (Possessions)",
    "Structures (Structures)",
    "Geotechnical (Geotech)",
    "Environment and Consents (Enviro)",
    "Traffic Management (TM)",
    "Human Resources (HR)",
    "Finance and Payroll (Finance)",
    "IT and Digital (IT)",
    "Stores and Logistics (Stores)",
    "Document Control (Doc Control)",
    "Community Relations (Comms)",
)
# held-out 35: a wind and solar energy developer.
HELDOUT35_SESSION_TEAMS = (
    "Site Development (SiteDev)",
    "Grid Connection (Grid)",
    "Asset Management (AM)",
    "Turbine Maintenance (TurbMaint)",
    "Solar Operations and Maintenance (Solar O&M)",
    "Land and Permitting (Land)",
    "Energy Trading (Trading)",
    "Finance",
    "Health, Safety and Environment (HSE)",
    "Remote Operations Centre (ROC)",
    "Procurement",
    "Construction",
    "Engineering and Design (Engineering)",
    "Resource Assessment (Resource)",
    "Community Relations (Community)",
    "Legal",
    "IT and OT Systems (IT)",
    "Data and Analytics (Data)",
    "Spare Parts and Logistics (Logistics)",
    "People and Culture (P&C)",
    "Regulatory Affairs (Reg)",
    "Ecology and Environment (Ecology)",
    "Commercial and PPAs (Commercial)",
)
# held-out 36: a regional water and wastewater utility.
HELDOUT36_SESSION_TEAMS = (
    "Treatment Works Operations (Treatment Ops)",
    "Wastewater Treatment (Wastewater)",
    "Network Maintenance (Networks)",
    "Sewer Network Operations (Sewers)",
    "Leakage Detection and Reduction (Leakage)",
    "Customer Billing (Billing)",
    "Metering Services (Metering)",
    "Customer Contact Centre (Contact Centre)",
    "Asset Planning (AP)",
    "Laboratory Services (Lab)",
    "Water Quality and Compliance (WQ)",
    "Capital Delivery (CapDel)",
    "Information Technology (IT)",
    "Finance",
    "Human Resources (HR)",
    "Regional Control Room (Control Room)",
    "Health, Safety and Wellbeing (HSW)",
    "Procurement and Stores (Procurement)",
    "Fleet and Depot Services (Fleet)",
    "Developer Services (Dev Services)",
    "Catchment and Environment (Catchment)",
    "GIS and Network Data (GIS)",
    "Reservoirs and Dam Safety (Reservoirs)",
)
# held-out 37: a video game studio with a live-service game.
HELDOUT37_SESSION_TEAMS = (
    "Gameplay Engineering (Gameplay Eng)",
    "Engine & Tools (Tools)",
    "Game Design (Design)",
    "Narrative",
    "Art & Animation (Art)",
    "Audio",
    "Live Operations (Live Ops)",
    "Quality Assurance (QA)",
    "Build & Release Engineering (Release)",
    "Server Infrastructure (Infra)",
    "Anti-Cheat & Security (Security)",
    "Platform Certification (Cert)",
    "Localisation (Loc)",
    "Monetisation & Store (Monet)",
    "Data Science & Analytics (Data)",
    "UX Research (UXR)",
    "Community Management (Community)",
    "Player Support (Support)",
    "Marketing & Brand (Marketing)",
    "Publishing Partnerships (Publishing)",
    "Esports & Events (Events)",
    "Finance",
    "Legal & Compliance (Legal)",
    "Production Management (Production)",
)
# held-out 38: a food and drinks manufacturer with its own fleet.
HELDOUT38_SESSION_TEAMS = (
    "Dairy Production Line (Dairy Line)",
    "Juice Production Line (Juice Line)",
    "Snacks Production Line (Snacks Line)",
    "Food Safety & Quality Assurance (QA)",
    "Hygiene & Sanitation (Hygiene)",
    "Engineering Maintenance (Maintenance)",
    "Raw Materials Procurement (Procurement)",
    "Packaging Procurement (Packaging)",
    "Production Planning (Planning)",
    "Warehouse & Cold Store (Cold Store)",
    "Distribution & Fleet (Fleet)",
    "Transport Planning (Routing)",
    "Key Accounts (KAM)",
    "Customer Service (CS)",
    "New Product Development (NPD)",
    "Marketing",
    "Finance",
    "Human Resources (HR)",
    "Health & Safety (H&S)",
    "IT & Systems (IT)",
    "Quality Laboratory (Lab)",
    "Regulatory & Labelling (Regulatory)",
)
SEEN_SPLITS: tuple[tuple[Path, tuple[str, ...]], ...] = (
    (DATA / "heldout.jsonl", ()),
    (DATA / "heldout2.jsonl", HELDOUT2_SESSION_TEAMS),
    (DATA / "heldout3.jsonl", HELDOUT3_SESSION_TEAMS),
    (DATA / "heldout4.jsonl", HELDOUT4_SESSION_TEAMS),
    (DATA / "heldout5.jsonl", HELDOUT5_SESSION_TEAMS),
    (DATA / "train6.jsonl", ()),
    (DATA / "heldout6.jsonl", HELDOUT6_SESSION_TEAMS),
    (DATA / "train7.jsonl", TRAIN7_SESSION_TEAMS),
    (DATA / "heldout7.jsonl", HELDOUT7_SESSION_TEAMS),
    (DATA / "train8.jsonl", TRAIN8_SESSION_TEAMS),
    (DATA / "heldout8.jsonl", HELDOUT8_SESSION_TEAMS),
    (DATA / "heldout9.jsonl", HELDOUT9_SESSION_TEAMS),
    (DATA / "train10a.jsonl", TRAIN10A_SESSION_TEAMS),
    (DATA / "train10b.jsonl", TRAIN10B_SESSION_TEAMS),
    (DATA / "train10c.jsonl", TRAIN10C_SESSION_TEAMS),
    (DATA / "train10d.jsonl", TRAIN10D_SESSION_TEAMS),
    (DATA / "train10e.jsonl", TRAIN10E_SESSION_TEAMS),
    (DATA / "train10f.jsonl", TRAIN10F_SESSION_TEAMS),
    (DATA / "heldout10.jsonl", HELDOUT10_SESSION_TEAMS),
    (DATA / "heldout11.jsonl", HELDOUT11_SESSION_TEAMS),
    (DATA / "heldout12.jsonl", HELDOUT12_SESSION_TEAMS),
    (DATA / "heldout13.jsonl", HELDOUT13_SESSION_TEAMS),
    (DATA / "heldout14.jsonl", HELDOUT14_SESSION_TEAMS),
    (DATA / "heldout15.jsonl", HELDOUT15_SESSION_TEAMS),
    (DATA / "heldout16.jsonl", HELDOUT16_SESSION_TEAMS),
    (DATA / "heldout17.jsonl", HELDOUT17_SESSION_TEAMS),
    (DATA / "heldout18.jsonl", HELDOUT18_SESSION_TEAMS),
    (DATA / "heldout19.jsonl", HELDOUT19_SESSION_TEAMS),
    (DATA / "heldout20.jsonl", HELDOUT20_SESSION_TEAMS),
    (DATA / "heldout21.jsonl", HELDOUT21_SESSION_TEAMS),
    (DATA / "heldout22.jsonl", HELDOUT22_SESSION_TEAMS),
    (DATA / "heldout23.jsonl", HELDOUT23_SESSION_TEAMS),
    (DATA / "heldout24.jsonl", HELDOUT24_SESSION_TEAMS),
    (DATA / "heldout25.jsonl", HELDOUT25_SESSION_TEAMS),
    (DATA / "heldout26.jsonl", HELDOUT26_SESSION_TEAMS),
    (DATA / "heldout27.jsonl", HELDOUT27_SESSION_TEAMS),
    (DATA / "heldout28.jsonl", HELDOUT28_SESSION_TEAMS),
    (DATA / "heldout29.jsonl", HELDOUT29_SESSION_TEAMS),
    (DATA / "heldout30.jsonl", HELDOUT30_SESSION_TEAMS),
    (DATA / "heldout31.jsonl", HELDOUT31_SESSION_TEAMS),
    (DATA / "heldout32.jsonl", HELDOUT32_SESSION_TEAMS),
    (DATA / "heldout33.jsonl", HELDOUT33_SESSION_TEAMS),
    (DATA / "heldout34.jsonl", HELDOUT34_SESSION_TEAMS),
    (DATA / "heldout35.jsonl", HELDOUT35_SESSION_TEAMS),
    (DATA / "heldout36.jsonl", HELDOUT36_SESSION_TEAMS),
    (DATA / "heldout37.jsonl", HELDOUT37_SESSION_TEAMS),
    (DATA / "heldout38.jsonl", HELDOUT38_SESSION_TEAMS),
)
# corpus.jsonl rows from this index on were written in round 3 (tests/data/framing/README.md).
ROUND3_FIRST_ROW = 665
OUTPUT = ROOT / "app" / "domain" / "framing" / "data" / MODEL_RESOURCE
L2 = 0.5  # penalty on the sum of squared weights; chosen by leave-one-split-out CV (round 7)
MIN_STEM_TEXTS = 3  # a stem seen in fewer training texts is too rare to trust
MIN_WEIGHT = 0.05  # weights below this (threshold units) are dropped: too small to explain
# A word is only worth showing as a reason when it moves the score noticeably.
MIN_STEM_WEIGHT = 0.2
# Held, not learned: a missing ask is a nudge, never a verdict on its own (product rule). The
# corpus' constructive texts mostly carry an ask, so a learned weight would overrate it.
# Round 12: praise beside a gain the text reports is sincere (round 9 weighs it apart as
# ``|gain``), so its irony cue is held at zero rather than learned.
# Round 13: a one-word verdict closing a sentence about a team ("… lost the quote twice.
# Careless.") is held at 0.15, about what rounds 6-12 learned: with held-out 15-17 the fit set it
# to zero, since the other reasons of such texts already flag them, and the word that makes the
# verdict vanished from the reasons. Held or learned, leave-one-split-out merit is the same (0.932).
FIXED = {"no_next_step": 0.4, "form:irony|gain": 0.0, "form:coda": 0.15}
# Round 8: one word is never a verdict. A learned stem weighs at most this much, so a single
# loaded word beside a missing ask stays under the line ("A test card the facilitator removes
# again." was flagged on "again" alone); two of them, or one with any other reason, may still flag.
MAX_STEM_WEIGHT = round(1.0 - FIXED["no_next_step"] - 0.05, 2)
# --check accepts this much difference per weight (see _drift), beyond the 0.01 rounding step.
TOLERANCE = 0.02
# A missed complaint costs more than a warning the author can dismiss: complaints weigh more.
# 2.5 since round 4. Round 10 chose 3.0 by leave-one-split-out over the eleven rounds written blind
# by independent authors; with train10c-f and department names kept out of the stems, the same
# sweep over fifteen rounds picks 2.5 again (mean P 0.904 / R 0.901 against 0.893 / 0.912 for
# 3.0; ``bench/framing_sweep.py``, docs/FRAMING.md "Round 10, second pass").
COMPLAINT_WEIGHT = 2.5
# Word stems memorise the corpus' wording ("every", "signed"); the rules and form features
# generalise. Stems pay this many times the L2 penalty (round 4: 4; round 6: 8; round 7: 4 with
# L2 0.5, chosen by leave-one-split-out over ten author rounds, docs/FRAMING.md). Round 10 kept 4:
# 2 scored 0.006 better over the independent authors' rounds but learnt department names as
# complaint words ("Catering" alone flagged "Catering cuts corners …" with no team list).
# Round 13, with department names never candidates and grammar words never stems, over 23 blind
# rounds (merit): 0.5 0.933, 1 0.934, 2 0.932, 3 0.931, 4 0.929, 8 0.923. Below 3 the demo's own
# butterfly sentence ("When we promise custom onboarding …", with its ask) reaches the line on
# two words, "promise" and "discover"; at 3 it stays at 0.88. Round 14, with held-out 18-20 in
# training, over 26 blind rounds: 3, 4 and 5 all 0.931; the demo sentence scores 1.10 at 3,
# 1.02 at 4 and 0.95 at 5, so 5.
STEM_L2_FACTOR = 5.0
# Round 11: the text's phrase vector (``app.domain.framing.phrasing``): the mean of its word
# pieces' vectors, distilled from all-MiniLM-L6-v2 by ``scripts/distill_phrasing.py``. Its 256
# weights are signed (the wording may read as a complaint or as an observation), never pruned,
# and pay the L2 penalty times this factor (leave-one-split-out, docs/FRAMING.md "Round 11").
PHRASE_PREFIX = "phrase:"
# The phrase vector is centred on the training texts' mean before fitting, so a phrase score reads
# "more like a complaint than the average text" (> 0) or less (< 0); this key holds the mean's
# score, which the check subtracts (``FramingModel.phrase_offset``).
PHRASE_OFFSET = PHRASE_PREFIX + "offset"
PHRASE_VECTORS = DATA / "phrasing" / "vectors.npz"
# Round 12, with the sentence vector in the same signal, leave-one-split-out over twenty blind
# rounds (merit): factor 0.5 0.922, 1 0.924, 2 0.927, 4 0.924, 8 0.919.
PHRASE_L2_FACTOR = 2.0
# Round 12: the text read in context, the sentence encoder's vector (``phrasing.in_context``), as
# ``phrase:s<i>``: part of the same wording signal (centred with the phrase vector, one offset,
# signed, the same penalty), kept as 384 weights since a contextual vector does not fold.
SENTENCE_PREFIX = PHRASE_PREFIX + "s"


@dataclass(frozen=True)
class Sample:
    """One labelled text with the context the check would get."""

    text: str
    complaint: bool
    voice: str
    split: str
    people_names: tuple[str, ...] = ()
    next_step: str | None = None
    teams: tuple[str, ...] = ()
    # Which author round wrote it (leave-one-split-out cross-validation groups by this).
    source: str = ""


def load_corpus(path: Path = CORPUS, teams: Sequence[str] = ()) -> list[Sample]:
    """Every row of a corpus JSONL file, with its source: the split, and for ``corpus.jsonl``
    the round that wrote it (``train-r1`` rows 1-665, ``train-r3`` the rest)."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [
        Sample(
            r["text"],
            r["label"] == "complaint",
            r["voice"],
            r["split"],
            tuple(r.get("people_names", ())),
            r.get("next_step"),
            tuple(teams),
            _source(r["split"], i),
        )
        for i, r in enumerate(rows)
    ]


def _source(split: str, row: int) -> str:
    if split != "train":
        return split
    return "train-r1" if row < ROUND3_FIRST_ROW else "train-r3"


def development_set() -> list[Sample]:
    """Every labelled sentence training may read: the corpus, the seen held-out splits 1-14 and
    rounds 6, 7, 8 and 10's training files (train10a-f)."""
    seen = [s for path, teams in SEEN_SPLITS for s in load_corpus(path, teams)]
    return [s for s in load_corpus() if s.split == "train"] + seen


def legacy_cases() -> list[Sample]:
    """The hand-written cases the rules were first tuned on, as training samples."""
    return [
        Sample(c.text, c.complaint, "legacy", "train", c.people_names, c.next_step, (), "legacy")
        for c in CASES
    ]


def training_set() -> list[Sample]:
    """The development set (corpus and seen held-out splits) plus the legacy cases."""
    return development_set() + legacy_cases()


@cache
def phrase_vectors() -> np.ndarray:
    """Every word piece's distilled vector (float32, dequantised from the int8 file), read once."""
    with np.load(PHRASE_VECTORS) as data:
        return data["vectors"].astype(np.float32) * data["scale"][:, None]


def phrase_features(text: str) -> dict[str, float]:
    """The text's phrase vector (the mean of its word pieces' vectors) as ``phrase:<i>``."""
    ids = [piece for piece, _, _ in phrasing.pieces(text)]
    if not ids:
        return {}
    mean = phrase_vectors()[ids].mean(axis=0)
    return {f"{PHRASE_PREFIX}{i}": float(v) for i, v in enumerate(mean)}


@cache
def sentence_features(text: str) -> dict[str, float]:
    """The text's sentence vector, as the check computes it, as ``phrase:s<i>`` (computed once
    per text: about 2 ms each)."""
    vector = phrasing.encoder().vector(text)
    return {f"{SENTENCE_PREFIX}{i}": float(v) for i, v in enumerate(vector)}


def sentence_weights(weights: Mapping[str, float]) -> list[float]:
    """The reading in context's weights, in the order of the encoder's dimensions."""
    found = {
        int(name[len(SENTENCE_PREFIX) :]): value
        for name, value in weights.items()
        if name.startswith(SENTENCE_PREFIX)
    }
    return [found[i] for i in range(len(found))] if any(found.values()) else []


def phrase_table(weights: Mapping[str, float]) -> list[float]:
    """One weight per word piece: its vector times the learned phrase weights (the check
    averages these over a text's pieces, which equals the phrase vector times the weights)."""
    vectors = phrase_vectors()
    u = np.zeros(vectors.shape[1])
    for name, value in weights.items():
        if name[len(PHRASE_PREFIX) :].isdigit():
            u[int(name[len(PHRASE_PREFIX) :])] = value
    if not u.any():
        return []
    return [round(float(v), 4) for v in vectors @ u]


def featurize(sample: Sample, valence: Mapping[str, float]) -> dict[str, float]:
    """Feature -> summed strength, with every stem a candidate, plus the phrase vector."""
    _, found = gather_evidence(
        sample.text,
        sample.people_names,
        sample.next_step,
        valence=valence,
        known=None,
        team_names=sample.teams,
    )
    values: Counter[str] = Counter()
    for e in found:
        values[e.feature] += e.strength
    return {**values, **phrase_features(sample.text), **sentence_features(sample.text)}


@dataclass(frozen=True)
class Hyper:
    """The training choices leave-one-split-out picks (``bench/framing_sweep.py``)."""

    l2: float = L2
    complaint_weight: float = COMPLAINT_WEIGHT
    stem_l2_factor: float = STEM_L2_FACTOR
    phrase_l2_factor: float = PHRASE_L2_FACTOR


def fit(
    samples: Sequence[Sample],
    valence: Mapping[str, float],
    hyper: Hyper = Hyper(),
    *,
    rows: Sequence[dict[str, float]] | None = None,
) -> dict[str, float]:
    """Non-negative logistic regression; weights in threshold units, small ones dropped.

    ``rows`` are the samples' features when the caller has them already (``featurize`` of each
    sample, in order): a sweep featurises once and fits many times."""
    if rows is None:
        rows = [featurize(s, valence) for s in samples]
    names = _vocabulary(rows)
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[r, index[name]] = value
    columns = [index[n] for n in names if n.startswith(PHRASE_PREFIX)]
    centre = x[:, columns].mean(axis=0)
    x[:, columns] -= centre
    y = np.array([1.0 if s.complaint else 0.0 for s in samples])
    fixed = np.array([sum(v * row.get(f, 0.0) for f, v in FIXED.items()) for row in rows])
    penalty = np.array([hyper.l2 * _penalty_factor(n, hyper) for n in names])
    signs = [_sign(name) for name in names]
    w, b = _fit_logistic(x, y, penalty, fixed, signs, hyper.complaint_weight)
    if b >= 0:
        raise ValueError("intercept is not negative: an empty text would read as a complaint")
    phrase = {
        n: round(float(w[i]) / -b, 5) for n, i in index.items() if n.startswith(PHRASE_PREFIX)
    }
    if phrase:
        phrase[PHRASE_OFFSET] = round(float(w[columns] @ centre) / -b, 5)
    scaled = {
        name: round(float(w[i]) / -b, 2)
        for name, i in index.items()
        if not name.startswith(PHRASE_PREFIX)
    }
    scaled = {
        name: min(value, MAX_STEM_WEIGHT) if name.startswith(STEM_PREFIX) else value
        for name, value in scaled.items()
    }
    learned = {
        name: value
        for name, value in scaled.items()
        if abs(value) >= (MIN_STEM_WEIGHT if name.startswith(STEM_PREFIX) else MIN_WEIGHT)
    }
    return dict(sorted({**learned, **FIXED}.items())) | phrase


def _penalty_factor(name: str, hyper: Hyper) -> float:
    if name.startswith(STEM_PREFIX):
        return hyper.stem_l2_factor
    return hyper.phrase_l2_factor if name.startswith(PHRASE_PREFIX) else 1.0


def _sign(name: str) -> int:
    """+1: a reason (weight >= 0); -1: a credit (weight <= 0); 0: either (the phrase vector)."""
    if name.startswith(PHRASE_PREFIX):
        return 0
    return -1 if name.startswith(CREDIT_PREFIX) else 1


def to_model(weights: Mapping[str, float], valence: Mapping[str, float]) -> FramingModel:
    """An in-memory model, as ``check_framing(model=...)`` takes it (for cross-validation)."""
    return parse_model(json.dumps(_document(weights, "unsaved", [])), valence)


def _party_stems() -> frozenset[str]:
    """Stems of the words in every department name training knows: the check's own list and each
    author's session list ("Catering", "Onboarding", "IT", "Student Services").

    A department is a party to a sentence, never loaded wording: in one author's file "Catering"
    is mostly blamed, and as a learned stem it flagged "Catering cuts corners and we take the
    heat." in a session that has no Catering team. So these stems are never candidates.
    """
    names = {*lex.DEPARTMENTS, *(team for _, teams in SEEN_SPLITS for team in teams)}
    words = {w.lower() for name in names for w in re.findall(r"[A-Za-z]{2,}", name)}
    return frozenset(STEM_PREFIX + stem(w) for w in words)


def _vocabulary(rows: Iterable[dict[str, float]]) -> list[str]:
    texts = Counter(name for row in rows for name in row if name not in FIXED)
    parties = _party_stems()
    return sorted(
        name
        for name, n in texts.items()
        if not name.startswith(STEM_PREFIX) or (n >= MIN_STEM_TEXTS and name not in parties)
    )


def _fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    l2: np.ndarray,
    fixed: np.ndarray,
    signs: Sequence[int],
    complaint_weight: float,
) -> tuple[np.ndarray, float]:
    """Minimise log-loss + L2 with z = b * (1 - fixed) + x @ w.

    ``fixed`` is each row's evidence with a held weight, in threshold units; writing it as a
    share of the (negative) intercept keeps it exactly that share once weights are divided by
    ``-b``.
    """
    n, k = x.shape
    scale = 1.0 - fixed
    sample_weight = np.where(y > 0, complaint_weight, 1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:k], theta[k]
        z = x @ w + b * scale
        p = 1.0 / (1.0 + np.exp(-z))
        nll = np.sum(sample_weight * (np.logaddexp(0.0, z) - y * z)) / n
        err = sample_weight * (p - y)
        grad = np.append(x.T @ err / n + 2 * l2 * w / n, np.sum(err * scale) / n)
        return float(nll + float(l2 @ (w * w)) / n), grad

    limits = {1: (0.0, None), -1: (None, 0.0), 0: (None, None)}
    bounds = [limits[sign] for sign in signs] + [(None, None)]
    result = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return result.x[:k], float(result.x[k])


def _document(weights: Mapping[str, float], version: str, samples: Sequence[Sample]) -> dict:  # type: ignore[type-arg]
    return {
        "format": MODEL_FORMAT,
        "version": version,
        "trained_on": {
            "corpus": [str(p.relative_to(ROOT)) for p in (CORPUS, *(p for p, _ in SEEN_SPLITS))],
            "split": "train + seen held-out 1-26 + train6 + train7 + train8 + train10a-f",
            "samples": len(samples),
            "complaints": sum(s.complaint for s in samples),
            "legacy_cases": sum(s.voice == "legacy" for s in samples),
        },
        "hyperparameters": {
            "l2": L2,
            "stem_l2_factor": STEM_L2_FACTOR,
            "phrase_l2_factor": PHRASE_L2_FACTOR,
            "complaint_weight": COMPLAINT_WEIGHT,
            "min_stem_texts": MIN_STEM_TEXTS,
            "min_weight": MIN_WEIGHT,
            "max_stem_weight": MAX_STEM_WEIGHT,
            "fixed": FIXED,
        },
        "weights": {k: v for k, v in weights.items() if not k.startswith(PHRASE_PREFIX)},
        "phrase_vectors": str(PHRASE_VECTORS.relative_to(ROOT)),
        "phrase_offset": weights.get(PHRASE_OFFSET, 0.0),
        "phrase_weights": phrase_table(weights),
        "sentence_model": f"app/domain/framing/data/{phrasing.SENTENCE_MODEL_RESOURCE}",
        "sentence_weights": sentence_weights(weights),
    }


def build() -> str:
    """The weights file's text for the current corpus and code."""
    samples = training_set()
    document = _document(fit(samples, vader_valence()), "", samples)
    signed = [
        document[k] for k in ("weights", "phrase_offset", "phrase_weights", "sentence_weights")
    ]
    digest = hashlib.sha256(json.dumps(signed, sort_keys=True).encode()).hexdigest()[:10]
    document["version"] = f"{MODEL_FORMAT}.{digest}"
    return json.dumps(document, indent=1, sort_keys=False) + "\n"


def _drift(shipped: Mapping[str, float], trained: Mapping[str, float]) -> list[str]:
    """Weights that differ by more than floating-point noise between two trainings.

    Another CPU or BLAS may round a weight the other way at the second decimal, or move one
    across a pruning cut-off; neither is a stale file. A changed corpus or feature moves more.
    """
    out = []
    for name in sorted(set(shipped) | set(trained)):
        a, b = shipped.get(name, 0.0), trained.get(name, 0.0)
        cut = MIN_STEM_WEIGHT if name.startswith(STEM_PREFIX) else MIN_WEIGHT
        at_cut = (name not in shipped or name not in trained) and abs(a or b) < cut + TOLERANCE
        if abs(a - b) > TOLERANCE and not at_cut:
            out.append(f"  {name}: shipped {a}, trained {b}")
    return out


def _phrase_drift(
    shipped: Sequence[float], trained: Sequence[float], name: str = "phrase_weights"
) -> list[str]:
    """The phrase (or sentence) weights, compared like the others: a changed corpus moves many
    by far more."""
    if len(shipped) != len(trained):
        return [f"  {name}: shipped {len(shipped)} weights, trained {len(trained)}"]
    worst = max((abs(a - b) for a, b in zip(shipped, trained, strict=True)), default=0.0)
    return [f"  {name}: differ by up to {worst:.4f}"] if worst > TOLERANCE else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file is stale")
    args = parser.parse_args()
    text = build()
    if args.check:
        current = OUTPUT.read_text("utf-8") if OUTPUT.exists() else "{}"
        shipped, trained = json.loads(current), json.loads(text)
        drift = _drift(shipped.get("weights", {}), trained["weights"])
        drift += _phrase_drift(
            [shipped.get("phrase_offset", 0.0), *shipped.get("phrase_weights", [])],
            [trained["phrase_offset"], *trained["phrase_weights"]],
        )
        drift += _phrase_drift(
            shipped.get("sentence_weights", []), trained["sentence_weights"], "sentence_weights"
        )
        if drift:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run scripts/train_framing.py")
            print("\n".join(drift[:20]))
            return 1
        print("framing model is up to date")
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, "utf-8")
    weights = json.loads(text)["weights"]
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(weights)} weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
