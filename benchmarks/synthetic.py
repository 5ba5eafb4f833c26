"""A synthetic Mediterranean ecosystem in the curated format, at any size, for benchmarks.

Writes one registry file (funders, programmes, places) and one file per ``per_file`` clusters,
each cluster with a funding, a selection, a partnership, a post and a members count, so that
10,000 clusters give roughly a million triples. Deterministic for a given seed.

    python benchmarks/synthetic.py OUT_DIR --clusters 10000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

COUNTRIES = ["MA", "TN", "LB", "DZ", "EG", "JO", "PS", "IT", "ES", "FR", "GR", "TR"]
SECTORS = ["cleantech", "agri-food", "cosmetics", "technical-textiles", "apparel-leather", "electronics",
           "waste-biomass", "ict", "cultural-industries"]  # fmt: skip
SERVICES = ["training", "coaching", "prototyping", "matchmaking", "access-to-finance", "incubation",
            "acceleration", "internationalisation", "events", "networking"]  # fmt: skip
FUNDER_TYPES = ["PublicAuthority", "DevelopmentAgency", "DevelopmentFinanceInstitution", "Foundation",
                "IntergovernmentalOrganization"]  # fmt: skip
CURRENCIES = ["EUR", "MAD", "TND", "USD"]


def _registry(n_funders: int, n_programmes: int, rng: random.Random) -> dict:
    funders = [
        {
            "id": f"funder-{i}",
            "type": FUNDER_TYPES[i % len(FUNDER_TYPES)],
            "name": {"en": f"Funder {i}", "fr": f"Bailleur {i}"},
            "country": COUNTRIES[i % len(COUNTRIES)],
            "quote": f"Funder {i} supports clusters across the Mediterranean.",
        }
        for i in range(n_funders)
    ]
    programmes = [
        {
            "id": f"programme-{i}",
            "type": "Programme",
            "name": {"en": f"Programme {i}"},
            "launched_by": [f"funder-{i % n_funders}"],
            "start": 2015 + i % 8,
            "budget": {"value": rng.randrange(1, 500) * 100_000, "currency": "EUR"},
            "target_countries": rng.sample(COUNTRIES, 3),
            "sectors": rng.sample(SECTORS, 2),
            "quote": f"Programme {i} opens calls for clusters.",
        }
        for i in range(n_programmes)
    ]
    return {
        "document": {"id": "synthetic-registry", "file": "synthetic-registry.txt", "title": "Synthetic registry",
                     "language": "en", "curated": "2026-11-23"},  # fmt: skip
        "organizations": funders,
        "programmes": programmes,
    }


def _cluster_file(doc: int, first: int, count: int, n_funders: int, n_programmes: int, rng: random.Random) -> dict:
    orgs, people, facts = [], [], []
    for c in range(first, first + count):
        cid = f"cluster-{c}"
        country = COUNTRIES[c % len(COUNTRIES)]
        orgs.append(
            {
                "id": cid,
                "type": "Cluster",
                "name": {"en": f"Cluster {c}", "fr": f"Cluster {c} (fr)"},
                "alt_names": [f"C{c}"],
                "country": country,
                "sectors": rng.sample(SECTORS, 2),
                "services": rng.sample(SERVICES, 2),
                "description": {"en": f"Cluster {c} federates firms of its sector in {country}."},
                "quote": f"Cluster {c} brings together firms, start-ups and research centres.",
            }
        )
        people.append({"id": f"person-{c}", "name": f"Person {c}", "quote": f"Person {c} leads Cluster {c}."})
        programme = f"programme-{rng.randrange(n_programmes)}"
        facts += [
            {"id": f"funding-{c}", "type": "Funding", "funder": f"funder-{rng.randrange(n_funders)}", "recipient": cid,
             "programme": programme, "amount": {"value": rng.randrange(5, 500) * 1000, "currency": rng.choice(CURRENCIES)},
             "date": f"{2015 + c % 8}-{1 + c % 12:02d}", "quote": f"Cluster {c} received a grant."},
            {"id": f"selection-{c}", "type": "Selection", "organization": cid, "selected_for": programme,
             "date": 2015 + c % 8, "quote": f"Cluster {c} was selected."},
            {"id": f"partnership-{c}", "type": "Partnership", "kind": "convention",
             "partners": [cid, f"cluster-{first + (c - first + 1) % count}"], "date": f"{2016 + c % 7}-05",
             "quote": f"Cluster {c} signed a convention."},
            {"id": f"post-{c}", "type": "Post", "holder": f"person-{c}", "organization": cid,
             "title": {"en": "director general"}, "quote": f"Person {c} is director general."},
            {"id": f"members-{c}", "type": "Measurement", "about": cid, "quantity": "members",
             "value": rng.randrange(10, 300), "qualifier": "exactly", "date": f"{2019 + c % 4}-12-31",
             "quote": f"Cluster {c} has members."},
        ]  # fmt: skip
    return {
        "document": {"id": f"synthetic-{doc}", "file": f"synthetic-{doc}.txt", "title": f"Synthetic document {doc}",
                     "publisher": "Synthetic Press", "date": f"{2015 + doc % 8}-06-01", "language": "en",
                     "curated": "2026-11-23"},  # fmt: skip
        "organizations": orgs,
        "people": people,
        "facts": facts,
    }


def generate(out_dir: Path, clusters: int, *, per_file: int = 100, seed: int = 0) -> list[Path]:
    """Write the synthetic curated files into ``out_dir``; returns their paths."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    n_funders = max(5, clusters // 200)
    n_programmes = max(5, clusters // 100)
    files = [out_dir / "000-registry.yaml"]
    files[0].write_text(yaml.safe_dump(_registry(n_funders, n_programmes, rng), sort_keys=False, allow_unicode=True))
    for doc, first in enumerate(range(0, clusters, per_file), 1):
        path = out_dir / f"{doc:05d}-clusters.yaml"
        data = _cluster_file(doc, first, min(per_file, clusters - first), n_funders, n_programmes, rng)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = generate(args.out_dir, args.clusters, seed=args.seed)
    print(f"wrote {len(files)} curated files for {args.clusters} clusters to {args.out_dir}")


if __name__ == "__main__":
    main()
