"""The vocabularies the platform ships with, and their initial terms."""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Vocabulary:
    """A named list of terms; `terms` are (key, label, description) triples."""

    key: str
    label: str
    description: str
    terms: tuple[tuple[str, str, str], ...]


CREDENTIAL_PHASES = (
    ("design", "Design",
     "Learning outcomes, workload, level, labour-market relevance, green skills, stackability."),
    ("delivery", "Delivery",
     "Forms of participation, work-based learning, trainers, flexibility, access."),
    ("certification", "Certification",
     "Assessment, identity verification, quality assurance, awarding bodies."),
    ("portability", "Portability",
     "Recognition, transfer across borders and sectors, Europass / European Digital "
     "Credentials for Learning, wallets."),
)

SECTORS = (
    ("wood", "Wood", "Wood, furniture and forestry-based industries."),
    ("agrofood", "Agrofood", "Agriculture and food processing."),
    ("building", "Building", "Construction, renovation and building services."),
    ("manufacturing", "Manufacturing", "Manufacturing industries."),
    ("cross_sector", "Cross-sector", "Concerns every sector alike."),
)

STAKEHOLDER_TYPES = (
    ("public_authority", "Public authority",
     "Ministries, regional and local governments, agencies, qualification authorities."),
    ("enterprise", "Enterprise", "Companies, including start-ups, and their associations."),
    ("vet_provider", "VET provider",
     "Vocational education and training bodies, training centres, universities."),
    ("other", "Other", "Social partners, NGOs, researchers and other stakeholders."),
)

GOVERNANCE_LEVELS = (
    ("local", "Local", "Municipalities and local bodies."),
    ("regional", "Regional", "Regions and regional bodies."),
    ("national", "National", "National governments and bodies."),
    ("eu", "EU", "European Union level."),
)

EU_STANDARD_ELEMENTS = (
    ("learner_identification", "Identification of the learner", "Mandatory element 1."),
    ("title", "Title of the micro-credential", "Mandatory element 2."),
    ("issuer_country", "Country(ies)/Region(s) of the issuer", "Mandatory element 3."),
    ("awarding_body", "Awarding body(ies)", "Mandatory element 4."),
    ("date_of_issuing", "Date of issuing", "Mandatory element 5."),
    ("learning_outcomes", "Learning outcomes", "Mandatory element 6."),
    ("notional_workload", "Notional workload",
     "Mandatory element 7: workload needed to achieve the learning outcomes, in ECTS "
     "wherever possible."),
    ("level", "Level (and cycle) of the learning experience",
     "Mandatory element 8: EQF, QF-EHEA, if applicable."),
    ("assessment_type", "Type of assessment", "Mandatory element 9."),
    ("participation_form", "Form of participation in the learning activity",
     "Mandatory element 10."),
    ("quality_assurance", "Type of quality assurance", "Mandatory element 11."),
    ("prerequisites", "Prerequisites", "Optional element."),
    ("identity_verification", "Supervision and identity verification during assessment",
     "Optional element."),
    ("grade", "Grade achieved", "Optional element."),
    ("stackability", "Integration/stackability options", "Optional element."),
    ("further_information", "Further information", "Optional element."),
)

EU_PRINCIPLES = (
    ("quality", "Quality", "Principle 1 for the design and issuance of micro-credentials."),
    ("transparency", "Transparency", "Principle 2."),
    ("relevance", "Relevance", "Principle 3."),
    ("valid_assessment", "Valid assessment", "Principle 4."),
    ("learning_pathways", "Learning pathways", "Principle 5."),
    ("recognition", "Recognition", "Principle 6."),
    ("portable", "Portable", "Principle 7."),
    ("learner_centred", "Learner-centred", "Principle 8."),
    ("authentic", "Authentic", "Principle 9."),
    ("information_guidance", "Information and guidance", "Principle 10."),
)


def _countries() -> tuple[tuple[str, str, str], ...]:
    with (DATA_DIR / "countries.csv").open(encoding="utf-8") as handle:
        return tuple((row["key"], row["label"], "") for row in csv.DictReader(handle))


VOCABULARIES: dict[str, Vocabulary] = {
    vocabulary.key: vocabulary
    for vocabulary in (
        Vocabulary("credential_phase", "Credential phases",
                   "The phases of a micro-credential that comments are tagged to.",
                   CREDENTIAL_PHASES),
        Vocabulary("sector", "Sectors", "Economic sectors.", SECTORS),
        Vocabulary("stakeholder_type", "Stakeholder types",
                   "Kinds of organisation taking part.", STAKEHOLDER_TYPES),
        Vocabulary("governance_level", "Governance levels",
                   "Levels at which organisations act and recommendations apply.",
                   GOVERNANCE_LEVELS),
        Vocabulary("country", "Countries", "ISO 3166-1 countries.", _countries()),
        Vocabulary("eu_element", "EU standard elements",
                   "Elements describing a micro-credential (Council Recommendation of "
                   "16 June 2022, Annex I).", EU_STANDARD_ELEMENTS),
        Vocabulary("eu_principle", "EU principles",
                   "Principles for the design and issuance of micro-credentials "
                   "(Council Recommendation of 16 June 2022, Annex II).", EU_PRINCIPLES),
    )
}
