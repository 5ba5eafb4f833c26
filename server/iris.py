"""Which request paths stand for which MedKG IRIs, and where each IRI's documents live.

The convention (also in server/README.md): a resource IRI such as ``{base}id/cluster-menara`` is
served at ``/id/cluster-menara`` and answers ``303 See Other`` to one document per format:
``/page/id/cluster-menara`` (HTML) or ``/data/id/cluster-menara.{ttl,jsonld,nt,rdf}``.
Ontology terms live under the fixed ``…/def/`` namespace and are served at ``/def/…`` whatever
the data base is. Paths are only ever turned into IRI strings, never into file names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medkg.namespaces import DEF, ONTOLOGY_IRI

DATA_ROOTS = ("id", "source", "graph")
"""First path segments of data IRIs (``{base}{root}/…``); ``{base}dataset`` stands alone."""

EXTENSIONS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
"""Document extensions and the media type each one serves."""

# Characters a path segment may carry and still be pasted between <> in a query: RFC 3987
# unreserved and sub-delims, ':', '@', '%' and '/', nothing that can close an IRI or a string.
_SAFE_PATH = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@%/\u00a0-\uffff]*$")


@dataclass(frozen=True)
class IriMap:
    """The mapping between this server's paths and the IRIs of the data and of the ontology."""

    base: str
    """Base of data IRIs, ending with '/' (``medkg.namespaces.base()`` by default)."""

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            raise ValueError(f"the base IRI must end with '/': {self.base!r}")

    def iri_for_path(self, path: str) -> str | None:
        """The IRI a request path such as ``/id/x`` names, or None if it names none of ours."""
        if not _SAFE_PATH.match(path) or not path.startswith("/"):
            return None
        rest = path[1:]
        if rest == "def":
            return ONTOLOGY_IRI
        if rest.startswith("def/") and len(rest) > 4:
            return DEF + rest[4:]
        if rest == "dataset" or (rest.startswith("dataset/") and len(rest) > 8 and not rest.endswith("/")):
            return self.base + rest  # the dataset and its VoID partitions, described by void.ttl
        root, _, tail = rest.partition("/")
        if root in DATA_ROOTS and tail and not tail.endswith("/"):
            return self.base + rest
        return None

    def path_for_iri(self, iri: str) -> str | None:
        """The path at which this server answers for ``iri``, or None for IRIs it does not serve."""
        if iri == ONTOLOGY_IRI:
            return "/def"
        if iri.startswith(DEF) and len(iri) > len(DEF):
            path = "/def/" + iri[len(DEF) :]
        elif iri.startswith(self.base):
            path = "/" + iri[len(self.base) :]
        else:
            return None
        return path if self.iri_for_path(path) == iri else None

    @staticmethod
    def page_url(path: str) -> str:
        """The HTML document describing the resource served at ``path``."""
        return "/page" + path

    @staticmethod
    def data_url(path: str, extension: str) -> str:
        """The RDF document (``ttl``, ``jsonld``, ``nt`` or ``rdf``) describing the resource at ``path``."""
        return f"/data{path}.{extension}"

    def is_dataset(self, iri: str) -> bool:
        """True for the dataset's IRI and those of its VoID partitions, which void.ttl describes."""
        return iri == self.base + "dataset" or iri.startswith(self.base + "dataset/")

    def page_url_for_iri(self, iri: str) -> str | None:
        """Where a page links for ``iri``: our own page when we serve it, else None."""
        path = self.path_for_iri(iri)
        return None if path is None else self.page_url(path)
