"""Deterministic data set for the SkyLark Airways frequent-flyer programme.

Everything is generated from a fixed seed with a private xorshift generator, so the
data set is identical on every run and every Python version.  Nothing here talks to
the network or the clock.
"""

import hashlib
from datetime import datetime, timedelta, timezone

ORG_ID = 50421
# "Server timezone" of this cluster: Gulf Standard Time (UTC+04:00).
SERVER_TZ = timezone(timedelta(hours=4))

PROGRAMS = {
    "default": {"programId": 4417, "programName": "SkyLarkMilesDefaultProgram"},
    "partner": {"programId": 4423, "programName": "SkyLarkPartnersProgram"},
}

# Alternate currencies configured for the org (name -> identifier).
ALTERNATE_CURRENCIES = {
    "StatusCredits": "Sc9QxT",
    "TierSegments": "Tg3LmW",
    "LoungeVisits": "Lv7KpZ",
}

TILLS = [60213457, 60213481, 60214009, 60215573, 60217101]

SOURCES = ["INSTORE", "MARTJACK", "WECHAT", "FACEBOOK", "WEB_ENGAGE", "TMALL", "TAOBAO",
           "JD", "ECOMMERCE", "WEBSITE", "LINE", "ALL"]
# Sources that have more than one account in this org (accountId needed there).
MULTI_ACCOUNT_SOURCES = {"WECHAT": ["wxa_skylark_cn", "wxa_skylark_hk"]}

SLABS = ["BLUE", "SILVER", "GOLD", "PLATINUM"]

FIRST = ["Aisha", "Omar", "Lena", "Ravi", "Chen", "Maria", "Tomas", "Yuki", "Fatima", "Noah",
         "Priya", "Hassan", "Elena", "Jonas", "Mei", "Karim", "Sofia", "Arjun", "Lucia", "Ivan",
         "Nadia", "Samir", "Greta", "Leo", "Amara", "Pablo", "Ines", "Tariq"]
LAST = ["Rahman", "Haddad", "Novak", "Iyer", "Wang", "Silva", "Berg", "Sato", "Khalil", "Meyer",
        "Nair", "Aziz", "Popescu", "Lind", "Zhou", "Farouk", "Rossi", "Menon", "Garcia", "Petrov",
        "Saleh", "Qureshi", "Holm", "Dubois", "Okafor", "Ruiz", "Costa", "Bakr"]

ROUTES = ["DXB-LHR", "DXB-BOM", "DXB-SIN", "DXB-JFK", "DXB-CDG", "DXB-NRT", "DXB-CPT", "DXB-IST"]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

ALL_EVENT_NAMES = [  # S1 "Possible values" list for eventName
    "NewBill", "TransactionAdd", "GroupTransactionAdd", "LineItemsPointsPromotionImport",
    "BillPointsPromotionImport", "CustomerPromotionImport", "GenericEvent", "CustomerRegistration",
    "CustomerUpdate", "AllocateGoodwillPoints", "PointsTransfer", "PointsRedemption", "ReturnBill",
    "TargetCompleted", "ManualPointsAdjustment", "VoucherRedemption",
]


class Rng:
    """xorshift64* - small, deterministic, independent of Python's random module."""

    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & 0xFFFFFFFFFFFFFFFF or 1

    def next(self):
        x = self.s
        x ^= (x >> 12)
        x ^= (x << 25) & 0xFFFFFFFFFFFFFFFF
        x ^= (x >> 27)
        self.s = x
        return (x * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF

    def int(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)

    def pick(self, seq):
        return seq[self.next() % len(seq)]

    def chance(self, pct):
        return self.next() % 100 < pct

    def token(self, n=10):
        return "".join(ALNUM[self.next() % len(ALNUM)] for _ in range(n))

    def uuid(self):
        h = "%016x%016x" % (self.next(), self.next())
        return "%s-%s-4%s-%s%s-%s" % (h[0:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) % 4],
                                      h[17:20], h[20:32])

    def hexhash(self, n=40):
        return hashlib.sha1(str(self.next()).encode()).hexdigest()[:n]


def legacy(dt):
    """Legacy format 'YYYY-MM-DD HH:MM:SS.0' in server time."""
    return dt.strftime("%Y-%m-%d %H:%M:%S") + ".0"


def iso(dt):
    """ISO-8601 with the server offset, no fractional seconds."""
    return dt.replace(microsecond=0).isoformat()


def money(x):
    return float(round(x, 2))


def pts(x):
    return float(round(x, 3))


def s3(x):
    return "%.3f" % x


def expiry_for(dt, rolling):
    if rolling:
        e = dt + timedelta(days=365)
    else:  # fixed: end of the next calendar year
        e = datetime(dt.year + 1, 12, 31, 23, 59, 59, tzinfo=SERVER_TZ)
    return e.replace(hour=23, minute=59, second=59)


class Builder:
    def __init__(self):
        self.rng = Rng(20240917)
        self.next_event = 811204337
        self.next_bill = 3104400117
        self.next_line = 2270015503
        self.next_request = 1907731
        self.next_voucher = 90412207
        self.customers = []
        self.groups = []
        self.events = {}  # eventLogId -> internal event record

    # ----- ids -------------------------------------------------------------
    def event_id(self):
        self.next_event += self.rng.int(3, 4097)
        return self.next_event

    def bill_id(self):
        self.next_bill += self.rng.int(11, 9001)
        return self.next_bill

    def line_id(self):
        self.next_line += self.rng.int(1, 17)
        return self.next_line

    # ----- points buckets -----------------------------------------------------
    def regular_item(self, value, dt, prog="default", rolling=False, with_iso=True):
        exp = expiry_for(dt, rolling)
        item = {"value": pts(value), "expiresOn": legacy(exp)}
        if with_iso:
            item["expiresOnISO"] = iso(exp)
        item.update(PROGRAMS[prog])
        item["expiryType"] = "rolling" if rolling else "fixed"
        return item

    def promo_item(self, pid, pname, value, dt, prog="default", rolling=False, with_expiry=True,
                   promo_dates=None):
        item = {"promotionId": pid, "promotionName": pname}
        item.update(PROGRAMS[prog])
        item["value"] = pts(value)
        if with_expiry:
            exp = expiry_for(dt, rolling)
            item["expiresOn"] = legacy(exp)
            item["expiresOnISO"] = iso(exp)
            if promo_dates is None:
                item["expiryType"] = "rolling" if rolling else "fixed"
        if promo_dates:
            item["promotionStartDate"] = legacy(promo_dates[0])
            item["promotionEndDate"] = legacy(promo_dates[1])
        return item

    def promised_item(self, value, conv, prog="default"):
        item = {"value": pts(value), "conversionDate": legacy(conv.replace(hour=0, minute=0, second=0))}
        item.update(PROGRAMS[prog])
        return item

    def breakup_item(self, value, dt, source_value, prog="default", category="Main", promo=None,
                     rolling=False, action="BILL_POINTS_ACTION"):
        exp = expiry_for(dt, rolling)
        item = {
            "value": pts(value),
            "expiresOn": legacy(exp),
            "expiresOnISO": iso(exp),
            "awardedOn": legacy(dt),
            "awardedOnISO": iso(dt),
            "sourceValue": money(source_value),
            "awardActionDetails": {
                "id": 235100000 + self.rng.int(1000, 99999),
                "name": action,
                "rulesetId": 7300 + self.rng.int(1, 60),
                "rulesetName": "ruleset_skylark_%s" % ("fare" if action == "BILL_POINTS_ACTION" else "promo"),
            },
        }
        item.update(PROGRAMS[prog])
        item.update({
            "allocationStrategyId": 118800 + (5 if promo else 1),
            "allocationStrategyName": "5 miles per AED" if not promo else "Double miles promo",
            "pointsCategoryId": 20311 if category == "Main" else (20317 if category.startswith("Delayed") else 20329),
            "pointsCategoryName": category,
            "expiryStrategyId": 109901 if not rolling else 109907,
            "expiryStrategyName": "NUM_MONTHS_END24" if not rolling else "12 months rolling",
        })
        if promo:
            item["promotionDetails"] = {"promotionId": promo[0], "promotionName": promo[1]}
        item["expiryType"] = "rolling" if rolling else "fixed"
        return item

    # ----- customers -------------------------------------------------------
    def make_customers(self, n=28):
        for k in range(n):
            cid = 702113041 + k * 104729 + (k * k * 37) + self.rng.int(0, 400)
            mobile = "97150%07d" % (1234567 + k * 86311 % 9000000)
            first, last = FIRST[k], LAST[k]
            accounts = [{"source": "INSTORE", "accountId": None}]
            if k % 3 == 0:
                accounts.append({"source": "MARTJACK", "accountId": None})
            if k % 4 == 1:
                accounts.append({"source": "WECHAT", "accountId": "wxa_skylark_cn"})
            if k % 4 == 3:
                accounts.append({"source": "WECHAT", "accountId": "wxa_skylark_hk"})
            if k % 5 == 2:
                accounts.append({"source": "WEBSITE", "accountId": None})
            acs = []
            if k % 2 == 0:
                acs = ["StatusCredits"] + (["TierSegments"] if k % 4 == 0 else []) + \
                      (["LoungeVisits"] if k % 6 == 0 else [])
            c = {
                "k": k,
                "id": cid,
                "mobile": mobile,
                "email": "%s.%s%d@skylark-mail.test" % (first.lower(), last.lower(), 10 + k),
                "externalId": "SLA-FF-%05d%s" % (31000 + k * 137, "ABCDEFGHJK"[k % 10]),
                "firstName": first,
                "lastName": last,
                "accounts": accounts,
                "acs": acs,
                "slab": SLABS[k % 4],
                "eventIds": [],
            }
            self.customers.append(c)

    # ----- events -------------------------------------------------------------
    def add(self, owner, ev):
        ev["eventLogId"] = self.event_id()
        ev["_owner"] = owner
        self.events[ev["eventLogId"]] = ev
        owner["eventIds"].append(ev["eventLogId"])
        return ev

    def base(self, name, dt, till=True, time=True, ref=None, unique=None):
        details = {}
        if time:
            details["eventTime"] = legacy(dt)
            details["eventTimeISO"] = iso(dt)
        if till:
            details["tillId"] = self.rng.pick(TILLS)
        return {"eventName": name, "eventDetails": details,
                "eventReferenceId": ref, "uniqueId": unique or self.rng.token(10), "_dt": dt}

    def ev_registration(self, c, dt):
        ev = self.base("CustomerRegistration", dt, ref=str(c["id"]))
        conv = dt + timedelta(days=14)
        ev["pointsEarned"] = {
            "regular": [self.regular_item(500, dt)],
            "promo": [self.promo_item(1133700101, "Welcome Aboard Bonus", 1000, dt)],
            "promised": [self.promised_item(250, conv)] if c["k"] % 2 == 0 else [],
        }
        return ev

    def ev_update(self, c, dt):
        ev = self.base("CustomerUpdate", dt, ref=str(c["id"]))
        ev["pointsEarned"] = {"regular": [], "promo": [], "promised": []}
        return ev

    def ev_transaction(self, c, dt, name="TransactionAdd", group=None):
        r = self.rng
        bill = self.bill_id()
        route = r.pick(ROUTES)
        cabin = r.pick(["Y", "W", "J", "F"])
        items = []
        candidates = [("FARE-" + route, r.int(900, 6400), True),
                      ("SEAT-EXTRA", r.int(60, 240), False),
                      ("BAG-23KG", r.int(150, 320), False),
                      ("MEAL-VGML", r.int(40, 90), False),
                      ("LOUNGE-DAY", r.int(180, 260), False)]
        n_items = r.int(1, 4)
        flight_dt = dt + timedelta(days=r.int(3, 60))
        delayed_any = False
        for idx in range(n_items):
            code, amount, is_fare = candidates[idx]
            qty = float(r.int(1, 3)) if not is_fare else 1.0
            gross = money(amount * qty)
            disc = money(gross * r.pick([0, 0, 0.05, 0.1]))
            li = {"id": self.line_id(), "itemCode": code, "source": "instore",
                  "grossAmount": gross, "discount": disc, "amount": money(gross - disc),
                  "rate": money(amount), "qty": qty}
            reg, promo, promised = [], [], []
            brk_reg, brk_promised = [], []
            miles = (gross - disc) * (5 if cabin in "JF" else 2)
            if is_fare and r.chance(60):
                # delayed accrual: fare miles credited the day after the flight is flown
                delayed_any = True
                promised.append(self.promised_item(miles, flight_dt + timedelta(days=1)))
                bp = self.promised_item(miles, flight_dt + timedelta(days=1))
                bp["pointsCategoryName"] = "DelayedAccrualPointCategory"
                brk_promised.append(bp)
            else:
                reg.append(self.regular_item(miles, dt))
                brk_reg.append(self.breakup_item(miles, dt, gross - disc))
            if r.chance(30):
                promo_id, promo_name = 1133700230, "Double Miles %s" % route
                promo.append(self.promo_item(promo_id, promo_name, miles * 0.5, dt, rolling=True))
                brk_reg.append(self.breakup_item(miles * 0.5, dt, gross - disc, promo=(promo_id, promo_name),
                                                 rolling=True, action="AWARD_POINTS_ACTION"))
            li["_pointsEarned"] = {"regular": reg, "promo": promo, "promised": promised}
            li["_breakup"] = {"regular": brk_reg, "promised": brk_promised}
            li["_delayed_conv"] = flight_dt + timedelta(days=1) if promised else None
            items.append(li)
        gross = money(sum(li["grossAmount"] for li in items))
        disc = money(sum(li["discount"] for li in items))
        agg = {"regular": [], "promo": [], "promised": []}
        brk = {"regular": [], "promised": []}
        for li in items:
            for b in agg:
                agg[b].extend(li["_pointsEarned"][b])
            for b in brk:
                brk[b].extend(li["_breakup"][b])
        ac_earned, ac_breakup = [], []
        owner_acs = (group or c)["acs"]
        for acn in owner_acs:
            v = {"StatusCredits": 40 if cabin in "JF" else 15, "TierSegments": 1,
                 "LoungeVisits": 1 if cabin in "JF" else 0}[acn]
            if v == 0:
                continue
            reg_item = self.regular_item(v, dt)
            ac_earned.append({"regular": [reg_item], "promo": [], "promised": [],
                              "alternateCurrencyName": acn,
                              "alternateCurrencyIdentifier": ALTERNATE_CURRENCIES[acn]})
            b = self.breakup_item(v, dt, gross - disc, category=acn + "_PointCategory")
            ac_breakup.append({"regular": [b], "promised": [], "alternateCurrencyName": acn,
                               "alternateCurrencyIdentifier": ALTERNATE_CURRENCIES[acn]})
        ev = self.base(name, dt, ref=str(bill))
        ev["_bill"] = {
            "header": {
                "type": "loyalty",
                "billNumber": "SL%s-%s" % (route.replace("-", ""), r.token(6).upper()),
                "grossAmount": gross,
                "discount": disc,
                "billAmount": money(gross - disc),
                "note": r.pick(["", "Online booking %s" % route, "Airport ticket desk", "Corporate fare"]),
                "source": "instore",
                "billDate": legacy(dt),
                "billDateISO": iso(dt),
            },
            "pointsEarned": agg,
            "pointsEarnedBreakup": brk,
            "ac": ac_earned,
            "acBreakup": ac_breakup,
            "lineItems": items,
        }
        ev["_maxConversion"] = max((li["_delayed_conv"] for li in items if li["_delayed_conv"]),
                                   default=None) if delayed_any else None
        ev["_customFields"] = [{"name": "booking_channel", "value": r.pick(["app", "web", "agency", "kiosk"])},
                               {"name": "cabin_class", "value": cabin}]
        ev["_extendedFields"] = [{"name": "flight_number", "value": "SL%d" % r.int(100, 989)},
                                 {"name": "route", "value": route},
                                 {"name": "departure_date", "value": flight_dt.strftime("%Y-%m-%d")}]
        ev["_paymentModes"] = r.pick([["CARD"], ["CARD", "MILES_PLUS_CASH"], ["UPI"], ["CASH"], ["Others"]])
        slab = (group or c).get("slab", "BLUE")
        ev["pointInTimeSlabs"] = [
            {"pointInTimeSlabNumber": SLABS.index(slab) + 1, "pointInTimeSlabName": slab,
             "programId": PROGRAMS["default"]["programId"], "isDefaultProgram": True},
            {"pointInTimeSlabNumber": 1, "pointInTimeSlabName": "PARTNER_BASE",
             "programId": PROGRAMS["partner"]["programId"], "isDefaultProgram": False},
        ]
        return ev

    def ev_return(self, c, dt, original):
        r = self.rng
        ob = original["_bill"]
        rtype = r.pick(["FULL", "LINE_ITEM", "AMOUNT", "CANCELLED"])
        lines = []
        if rtype in ("FULL", "LINE_ITEM", "CANCELLED"):
            src = ob["lineItems"] if rtype != "LINE_ITEM" else ob["lineItems"][:1]
            for sn, li in enumerate(src, 1):
                ret_reg = [dict(x, returnPoints=x["value"], value=0.0) for x in li["_pointsEarned"]["regular"]]
                ret_promo = [dict(x, returnedPoints=x["value"], value=0.0) for x in li["_pointsEarned"]["promo"]]
                nl = {"id": li["id"], "itemCode": li["itemCode"], "grossAmount": li["grossAmount"],
                      "amount": li["amount"], "rate": li["rate"], "qty": li["qty"], "serialNumber": sn,
                      "returnAmount": li["amount"], "returnRate": li["rate"], "returnQty": li["qty"],
                      "returnValue": li["amount"],
                      "_pointsEarned": {"regular": ret_reg, "promo": ret_promo, "promised": []},
                      "_breakup": {"regular": [dict(x, returnPoints=x["value"]) for x in li["_breakup"]["regular"]],
                                   "promised": []},
                      "_delayed_conv": None}
                lines.append(nl)
        ret_amount = sum(li["returnAmount"] for li in lines) if lines else money(ob["header"]["billAmount"] * 0.3)
        agg = {"regular": [], "promo": [], "promised": []}
        brk = {"regular": [], "promised": []}
        for li in lines:
            for b in agg:
                agg[b].extend(li["_pointsEarned"][b])
            brk["regular"].extend(li["_breakup"]["regular"])
        ev = self.base("ReturnBill", dt, ref=original["eventReferenceId"])
        ev["_bill"] = {
            "header": {
                "billNumber": ob["header"]["billNumber"],
                "billAmount": ob["header"]["billAmount"],
                "note": r.pick(["Ticket refunded", "Schedule change refund", ""]),
                "returnDate": legacy(dt),
                "returnDateISO": iso(dt),
                "returnAmount": money(ret_amount),
                "billDate": ob["header"]["billDate"],
                "billDateISO": ob["header"]["billDateISO"],
                "returnType": rtype,
                "returnBillId": 25600000 + r.int(1000, 990000),
            },
            "pointsEarned": agg,
            "pointsEarnedBreakup": brk,
            "ac": [], "acBreakup": [],
            "lineItems": lines,
        }
        ev["_maxConversion"] = None
        ev["_customFields"] = [{"name": "refund_reason", "value": r.pick(["schedule_change", "voluntary", "medical"])}]
        ev["_extendedFields"] = []
        ev["_paymentModes"] = ["CARD"]
        return ev

    def ev_redemption(self, c, dt, group=None):
        r = self.rng
        amount = r.pick([1500, 2500, 4000, 7500, 12000, 300])
        ev = self.base("PointsRedemption", dt,
                       ref=str(-group["id"]) if group else str(c["id"]))
        rd = {"pointsRedeemed": s3(amount),
              "redemptionPurpose": r.pick(["", "Seat upgrade", "Award ticket", "Lounge access", "Excess baggage"]),
              "transactionNumber": "RDM-%s" % r.token(8).upper(),
              "billingTime": legacy(dt), "billingTimeISO": iso(dt)}
        if r.chance(50):
            rd["externalReferenceNumber"] = r.uuid()
        rd["redemptionId"] = r.token(6)
        rd["notes"] = r.pick(["", "null", "Redeemed at DXB T3 desk", "Family pool redemption"])
        rd["groupRedemption"] = bool(group)
        ev["eventDetails"]["redemptionDetails"] = rd
        ev["_customFields"] = [{"name": "redemption_channel", "value": r.pick(["kiosk", "app", "call_centre"])}]
        ev["pointsBreakup"] = [] if r.chance(40) else [
            {"points": s3(amount * 0.8), "programId": str(PROGRAMS["default"]["programId"]),
             "programName": PROGRAMS["default"]["programName"]},
            {"points": s3(amount * 0.2), "programId": str(PROGRAMS["partner"]["programId"]),
             "programName": PROGRAMS["partner"]["programName"]}]
        return ev

    def ev_goodwill(self, c, dt):
        r = self.rng
        ev = self.base("AllocateGoodwillPoints", dt, till=False, ref="-1")
        self.next_request += r.int(7, 5000)
        ev["eventDetails"].update({
            "reason": r.pick(["FLIGHT_DELAY", "LOST_BAGGAGE", "POINTS_ISSUE", "DOWNGRADE"]),
            "comments": r.pick(["Compensation for 4h delay on SL412", "Bag delivered 2 days late",
                                "Missing miles for partner stay", "Involuntary cabin downgrade"]),
            "assocId": r.pick([0, 0, 7781, 7794]),
            "requestId": self.next_request,
        })
        value = r.pick([250, 500, 1000, 2000])
        ev["pointsEarned"] = {"regular": [], "promo": [self.promo_item(75984 + c["k"] % 3, "Goodwill Promotion",
                                                                       value, dt)], "promised": []}
        return ev

    def ev_manual(self, c, dt):
        r = self.rng
        value = r.pick([100, 250, 600])
        ev = self.base("ManualPointsAdjustment", dt, ref="-1")
        awarded = dt - timedelta(days=r.int(10, 90))
        ev["manualPointsAdjustmentDetails"] = {
            "orgId": ORG_ID,
            "customerId": c["id"],
            "totalPointsDeducted": s3(value),
            "createdOn": dt.strftime("%Y-%m-%d %H:%M:%S"),
            "createdOnISO": iso(dt),
            "reason": r.pick(["duplicate credit", "fraud review", "partner reversal"]),
            "pointsDeductionBreakUpDetails": [{
                "customerId": c["id"], "loyaltyId": c["id"],
                "programId": PROGRAMS["default"]["programId"], "programName": PROGRAMS["default"]["programName"],
                "promotionId": 75984, "promotionName": "Goodwill Promotion",
                "pointAwardedRefType": "POINT_AWARDED_CUSTOMER_PROMOTION",
                "pointAwardedRefId": 738400000 + r.int(1, 99999),
                "deductionType": "MANUAL_ADJUSTMENT",
                "pointsDeducted": float(value), "pointsDeductedStr": s3(value),
                "pointsDeductedCurrencyValue": float(value), "pointsDeductedCurrencyValueStr": s3(value),
                "pointsDeductedOn": legacy(dt), "pointsDeductedOnISO": iso(dt),
                "pointsDeductedBy": "ops.%s" % r.pick(["farah", "james", "li"]),
                "pointsDeductedById": ev["eventDetails"]["tillId"],
                "sourceType": "Bill",
                "awardedTillId": r.pick(TILLS),
                "awardedTillDate": legacy(awarded), "awardedTillDateISO": iso(awarded),
            }],
        }
        return ev

    BEHAVIOURAL = [
        ("FlightFlown", "Flight Flown", [("mobile", "customer"), ("flightNumber", "string"),
                                          ("distanceKm", "double"), ("flownOn", "date"), ("tillcode", "tillCode")]),
        ("LoungeCheckIn", "LOUNGE CHECK-IN", [("externalid", "customer"), ("loungeCode", "string"),
                                               ("visitDate", "date")]),
        ("AppCheckIn", "App Check-in", [("mobile", "customer"), ("seatsSelected", "double")]),
        ("SurveyCompleted", "Post-flight survey", [("email", "customer"), ("npsScore", "double"),
                                                   ("comment", "string")]),
    ]

    def ev_generic(self, c, dt):
        r = self.rng
        label, display, fields = r.pick(self.BEHAVIOURAL)
        req = r.uuid()
        ev = self.base("GenericEvent", dt, time=False, ref=req, unique=req)
        ev["eventDetails"] = {"eventDisplayName": label, "tillId": r.pick(TILLS), "displayName": display}
        start = datetime(dt.year, dt.month, 1, tzinfo=SERVER_TZ)
        end = start + timedelta(days=120, hours=23, minutes=59, seconds=59)
        value = r.pick([50, 100, 150, 250])
        ev["pointsEarned"] = {"regular": [], "promo": [self.promo_item(1133595600 + len(label), label + " Bonus",
                                                                       value, dt, promo_dates=(start, end))],
                              "promised": []}
        mfields = []
        for fname, ftype in fields:
            if ftype == "customer":
                attrs = {"accountId": {"valueType": "ENUM"},
                         "addCustomerIfNotExists": {"valueType": "BOOLEAN", "value": "false"},
                         "identifierType": {"valueType": "ENUM", "value": {"externalid": "externalId"}.get(fname, fname)},
                         "isRequired": {"valueType": "BOOLEAN", "value": "true"},
                         "source": {"valueType": "ENUM", "value": "INSTORE"}}
            else:
                attrs = {"isRequired": {"valueType": "BOOLEAN", "value": "true" if ftype == "double" else "false"}}
                if ftype in ("double", "string"):
                    attrs["isPsiData"] = {"valueType": "BOOLEAN", "value": "false"}
                    attrs["isUniqueKeyField"] = {"valueType": "BOOLEAN",
                                                 "value": "true" if fname == "flightNumber" else "false"}
                if ftype == "string":
                    attrs["regex"] = {"valueType": "STRING"}
            mfields.append({"fieldName": fname, "fieldType": ftype, "attributes": attrs})
        ev["behavioralEventMetadata"] = {"label": display, "fields": mfields}
        return ev

    def ev_target(self, c, dt):
        r = self.rng
        ev = self.base("TargetCompleted", dt, ref=str(263900 + r.int(100, 99000)), unique=r.hexhash(40))
        milestone = r.chance(50)
        td = {"targetGroupID": 46800 + r.int(1, 40),
              "targetGroupName": "Fly More Challenge" if milestone else "Quarterly Segments",
              "targetId": 76100 + r.int(1, 300),
              "targetName": "Segments Q%d" % ((dt.month - 1) // 3 + 1),
              "targetDescription": "Fly the required number of segments in the period",
              "targetPeriodID": 66300 + r.int(1, 90),
              "targetPeriodName": "Cycle_%d" % r.int(1, 6)}
        if milestone:
            td["triggerValue"] = s3(r.pick([3, 6, 10]))
            td["sourceId"] = 78100 + r.int(1, 50)
            td["sourceType"] = "MILESTONE"
        else:
            goal = r.pick([4, 8, 12])
            td["targetValue"] = s3(goal)
            td["achievedValue"] = s3(goal + r.int(0, 3))
            td["sourceId"] = 641500 + r.int(1, 500)
            td["sourceType"] = "USERTARGET"
        promised = []
        if r.chance(35):
            promised = [self.promised_item(r.pick([300, 800]), dt + timedelta(days=30))]
        td["pointsEarned"] = {"promo": [self.promo_item(1133572900 + r.int(1, 9), "Target bonus",
                                                        r.pick([500, 1000, 1500]), dt)],
                              "promised": promised}
        if milestone:
            td["mileStoneName"] = "Milestone %s" % td["triggerValue"].split(".")[0]
        ev["targetCompletedDetails"] = td
        return ev

    def ev_transfer(self, c, dt, to):
        r = self.rng
        amount = r.pick([500, 1000, 2500])
        ev = self.base("PointsTransfer", dt, till=False, ref=str(c["id"]))
        det = [{"points": s3(amount), "programId": str(PROGRAMS["default"]["programId"]),
                "programName": PROGRAMS["default"]["programName"]}]
        ev["transferredFrom"] = {"userId": str(c["id"]), "firstName": c["firstName"], "lastName": c["lastName"],
                                 "transferType": "TRANSFER", "pointsTransferDetails": det}
        ev["transferredTo"] = {"userId": str(to["id"]), "firstName": to.get("firstName", ""),
                               "lastName": to.get("lastName", ""), "transferType": "TRANSFER",
                               "pointsTransferDetails": [dict(d) for d in det]}
        ev["notes"] = r.pick(["", "Gift to family member", "Pooling for award ticket"])
        return ev

    def ev_voucher(self, c, dt):
        r = self.rng
        self.next_voucher += r.int(3, 999)
        ev = self.base("VoucherRedemption", dt, ref=str(self.next_voucher))
        ev["pointsEarned"] = {"regular": [self.regular_item(r.pick([10, 25]), dt)],
                              "promo": [self.promo_item(199500 + r.int(1, 20), "Duty-free voucher bonus", 50, dt)],
                              "promised": []}
        ev["voucherRedemptionDetails"] = {"voucherIssuedId": self.next_voucher, "voucherSeriesId": 1110700 + r.int(1, 40),
                                          "redeemedVoucherCode": "%06d" % r.int(100000, 999999),
                                          "redeemDate": legacy(dt)}
        return ev

    def ev_import(self, c, dt):
        r = self.rng
        name = r.pick(["SkyLark Visa Infinite - monthly card spend miles", "Hotel partner stay miles import"])
        ev = self.base("CustomerPromotionImport", dt, time=False, ref="-1")
        ev["eventDetails"] = {"eventDisplayName": name, "tillId": -1}
        ev["pointsEarned"] = {"regular": [], "promo": [self.promo_item(6900 + r.int(1, 30), name,
                                                                      r.pick([840, 1260, 3310]), dt,
                                                                      prog="partner", with_expiry=False)],
                              "promised": []}
        stamp = dt.strftime("%d%m%Y_%H%M%S")
        ev["importMeta"] = {"fileName": "skylark_partner_%s.csv" % stamp,
                            "importStartTime": legacy(dt),
                            "importEndTime": legacy(dt + timedelta(minutes=r.int(1, 9), seconds=r.int(0, 59))),
                            "profileName": "Customer Promotion",
                            "profileType": "Promotional Rewards"}
        return ev

    # ----- ledgers --------------------------------------------------------------
    def build_ledger(self, c, length):
        r = self.rng
        dt = datetime(2023, 1, 3, 8, 15, 0, tzinfo=SERVER_TZ) + timedelta(days=c["k"] * 11, minutes=c["k"] * 7)
        self.add(c, self.ev_registration(c, dt))
        forced = ["TransactionAdd", "GenericEvent", "ReturnBill", "PointsRedemption", "AllocateGoodwillPoints",
                  "TargetCompleted", "TargetCompleted", "PointsTransfer", "VoucherRedemption",
                  "ManualPointsAdjustment", "CustomerPromotionImport", "CustomerUpdate"] if length >= 30 else []
        weights = [("TransactionAdd", 34), ("GenericEvent", 16), ("PointsRedemption", 10), ("TargetCompleted", 8),
                   ("ReturnBill", 6), ("AllocateGoodwillPoints", 6), ("VoucherRedemption", 5),
                   ("PointsTransfer", 4), ("ManualPointsAdjustment", 4), ("CustomerPromotionImport", 4),
                   ("CustomerUpdate", 3)]
        total = sum(w for _, w in weights)
        bills = []
        for i in range(1, length):
            dt = dt + timedelta(days=r.int(1, 23), hours=r.int(0, 9), minutes=r.int(0, 59), seconds=r.int(0, 59))
            if i - 1 < len(forced):
                kind = forced[i - 1]
            else:
                x = r.int(0, total - 1)
                for kind, w in weights:
                    if x < w:
                        break
                    x -= w
            if kind == "ReturnBill" and not bills:
                kind = "TransactionAdd"
            if kind == "TransactionAdd":
                ev = self.ev_transaction(c, dt)
                bills.append(ev)
            elif kind == "ReturnBill":
                ev = self.ev_return(c, dt, bills.pop(0))
            elif kind == "PointsRedemption":
                ev = self.ev_redemption(c, dt)
            elif kind == "TargetCompleted":
                ev = self.ev_target(c, dt)
            elif kind == "AllocateGoodwillPoints":
                ev = self.ev_goodwill(c, dt)
            elif kind == "VoucherRedemption":
                ev = self.ev_voucher(c, dt)
            elif kind == "PointsTransfer":
                to = self.customers[(c["k"] + 5) % len(self.customers)]
                ev = self.ev_transfer(c, dt, to)
            elif kind == "ManualPointsAdjustment":
                ev = self.ev_manual(c, dt)
            elif kind == "CustomerPromotionImport":
                ev = self.ev_import(c, dt)
            elif kind == "CustomerUpdate":
                ev = self.ev_update(c, dt)
            else:
                ev = self.ev_generic(c, dt)
            self.add(c, ev)

    def make_group(self):
        members = [self.customers[2], self.customers[5], self.customers[9], self.customers[14]]
        g = {"id": 3906221, "externalId": "SLF-FAMILY-7731", "name": "Rahman Family Pool",
             "primary": members[0], "members": members, "eventIds": [], "acs": ["StatusCredits"],
             "slab": "GOLD", "firstName": "Rahman", "lastName": "Family Pool"}
        self.groups.append(g)
        dt = datetime(2024, 2, 11, 9, 0, 0, tzinfo=SERVER_TZ)
        seq = ["GroupTransactionAdd", "PointsTransferIn", "GroupTransactionAdd", "PointsRedemption",
               "GroupTransactionAdd", "PointsTransferIn", "PointsRedemption", "GroupTransactionAdd"]
        for i, kind in enumerate(seq):
            dt = dt + timedelta(days=9 + i * 3, hours=i)
            if kind == "GroupTransactionAdd":
                ev = self.ev_transaction(g["primary"], dt, name="GroupTransactionAdd", group=g)
            elif kind == "PointsRedemption":
                ev = self.ev_redemption(g["primary"], dt, group=g)
            else:
                m = members[1 + i % 3]
                to = {"id": -g["id"], "firstName": "", "lastName": ""}
                ev = self.ev_transfer(m, dt, to)
            self.add(g, ev)
        # a second, small group with no events, so that an empty group ledger exists too
        self.groups.append({"id": 3911987, "externalId": "SLF-CORP-0815", "name": "Dune Logistics Travel Desk",
                            "primary": self.customers[20], "members": [self.customers[20], self.customers[21]],
                            "eventIds": [], "acs": [], "slab": "SILVER"})


def ledger_length(k):
    if k in (0, 7, 13, 20):
        return 30 + (k * 7) % 11          # long ledgers: 30..40 events
    if k % 3 == 2:
        return 1 + (k // 3) % 3           # very short ledgers: 1..3 events
    return 4 + (k * 5) % 9                # medium ledgers


def build():
    b = Builder()
    b.make_customers(28)
    for c in b.customers:
        b.build_ledger(c, ledger_length(c["k"]))
    b.make_group()
    return b


if __name__ == "__main__":
    b = build()
    for c in b.customers:
        names = [b.events[e]["eventName"] for e in c["eventIds"]]
        print(c["k"], c["id"], c["mobile"], c["email"], c["externalId"], c["accounts"], c["acs"], len(names))
    for g in b.groups:
        print("group", g["id"], g["externalId"], g["primary"]["id"], g["eventIds"])
