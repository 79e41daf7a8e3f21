"""Content of the demo policy document: four sections, twenty recommendations."""

TITLE = "Policy recommendations for green-skills micro-credentials"
SUBTITLE = "Joint multi-stakeholder policy of the MASTERY partnership"

# section phase → [(title, text, levels, addressees, horizon)]
RECOMMENDATIONS = {
    "design": [
        ("Co-design with employers", "Learning outcomes of every green-skills "
         "micro-credential are defined together with employers of the sector and reviewed "
         "every two years.", ["regional", "national"], ["vet_provider", "enterprise"], "short"),
        ("Units from 25 hours", "Micro-credentials may start at a notional workload of 25 "
         "hours when the learning outcomes are assessed at the workplace.", ["national"],
         ["public_authority", "vet_provider"], "short"),
        ("Stackable towards qualifications", "Units are designed to stack towards a full "
         "EQF level 5 qualification in the sector.", ["national", "eu"],
         ["public_authority"], "medium"),
        ("Use the EU standard elements", "Every micro-credential states the eleven mandatory "
         "elements of the Council Recommendation, with the same wording.", ["eu"],
         ["vet_provider"], "short"),
        ("Green skills named explicitly", "Each micro-credential names the green skills it "
         "develops, using the European skills taxonomy.", ["eu"], ["vet_provider"], "medium"),
    ],
    "delivery": [
        ("Flexible participation", "At least one flexible form of participation (online, "
         "blended or at the workplace) is offered for every micro-credential.",
         ["regional"], ["vet_provider"], "short"),
        ("Work-based learning counts", "Up to half of the workload may be completed through "
         "work-based learning under a trained mentor.", ["national"],
         ["enterprise", "vet_provider"], "short"),
        ("Mentor training funded", "Regional programmes fund the training of in-company "
         "mentors in small firms.", ["regional"], ["public_authority"], "medium"),
        ("Modules for start-ups", "Ready-made modules let start-ups without a training "
         "department upskill their staff.", ["local", "regional"], ["enterprise"], "short"),
        ("Define blended learning", "The glossary defines blended delivery so that partners "
         "use the term alike.", ["eu"], ["vet_provider"], "short"),
    ],
    "certification": [
        ("External quality assurance", "Awarding bodies of green-skills micro-credentials are "
         "under external quality assurance.", ["national"], ["public_authority"], "medium"),
        ("Common assessment rubrics", "Sector assessment rubrics make workplace assessment "
         "comparable between companies.", ["national", "eu"], ["vet_provider", "enterprise"],
         "medium"),
        ("Shared identity verification", "A shared national service verifies learners' "
         "identity in online assessment.", ["national"], ["public_authority"], "long"),
        ("A register of awarding bodies", "A public register lists the awarding bodies whose "
         "micro-credentials are recognised.", ["national", "eu"], ["public_authority"],
         "medium"),
        ("One term: awarding body", "Documents say “awarding body” throughout.", ["eu"],
         ["vet_provider"], "short"),
    ],
    "portability": [
        ("Issue as European Digital Credentials", "Every micro-credential is issued as a "
         "European Digital Credential for Learning from 2027.", ["eu"],
         ["vet_provider", "public_authority"], "medium"),
        ("Mutual recognition between partner regions", "The five partner regions pilot "
         "mutual recognition where quality assurance is equivalent.", ["regional"],
         ["public_authority"], "medium"),
        ("A plain-language summary", "Each credential carries a plain-language summary of its "
         "learning outcomes for employers.", ["eu"], ["vet_provider"], "short"),
        ("Wallets that accept every issuer", "Learners keep credentials from several issuers "
         "in one wallet compatible with the European Digital Identity Wallet.", ["eu"],
         ["public_authority"], "long"),
        ("Recognition across sectors", "Sector bodies agree how credentials of one sector count "
         "in another.", ["national"], ["enterprise"], "long"),
    ],
}

# What became of each round-1 comment (by its text): the recommendation it went into
# (phase, index in RECOMMENDATIONS), the disposition and the reason. Identical comments
# made by several people get the same decision.
DECISIONS = {
    "Furniture companies in Murcia": ("design", 1, "accepted", ""),
    "Le competenze per la riqualificazione": ("design", 0, "accepted_modified",
                                              "The two-year review is part of co-designing "
                                              "the outcomes with employers."),
    "Usar la redacción del anexo I": ("design", 3, "accepted", ""),
    "Food processors want stackable": ("design", 2, "accepted", ""),
    "Shift workers can only attend": ("delivery", 0, "accepted", ""),
    "Work-based learning needs trained": ("delivery", 2, "accepted_modified",
                                          "Regional programmes fund mentor training; ESF+ is "
                                          "one source among others."),
    "Стартиращите предприятия нямат": ("delivery", 3, "accepted", ""),
    "“Blended” should be defined": ("delivery", 4, "accepted", ""),
    "Identity verification for online": ("certification", 2, "deferred",
                                         "To be discussed with the national authorities in "
                                         "round 2."),
    "Overheden erkennen alleen": ("certification", 0, "accepted", ""),
    "Assessment at the workplace must": ("certification", 1, "accepted", ""),
    "Say “awarding body” throughout": ("certification", 4, "accepted", ""),
    "Without European Digital Credentials": ("portability", 0, "accepted", ""),
    "Recognition should be automatic": ("portability", 1, "accepted_modified",
                                        "Recognition is piloted between the partner regions "
                                        "before it becomes automatic."),
    "Workers moving between sectors": ("portability", 2, "accepted", ""),
    "Wallets must accept credentials": ("portability", 3, "noted",
                                        "The wallet depends on the European Digital Identity "
                                        "Wallet regulation, outside the partnership's "
                                        "remit."),
}

# An earlier document of the working group, published as final before the consultation.
EARLIER_TITLE = "MASTERY position paper on micro-credentials in the wood sector"
EARLIER_SECTIONS = [
    ("Why micro-credentials", "Wood and furniture firms lose skilled staff to retirement "
     "faster than apprenticeships replace them. Short, recognised units let workers update "
     "their skills without leaving the workshop for months."),
    ("What the partnership will do", "The partners design a first set of units with the "
     "employers of the sector, test them in five regions and propose joint policy "
     "recommendations after a consultation of stakeholders."),
]
