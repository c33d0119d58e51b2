"""A messy customer file with its ground truth, and scores for cleaning it.

Real customer files are typed by many people over many years: the same firm
appears twice under slightly different names (有限公司 / 有限责任公司, pinyin
instead of characters, full-width letters), phones, regions and dates are
written in several formats, fields are missing and some values are impossible.
:func:`make_messy_customer_file` injects such faults into a clean file at
configurable rates and keeps the truth: which records are the same firm, and
the correct value of every faulty field. :func:`restore_clean_file` applies the
truth and gives the clean file back exactly; :func:`score_duplicates` and
:func:`score_repairs` grade a cleaning attempt, e.g. :func:`clean_baseline`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import i18n, seeding
from ..seeding import SeedLike
from ..validation import check_probability
from ..world import World, check_world, vocab

#: Fields of the file, in order.
FIELDS = ("name_zh", "name_en", "phone", "region", "city", "customer_since", "employees", "annual_revenue")
#: Kinds of fault, and the default rate of each: the share of records duplicated, and per record the
#: chance of each formatting fault, of a missing field and of an impossible value (our choice,
#: in line with data-quality surveys that find a few per cent duplicates and a tenth to a third
#: of records with some inconsistency).
DEFAULT_RATES = {"duplicate": 0.08, "phone_format": 0.30, "region_format": 0.25, "date_format": 0.30,
                 "missing": 0.05, "impossible": 0.02}
#: Kinds of fault a field can have (a duplicate record is a fault of the file, kept in ``truth``).
FAULTS = ("name_variant", "phone_format", "region_format", "date_format", "missing", "impossible")
_NUMERIC = ("employees", "annual_revenue")
#: Share of duplicate records typed in without the phone (so that a phone match cannot find every duplicate).
DUPLICATE_WITHOUT_PHONE = 0.5
_MISSABLE = ("phone", "region", "city", "customer_since", "employees", "annual_revenue")


@dataclass(frozen=True, eq=False)
class MessyFile:
    """A messy customer file and its ground truth.

    Attributes
    ----------
    file : DataFrame
        ``record_id`` and :data:`FIELDS` as typed: text fields as ``str``
        (``None`` where missing), ``employees`` and ``annual_revenue`` as floats.
    truth : DataFrame
        ``record_id, customer_id, original``: the firm of each record, and
        whether it is the firm's first record (the others are duplicates).
    corrections : DataFrame
        ``record_id, field, fault, correct``: each faulty field and its
        correct value (canonical text, or a number).
    clean : DataFrame
        The clean file, one row per firm: ``customer_id`` and :data:`FIELDS`
        in canonical form (phone as 11 digits, region code, date).
    rates : dict
    """

    file: pd.DataFrame
    truth: pd.DataFrame
    corrections: pd.DataFrame
    clean: pd.DataFrame
    rates: dict


def clean_customer_file(world: World) -> pd.DataFrame:
    """The clean file of :data:`FIELDS`: the world's customers with a mobile phone each (seeded by the world)."""
    world = check_world(world)
    c = world.customers
    rng = seeding.child(world.seed, "development.messy", 0)
    prefix = rng.choice(np.array([133, 135, 136, 138, 139, 150, 158, 177, 186, 189]), size=len(c))
    phone = [f"{p}{n:08d}" for p, n in zip(prefix, rng.integers(0, 10**8, size=len(c)))]
    return pd.DataFrame({"customer_id": c["customer_id"].to_numpy(), "name_zh": c["name_zh"].astype(str).to_numpy(),
                         "name_en": c["name_en"].astype(str).to_numpy(), "phone": phone,
                         "region": c["region"].astype(str).to_numpy(), "city": c["city"].astype(str).to_numpy(),
                         "customer_since": c["customer_since"].to_numpy(),
                         "employees": c["employees"].to_numpy().astype(float),
                         "annual_revenue": c["annual_revenue"].to_numpy()})


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" if ch == " " else ch for ch in text)


def _name_zh_variant(name: str, pinyin: str, k: int) -> str:
    if k == 0 and name.endswith("股份有限公司"):
        return name[:-6] + "股份公司"
    if k <= 1 and name.endswith("有限公司"):
        return name[:-4] + "有限责任公司"
    if k == 2:
        return pinyin  # typed in pinyin into the Chinese field
    return name + " "


def _name_en_variant(name: str, k: int) -> str:
    if k == 0:
        return name.replace("Co., Ltd.", "CO.,LTD").replace("Corp., Ltd.", "CORP.,LTD")
    if k == 1:
        return _full_width(name)
    if k == 2:
        return name.replace("Co., Ltd.", "Company Limited")
    return "  " + name.lower()


def _phone_variant(phone: str, k: int) -> str:
    return (f"{phone[:3]}-{phone[3:7]}-{phone[7:]}", f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}",
            f"(+86){phone}", _full_width(phone))[k]


def _region_variant(code: str, k: int) -> str:
    en, zh = i18n.t(f"region.{code}", "en"), i18n.t(f"region.{code}", "zh")
    return (en, zh, zh + "地区" if code in vocab.DOMESTIC_REGIONS else zh, code.upper())[k]


def _date_variant(day: pd.Timestamp, k: int) -> str:
    return (f"{day.year}/{day.month}/{day.day}", f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y%m%d"))[k]


def _canonical(field: str, value):
    if field == "customer_since":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return float(value) if field in _NUMERIC else str(value)


def check_rates(rates: object) -> dict:
    """Return the fault rates: :data:`DEFAULT_RATES` updated with ``rates`` (each a probability)."""
    if rates is None:
        return dict(DEFAULT_RATES)
    if not isinstance(rates, Mapping):
        raise TypeError(f"rates must be a dict of fault -> rate with keys from {tuple(DEFAULT_RATES)}; got {rates!r}")
    unknown = [k for k in rates if k not in DEFAULT_RATES]
    if unknown:
        raise ValueError(f"rates has unknown fault(s) {unknown}; allowed: {tuple(DEFAULT_RATES)}")
    return {**DEFAULT_RATES, **{k: check_probability(f"rates[{k!r}]", v) for k, v in rates.items()}}


def make_messy_customer_file(world: World, *, seed: SeedLike = 0, rates: Mapping[str, float] | None = None
                             ) -> MessyFile:
    """The world's customer file with faults injected at ``rates`` (see :data:`DEFAULT_RATES`).

    A duplicate is a second record of a firm under a variant of its name
    (either language), placed at a random position; every record then gets
    formatting faults, a missing field or an impossible value (negative
    staff or revenue, a start date after today) with their rates. Records
    are numbered in their shuffled order.
    """
    world = check_world(world)
    rates = check_rates(rates)
    clean = clean_customer_file(world)
    rng = seeding.child(seed, "development.messy", 1)
    n = len(clean)
    dup = np.flatnonzero(rng.random(n) < rates["duplicate"])
    source = np.concatenate([np.arange(n), dup])
    order = rng.permutation(len(source))
    source = source[order]
    original = np.ones(len(source), dtype=bool)
    original[np.flatnonzero(order >= n)] = False  # the rows appended as duplicates
    records = clean.iloc[source].reset_index(drop=True)
    text = {f: records[f].astype(object).to_numpy().copy() for f in FIELDS}
    text["customer_since"] = records["customer_since"].dt.strftime("%Y-%m-%d").to_numpy().astype(object)
    numbers = {f: records[f].to_numpy().copy() for f in _NUMERIC}
    log: list[tuple[int, str, str, object]] = []
    m = len(records)
    u = rng.random((6, m))
    k = rng.integers(0, 4, size=(6, m))
    for i in np.flatnonzero(~original):
        if k[0, i] % 2 == 0:
            text["name_zh"][i] = _name_zh_variant(text["name_zh"][i], text["name_en"][i].split(" ")[0], k[1, i] % 3)
            log.append((i, "name_zh", "name_variant", records.at[i, "name_zh"]))
        else:
            text["name_en"][i] = _name_en_variant(text["name_en"][i], k[1, i])
            log.append((i, "name_en", "name_variant", records.at[i, "name_en"]))
        if u[5, i] < DUPLICATE_WITHOUT_PHONE:  # typed in again from a card without the phone
            text["phone"][i] = None
            log.append((i, "phone", "missing", records.at[i, "phone"]))
    for row, (field, fault, variant) in enumerate((("phone", "phone_format", _phone_variant),
                                                   ("region", "region_format", _region_variant),
                                                   ("customer_since", "date_format", None))):
        for i in np.flatnonzero(u[row] < rates[fault]):
            if text[field][i] is None:
                continue
            value = records.at[i, field]
            text[field][i] = _date_variant(value, k[row + 2, i]) if variant is None else variant(value, k[row + 2, i])
            log.append((i, field, fault, _canonical(field, value)))
    missing_field = rng.integers(0, len(_MISSABLE), size=m)
    for i in np.flatnonzero(u[3] < rates["missing"]):
        field = _MISSABLE[missing_field[i]]
        log = [e for e in log if not (e[0] == i and e[1] == field)]  # a missing value replaces a misformatted one
        (numbers if field in _NUMERIC else text)[field][i] = np.nan if field in _NUMERIC else None
        log.append((i, field, "missing", _canonical(field, records.at[i, field])))
    taken = {(e[0], e[1]) for e in log}
    impossible_field = rng.integers(0, 3, size=m)
    for i in np.flatnonzero(u[4] < rates["impossible"]):
        field = ("employees", "annual_revenue", "customer_since")[impossible_field[i]]
        if (i, field) in taken:
            continue
        if field == "customer_since":
            text[field][i] = (world.as_of + pd.DateOffset(years=int(1 + k[5, i]))).strftime("%Y-%m-%d")
        else:
            numbers[field][i] = -numbers[field][i] if k[5, i] % 2 else 0.0
        log.append((i, field, "impossible", _canonical(field, records.at[i, field])))
    file = pd.DataFrame({"record_id": np.arange(1, m + 1, dtype=np.int64),
                         **{f: pd.array(numbers[f] if f in _NUMERIC else text[f],
                                        dtype="float64" if f in _NUMERIC else object) for f in FIELDS}})
    truth = pd.DataFrame({"record_id": file["record_id"], "customer_id": records["customer_id"].to_numpy(),
                          "original": original})
    corrections = pd.DataFrame(log, columns=["row", "field", "fault", "correct"])
    corrections.insert(0, "record_id", corrections.pop("row") + 1)
    corrections["fault"] = pd.Categorical(corrections["fault"], categories=FAULTS)
    corrections = corrections.sort_values(["record_id", "field"], kind="stable").reset_index(drop=True)
    return MessyFile(file=file, truth=truth, corrections=corrections, clean=clean, rates=rates)


def _typed(file: pd.DataFrame) -> pd.DataFrame:
    out = file.copy()
    out["customer_since"] = pd.to_datetime(out["customer_since"], format="%Y-%m-%d").astype("datetime64[ns]")
    return out


def restore_clean_file(messy: MessyFile) -> pd.DataFrame:
    """Apply the truth to the messy file: corrected values, duplicates dropped, the firm's id; = ``messy.clean``."""
    if not isinstance(messy, MessyFile):
        raise TypeError(f"messy must be a MessyFile from make_messy_customer_file; got {type(messy).__name__}")
    file = messy.file.set_index("record_id").astype({f: object for f in FIELDS if f not in _NUMERIC})
    for field, group in messy.corrections.groupby("field"):
        correct = group["correct"].to_numpy()
        file.loc[group["record_id"].to_numpy(), field] = correct.astype(float) if field in _NUMERIC else correct
    file = file.astype({f: float for f in _NUMERIC})
    truth = messy.truth.set_index("record_id")
    file.insert(0, "customer_id", truth["customer_id"])
    kept = file[truth["original"]].sort_values("customer_id").reset_index(drop=True)
    return _typed(kept).astype(messy.clean.dtypes.to_dict())


def _pairs(labels: np.ndarray) -> int:
    _, counts = np.unique(labels, return_counts=True)
    return int((counts * (counts - 1) // 2).sum())


def score_duplicates(messy: MessyFile, clusters) -> dict[str, float]:
    """Precision and recall of duplicate detection over pairs of records.

    ``clusters``: one label per record of ``messy.file`` (same label = same
    firm). Returns ``precision`` (pairs found that are the same firm),
    ``recall`` (same-firm pairs found) and the pair counts.
    """
    labels = np.asarray(clusters)
    if labels.shape != (len(messy.file),):
        raise ValueError(f"clusters must hold one label per record ({len(messy.file)}); got shape {labels.shape}")
    truth = messy.truth["customer_id"].to_numpy()
    joint = pd.factorize(pd.Series(list(zip(labels.tolist(), truth.tolist()))))[0]
    true_pairs, found, hits = _pairs(truth), _pairs(labels), _pairs(joint)
    return {"precision": hits / found if found else float("nan"), "recall": hits / true_pairs if true_pairs else
            float("nan"), "true_pairs": true_pairs, "found_pairs": found, "correct_pairs": hits}


def score_repairs(messy: MessyFile, repaired: pd.DataFrame) -> pd.DataFrame:
    """How many faulty fields a cleaning repaired, by fault: ``fault, faulty, repaired, share``.

    ``repaired`` has ``record_id`` and the fields in canonical form (text,
    numbers; NaN where unknown). A name variant counts as repaired when the
    field equals the firm's canonical name.
    """
    if not isinstance(repaired, pd.DataFrame) or "record_id" not in repaired.columns:
        raise TypeError("repaired must be a DataFrame with record_id and the file's fields")
    values = repaired.set_index("record_id")
    c = messy.corrections
    got = [values.at[r, f] if f in values.columns else None for r, f in zip(c["record_id"], c["field"])]
    ok = np.array([_same(g, w) for g, w in zip(got, c["correct"])])
    table = pd.DataFrame({"fault": c["fault"], "ok": ok}).groupby("fault", observed=False)["ok"].agg(["size", "sum"])
    table = table.rename(columns={"size": "faulty", "sum": "repaired"}).reset_index()
    table["share"] = table["repaired"] / table["faulty"].where(table["faulty"] > 0)
    return table


def _same(got, want) -> bool:
    if isinstance(want, float):
        return got is not None and not pd.isna(got) and abs(float(got) - want) <= 1e-9 * max(1.0, abs(want))
    return got == want


_DATE_PATTERNS = ((re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
                  (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), (1, 2, 3)),
                  (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),
                  (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), (1, 2, 3)),
                  (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)))


def _baseline_date(text, as_of: pd.Timestamp):
    if not isinstance(text, str):
        return None
    for pattern, (y, mo, d) in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            day = pd.Timestamp(int(match.group(y)), int(match.group(mo)), int(match.group(d)))
            return None if day >= as_of else day.strftime("%Y-%m-%d")
    return None


def clean_baseline(messy: MessyFile, as_of: pd.Timestamp | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """A simple rule-based cleaning: the baseline any better method should beat.

    Normalises width (NFKC) and spaces, maps the legal-form variants to
    有限公司 / Co., Ltd., keeps the digits of phones (without +86), maps
    region names in either language to codes, parses the date formats it
    knows, and blanks impossible values (it cannot know the right ones).
    Records with the same phone, or the same normalised Chinese name, are
    one firm. Returns the repaired file and a cluster label per record.
    """
    file = messy.file
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.max
    regions = {}
    for code in vocab.REGION_CODES:
        for lang in i18n.LANGUAGES:
            regions[i18n.t(f"region.{code}", lang)] = code
        regions[i18n.t(f"region.{code}", "zh") + "地区"] = code
        regions[code.upper()] = code
        regions[code] = code

    def norm(text):
        return None if not isinstance(text, str) else re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()

    zh = [None if not isinstance(t, str) else norm(t).replace("有限责任公司", "有限公司").replace("股份公司", "股份有限公司")
          for t in file["name_zh"]]
    en = [norm(t) for t in file["name_en"]]
    phone = []
    for t in file["phone"]:
        digits = re.sub(r"\D", "", norm(t) or "")
        phone.append(digits[2:] if len(digits) == 13 and digits.startswith("86") else digits or None)
    repaired = pd.DataFrame({
        "record_id": file["record_id"], "name_zh": zh, "name_en": en, "phone": phone,
        "region": [regions.get(norm(t)) for t in file["region"]],
        "city": file["city"], "customer_since": [_baseline_date(norm(t), as_of) for t in file["customer_since"]],
        "employees": file["employees"].where(file["employees"] > 0),
        "annual_revenue": file["annual_revenue"].where(file["annual_revenue"] > 0)})
    by_phone = pd.factorize(pd.Series(phone, dtype=object).fillna(pd.Series(zh, dtype=object)))[0]
    by_name = pd.factorize(pd.Series(zh, dtype=object))[0]
    return repaired, _union(by_phone, by_name)


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Clusters joining records that share a label of ``a`` or of ``b`` (connected components)."""
    parent = np.arange(len(a))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for labels in (a, b):
        first = {}
        for i, label in enumerate(labels):
            if label in first:
                ra, rb = find(i), find(first[label])
                parent[ra] = rb
            else:
                first[label] = i
    return np.array([find(i) for i in range(len(a))])
