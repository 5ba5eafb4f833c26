"""The curated-source format (see sources/README.md) as pydantic models.

Unknown fields are errors, so a misspelt key never silently drops a fact; values are checked
as far as one file allows (slugs, dates, ISO codes, amounts); references across files are
checked by the build once every file is read.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union

import pycountry
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG = re.compile(r"^[a-z]{2}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id (lower-case letters, digits and single hyphens)")
    return value


def _text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return value.strip()
    if isinstance(value, dict) and value:
        out: dict[str, str] = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG.match(lang):
                raise ValueError(f"{lang!r} is not a two-letter language code")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the {lang!r} text is empty or not text")
            out[lang] = text.strip()
        return out
    raise ValueError("expected text, or a map of language code to text")


def _country(value: Any) -> str:
    if not isinstance(value, str) or not COUNTRY_CODE.match(value) or pycountry.countries.get(alpha_2=value) is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return value


def _country_or_place(value: Any) -> str:
    if isinstance(value, str) and COUNTRY_CODE.match(value):
        return _country(value)
    return _slug(value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


class DateValue(BaseModel):
    """A date as precise as the source states it: year, year-month, day, or day and time."""

    lexical: str
    datatype: Literal["gYear", "gYearMonth", "date", "dateTime"]


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _date(value: Any) -> DateValue:
    if isinstance(value, DateValue):
        return value
    if isinstance(value, dt.datetime):
        return DateValue(lexical=value.isoformat(), datatype="dateTime")
    if isinstance(value, dt.date):
        return DateValue(lexical=value.isoformat(), datatype="date")
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        return DateValue(lexical=f"{value:04d}", datatype="gYear")
    if isinstance(value, str):
        text = value.strip()
        if _YEAR.match(text):
            return DateValue(lexical=text, datatype="gYear")
        if _YEAR_MONTH.match(text):
            return DateValue(lexical=text, datatype="gYearMonth")
        for parse, kind in ((dt.date.fromisoformat, "date"), (dt.datetime.fromisoformat, "dateTime")):
            try:
                return DateValue(lexical=parse(text).isoformat(), datatype=kind)  # type: ignore[arg-type]
            except ValueError:
                continue
    raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)")


def _plain_date(value: Any) -> DateValue:
    parsed = _date(value)
    if parsed.datatype == "dateTime":
        raise ValueError(f"{value!r} has a time of day; only a call's deadline may")
    return parsed


Id = Annotated[str, BeforeValidator(_slug)]
Text = Annotated[Union[str, dict[str, str]], BeforeValidator(_text)]
Country = Annotated[str, BeforeValidator(_country)]
CountryOrPlace = Annotated[str, BeforeValidator(_country_or_place)]
Date = Annotated[DateValue, BeforeValidator(_plain_date)]
Moment = Annotated[DateValue, BeforeValidator(_date)]
Number = Annotated[Decimal, BeforeValidator(_decimal)]
Qualifier = Literal["exactly", "more-than", "at-least", "up-to", "about"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _quotes(value: Any) -> list[str | dict[str, str]]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ValueError("an empty list of quotations")
    return [_text(item) for item in items]


Quotes = Annotated[list[Union[str, dict[str, str]]], BeforeValidator(_quotes)]


class Annotated_(Record):
    """Fields every entity and fact may carry. ``quote`` is one sentence or a list of them."""

    quote: Quotes = Field(default_factory=list)
    note: str | None = None
    flag: str | None = None


class Amount(Record):
    value: Number
    currency: str
    qualifier: Qualifier | None = None
    note: str | None = None
    flag: str | None = None

    @field_validator("currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        if not re.match(r"^[A-Z]{3}$", value) or pycountry.currencies.get(alpha_3=value) is None:
            raise ValueError(f"{value!r} is not an ISO 4217 currency code (such as EUR or MAD)")
        return value


class Document(Record):
    id: Id
    file: str
    title: Text
    publisher: str | None = None
    date: Date | None = None
    language: str
    curated: Date
    note: str | None = None
    flag: str | None = None

    @field_validator("language")
    @classmethod
    def _lang(cls, value: str) -> str:
        if not LANG.match(value) or pycountry.languages.get(alpha_2=value) is None:
            raise ValueError(f"{value!r} is not an ISO 639-1 language code")
        return value


class Entity(Annotated_):
    id: Id
    name: Text
    alt_names: list[Text] = Field(default_factory=list)
    description: Text | None = None


OrganizationType = Literal[
    "Cluster",
    "PublicAuthority",
    "GovernmentUnit",
    "PublicAgency",
    "IntergovernmentalOrganization",
    "DevelopmentFinanceInstitution",
    "DevelopmentAgency",
    "Foundation",
    "InnovationHub",
    "BusinessNetwork",
    "IndustryAssociation",
    "Company",
]


class Organization(Entity):
    type: OrganizationType
    country: Country | None = None
    based_in: list[Id] = Field(default_factory=list)
    parent: Id | None = None
    legal_form: Text | None = None
    sectors: list[Id] = Field(default_factory=list)
    services: list[Id] = Field(default_factory=list)


class Person(Entity):
    pass


class Place(Entity):
    type: Literal["City", "Region", "Locality"]
    country: Country | None = None
    located_in: Id | None = None


class Programme(Entity):
    type: Literal["Programme", "Project", "Label"]
    part_of: Id | None = None
    launched_by: list[Id] = Field(default_factory=list)
    managed_by: list[Id] = Field(default_factory=list)
    start: Date | None = None
    end: Date | None = None
    budget: Amount | None = None
    benefit_value: Amount | None = None
    target_countries: list[CountryOrPlace] = Field(default_factory=list)
    sectors: list[Id] = Field(default_factory=list)
    services: list[Id] = Field(default_factory=list)
    objective: Text | None = None
    eligibility: Text | None = None


class Call(Entity):
    call_of: Id | None = None
    launched_by: list[Id] = Field(default_factory=list)
    managed_by: list[Id] = Field(default_factory=list)
    application_office: list[Id] = Field(default_factory=list)
    deadline: Moment | None = None
    for_year: int | None = None
    budget: Amount | None = None
    maximum_grant: Amount | None = None
    expected_grants: int | None = Field(default=None, ge=0)
    eligibility: Text | None = None
    objective: Text | None = None
    target_countries: list[CountryOrPlace] = Field(default_factory=list)
    sectors: list[Id] = Field(default_factory=list)
    services: list[Id] = Field(default_factory=list)


class Site(Entity):
    operator: Id
    location: Id | None = None
    services: list[Id] = Field(default_factory=list)


class Event(Entity):
    organizer: Id | None = None
    date: Date | None = None


class Fact(Annotated_):
    id: Id
    name: Text | None = None  # a display label; generated from the fact when absent


class Funding(Fact):
    type: Literal["Funding"]
    funder: Id
    recipient: Id
    programme: Id | None = None
    project: Id | None = None
    amount: Amount | None = None
    cofunding_rate: Number | None = None
    cofunding_qualifier: Qualifier | None = None
    date: Date | None = None
    purpose: Text | None = None

    @field_validator("cofunding_rate")
    @classmethod
    def _rate(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (0 <= value <= 1):
            raise ValueError(f"a co-funding rate is a share between 0 and 1, not {value}")
        return value


class Selection(Fact):
    type: Literal["Selection"]
    organization: Id
    selected_for: Id
    selected_by: list[Id] = Field(default_factory=list)
    date: Date | None = None
    criteria: Text | None = None


class Partnership(Fact):
    type: Literal["Partnership"]
    partners: list[Id] = Field(min_length=2)
    kind: Literal["convention", "funding-contract", "programme-partnership"] | None = None
    date: Date | None = None
    programme: Id | None = None
    purpose: Text | None = None
    activities: list[Text] = Field(default_factory=list)


class Participation(Fact):
    type: Literal["Participation"]
    participant: Id
    in_: Id = Field(alias="in")
    role: Literal["partner", "implementer", "supporter", "manager", "beneficiary"]
    start: Date | None = None
    end: Date | None = None
    country: Country | None = None


class Post(Fact):
    type: Literal["Post"]
    holder: Id
    organization: Id
    title: Text
    start: Date | None = None
    end: Date | None = None
    decided_at: Id | None = None


class Membership(Fact):
    type: Literal["Membership"]
    member: Id
    organization: Id
    start: Date | None = None
    end: Date | None = None


class Measurement(Fact):
    type: Literal["Measurement"]
    about: Id
    quantity: Id
    value: Number | None = None
    qualifier: Qualifier | None = None
    amount: Amount | None = None
    date: Date | None = None

    @model_validator(mode="after")
    def _value_or_amount(self) -> Measurement:
        if (self.value is None) == (self.amount is None):
            raise ValueError("a measurement has either a value or an amount, not both and not neither")
        return self


class Labelling(Fact):
    type: Literal["Labelling"]
    organization: Id
    awarded_by: Id | None = None
    label: Id | None = None
    date: Date | None = None


FactRecord = Annotated[
    Union[Funding, Selection, Partnership, Participation, Post, Membership, Measurement, Labelling],
    Field(discriminator="type"),
]


class CuratedFile(Record):
    document: Document
    organizations: list[Organization] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    calls: list[Call] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sites: list[Site] = Field(default_factory=list)
    facts: list[FactRecord] = Field(default_factory=list)
