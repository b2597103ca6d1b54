#!/usr/bin/env python3
"""Smoke test: starts server.py (once clean, once per planted fault) and checks answers.

Run from this folder:  python3 smoke_test.py
"""

import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
QA = json.load(open(os.path.join(HERE, "qa-sheet.json")))
PATH = "/v2/pointsLedger/getLedgerExplodeInfo"

C1, C2, C3, C4 = QA["customers"]
GROUP = QA["group"]
FAILS = []


def basic(user, pw, hashed=True):
    p = hashlib.md5(pw.encode()).hexdigest() if hashed else pw
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, p)).encode()).decode()}


GOOD = basic(QA["credentials"]["basic"]["username"], QA["credentials"]["basic"]["password"])


class Server:
    def __init__(self, faults=()):
        cmd = [sys.executable, "server.py"] + (["--fault", ",".join(faults)] if faults else [])
        self.p = subprocess.Popen(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.base = self.p.stdout.readline().strip()
        assert self.base.startswith("http://127.0.0.1:"), self.base

    def stop(self):
        self.p.terminate()
        self.p.wait(timeout=10)

    def req(self, query="", headers=None, path=PATH, method="GET", body=None):
        url = self.base + path + (("?" + query) if query else "")
        r = urllib.request.Request(url, method=method, headers=headers if headers is not None else GOOD,
                                   data=body)
        try:
            with urllib.request.urlopen(r, timeout=10) as resp:
                raw = resp.read()
                status = resp.status
        except urllib.error.HTTPError as e:
            raw, status = e.read(), e.code
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw.decode("utf-8", "replace")


def q(c, extra=""):
    s = "identifierName=%s&identifierValue=%s&source=INSTORE" % (c["identifierName"],
                                                                 urllib.request.quote(c["identifierValue"]))
    return s + ("&" + extra if extra else "")


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "  -> " + str(detail)[:300]))
    if not cond:
        FAILS.append(name)


def err_code(body):
    try:
        return body["errors"][0]["code"]
    except Exception:
        return None


def ids(body):
    return [e["eventLogId"] for e in body.get("events", [])] if isinstance(body, dict) else None


def first_event(srv, c, eid, extra=""):
    st, b = srv.req(q(c, "eventIds=%d%s" % (eid, ("&" + extra) if extra else "")))
    return st, b, (b["events"][0] if st == 200 and b.get("events") else {})


def clean_checks(s):
    e1 = C1["eventIds"]
    # --- auth -------------------------------------------------------------------
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers={})
    check("no credentials -> 401", st == 401, (st, b))
    cred = QA["credentials"]
    st, _ = s.req(q(C1, "eventIds=%d" % e1[0]), headers=basic(cred["basic"]["username"], cred["basic"]["password"], False))
    check("plain (non-MD5) password -> 401", st == 401, st)
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers=basic(cred["forbidden"]["username"], cred["forbidden"]["password"]))
    check("identity without Points resource -> 403/4000", st == 403 and err_code(b) == 4000, (st, b))
    st, tok = s.req(path="/v3/oauth/token/generate", method="POST", headers={"Content-Type": "application/json"},
                    body=json.dumps(cred["oauth"]).encode())
    check("oauth token generate", st == 200 and tok["data"]["ttlSeconds"] == 300 and tok["errors"] is None, (st, tok))
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers={"X-CAP-API-OAUTH-TOKEN": tok["data"]["accessToken"]})
    check("X-CAP-API-OAUTH-TOKEN accepted", st == 200 and ids(b) == [e1[0]], (st, b))
    st, b = s.req(path="/v3/oauth/token/generate", method="POST", headers={"Content-Type": "application/json"},
                  body=json.dumps({"key": cred["oauth"]["key"], "secret": "nope"}).encode())
    check("oauth bad secret -> 401", st == 401, (st, b))
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers={"X-CAP-API-OAUTH-TOKEN": "not.a.token"})
    check("bad oauth token -> 401", st == 401, st)
    # --- selectors ------------------------------------------------------------
    for c in (C1, C2, C3, C4):
        st, b = s.req(q(c, "eventIds=" + ",".join(map(str, c["eventIds"]))))
        check("eventIds for %s=%s" % (c["identifierName"], c["identifierValue"]),
              st == 200 and ids(b) == c["eventIds"] and b["warnings"] == [], (st, b))
        check("eventReferenceId is a string (%s)" % c["identifierName"],
              all(isinstance(e["eventReferenceId"], str) for e in b["events"]), b)
    ev = first_event(s, C1, e1[0])[2]
    st, b = s.req(q(C1, "eventName=%s&eventReferenceIds=%s" % (ev["eventName"], ev["eventReferenceId"])))
    check("eventName + eventReferenceIds (transaction)", st == 200 and e1[0] in ids(b), (st, b))
    gen = first_event(s, C1, e1[1])[2]
    st, b = s.req(q(C1, "type=CUSTOMER&eventName=GenericEvent&eventReferenceIds=%s" % gen["eventReferenceId"]))
    check("eventName=GenericEvent + request UUID", st == 200 and ids(b) == [e1[1]] and
          "behavioralEventMetadata" in b["events"][0], (st, b))
    st, b = s.req(q(C1, "eventIds=%d&eventName=TransactionAdd&eventReferenceIds=1" % e1[0]))
    check("both selectors -> 11021", st == 400 and err_code(b) == 11021, (st, b))
    st, b = s.req(q(C1))
    check("no selector -> 11023", st == 400 and err_code(b) == 11023, (st, b))
    st, b = s.req(q(C1, "eventName=TransactionAdd"))
    check("eventName without reference ids -> 11023", st == 400 and err_code(b) == 11023, (st, b))
    st, b = s.req(q(C1, "eventIds=%d,abc" % e1[0]))
    check("non-numeric eventIds -> 11017", st == 400 and err_code(b) == 11017, (st, b))
    st, b = s.req(q(C1, "eventIds=%d" % C2["eventIds"][0]))
    check("event of another customer -> 9021", st == 400 and err_code(b) == 9021 and
          str(C2["eventIds"][0]) in b["errors"][0]["message"], (st, b))
    st, b = s.req(q(C1, "eventName=DelayedAccrual&eventReferenceIds=1"))
    check("unknown eventName -> 11014", st == 400 and err_code(b) == 11014, (st, b))
    st, b = s.req(q(C1, "eventName=TransactionAdd&eventReferenceIds=999999"))
    check("unknown reference id -> 9022", st == 400 and err_code(b) == 9022, (st, b))
    st, b = s.req(q(C1, "eventName=TransactionAdd&eventReferenceIds=" + ",".join(str(i) for i in range(1, 12))))
    check("11 reference ids -> 11014", st == 400 and err_code(b) == 11014, (st, b))
    # --- identifiers / envelope errors --------------------------------------------
    st, b = s.req("identifierName=mobile&identifierValue=%s&eventIds=%d" % (C1["identifierValue"], e1[0]))
    check("missing source -> 11013", st == 400 and err_code(b) == 11013 and b["errors"][0]["status"] is False, (st, b))
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]).replace("identifierName=mobile", "identifierName=passport"))
    check("bad identifierName -> 8013", st == 400 and err_code(b) == 8013, (st, b))
    st, b = s.req(q(C1, "eventIds=%d" % e1[0]).replace("INSTORE", "PIGEON"))
    check("bad source -> 8003", st == 400 and err_code(b) == 8003, (st, b))
    st, b = s.req(q(C1, "eventIds=%d&type=FLEET" % e1[0]))
    check("bad type -> 9003", st == 400 and err_code(b) == 9003, (st, b))
    st, b = s.req("identifierName=mobile&identifierValue=971509999999&source=INSTORE&eventIds=1")
    check("unknown customer -> 8015", st == 400 and err_code(b) == 8015, (st, b))
    st, b = s.req("identifierName=id&identifierValue=abc&source=INSTORE&eventIds=1")
    check("non-numeric id -> 11012", st == 400 and err_code(b) == 11012, (st, b))
    st, b = s.req(q(C1, "eventIds=%d&alternateCurrencyNames=%%3B%%3B" % e1[0]))
    check("bad alternateCurrencyNames -> 9005", st == 400 and err_code(b) == 9005, (st, b))
    # --- flags ------------------------------------------------------------------------
    txn = e1[0]
    st, b, e = first_event(s, C1, txn)
    check("no flags -> no billDetails/customFields", st == 200 and "billDetails" not in e and "customFields" not in e, e)
    st, b, e = first_event(s, C1, txn, "getBillDetails=true")
    bd = e.get("billDetails", {})
    check("getBillDetails -> billDetails with lineItems", bool(bd.get("lineItems")) and "billNumber" in bd
          and "pointsEarned" in bd and "pointsEarnedBreakup" not in bd, e)
    st, b, e = first_event(s, C1, txn, "getBillDetails=true&getPointsEarnedBreakup=true")
    check("getPointsEarnedBreakup -> pointsEarnedBreakup", "pointsEarnedBreakup" in e.get("billDetails", {}), e)
    st, b, e = first_event(s, C1, txn, "getCustomFields=true&getExtendedFields=true&getPaymentModes=true")
    check("custom/extended/payment flags", isinstance(e.get("customFields"), list) and
          isinstance(e.get("extendedFields"), list) and isinstance(e.get("paymentModes"), list), e)
    st, b, e = first_event(s, C1, txn, "getMaxConversionDetails=true")
    check("getMaxConversionDetails -> eventDetails.maxConversionDate", "maxConversionDate" in e.get("eventDetails", {}), e)
    # --- alternate currencies -----------------------------------------------------
    st, b, e = first_event(s, C1, txn, "getBillDetails=true&includeAlternateCurrencies=true")
    names = [a["alternateCurrencyName"] for a in e.get("billDetails", {}).get("alternateCurrencyValueEarned", [])]
    check("includeAlternateCurrencies -> all ACs", len(names) >= 2 and b["warnings"] == [], (names, b.get("warnings")))
    st, b, e = first_event(s, C1, txn, "getBillDetails=true&alternateCurrencyNames=StatusCredits")
    names = [a["alternateCurrencyName"] for a in e.get("billDetails", {}).get("alternateCurrencyValueEarned", [])]
    check("alternateCurrencyNames filter", names == ["StatusCredits"], names)
    st, b, e = first_event(s, C1, txn, "getBillDetails=true&alternateCurrencyNames=StatusCredits,dummy")
    check("unknown AC name -> warning 9018", st == 200 and [w["code"] for w in b["warnings"]] == [9018], b)
    st, b = s.req(q(C2, "eventIds=%d&includeAlternateCurrencies=true&getBillDetails=true" % C2["eventIds"][0]))
    check("customer without ACs -> warning 9018", st == 200 and b["warnings"] and b["warnings"][0]["code"] == 9018, b)
    st, b, e = first_event(s, C1, txn, "getBillDetails=true")
    check("no AC params -> no AC arrays", "alternateCurrencyValueEarned" not in e.get("billDetails", {}), e)
    # --- user group -----------------------------------------------------------------
    gq = "identifierName=%s&identifierValue=%s&source=INSTORE&type=USERGROUP2" % (GROUP["identifierName"],
                                                                                  GROUP["identifierValue"])
    st, b = s.req(gq + "&eventName=TransactionAdd&eventReferenceIds=1")
    check("group resolves (then 9022 for unknown ref)", st == 400 and err_code(b) == 9022, (st, b))
    import data  # the smoke test may look into its own data set to find the group's events
    grp = [g for g in data.build().groups if g["externalId"] == GROUP["identifierValue"] or
           str(g["id"]) == GROUP["identifierValue"]][0]
    st, b = s.req(gq + "&eventIds=" + ",".join(map(str, grp["eventIds"][:4])))
    check("USERGROUP2 eventIds", st == 200 and ids(b) == grp["eventIds"][:4], (st, b))
    st, b = s.req(gq + "&isPrimaryUser=true&eventIds=%d" % grp["primary"]["eventIds"][0])
    check("USERGROUP2 isPrimaryUser -> primary member's events", st == 200 and
          ids(b) == [grp["primary"]["eventIds"][0]], (st, b))
    st, b = s.req("identifierName=id&identifierValue=1&source=INSTORE&type=USERGROUP2&eventIds=1")
    check("unknown group -> 1632", st == 400 and err_code(b) == 1632, (st, b))
    # --- pagination ----------------------------------------------------------------
    three = ",".join(map(str, e1[:3]))
    st, b = s.req(q(C1, "eventIds=%s&offset=1&limit=1" % three))
    check("offset=1&limit=1 -> second event", st == 200 and ids(b) == [e1[1]], (st, b))
    st, b = s.req(q(C1, "eventIds=%s&offset=5&limit=10" % three))
    check("past last page -> empty events", st == 200 and ids(b) == [], (st, b))
    # --- other paths / concurrency ----------------------------------------------------
    st, b = s.req(path="/v2/nothing/here")
    check("unknown path -> 404", st == 404, st)
    results = []

    def worker():
        results.append(s.req(q(C1, "eventIds=%d&getBillDetails=true" % txn))[0])
    ts = [threading.Thread(target=worker) for _ in range(24)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    check("24 concurrent requests", results == [200] * 24, results)


def fault_checks(name, s):
    e1 = C1["eventIds"]
    cred = QA["credentials"]
    if name == "both-selectors-allowed":
        st, b = s.req(q(C1, "eventIds=%d&eventName=TransactionAdd&eventReferenceIds=1" % e1[0]))
        return st == 200
    if name == "no-selector-empty":
        st, b = s.req(q(C1))
        return st == 200 and b["events"] == []
    if name == "eventid-format-ignored":
        st, b = s.req(q(C1, "eventIds=%d,abc" % e1[0]))
        return st == 200
    if name == "foreign-event-ids":
        st, b = s.req(q(C1, "eventIds=%d" % C2["eventIds"][0]))
        return st == 200
    if name == "basic-plaintext-password":
        st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers=basic(cred["basic"]["username"], cred["basic"]["password"], False))
        return st == 200
    if name == "forbidden-allowed":
        st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers=basic(cred["forbidden"]["username"], cred["forbidden"]["password"]))
        return st == 200
    if name == "oauth-header-ignored":
        st, tok = s.req(path="/v3/oauth/token/generate", method="POST", headers={"Content-Type": "application/json"},
                        body=json.dumps(cred["oauth"]).encode())
        st, b = s.req(q(C1, "eventIds=%d" % e1[0]), headers={"X-CAP-API-OAUTH-TOKEN": tok["data"]["accessToken"]})
        return st == 401
    if name == "bill-details-ignored":
        st, b, e = first_event(s, C1, e1[0], "getBillDetails=true")
        return st == 200 and "billDetails" not in e
    if name == "ac-filter-ignored":
        st, b, e = first_event(s, C1, e1[0], "getBillDetails=true&alternateCurrencyNames=StatusCredits")
        return len(e["billDetails"]["alternateCurrencyValueEarned"]) > 1
    if name == "usergroup-ignored":
        st, b = s.req("identifierName=%s&identifierValue=%s&source=INSTORE&type=USERGROUP2&eventIds=1"
                      % (GROUP["identifierName"], GROUP["identifierValue"]))
        return err_code(b) == 8015
    if name == "ref-ids-over-ten":
        import data
        db = data.build()
        cust = [c for c in db.customers if str(c["id"]) == C4["identifierValue"]][0]
        refs = [db.events[e]["eventReferenceId"] for e in cust["eventIds"]
                if db.events[e]["eventName"] == "TransactionAdd"][:11]
        st, b = s.req(q(C4, "eventName=TransactionAdd&eventReferenceIds=" + ",".join(refs) + "&limit=20"))
        return len(refs) == 11 and st == 200 and len(b["events"]) == 11
    if name == "invalid-type-accepted":
        st, b = s.req(q(C1, "eventIds=%d&type=FLEET" % e1[0]))
        return st == 200
    if name == "reference-id-integer":
        st, b = s.req(q(C1, "eventIds=%d" % e1[0]))
        return isinstance(b["events"][0]["eventReferenceId"], int)
    if name == "flat-error-envelope":
        st, b = s.req(q(C1))
        return st == 400 and "errors" not in b and b.get("code") == 11023
    if name == "missing-source-ok":
        st, b = s.req("identifierName=mobile&identifierValue=%s&eventIds=%d" % (C1["identifierValue"], e1[0]))
        return st == 200
    if name == "unknown-eventname-empty":
        st, b = s.req(q(C1, "eventName=DelayedAccrual&eventReferenceIds=1"))
        return st == 200 and b["events"] == []
    if name == "limit-ignored":
        st, b = s.req(q(C1, "eventIds=%s&offset=1&limit=1" % ",".join(map(str, e1[:3]))))
        return st == 200 and len(b["events"]) == 3
    raise KeyError(name)


def main():
    os.chdir(HERE)
    sys.path.insert(0, HERE)
    import server as srvmod  # only to list fault names
    print("== clean server")
    s = Server()
    try:
        clean_checks(s)
    finally:
        s.stop()
    rc = subprocess.run([sys.executable, "server.py", "--fault", "no-such-fault"], cwd=HERE,
                        capture_output=True).returncode
    check("unknown fault name -> exit 2", rc == 2, rc)
    print("== planted faults")
    for name in srvmod.FAULTS:
        s = Server([name])
        try:
            check("fault %s detectable" % name, fault_checks(name, s))
        except Exception as e:
            check("fault %s detectable" % name, False, repr(e))
        finally:
            s.stop()
    print("\n%d failure(s)" % len(FAILS))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
