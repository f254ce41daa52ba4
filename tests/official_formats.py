"""Small fixtures in the official formats, built in code so each test states what it feeds in.

Rows follow the real files' layout and quirks (see the project's facts sheet): every field quoted
in the current CSL CSV, ``"; "``-joined lists with 'and' leftovers, glued addresses, footnote
numbers in the license text, '?' for apostrophes in BIS rows.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from entitylist.importers.csl import CSV_COLUMNS

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
ISN = "Nonproliferation Sanctions (ISN) - State Department"
EL_URL = "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list"


def el_row(name: str, **fields: str) -> dict[str, str]:
    row = {
        "_id": hashlib.sha1(name.encode()).hexdigest(),
        "source": EL,
        "name": name,
        "addresses": "No. 1 Example Road, Hangzhou, Zhejiang, CN",
        "federal_register_notice": "84 FR 54002",
        "start_date": "2019-10-09",
        "license_requirement": "For all items subject to the EAR.  (See §744.11 of the EAR)",
        "license_policy": "Presumption of denial.",
        "source_list_url": EL_URL,
        "source_information_url": EL_URL,
    }
    row.update(fields)
    return row


def base_rows() -> list[dict[str, str]]:
    """A current-layout CSL with the quirks importers must handle."""
    return [
        el_row(
            "Hangzhou Hikvision Digital Technology Co., Ltd.",
            alt_names="Hikvision; HIKVISION DIGITAL TECHNOLOGY; and Hangzhou Hikvision.",
            addresses="No. 555 Qianmo Road, Binjiang District, Hangzhou, Zhejiang, China; and 700 Dongliu Road, Binjiang District, Hangzhou, Zhejiang, CN",
        ),
        el_row(
            "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
            alt_names="Hebei Semiconductor Research Institute; HSRI; and CETC Research Institute 13",
            federal_register_notice="83 FR 37423; 87 FR 77505",
            start_date="2018-08-01",
            license_requirement="For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)",
            addresses="113 Hezuo Road, Shijiazhuang, Hebei, CN",
        ),
        el_row("Xi?an Institute of Optics", addresses="Xi?an, Shaanxi, CN", start_date="2020-05-22"),
        {
            "_id": "29045",
            "source": SDN,
            "entity_number": "29045",
            "type": "Individual",
            "programs": "NPWMD; IFSR",
            "name": "RIM, Ryong Nam",
            "addresses": "Shenyang, CN; Pyongyang, KP",
            "dates_of_birth": "1978-12-05",
            "nationalities": "KP",
            "ids": "Passport, 836238033, KP",
            "source_list_url": "https://sanctionslist.ofac.treas.gov/Home/SdnList",
        },
        {
            "_id": "233a4d72",
            "source": ISN,
            "programs": "INKSNA",
            "name": "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof",
            "federal_register_notice": "Vol. 88, No. 151, 08/08/2023",
            "start_date": "2023-07-19",
        },
    ]


def write_csl_csv(path: Path, rows: list[dict[str, str]], *, with_id: bool = True) -> Path:
    columns = CSV_COLUMNS if with_id else CSV_COLUMNS[1:]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, quoting=csv.QUOTE_ALL, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def write_csl_json(path: Path, rows: list[dict[str, str]]) -> Path:
    results: list[dict[str, Any]] = []
    for row in rows:
        record: dict[str, Any] = {k: v for k, v in row.items() if k != "_id"}
        record["id"] = row.get("_id", "")
        for key in ("alt_names", "programs", "nationalities", "dates_of_birth"):
            record[key] = [p.strip().removeprefix("and ").rstrip(".") for p in row.get(key, "").split(";") if p.strip()] or None
        addresses = []
        for piece in row.get("addresses", "").split("; "):
            parts = [p.strip() for p in piece.split(",")]
            addresses.append({"address": ", ".join(parts[:-1]), "city": "", "state": None, "postal_code": "", "country": parts[-1]})
        record["addresses"] = addresses if row.get("addresses") else []
        record["ids"] = []
        results.append(record)
    path.write_text(json.dumps({"results": results}), encoding="utf-8")
    return path


def write_sdn_files(folder: Path) -> Path:
    """OFAC's legacy layout: no header, '-0- ' for empty."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdn.csv").write_text(
        '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
        '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."\n'
        '4319,"ESCOBAR BUITRAGO, Walter","individual","SDNT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Feb 1971."\n'
        "\x1a\n",
        encoding="utf-8",
    )
    (folder / "alt.csv").write_text(
        '36,12,"aka","AERO-CARIBBEAN",-0- \n306,220,"aka","NATIONAL BANK OF CUBA",-0- \n306,221,"fka","BNC OLD",-0- \n',
        encoding="utf-8",
    )
    (folder / "add.csv").write_text(
        '36,25,-0- ,"Havana","Cuba",-0- \n306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- \n',
        encoding="utf-8",
    )
    (folder / "sdn_comments.csv").write_text('306,"Linked To: BANCO CENTRAL."\n', encoding="utf-8")
    return folder


def ftm_lines() -> list[dict[str, Any]]:
    """OpenSanctions-style entities: a company with an address entity and a sanction."""
    return [
        {"id": "addr-1", "schema": "Address", "properties": {"full": ["No. 1199 Bin'an Road, Hangzhou"], "street": ["No. 1199 Bin'an Road"], "city": ["Hangzhou"], "country": ["cn"]}},
        {
            "id": "NK-dahua",
            "schema": "Company",
            "target": True,
            "datasets": ["us_trade_csl"],
            "properties": {
                "name": ["Zhejiang Dahua Technology Co., Ltd."],
                "alias": ["Dahua Technology", "浙江大华技术股份有限公司"],
                "country": ["cn"],
                "addressEntity": ["addr-1"],
            },
        },
        {"id": "san-1", "schema": "Sanction", "properties": {"entity": ["NK-dahua"], "program": ["Entity List"], "startDate": ["2019-10-09"], "authority": ["BIS"]}},
        {"id": "NK-owner", "schema": "Person", "target": False, "properties": {"name": ["Some Owner"]}},
        {
            "id": "NK-nested",
            "schema": "Organization",
            "target": True,
            "properties": {
                "name": ["Xinjiang Production and Construction Corps"],
                "alias": ["XPCC"],
                "addressEntity": [{"id": "addr-2", "schema": "Address", "properties": {"city": ["Urumqi"], "country": ["cn"]}}],
            },
        },
    ]


def write_ftm(path: Path, entities: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8")
    return path
