"""Content of the demo consultation: questions of two rounds, and comments people made."""

TITLE = "Joint multi-stakeholder policy on green-skills micro-credentials"
SUMMARY = """MASTERY partners and stakeholders in Italy, Spain, Finland, Bulgaria and Belgium
shape a joint policy on **micro-credentials for green skills** in the Wood, Agrofood, Building
and Manufacturing sectors, phase by phase: *design, delivery, certification and portability*.

The recommendations build on the Council Recommendation of 16 June 2022 on a European
approach to micro-credentials."""

BACKGROUND = ("The EU standard elements and principles", """## Mandatory standard elements

Identification of the learner; title; country or region of the issuer; awarding body; date
of issuing; learning outcomes; notional workload (in ECTS wherever possible); level (EQF);
type of assessment; form of participation; type of quality assurance.

## Ten principles

Quality · Transparency · Relevance · Valid assessment · Learning pathways · Recognition ·
Portable · Learner-centred · Authentic · Information and guidance.""")

ROUND_1 = {
    "title": "Round 1: where do we stand?",
    "introduction": "Tell us how micro-credentials for green skills should be designed, "
                    "delivered, certified and made portable. Every comment is tagged to the "
                    "phase it addresses.",
    "questions": [
        ("scale", "Micro-credentials for green skills should be built on learning outcomes "
                  "defined together with employers of the sector.", ["design"], {}),
        ("scale", "Work-based learning should count towards a micro-credential.",
         ["delivery"], {}),
        ("single", "Who should award micro-credentials for green skills at EQF level 5?",
         ["certification"], {"options": [
             "Accredited VET providers", "Sector associations together with VET providers",
             "Public qualification authorities", "Any provider under external quality "
             "assurance"]}),
        ("multiple", "Which standard elements are hardest to provide today?",
         ["design", "certification"], {"options": [
             "Learning outcomes", "Notional workload in ECTS", "EQF level",
             "Type of quality assurance", "Identity verification during assessment"],
             "max_choices": 3}),
        ("ranking", "Rank what matters most for recognising a micro-credential across borders.",
         ["portability"], {"options": [
             "European Digital Credentials for Learning", "Clear learning outcomes",
             "External quality assurance", "Workload in ECTS"]}),
        ("number", "How many hours of notional workload should a green-skills "
                   "micro-credential have at least?", ["design"],
         {"min_value": 5, "max_value": 300}),
        ("scale", "Assessment should take place in the workplace wherever possible.",
         ["certification"], {}),
        ("text", "What would make your organisation recognise a micro-credential issued in "
                 "another country?", ["portability"], {}),
    ],
}

ROUND_2 = {
    "title": "Round 2: rating the draft statements",
    "introduction": "These statements distil the comments of round 1. Rate each one and say "
                    "what would make it acceptable to your organisation.",
    "questions": [
        ("scale", "Employers co-design the learning outcomes of every green-skills "
                  "micro-credential.", ["design"], {}),
        ("scale", "At least half of the workload may be completed through work-based "
                  "learning.", ["delivery"], {}),
        ("scale", "Micro-credentials are issued as European Digital Credentials for Learning "
                  "from 2027.", ["portability"], {}),
        ("scale", "Awarding bodies are subject to external quality assurance.",
         ["certification"], {}),
        ("text", "Which statement would you change, and how?", ["design", "delivery",
                                                                "certification", "portability"],
         {}),
    ],
}

# (phase, sectors, type, comment, proposed change[, language when not English])
COMMENTS = [
    ("design", ["wood"], "technical",
     "Furniture companies in Murcia need short units on water-based finishes and waste "
     "sorting; a 25-hour micro-credential fits the way they release staff.",
     "Allow units from 25 hours when the learning outcomes are assessed at work."),
    ("design", ["building"], "general",
     "Le competenze per la riqualificazione energetica cambiano ogni due anni: i risultati "
     "dell'apprendimento vanno rivisti con le imprese a cadenza fissa.",
     "Aggiungere una revisione biennale dei risultati dell'apprendimento.", "it"),
    ("design", [], "editorial",
     "Usar la redacción del anexo I para los elementos normalizados, para que los proveedores "
     "no inventen sus propias etiquetas.", "", "es"),
    ("design", ["agrofood"], "technical",
     "Food processors want stackable units leading to a full EQF 5 qualification in "
     "sustainable production.", "State that units can be stacked towards a qualification."),
    ("delivery", ["manufacturing"], "general",
     "Shift workers can only attend online or at the workplace; classroom-only delivery "
     "excludes them.", "Require at least one flexible form of participation."),
    ("delivery", ["wood", "building"], "technical",
     "Work-based learning needs trained in-company mentors; small firms cannot pay for this "
     "without support.", "Fund mentor training through regional ESF+ programmes."),
    ("delivery", [], "general",
     "Стартиращите предприятия нямат отдел за обучение: нужни са им готови модули, които "
     "могат да използват веднага.", "", "bg"),
    ("delivery", ["agrofood"], "editorial",
     "“Blended” should be defined; partners use it for very different things.",
     "Define blended delivery in the glossary."),
    ("certification", [], "technical",
     "Identity verification for online assessment is costly for small providers; shared "
     "national services would help.", "Recommend a shared identity-verification service."),
    ("certification", ["building"], "general",
     "Overheden erkennen alleen microcredentials waarvan de toekennende instantie onder "
     "externe kwaliteitsborging staat.", "", "nl"),
    ("certification", ["manufacturing"], "technical",
     "Assessment at the workplace must follow a common rubric, or results will not be "
     "comparable between companies.", "Publish sector assessment rubrics."),
    ("certification", [], "editorial",
     "Say “awarding body” throughout instead of mixing “issuer” and “provider”.", ""),
    ("portability", [], "technical",
     "Without European Digital Credentials for Learning, a Finnish employer cannot verify a "
     "Bulgarian certificate quickly.", "Issue every micro-credential as an EDC."),
    ("portability", ["wood"], "general",
     "Recognition should be automatic between the partner regions when quality assurance is "
     "equivalent.", "Pilot mutual recognition between the five partner regions."),
    ("portability", ["building"], "general",
     "Workers moving between sectors need the learning outcomes to be readable by HR "
     "departments, not only by schools.", "Add a plain-language summary to each credential."),
    ("portability", [], "technical",
     "Wallets must accept credentials from several issuers; otherwise learners end up with "
     "five apps.", "Refer to the European Digital Identity Wallet."),
]

TEXT_ANSWERS = [
    "Clear learning outcomes and an awarding body we can look up in a public register.",
    "If it is issued as a European Digital Credential and the workload is given in ECTS.",
    "A quality-assurance label we already know from our own national system.",
    "Recognition agreed at sector level, so that each company does not decide alone.",
    "Evidence that the assessment took place in real working conditions.",
]

CODEBOOK = [
    ("Learning outcomes", ["Employer involvement", "Stackability"]),
    ("Flexible delivery", ["Work-based learning", "Mentors"]),
    ("Trust and quality", ["Awarding bodies", "Assessment"]),
    ("Recognition across borders", ["Digital credentials", "Mutual recognition"]),
]
PHASE_THEMES = {"design": "Learning outcomes", "delivery": "Flexible delivery",
                "certification": "Trust and quality", "portability": "Recognition across borders"}

SYNTHESIS = """Fourteen organisations from five countries answered round 1.

- **Design:** broad agreement that employers should co-design learning outcomes; short,
  stackable units are wanted by companies.
- **Delivery:** work-based learning should count, but small firms need support for mentors.
- **Certification:** public authorities ask for external quality assurance of awarding bodies.
- **Portability:** European Digital Credentials for Learning are seen as the way to make
  credentials verifiable across borders.

Round 2 asks you to rate statements drawn from these comments."""

# The consultation and round 2 in Italian as well (the consultation offers Italian).
ITALIAN = {
    "consultation": {
        "title": "Politica congiunta multi-stakeholder sulle microcredenziali per le "
                 "competenze verdi",
        "summary": """I partner di MASTERY e gli stakeholder di Italia, Spagna, Finlandia,
Bulgaria e Belgio definiscono una politica comune sulle **microcredenziali per le competenze
verdi** nei settori legno, agroalimentare, edilizia e manifattura, fase per fase:
*progettazione, erogazione, certificazione e portabilità*.

Le raccomandazioni si basano sulla raccomandazione del Consiglio del 16 giugno 2022 relativa
a un approccio europeo alle microcredenziali.""",
    },
    "round": {
        "title": "Secondo turno: valutazione delle affermazioni in bozza",
        "introduction": "Queste affermazioni sintetizzano i commenti del primo turno. Valuta "
                        "ciascuna e indica che cosa la renderebbe accettabile per la tua "
                        "organizzazione.",
    },
    "questions": [
        "I datori di lavoro progettano insieme i risultati di apprendimento di ogni "
        "microcredenziale per le competenze verdi.",
        "Almeno metà del carico di lavoro può essere svolta attraverso l'apprendimento basato "
        "sul lavoro.",
        "Dal 2027 le microcredenziali sono rilasciate come credenziali digitali europee per "
        "l'apprendimento.",
        "Gli enti che rilasciano le microcredenziali sono soggetti ad assicurazione della "
        "qualità esterna.",
        "Quale affermazione cambieresti, e come?",
    ],
    "scale_labels": ["Per niente d'accordo", "In disaccordo", "Né d'accordo né in disaccordo",
                     "D'accordo", "Del tutto d'accordo"],
}
