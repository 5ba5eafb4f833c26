"""How maps look: a colour per kind of actor, a border colour per country, a line style per relation.

Kept apart from the drawing so that the legend is generated from the same tables as the map.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND_COLOURS: dict[str, str] = {
    "Cluster": "#e4572e",
    "PublicAuthority": "#1f77b4",
    "GovernmentUnit": "#6baed6",
    "PublicAgency": "#3182bd",
    "IntergovernmentalOrganization": "#08306b",
    "DevelopmentFinanceInstitution": "#2ca02c",
    "DevelopmentAgency": "#74c476",
    "Foundation": "#9467bd",
    "InnovationHub": "#ff9f1c",
    "BusinessNetwork": "#ffbf69",
    "IndustryAssociation": "#8c564b",
    "Company": "#7f7f7f",
    "Organization": "#bcbd22",
    "Programme": "#17becf",
    "Project": "#9edae5",
    "Label": "#dbdb8d",
    "CallForProposals": "#c5b0d5",
    "Person": "#f7b6d2",
    "Country": "#d9d9d9",
    "Sector": "#fdd0a2",
}

KIND_NAMES: dict[str, str] = {
    "Cluster": "Cluster", "PublicAuthority": "Public authority", "GovernmentUnit": "Government unit",
    "PublicAgency": "Public agency", "IntergovernmentalOrganization": "Intergovernmental organisation",
    "DevelopmentFinanceInstitution": "Development finance institution", "DevelopmentAgency": "Development agency",
    "Foundation": "Foundation", "InnovationHub": "Innovation hub", "BusinessNetwork": "Business network",
    "IndustryAssociation": "Industry association", "Company": "Company", "Organization": "Organisation",
    "Programme": "Programme", "Project": "Project", "Label": "Label", "CallForProposals": "Call for proposals",
    "Person": "Person", "Country": "Country", "Sector": "Sector",
}

SHAPES = {"organization": "dot", "programme": "diamond", "person": "triangle", "country": "square", "sector": "star"}

COUNTRY_PALETTE = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#01665e", "#c51b7d", "#4d4d4d",
                   "#8c510a", "#35978f", "#542788", "#d6604d")
NO_COUNTRY = "#bbbbbb"


@dataclass(frozen=True)
class EdgeStyle:
    family: str
    colour: str
    dashes: bool
    arrows: bool


EDGE_FAMILIES: dict[str, EdgeStyle] = {
    "funding": EdgeStyle("Funding", "#2ca02c", False, True),
    "selection": EdgeStyle("Selection", "#1f77b4", False, True),
    "partnership": EdgeStyle("Partnership", "#ff7f0e", True, False),
    "participation": EdgeStyle("Participation", "#9467bd", True, True),
    "operation": EdgeStyle("Launches or manages", "#555555", False, True),
    "structure": EdgeStyle("Part of (programme, call, unit)", "#aaaaaa", True, True),
    "label": EdgeStyle("Label", "#bcbd22", False, True),
    "people": EdgeStyle("Post or membership", "#e377c2", True, True),
    "place": EdgeStyle("Place or sector", "#cccccc", True, True),
}

RELATION_FAMILY: dict[str, str] = {
    "funds": "funding", "funds_via_programme": "funding", "funds_project": "funding",
    "selected_for": "selection", "selects": "selection",
    "partners_with": "partnership", "partnership_in": "partnership",
    "participates_in": "participation",
    "launches": "operation", "manages": "operation", "application_office": "operation",
    "part_of": "structure", "call_of": "structure", "unit_of": "structure",
    "awards_label": "label", "holds_label": "label",
    "holds_post": "people", "member_of": "people",
    "based_in": "place", "in_sector": "place", "targets_country": "place", "targets_sector": "place",
}


def country_colours(codes: list[str]) -> dict[str, str]:
    """A stable border colour for each country code (sorted, so a map's colours do not depend on order)."""
    return {code: COUNTRY_PALETTE[i % len(COUNTRY_PALETTE)] for i, code in enumerate(sorted(set(codes)))}
