"""The `parties` fact: a preamble naming only businesses skips the worker-side speech and gig rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.config import load_config
from clausecheck.engine.parties import business_parties

ROOT = Path(__file__).resolve().parent.parent
SUPPLY = ROOT / "fixtures" / "tuning" / "commercial-equipment-supply.txt"

BODY = (
    "\n1. Confidentiality. {worker} shall keep the terms of this Agreement confidential and shall not"
    " disclose any Confidential Information to any third party.\n\n"
    "2. Disputes. Any dispute arising out of this Agreement shall be resolved by final and binding"
    " arbitration, and each party waives any right to participate in a class action.\n"
)
B2B = ('This Services Agreement is entered into by and between Acme Holdings, Inc., a Delaware corporation '
       '("Company"), and Brightline Data LLC, a Texas limited liability company ("Vendor").\n')
PERSON = ('This Services Agreement is entered into by and between Acme Holdings, Inc., a Delaware '
          'corporation ("Company"), and Jane Rivera, an individual ("Vendor").\n')
WRITER = ('This Agreement is made between Acme Pictures LLC ("Company") and Jane Rivera ("Writer").\n')
TOS = ('These Terms of Service are an agreement between you and Acme Holdings, Inc. ("Acme", "we").\n')
NO_PREAMBLE = "SERVICES TERMS\n"
WORKER_SIDE = {"speech-no-protected-disclosure-carveout", "gig-binding-arbitration", "gig-class-waiver"}


def run(tmp_path: Path, preamble: str, worker: str = "Vendor", **options):
    path = tmp_path / "deal.txt"
    path.write_text(preamble + BODY.format(worker=worker), encoding="utf-8")
    return check(path, **options)


def parties(report):
    return next(a for a in report.assumptions if a.name == "parties")


def rules(report) -> set[str]:
    return {f.rule for f in report.findings}


def test_business_preamble_skips_worker_side_rules_and_quotes_the_parties(tmp_path):
    report = run(tmp_path, B2B)
    fact = parties(report)
    assert (fact.value, fact.origin) == ("business", "contract")
    assert "Acme Holdings, Inc., a Delaware corporation" in fact.detail
    assert "Brightline Data LLC, a Texas limited liability company" in fact.detail
    assert not rules(report) & WORKER_SIDE
    # the gag rules are not gated: NDAs between two companies still keep their terms secret
    assert any(f.concern == "confidentiality-gag" for f in report.findings)


@pytest.mark.parametrize(("preamble", "worker"), [(PERSON, "Vendor"), (WRITER, "Writer"), (TOS, "you")])
def test_a_person_among_the_parties_leaves_the_fact_unknown_and_the_rules_running(tmp_path, preamble, worker):
    report = run(tmp_path, preamble, worker)
    fact = parties(report)
    assert (fact.value, fact.origin) == (None, "unknown")
    assert rules(report) >= WORKER_SIDE
    note = next(f for f in report.findings if f.rule == "gig-binding-arbitration").notes
    assert "assumes parties is individual (not known; set parties in clausecheck.toml)" in note


def test_no_preamble_is_unknown_and_the_rules_run(tmp_path):
    report = run(tmp_path, NO_PREAMBLE)
    assert parties(report).value is None
    assert "preamble" in parties(report).detail
    assert "set parties in clausecheck.toml" in parties(report).detail  # there is no --parties option
    assert rules(report) >= WORKER_SIDE


def test_user_context_wins_over_the_preamble(tmp_path):
    report = run(tmp_path, B2B, context={"parties": "individual"})
    assert (parties(report).value, parties(report).origin) == ("individual", "user")
    assert rules(report) >= WORKER_SIDE


def test_config_can_set_the_fact(tmp_path):
    config = tmp_path / "clausecheck.toml"
    config.write_text('parties = "business"\n', encoding="utf-8")
    assert load_config(tmp_path).context.parties == "business"


def test_tuning_set_supply_deal_has_no_arbitration_or_carveout_finding():
    report = check(SUPPLY)
    assert parties(report).value == "business"
    assert not {f.concern for f in report.findings} & {"arbitration-class-waiver", "whistleblower-carveout"}


@pytest.mark.parametrize("preamble", [
    'between Acme, Inc. ("Company") and the individual who accepts these terms ("Contractor").',
    'between Acme, Inc. ("Company") and John Smith ("Consultant").',
    'between Acme, Inc. ("Company") and Mr. John Smith, residing at 12 Elm Street ("Consultant").',
    'between Acme, Inc. ("Company") and Jane Doe ("Performer").',
    # a person described by where they study: the university is not the party
    'between Crestline Sports Media LLC ("Sponsor") and Jordan Avery, a student-athlete enrolled at a '
    'university in Ohio ("Athlete").',
    'between Crestline Sports Media LLC ("Sponsor") and Jordan Avery, a student at Ohio State University '
    '("Licensor").',
    # a deceased performer's estate, even held in a trust; a loan-out company furnishing a person
    'by and between Quarry Lane Pictures, LLC ("Producer"), and Miriam Ortiz, as trustee of THE HARLAN '
    'VOSS FAMILY TRUST (the "Estate").',
    'between Northwind Studios, Inc. ("Studio") and Brightwater Productions, Inc. f/s/o Dana Lee '
    '("Lender").',
])
def test_weak_or_personal_preambles_are_not_business(preamble):
    assert business_parties(preamble) is None


@pytest.mark.parametrize("preamble", [
    'Between: Co-Diagnostics, Inc. (herein referred to as "Principal") And PreCheck Health Services, Inc. '
    '(herein referred to as "Distributor"). In consideration of the Products ("Products") ...',
    'by and between ArTara, Inc. ("ArTara"), and The University of Iowa ("University") (each individually a '
    '"Party").',
])
def test_business_preambles_in_other_shapes(preamble):
    found = business_parties(preamble)
    assert found is not None and "Products" not in found


ENGLISH = ("THIS AGREEMENT is dated 1 March 2026 and made\n\nBETWEEN\n\n"
           "(1) ACME LIMITED, a company incorporated in England and Wales (company no. 01234567), whose "
           'registered office is at 1 High Street, Leeds ("Company"); and\n\n'
           "(2) NORTHWIND, INC., a Delaware corporation whose principal office is at 5 Main Street, Austin, "
           'Texas ("Vendor").\n')
ENGLISH_ROLES = ("THIS AGREEMENT is dated 1 March 2026\n\nPARTIES\n\n"
                 "(1) ACME LIMITED incorporated and registered in England and Wales with company number "
                 "01234567 whose registered office is at 1 High Street, Leeds (the Company).\n\n"
                 "(2) NORTHWIND, INC., a Delaware corporation whose principal place of business is at 5 Main "
                 "Street, Austin, Texas (Vendor).\n")
INLINE = ("This Agreement is made BETWEEN (1) ACME LIMITED, a company registered in England (the Company), "
          "and (2) NORTHWIND, INC., a Delaware corporation (the Vendor).\n")
ENGLISH_PERSON = ("THIS AGREEMENT is dated 1 March 2026 and made\n\nBETWEEN\n\n"
                  "(1) ACME LIMITED, a company registered in England (the Company); and\n\n"
                  "(2) JANE RIVERA of 5 Main Street, Leeds (the Vendor), an individual.\n")


@pytest.mark.parametrize("preamble", [ENGLISH, ENGLISH_ROLES, INLINE])
def test_an_english_numbered_preamble_between_companies_is_business(tmp_path, preamble):
    """"BETWEEN" as a heading, "(1) ACME LIMITED ... and (2) NORTHWIND, INC.", roles quoted or not."""
    report = run(tmp_path, preamble)
    fact = parties(report)
    assert (fact.value, fact.origin) == ("business", "contract")
    assert "ACME LIMITED" in fact.detail and "NORTHWIND, INC." in fact.detail
    assert not rules(report) & WORKER_SIDE


def test_an_english_numbered_preamble_with_a_person_is_unknown(tmp_path):
    report = run(tmp_path, ENGLISH_PERSON)
    assert parties(report).value is None
    assert rules(report) >= WORKER_SIDE


@pytest.mark.parametrize("preamble", [
    'between Meridian Biotech Holdings, Inc. (the "Client"), and Velvet Arcade Music LLC, a New York '
    'limited liability company furnishing the services of the musical group known as "The Velvet Arcade" '
    '(the "Band").',
    'between Harbor Events, Inc. ("Client") and Northline Strings LLC, furnishing the services of the string '
    'ensemble "Northline" ("Ensemble").',
    'by and between Crestview Hotels Corp. ("Venue") and Low Tide Touring LLC furnishing the services of '
    'its members ("Act").',
    'between Summit Media, Inc. ("Producer") and Choral Works Ltd., furnishing the services of a chamber '
    'choir ("Choir").',
    'BETWEEN GALA PLANNERS LLC ("CLIENT") AND BRASS FOUNDRY LLC, FURNISHING THE SERVICES OF THE BAND KNOWN '
    'AS "FOUNDRY" ("BAND").',
])
def test_a_loan_out_furnishing_a_group_is_a_business(preamble):
    """A company furnishing a band's, ensemble's or choir's services is a business; a person's loan-out
    (above) is not."""
    assert business_parties(preamble) is not None


@pytest.mark.parametrize("preamble", [
    'between Harbor Events, Inc. ("Client") and Nova Sound LLC, furnishing the services of the performer '
    'known as DJ Nova ("Artist").',
    'between Harbor Events, Inc. ("Client") and Nova Sound LLC, furnishing the services of Dana Reyes '
    '("Lender").',
])
def test_a_loan_out_furnishing_a_person_is_not(preamble):
    assert business_parties(preamble) is None


def test_band_booking_skips_worker_side_rules(tmp_path: Path) -> None:
    preamble = ('This Engagement Contract is entered into between Harbor Events, Inc. ("Client") and '
                'Northline Strings LLC, furnishing the services of the string ensemble "Northline" '
                '("Ensemble").\n')
    report = run(tmp_path, preamble, worker="Ensemble")
    assert parties(report).value == "business"
    assert not {f.rule for f in report.findings} & WORKER_SIDE
