"""The curated-YAML loader: one hand-curated file per source document, one named graph each.

The mapping from the format (sources/README.md) to RDF follows
docs/decisions/0001-dataset-layout.md; every field of the format is written to the graph, so
nothing a curator wrote vanishes on the way to the dump.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph as ox
import rdflib
import yaml
from pydantic import ValidationError

from medkg import namespaces as ns
from medkg.loaders import curated_schema as cs
from medkg.loaders import yaml_lines
from medkg.loaders.base import Definition, EntityIndex, Loader, Location, Problem, Reference, Source, SourceError
from medkg.ontology import ontology_graph

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _term(local: str) -> ox.NamedNode:
    return ox.NamedNode(ns.DEF + local)


ORGANIZATION_KIND = "organization"
ENTITY_SECTIONS: dict[str, str] = {
    "organizations": ORGANIZATION_KIND,
    "people": "person",
    "places": "place",
    "programmes": "programme",
    "calls": "call",
    "events": "event",
    "sites": "site",
}
ALL_ENTITY_KINDS = frozenset(ENTITY_SECTIONS.values())
CONCEPT_NAMESPACES = {
    "sector": ns.DEF + "sector/",
    "service": ns.DEF + "service/",
    "quantity": ns.DEF + "quantity/",
    "role": ns.DEF + "role/",
    "partnership-kind": ns.DEF + "partnership-kind/",
    "qualifier": ns.DEF + "qualifier/",
}


@functools.cache
def known_concepts() -> dict[str, frozenset[str]]:
    """Concept ids per scheme, read from the ontology's vocabulary files (the source of truth)."""
    concepts = {str(s) for s in ontology_graph().subjects(rdflib.RDF.type, rdflib.SKOS.Concept)}
    return {
        scheme: frozenset(c[len(prefix) :] for c in concepts if c.startswith(prefix))
        for scheme, prefix in CONCEPT_NAMESPACES.items()
    }


def rdf_type_of(record: Any) -> str:
    """The ontology class (local name) a record becomes."""
    fixed = {cs.Person: "Person", cs.Call: "CallForProposals", cs.Event: "Event", cs.Site: "Site"}
    return fixed.get(type(record)) or record.type


def best_name(text: str | dict[str, str]) -> str:
    """One display name: English first, then French, Italian, any."""
    if isinstance(text, str):
        return text
    for lang in ("en", "fr", "it"):
        if lang in text:
            return text[lang]
    return text[sorted(text)[0]]


class CuratedYamlLoader(Loader):
    kind: ClassVar[str] = "curated-yaml"
    suffixes: ClassVar[tuple[str, ...]] = (".yaml", ".yml")

    def read(self, path: Path) -> CuratedSource:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError([Problem(Location(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
        try:
            raw = yaml_lines.load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            what = " ".join(x for x in (exc.context, exc.problem) if x)
            raise SourceError([Problem(Location(path, line), f"malformed YAML: {what}")]) from None
        except yaml.YAMLError as exc:
            raise SourceError([Problem(Location(path), f"malformed YAML: {exc}")]) from None
        if not isinstance(raw, dict):
            raise SourceError([Problem(Location(path, 1), "a curated file is a mapping with a 'document:' key")])
        try:
            model = cs.CuratedFile.model_validate(raw)
        except ValidationError as exc:
            raise SourceError([_problem(path, raw, err) for err in exc.errors()]) from None
        source = CuratedSource(path, raw, model)
        source.check_concepts()
        return source


def _problem(path: Path, raw: Any, err: Any) -> Problem:
    loc = tuple(err["loc"])
    line = yaml_lines.line_of(raw, loc)
    where = _describe(raw, loc)
    if err["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}{where}"
    elif err["type"] == "missing":
        message = f"missing required field {loc[-1]!r}{where}"
    else:
        msg = str(err["msg"]).removeprefix("Value error, ")
        field = ".".join(str(x) for x in loc if isinstance(x, str) and x[:1].islower())
        message = f"{field}: {msg}{where}" if field else f"{msg}{where}"
    return Problem(Location(path, line), message)


def _describe(raw: Any, loc: tuple[Any, ...]) -> str:
    """' (in facts[3], id drosos-funding)' for errors inside a list item."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        section = raw.get(loc[0]) if isinstance(raw, dict) else None
        item = section[loc[1]] if isinstance(section, list) and loc[1] < len(section) else None
        ident = item.get("id") if isinstance(item, dict) else None
        return f" (in {loc[0]}[{loc[1]}]" + (f", id {ident})" if ident else ")")
    return ""


class CuratedSource(Source):
    """One curated file, validated, with the line of every record kept for later errors."""

    def __init__(self, path: Path, raw: Any, model: cs.CuratedFile) -> None:
        self.path = path
        self.raw = raw
        self.model = model
        self.document_id = model.document.id
        self.warnings = []
        self.doc_iri = ox.NamedNode(ns.document_iri(self.document_id))
        self.graph = ox.NamedNode(ns.graph_iri(self.document_id))
        self.language = model.document.language
        self._collect_warnings()

    # -- locations ---------------------------------------------------------------------------

    def _at(self, *loc: str | int) -> Location:
        return Location(self.path, yaml_lines.line_of(self.raw, loc))

    def _records(self) -> Iterator[tuple[str, int, Any]]:
        for section in (*ENTITY_SECTIONS, "facts"):
            for i, record in enumerate(getattr(self.model, section)):
                yield section, i, record

    # -- checks within the file --------------------------------------------------------------

    def _collect_warnings(self) -> None:
        if self.model.document.flag:
            self.warnings.append(Problem(self._at("document", "flag"), f"flagged: {self.model.document.flag}"))
        for section, i, record in self._records():
            if section == "facts" and not record.quote:
                self.warnings.append(Problem(self._at(section, i), f"fact {record.id} has no quotation"))
            if record.flag:
                self.warnings.append(Problem(self._at(section, i, "flag"), f"{record.id} flagged: {record.flag}"))
            for name, value in record:
                if isinstance(value, cs.Amount) and value.flag:
                    self.warnings.append(
                        Problem(self._at(section, i, name, "flag"), f"{record.id} {name} flagged: {value.flag}")
                    )

    def check_concepts(self) -> None:
        concepts = known_concepts()
        problems = []
        for section, i, record in self._records():
            for field, scheme, values in self._concept_fields(record):
                for j, value in enumerate(values):
                    if value not in concepts[scheme]:
                        known = ", ".join(sorted(concepts[scheme]))
                        loc = (section, i, field, j) if isinstance(getattr(record, field), list) else (section, i, field)
                        problems.append(
                            Problem(self._at(*loc), f"unknown {scheme} {value!r} in {record.id} (known: {known})")
                        )
        if problems:
            raise SourceError(problems)

    @staticmethod
    def _concept_fields(record: Any) -> Iterator[tuple[str, str, list[str]]]:
        if hasattr(record, "sectors"):
            yield "sectors", "sector", record.sectors
        if hasattr(record, "services"):
            yield "services", "service", record.services
        if isinstance(record, cs.Measurement):
            yield "quantity", "quantity", [record.quantity]

    # -- what the build checks across files --------------------------------------------------

    def definitions(self) -> Iterator[Definition]:
        for section, i, record in self._records():
            kind = ENTITY_SECTIONS.get(section, "fact")
            yield Definition(record.id, kind, rdf_type_of(record), self._at(section, i, "id"))

    def names(self) -> dict[str, str]:
        return {r.id: best_name(r.name) for s, _, r in self._records() if s != "facts"}

    def references(self) -> Iterator[Reference]:
        org, person, place, programme = (
            frozenset({ORGANIZATION_KIND}),
            frozenset({"person"}),
            frozenset({"place"}),
            frozenset({"programme"}),
        )
        spec: dict[type, dict[str, frozenset[str]]] = {
            cs.Organization: {"based_in": place, "parent": org},
            cs.Place: {"located_in": place},
            cs.Programme: {"part_of": programme, "launched_by": org, "managed_by": org, "target_countries": place},
            cs.Call: {
                "call_of": programme,
                "launched_by": org,
                "managed_by": org,
                "application_office": org,
                "target_countries": place,
            },
            cs.Event: {"organizer": org},
            cs.Site: {"operator": org, "location": place},
            cs.Funding: {
                "funder": org | person,
                "recipient": org | programme,
                "programme": programme,
                "project": programme,
            },
            cs.Selection: {"organization": org, "selected_for": programme | {"call"}, "selected_by": org},
            cs.Partnership: {"partners": org, "programme": programme},
            cs.Participation: {"participant": org | person, "in_": programme},
            cs.Post: {"holder": person, "organization": org, "decided_at": frozenset({"event"})},
            cs.Membership: {"member": org | person, "organization": org},
            cs.Measurement: {"about": ALL_ENTITY_KINDS},
            cs.Labelling: {"organization": org, "awarded_by": org, "label": programme},
        }
        for section, i, record in self._records():
            for field, kinds in spec.get(type(record), {}).items():
                value = getattr(record, field)
                key = "in" if field == "in_" else field
                values = value if isinstance(value, list) else [value]
                for j, ident in enumerate(values):
                    if ident is None or cs.COUNTRY_CODE.match(ident):
                        continue
                    loc = (section, i, key, j) if isinstance(value, list) else (section, i, key)
                    yield Reference(ident, kinds, self._at(*loc), key)

    # -- the named graph ---------------------------------------------------------------------

    def quads(self, index: EntityIndex) -> Iterator[ox.Quad]:
        emit = _Emitter(self, index)
        emit.document()
        for section, _, record in self._records():
            if section == "facts":
                emit.fact(record)
            else:
                emit.entity(record)
        return iter(emit.quads)


class _Emitter:
    """Writes one source's records as quads into its named graph."""

    def __init__(self, source: CuratedSource, index: EntityIndex) -> None:
        self.source = source
        self.index = index
        self.graph = source.graph
        self.lang = source.language
        self.doc_id = source.document_id
        self.quads: list[ox.Quad] = []

    # -- primitives --------------------------------------------------------------------------

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(s, p, o, self.graph))

    def add_term(self, s: ox.NamedNode, local: str, o: ox.NamedNode | ox.Literal) -> None:
        self.add(s, _term(local), o)

    def texts(self, s: ox.NamedNode, p: ox.NamedNode, text: str | dict[str, str] | None) -> None:
        if text is None:
            return
        items = {self.lang: text} if isinstance(text, str) else text
        for lang, value in sorted(items.items()):
            self.add(s, p, ox.Literal(value, language=lang))

    def note(self, s: ox.NamedNode, local: str, text: str | None) -> None:
        if text:
            self.add_term(s, local, ox.Literal(text, language="en"))

    def refs(self, s: ox.NamedNode, local: str, idents: Iterable[str | None]) -> None:
        for ident in idents:
            if ident:
                self.add_term(s, local, self.ref(ident))

    @staticmethod
    def ref(ident: str) -> ox.NamedNode:
        if cs.COUNTRY_CODE.match(ident):
            return ox.NamedNode(ns.country_iri(ident))
        return ox.NamedNode(ns.entity_iri(ident))

    @staticmethod
    def concept(scheme: str, ident: str) -> ox.NamedNode:
        return ox.NamedNode(CONCEPT_NAMESPACES[scheme] + ident)

    def date(self, s: ox.NamedNode, local: str, value: cs.DateValue | None) -> None:
        if value is not None:
            self.add_term(s, local, ox.Literal(value.lexical, datatype=ox.NamedNode(XSD + value.datatype)))

    def decimal(self, s: ox.NamedNode, local: str, value: Decimal | None) -> None:
        if value is not None:
            self.add_term(s, local, ox.Literal(_decimal_lexical(value), datatype=ox.NamedNode(XSD + "decimal")))

    def integer(self, s: ox.NamedNode, local: str, value: int | None, datatype: str = "integer") -> None:
        if value is not None:
            self.add_term(s, local, ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype)))

    def qualifier(self, s: ox.NamedNode, value: str | None) -> None:
        if value:
            self.add_term(s, "valueQualifier", self.concept("qualifier", value))

    def amount(self, owner: ox.NamedNode, local: str, role: str, value: cs.Amount | None, *, per_doc: bool) -> None:
        if value is None:
            return
        node = ox.NamedNode(f"{owner.value}/{role}" + (f"/{self.doc_id}" if per_doc else ""))
        self.add_term(owner, local, node)
        self.add(node, RDF_TYPE, _term("MonetaryAmount"))
        self.decimal(node, "value", value.value)
        self.add_term(node, "currency", ox.Literal(value.currency))
        self.qualifier(node, value.qualifier)
        self.note(node, "curatorNote", value.note)
        self.note(node, "flag", value.flag)
        self.add_term(node, "source", self.source.doc_iri)

    def provenance(self, s: ox.NamedNode, record: Any) -> None:
        self.add_term(s, "source", self.source.doc_iri)
        for quote in record.quote:
            self.texts(s, _term("quotation"), quote)
        self.note(s, "curatorNote", record.note)
        self.note(s, "flag", record.flag)

    # -- the document ------------------------------------------------------------------------

    def document(self) -> None:
        doc = self.source.model.document
        iri = self.source.doc_iri
        self.add(iri, RDF_TYPE, _term("SourceDocument"))
        self.texts(iri, ox.NamedNode(DCT + "title"), doc.title)
        self.texts(iri, RDFS_LABEL, doc.title)
        if doc.publisher:
            self.add(iri, ox.NamedNode(DCT + "publisher"), ox.Literal(doc.publisher))
        if doc.date:
            self.add(iri, ox.NamedNode(DCT + "date"), _date_literal(doc.date))
        self.add(iri, ox.NamedNode(DCT + "language"), ox.Literal(doc.language, datatype=ox.NamedNode(XSD + "language")))
        self.add(iri, ox.NamedNode(DCT + "identifier"), ox.Literal(doc.file))
        self.note(iri, "curatorNote", doc.note)
        self.note(iri, "flag", doc.flag)
        self.add(self.graph, RDF_TYPE, ox.NamedNode(PROV + "Entity"))
        self.add(self.graph, ox.NamedNode(PROV + "wasDerivedFrom"), iri)
        self.add(self.graph, ox.NamedNode(DCT + "modified"), _date_literal(doc.curated))

    # -- entities ----------------------------------------------------------------------------

    def entity(self, record: Any) -> None:
        s = self.ref(record.id)
        self.add(s, RDF_TYPE, _term(rdf_type_of(record)))
        self.texts(s, RDFS_LABEL, record.name)
        for alt in record.alt_names:
            self.texts(s, ox.NamedNode(SKOS + "altLabel"), alt)
        self.texts(s, ox.NamedNode(DCT + "description"), record.description)
        self.provenance(s, record)
        getattr(self, "_" + type(record).__name__.lower())(s, record)

    def _organization(self, s: ox.NamedNode, r: cs.Organization) -> None:
        self.refs(s, "country", [r.country])
        self.refs(s, "basedIn", r.based_in)
        self.refs(s, "parentOrganization", [r.parent])
        self.texts(s, _term("legalForm"), r.legal_form)
        self._concepts(s, r)

    def _concepts(self, s: ox.NamedNode, r: Any, sector_term: str = "sector") -> None:
        for sector in r.sectors:
            self.add_term(s, sector_term, self.concept("sector", sector))
        for service in r.services:
            self.add_term(s, "offersService", self.concept("service", service))

    def _person(self, s: ox.NamedNode, r: cs.Person) -> None:
        pass

    def _place(self, s: ox.NamedNode, r: cs.Place) -> None:
        self.refs(s, "country", [r.country])
        self.refs(s, "locatedIn", [r.located_in, r.country])

    def _programme(self, s: ox.NamedNode, r: cs.Programme) -> None:
        self.refs(s, "partOfProgramme", [r.part_of])
        self.refs(s, "launchedBy", r.launched_by)
        self.refs(s, "managedBy", r.managed_by)
        self.date(s, "startDate", r.start)
        self.date(s, "endDate", r.end)
        self.amount(s, "budget", "budget", r.budget, per_doc=True)
        self.amount(s, "benefitValue", "benefit-value", r.benefit_value, per_doc=True)
        self.refs(s, "targetCountry", r.target_countries)
        self._concepts(s, r, sector_term="targetSector")
        self.texts(s, _term("objective"), r.objective)
        self.texts(s, _term("eligibility"), r.eligibility)

    def _call(self, s: ox.NamedNode, r: cs.Call) -> None:
        self.refs(s, "callOf", [r.call_of])
        self.refs(s, "launchedBy", r.launched_by)
        self.refs(s, "managedBy", r.managed_by)
        self.refs(s, "applicationOffice", r.application_office)
        self.date(s, "deadline", r.deadline)
        self.integer(s, "forYear", r.for_year, datatype="gYear")
        self.amount(s, "budget", "budget", r.budget, per_doc=True)
        self.amount(s, "maximumGrant", "maximum-grant", r.maximum_grant, per_doc=True)
        self.integer(s, "expectedGrants", r.expected_grants)
        self.texts(s, _term("eligibility"), r.eligibility)
        self.texts(s, _term("objective"), r.objective)
        self.refs(s, "targetCountry", r.target_countries)
        self._concepts(s, r, sector_term="targetSector")

    def _site(self, s: ox.NamedNode, r: cs.Site) -> None:
        self.add_term(self.ref(r.operator), "hasSite", s)
        self.refs(s, "siteLocation", [r.location])
        for service in r.services:
            self.add_term(s, "offersService", self.concept("service", service))

    def _event(self, s: ox.NamedNode, r: cs.Event) -> None:
        self.refs(s, "organizer", [r.organizer])
        self.date(s, "date", r.date)

    # -- facts -------------------------------------------------------------------------------

    def fact(self, r: Any) -> None:
        s = self.ref(r.id)
        self.add(s, RDF_TYPE, _term(r.type))
        self.texts(s, RDFS_LABEL, r.name if r.name is not None else {"en": self._fact_label(r)})
        self.provenance(s, r)
        getattr(self, "_fact_" + r.type.lower())(s, r)

    def _fact_label(self, r: Any) -> str:
        n = self.index.name_of
        if isinstance(r, cs.Funding):
            return f"Funding: {n(r.funder)} to {n(r.recipient)}"
        if isinstance(r, cs.Selection):
            return f"Selection of {n(r.organization)} for {n(r.selected_for)}"
        if isinstance(r, cs.Partnership):
            return "Partnership: " + ", ".join(n(p) for p in r.partners)
        if isinstance(r, cs.Participation):
            return f"{n(r.participant)} as {r.role} in {n(r.in_)}"
        if isinstance(r, cs.Post):
            return f"{n(r.holder)}, {best_name(r.title)} of {n(r.organization)}"
        if isinstance(r, cs.Membership):
            return f"{n(r.member)}, member of {n(r.organization)}"
        if isinstance(r, cs.Measurement):
            figure = _decimal_lexical(r.value) if r.value is not None else f"{r.amount.value} {r.amount.currency}"  # type: ignore[union-attr]
            when = f" ({r.date.lexical})" if r.date else ""
            return f"{n(r.about)}: {r.quantity} {figure}{when}"
        return f"Labelling of {n(r.organization)}"

    def _fact_funding(self, s: ox.NamedNode, r: cs.Funding) -> None:
        self.refs(s, "funder", [r.funder])
        self.refs(s, "recipient", [r.recipient])
        self.refs(s, "throughProgramme", [r.programme])
        self.refs(s, "fundedProject", [r.project])
        self.amount(s, "amount", "amount", r.amount, per_doc=False)
        self.decimal(s, "cofundingRate", r.cofunding_rate)
        if r.cofunding_qualifier:
            self.add_term(s, "cofundingQualifier", self.concept("qualifier", r.cofunding_qualifier))
        self.date(s, "date", r.date)
        self.texts(s, _term("objective"), r.purpose)

    def _fact_selection(self, s: ox.NamedNode, r: cs.Selection) -> None:
        self.refs(s, "selectedOrganization", [r.organization])
        self.refs(s, "selectedFor", [r.selected_for])
        self.refs(s, "selectedBy", r.selected_by)
        self.date(s, "date", r.date)
        self.texts(s, _term("selectionCriteria"), r.criteria)

    def _fact_partnership(self, s: ox.NamedNode, r: cs.Partnership) -> None:
        self.refs(s, "partner", r.partners)
        if r.kind:
            self.add_term(s, "partnershipKind", self.concept("partnership-kind", r.kind))
        self.date(s, "date", r.date)
        self.refs(s, "throughProgramme", [r.programme])
        self.texts(s, _term("objective"), r.purpose)
        for activity in r.activities:
            self.texts(s, _term("activity"), activity)

    def _fact_participation(self, s: ox.NamedNode, r: cs.Participation) -> None:
        self.refs(s, "participant", [r.participant])
        self.refs(s, "participatesIn", [r.in_])
        self.add_term(s, "role", self.concept("role", r.role))
        self.date(s, "startDate", r.start)
        self.date(s, "endDate", r.end)
        self.refs(s, "targetCountry", [r.country])

    def _fact_post(self, s: ox.NamedNode, r: cs.Post) -> None:
        self.refs(s, "holder", [r.holder])
        self.refs(s, "postIn", [r.organization])
        self.texts(s, _term("roleTitle"), r.title)
        self.date(s, "startDate", r.start)
        self.date(s, "endDate", r.end)
        self.refs(s, "decidedAt", [r.decided_at])

    def _fact_membership(self, s: ox.NamedNode, r: cs.Membership) -> None:
        self.refs(s, "member", [r.member])
        self.refs(s, "memberOf", [r.organization])
        self.date(s, "startDate", r.start)
        self.date(s, "endDate", r.end)

    def _fact_measurement(self, s: ox.NamedNode, r: cs.Measurement) -> None:
        self.refs(s, "measuredEntity", [r.about])
        self.add_term(s, "quantityKind", self.concept("quantity", r.quantity))
        self.decimal(s, "value", r.value)
        self.qualifier(s, r.qualifier)
        self.amount(s, "amount", "amount", r.amount, per_doc=False)
        self.date(s, "date", r.date)

    def _fact_labelling(self, s: ox.NamedNode, r: cs.Labelling) -> None:
        self.refs(s, "labelledOrganization", [r.organization])
        self.refs(s, "awardedBy", [r.awarded_by])
        self.refs(s, "label", [r.label])
        self.date(s, "date", r.date)


def _decimal_lexical(value: Decimal) -> str:
    """xsd:decimal text as Oxigraph writes it back: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


def _date_literal(value: cs.DateValue) -> ox.Literal:
    return ox.Literal(value.lexical, datatype=ox.NamedNode(XSD + value.datatype))
