"""The MedKG terms as an rdflib ``DefinedNamespace``: a misspelt term fails at import time.

Kept in step with ``medkg.ttl`` and ``vocab/*.ttl`` by a test that compares this list with the
classes, properties and concept schemes the ontology declares; add a term there first, then here.
No ``from __future__ import annotations`` here: ``DefinedNamespace`` reads the annotations as types.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class MKG(DefinedNamespace):
    """The MedKG ontology namespace ``https://w3id.org/medkg/def/`` (prefix ``mkg:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/medkg/def/")

    # Classes
    Organization: URIRef
    Cluster: URIRef
    PublicAuthority: URIRef
    GovernmentUnit: URIRef
    PublicAgency: URIRef
    IntergovernmentalOrganization: URIRef
    DevelopmentFinanceInstitution: URIRef
    DevelopmentAgency: URIRef
    Foundation: URIRef
    InnovationHub: URIRef
    BusinessNetwork: URIRef
    IndustryAssociation: URIRef
    Company: URIRef
    Person: URIRef
    Site: URIRef
    Programme: URIRef
    Project: URIRef
    Label: URIRef
    CallForProposals: URIRef
    Event: URIRef
    Fact: URIRef
    Funding: URIRef
    Selection: URIRef
    Partnership: URIRef
    Participation: URIRef
    Post: URIRef
    Membership: URIRef
    Measurement: URIRef
    Labelling: URIRef
    Place: URIRef
    Country: URIRef
    Region: URIRef
    City: URIRef
    Locality: URIRef
    MonetaryAmount: URIRef
    SourceDocument: URIRef
    Funder: URIRef
    FundingRecipient: URIRef
    SelectedOrganization: URIRef
    PartnerOrganization: URIRef
    CrossBorderPartnership: URIRef

    # Object properties
    basedIn: URIRef
    country: URIRef
    locatedIn: URIRef
    sector: URIRef
    offersService: URIRef
    parentOrganization: URIRef
    hasSite: URIRef
    siteLocation: URIRef
    managedBy: URIRef
    launchedBy: URIRef
    partOfProgramme: URIRef
    callOf: URIRef
    applicationOffice: URIRef
    targetCountry: URIRef
    targetSector: URIRef
    budget: URIRef
    maximumGrant: URIRef
    benefitValue: URIRef
    amount: URIRef
    funder: URIRef
    funds: URIRef
    recipient: URIRef
    receives: URIRef
    throughProgramme: URIRef
    fundedProject: URIRef
    selectedOrganization: URIRef
    selectedIn: URIRef
    selectedFor: URIRef
    selectedBy: URIRef
    partner: URIRef
    partnerIn: URIRef
    partnershipKind: URIRef
    participant: URIRef
    participatesIn: URIRef
    role: URIRef
    holder: URIRef
    postIn: URIRef
    member: URIRef
    memberOf: URIRef
    measuredEntity: URIRef
    quantityKind: URIRef
    valueQualifier: URIRef
    labelledOrganization: URIRef
    awardedBy: URIRef
    label: URIRef
    organizer: URIRef
    decidedAt: URIRef
    source: URIRef
    cofundingQualifier: URIRef

    # Datatype properties
    legalForm: URIRef
    isoCode: URIRef
    date: URIRef
    startDate: URIRef
    endDate: URIRef
    deadline: URIRef
    forYear: URIRef
    expectedGrants: URIRef
    eligibility: URIRef
    roleTitle: URIRef
    objective: URIRef
    activity: URIRef
    selectionCriteria: URIRef
    cofundingRate: URIRef
    value: URIRef
    currency: URIRef
    quotation: URIRef
    curatorNote: URIRef
    flag: URIRef

    # Annotation properties
    inferenceRule: URIRef

    # Concept schemes
    RoleScheme: URIRef
    PartnershipKindScheme: URIRef
    QuantityKindScheme: URIRef
    QualifierScheme: URIRef
    SectorScheme: URIRef
    ServiceScheme: URIRef
