"""Demo working groups at every governance level, including the start-ups group."""

from ..groups import services as groups
from ..vocab import services as vocab

# (name, level, country, region, description, [(person e-mail prefix, role)])
GROUPS = [
    ("MASTERY policy working group", "eu", "BE", "",
     "Writes the joint policy recommendations of the partnership.",
     [("facilitator", "chair"), ("facilitator2", "member"), ("sofie.claes", "member"),
      ("aino.virtanen", "member")]),
    ("National authorities group", "national", None, "",
     "Ministries and agencies checking what the recommendations ask of them.",
     [("petar.ivanov", "chair"), ("aino.virtanen", "member")]),
    ("Murcia regional group", "regional", "ES", "Murcia",
     "Regional authority, cluster and technology centre of the furniture sector.",
     [("ana.lopez", "chair"), ("carmen.ruiz", "member")]),
    ("Pyhäjärvi local group", "local", "FI", "North Ostrobothnia",
     "Local employers and VET providers around Pyhäjärvi.",
     [("jukka.lehtonen", "chair"), ("mikko.korhonen", "member")]),
    ("Start-ups working group", "eu", None, "",
     "Start-ups ground the recommendations in what small new firms can do.",
     [("sara.greco", "chair"), ("mikko.korhonen", "member"), ("elena.dimitrova", "member")]),
]


def load_demo_groups(actor, people: list) -> dict:
    """Create the groups; returns them by name."""
    by_prefix = {p.email.split("@")[0]: p for p in people}
    created = {}
    for name, level, country, region, description, members in GROUPS:
        group = groups.save_group(
            actor, name=name, level=vocab.term("governance_level", level),
            country=vocab.term("country", country) if country else None, region=region,
            description=description)
        for prefix, role in members:
            groups.set_member(None, group, by_prefix[prefix], role)  # loaded, not granted
        created[name] = group
    return created
