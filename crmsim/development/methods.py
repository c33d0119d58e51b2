"""Development methods (客户开发方法) and the channels they use: cost, hit rate, lead quality, volume.

Every number here is a default of the prospecting model, with its reason. Costs
are CNY per contact (one attempt on one firm: a visit, a call, a letter, a
message, an ad seen); hit rates are the probability that a contact becomes a
lead (the firm responds and agrees to talk); lead quality multiplies the odds
of passing every later step of the funnel; capacity is how many contacts a
method can make in a month however much money it gets (a team can only visit
so many firms; referrals come only as fast as customers give them).

The figures are our choice, set in the ranges B2B marketing texts quote for
Chinese industrial sellers (a field visit costs a few hundred yuan, a bulk SMS
a few fen; referrals and meetings convert an order of magnitude better than
mass media) and so that the course's statements hold (see
``crmsim.lessons.development``): referrals convert best but have little volume,
face-to-face costs most per contact and its leads convert best, and the
cheapest channel per contact is not the cheapest per customer won.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..world import vocab

#: The ten development methods of the course, in the order tables show them.
METHODS = ("door_to_door", "phone", "direct_mail", "sms", "face_to_face", "referral", "conference",
           "list_analysis", "advertising", "web_promotion")
#: Channels the methods use (a channel carries several methods).
CHANNELS = ("personal", "network", "remote", "data", "media")
#: Region groups that change which methods work: developed and developing Chinese regions, abroad.
REGION_GROUPS = ("developed", "developing", "international")
_DEVELOPED = ("east", "north", "south")


@dataclass(frozen=True)
class Method:
    """One development method and its default parameters.

    Attributes
    ----------
    code : str
    channel : str
        One of :data:`CHANNELS`.
    cost : float
        CNY per contact.
    hit_rate : float
        Probability that a contact with a typical ordinary firm becomes a lead.
    quality : float
        Multiplier of the odds of every step after the lead (1: a typical lead).
    capacity : float
        Contacts a month at most (referral: per active customer a month).
    delay_days : float
        Mean days from the close to the first order.
    feedback_days : float
        Days until the seller learns whether a contact worked (feedback speed).
    information : int
        How much a contact tells both sides, 1 (a line of text) to 5 (a meeting).
    size_reach : tuple of float
        Relative chance that a contact reaches a firm of each size tier
        (small, medium, large, very large): who the method finds.
    """

    code: str
    channel: str
    cost: float
    hit_rate: float
    quality: float
    capacity: float
    delay_days: float
    feedback_days: float
    information: int
    size_reach: tuple[float, float, float, float]


M = Method
#: The methods' defaults (see the module docstring for their reasons).
DEFAULT_METHODS: dict[str, Method] = {m.code: m for m in (
    # A rep's cold visit: ~250 CNY of time and travel; about 1 in 12 finds interest; a few hundred a month.
    M("door_to_door", "personal", 250.0, 0.08, 1.3, 400, 45, 1, 4, (1.2, 1.0, 0.6, 0.3)),
    # Telesales: ~15 CNY a call with the caller's time; about 1 in 30 calls finds interest.
    M("phone", "remote", 15.0, 0.03, 1.0, 6_000, 60, 1, 3, (1.0, 1.0, 1.0, 0.8)),
    # A printed mailing with postage: ~6 CNY; response rates of about 1 % are the classic figure.
    M("direct_mail", "remote", 6.0, 0.008, 0.8, 30_000, 90, 21, 2, (1.0, 1.0, 1.0, 1.0)),
    # Bulk SMS: 5 fen a message, answered about once in a thousand, thin leads.
    M("sms", "remote", 0.05, 0.001, 0.4, 300_000, 90, 2, 1, (1.3, 1.0, 0.6, 0.4)),
    # A prepared meeting with a decision maker: the costliest contact, the best-qualified lead.
    M("face_to_face", "personal", 900.0, 0.20, 3.5, 150, 45, 0, 5, (0.4, 0.8, 1.5, 2.0)),
    # Referral chains: a customer introduces a peer; a thank-you and a visit ~150 CNY. Volume is
    # what customers give: about one referral per hundred active customers a month.
    M("referral", "network", 150.0, 0.45, 2.0, 0.01, 30, 3, 4, (1.0, 1.0, 1.0, 1.0)),
    # Trade fairs and conferences: booth and travel over the contacts met, ~600 CNY each.
    M("conference", "network", 600.0, 0.12, 1.6, 100, 60, 1, 4, (0.5, 1.0, 1.5, 1.5)),
    # Analysing bought or public lists to pick targets, then a call: ~4 CNY per record worked.
    M("list_analysis", "data", 4.0, 0.015, 1.1, 20_000, 75, 14, 2, (0.8, 1.0, 1.2, 1.2)),
    # Trade-press and online advertising: ~1.5 CNY per firm reached, rare and thin responses.
    M("advertising", "media", 1.5, 0.0015, 0.6, 1_000_000, 120, 30, 1, (1.0, 1.0, 1.0, 1.0)),
    # Web promotion (search, platforms, the firm's site): ~2 CNY per visit of a firm.
    M("web_promotion", "media", 2.0, 0.005, 0.8, 200_000, 75, 3, 2, (1.2, 1.0, 0.8, 0.6)),
)}

#: Hit-rate multipliers by value orientation (price, value, composite). Price-oriented buyers answer
#: offers sent to many (they shop around); value-oriented ones answer people they meet (domain.md §1).
_MASS = (1.3, 0.8, 1.0)
_PERSONAL = (0.8, 1.2, 1.0)
_NEUTRAL = (1.0, 1.0, 1.0)
ORIENTATION_FIT = {"door_to_door": _PERSONAL, "phone": _NEUTRAL, "direct_mail": _MASS, "sms": _MASS,
                   "face_to_face": _PERSONAL, "referral": _PERSONAL, "conference": _PERSONAL,
                   "list_analysis": _NEUTRAL, "advertising": _MASS, "web_promotion": _MASS}
#: Hit-rate multipliers by region group (developed, developing, international): visits abroad and
#: Chinese SMS to foreign numbers rarely work; the web reaches abroad; cold visits work where
#: personal networks matter more (our choice).
REGION_FIT = {"door_to_door": (1.0, 1.2, 0.3), "phone": (1.0, 1.0, 0.6), "direct_mail": (1.0, 1.0, 0.7),
              "sms": (1.0, 1.1, 0.2), "face_to_face": (1.0, 1.1, 0.5), "referral": (1.0, 1.1, 1.0),
              "conference": (1.1, 0.8, 1.0), "list_analysis": (1.1, 0.9, 1.0), "advertising": (1.1, 0.9, 0.8),
              "web_promotion": (1.1, 0.8, 1.2)}
#: Hit-rate multiplier for key accounts (every segment but ordinary): their buying centres meet
#: people and peers, and filter mass offers out (domain.md §4).
KEY_ACCOUNT_FIT = {"door_to_door": 1.0, "phone": 0.8, "direct_mail": 0.6, "sms": 0.5, "face_to_face": 1.3,
                   "referral": 1.3, "conference": 1.3, "list_analysis": 1.0, "advertising": 0.6,
                   "web_promotion": 0.6}
#: Highest hit rate any contact can have.
MAX_HIT_RATE = 0.95


def check_methods(methods: object) -> dict[str, Method]:
    """Return ``methods`` if it is a mapping of every code of :data:`METHODS` to a :class:`Method`."""
    if not isinstance(methods, dict) or set(methods) != set(METHODS) or \
            not all(isinstance(m, Method) and m.code == k for k, m in methods.items()):
        raise TypeError(f"methods must be a dict of every method code {METHODS} to its Method; got {methods!r:.80}")
    for m in methods.values():
        if not (m.cost > 0 and 0 < m.hit_rate <= 1 and m.quality > 0 and m.capacity > 0):
            raise ValueError(f"methods[{m.code!r}] needs cost > 0, 0 < hit_rate <= 1, quality > 0 and capacity > 0; "
                             f"got {m}")
    return methods


def region_group(region_codes: np.ndarray) -> np.ndarray:
    """Index into :data:`REGION_GROUPS` of each region code."""
    codes = np.asarray(region_codes, dtype=object)
    group = np.where(np.isin(codes, vocab.INTERNATIONAL_REGIONS), 2, 1)
    return np.where(np.isin(codes, _DEVELOPED), 0, group)


def hit_rates(method: Method, orientation: np.ndarray, group: np.ndarray, key_account: np.ndarray) -> np.ndarray:
    """Each firm's probability of becoming a lead when ``method`` contacts it.

    ``orientation`` and ``group`` are integer codes (value orientation,
    region group); ``key_account`` is boolean. Size changes who a method
    reaches (``size_reach``), not who answers.
    """
    fit = (np.asarray(ORIENTATION_FIT[method.code])[orientation] * np.asarray(REGION_FIT[method.code])[group]
           * np.where(key_account, KEY_ACCOUNT_FIT[method.code], 1.0))
    return np.minimum(method.hit_rate * fit, MAX_HIT_RATE)
