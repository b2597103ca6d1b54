#!/usr/bin/env python3
"""SkyLark Airways - clean-room GET /v2/pointsLedger/getLedgerExplodeInfo.

Standard library only.  Start:  python3 server.py [--port N] [--fault NAME[,NAME]] [--verbose]
The first line on stdout is the base URL.  See DIALECT.md and FAULTS.md.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import data

EXPLODE_PATH = "/v2/pointsLedger/getLedgerExplodeInfo"
TOKEN_PATH = "/v3/oauth/token/generate"

FAULTS = {
    "both-selectors-allowed": "eventIds together with eventName+eventReferenceIds is accepted (refs ignored) instead of 11021",
    "no-selector-empty": "neither eventIds nor eventName+eventReferenceIds gives 200 with no events instead of 11023",
    "eventid-format-ignored": "non-numeric eventIds are silently dropped instead of error 11017",
    "foreign-event-ids": "eventIds belonging to another customer are returned instead of error 9021",
    "basic-plaintext-password": "Basic auth also accepts the plain password (not MD5-hashed)",
    "forbidden-allowed": "an identity whose access group lacks the Points resource gets 200 instead of 403/4000",
    "oauth-header-ignored": "a valid X-CAP-API-OAUTH-TOKEN header is not accepted (401)",
    "bill-details-ignored": "getBillDetails=true does not return billDetails",
    "ac-filter-ignored": "alternateCurrencyNames does not filter: every alternate currency is returned",
    "usergroup-ignored": "type=USERGROUP2 is ignored and the identifier is looked up as a customer (8015)",
    "ref-ids-over-ten": "more than ten eventReferenceIds are accepted",
    "invalid-type-accepted": "an unknown type (e.g. FLEET) is treated as CUSTOMER instead of error 9003",
    "reference-id-integer": "eventReferenceId is emitted as a JSON number instead of a string",
    "flat-error-envelope": "errors are returned as a flat {code,message} object without the errors[] array",
    "missing-source-ok": "a missing source is defaulted to INSTORE instead of error 11013",
    "unknown-eventname-empty": "an unknown eventName gives 200 with no events instead of error 11014",
    "limit-ignored": "offset/limit are ignored: the whole result list is always returned",
}

ACTIVE = set()

# ----------------------------------------------------------------------------
# Credentials (see QA-SHEET.md)
# ----------------------------------------------------------------------------
BASIC_USERS = {
    # username: (password, has Points resource)
    "skylark.dxb.till01": ("Miles@2024", True),
    "skylark.ops.kiosk": ("Kiosk#4455", False),
}
OAUTH_CLIENTS = {
    # key: (secret, has Points resource)
    "skylark-explode-client": ("c9f1e7a2b4d84f0e9a6b3c5d7e8f1a20", True),
}
TOKEN_TTL = 300
JWT_SECRET = b"skylark-cleanroom-jwt-signing-key-not-a-secret"
OAUTH_HEADERS = ("X-CAP-API-OAUTH-TOKEN", "CAP-API-ACCESS-TOKEN")

# ----------------------------------------------------------------------------
# Data set and indexes
# ----------------------------------------------------------------------------
DB = data.build()
CUSTOMER_BY = {"id": {}, "mobile": {}, "email": {}, "externalid": {}}
for _c in DB.customers:
    CUSTOMER_BY["id"][str(_c["id"])] = _c
    CUSTOMER_BY["mobile"][_c["mobile"]] = _c
    CUSTOMER_BY["email"][_c["email"].lower()] = _c
    CUSTOMER_BY["externalid"][_c["externalId"]] = _c
GROUP_BY = {"id": {}, "externalid": {}, "primaryuserid": {}}
for _g in DB.groups:
    GROUP_BY["id"][str(_g["id"])] = _g
    GROUP_BY["externalid"][_g["externalId"]] = _g
    GROUP_BY["primaryuserid"][str(_g["primary"]["id"])] = _g

CUSTOMER_IDENTIFIERS = {"mobile": "mobile", "email": "email", "externalid": "externalid", "id": "id",
                        "customerid": "id", "cuid": "id", "userid": "id", "primaryuserid": "id"}
GROUP_IDENTIFIERS = {"id": "id", "groupid": "id", "externalid": "externalid", "primaryuserid": "primaryuserid"}
EVENT_NAME_ALIASES = {"NewBill": "TransactionAdd"}
MAX_EVENTS = 10
DEFAULT_LIMIT, MAX_LIMIT = 10, 100
REF_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
AC_NAME_RE = re.compile(r"^[A-Za-z0-9_ ]{1,50}$")


class ApiError(Exception):
    def __init__(self, code, message, http=400):
        super().__init__(message)
        self.code, self.message, self.http = code, message, http


def flag(args, name):
    """Flask-style boolean: only the text 'true' (any case) is true."""
    return str(args.get(name, "")).strip().lower() == "true"


def int_arg(args, name, default):
    """Flask request.args.get(name, default, type=int) - fall back on parse errors."""
    try:
        return int(str(args.get(name, "")).strip())
    except ValueError:
        return default


# ----------------------------------------------------------------------------
# Auth
# ----------------------------------------------------------------------------
def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64url_dec(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def make_token(key):
    now = int(time.time())
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {"iss": "Capillary", "sub": key, "client_id": key, "org_id": data.ORG_ID,
              "token_use": "token_access", "iat": now, "exp": now + TOKEN_TTL,
              "jti": hashlib.sha1(("%s%f" % (key, time.time())).encode()).hexdigest()[:24]}
    signing = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(JWT_SECRET, signing.encode(), hashlib.sha256).digest()
    return signing + "." + b64url(sig)


def check_token(tok):
    try:
        h, p, s = tok.strip().split(".")
        want = hmac.new(JWT_SECRET, (h + "." + p).encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(want, b64url_dec(s)):
            return None
        claims = json.loads(b64url_dec(p))
        if claims.get("exp", 0) < time.time():
            return None
        return claims
    except Exception:
        return None


def authenticate(headers):
    """Return 'ok', 'forbidden' or 'unauthenticated'."""
    for hname in OAUTH_HEADERS:
        tok = headers.get(hname)
        if tok:
            if "oauth-header-ignored" in ACTIVE:
                return "unauthenticated"
            claims = check_token(tok)
            if not claims or claims.get("client_id") not in OAUTH_CLIENTS:
                return "unauthenticated"
            return "ok" if OAUTH_CLIENTS[claims["client_id"]][1] else "forbidden"
    auth = headers.get("Authorization", "")
    if auth[:6].lower() == "basic ":
        try:
            user, _, pw = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")
        except Exception:
            return "unauthenticated"
        entry = BASIC_USERS.get(user)
        if not entry:
            return "unauthenticated"
        md5 = hashlib.md5(entry[0].encode()).hexdigest()
        good = hmac.compare_digest(pw.lower(), md5)
        if not good and "basic-plaintext-password" in ACTIVE:
            good = hmac.compare_digest(pw, entry[0])
        if not good:
            return "unauthenticated"
        if not entry[1] and "forbidden-allowed" not in ACTIVE:
            return "forbidden"
        return "ok"
    return "unauthenticated"


# ----------------------------------------------------------------------------
# Rendering of an internal event record into the public JSON shape
# ----------------------------------------------------------------------------
PUBLIC_ALWAYS = ["pointsEarned", "targetCompletedDetails", "behavioralEventMetadata", "transferredFrom",
                 "transferredTo", "notes", "pointsBreakup", "importMeta", "voucherRedemptionDetails",
                 "manualPointsAdjustmentDetails"]


def render_line(li, opts):
    out = {k: v for k, v in li.items() if not k.startswith("_")}
    out["pointsEarned"] = li["_pointsEarned"]
    if opts["breakup"]:
        out["pointsEarnedBreakup"] = li["_breakup"]
    return out


def render_bill(ev, opts, ac_names):
    b = ev["_bill"]
    out = dict(b["header"])
    if opts["bill"]:
        out["pointsEarned"] = b["pointsEarned"]
    if opts["breakup"]:
        out["pointsEarnedBreakup"] = b["pointsEarnedBreakup"]
    if ac_names is not None:
        out["alternateCurrencyValueEarned"] = [a for a in b["ac"] if a["alternateCurrencyName"] in ac_names]
        if opts["breakup"]:
            out["alternateCurrencyValueEarnedBreakup"] = [a for a in b["acBreakup"]
                                                          if a["alternateCurrencyName"] in ac_names]
    out["lineItems"] = [render_line(li, opts) for li in b["lineItems"]] if opts["bill"] else []
    return out


def render_event(ev, opts, ac_names):
    out = {"eventLogId": ev["eventLogId"], "eventName": ev["eventName"],
           "eventDetails": dict(ev["eventDetails"])}
    if opts["maxconv"] and ev.get("_maxConversion") and ev["eventName"] in ("TransactionAdd", "GroupTransactionAdd"):
        out["eventDetails"]["maxConversionDate"] = data.legacy(ev["_maxConversion"].replace(hour=0, minute=0, second=0))
    if "_bill" in ev:
        show_bill = opts["bill"] and "bill-details-ignored" not in ACTIVE
        if show_bill or opts["breakup"] or ac_names is not None:
            out["billDetails"] = render_bill(ev, dict(opts, bill=show_bill), ac_names)
    for k in PUBLIC_ALWAYS:
        if k in ev:
            out[k] = ev[k]
    if opts["custom"] and "_customFields" in ev:
        out["customFields"] = ev["_customFields"]
    if opts["extended"] and "_extendedFields" in ev:
        out["extendedFields"] = ev["_extendedFields"]
    if opts["payment"] and "_paymentModes" in ev:
        out["paymentModes"] = ev["_paymentModes"]
    if "pointInTimeSlabs" in ev:
        out["pointInTimeSlabs"] = ev["pointInTimeSlabs"]
    ref = ev["eventReferenceId"]
    if "reference-id-integer" in ACTIVE:
        try:
            ref = int(ref)
        except ValueError:
            pass
    out["eventReferenceId"] = ref
    out["uniqueId"] = ev["uniqueId"]
    return out


# ----------------------------------------------------------------------------
# The endpoint
# ----------------------------------------------------------------------------
def split_list(value):
    return [p.strip() for p in value.split(",") if p.strip() != ""]


def resolve_customer(args, id_name, value, source):
    key = CUSTOMER_IDENTIFIERS[id_name]
    if key == "id" and not value.isdigit():
        raise ApiError(11012, "Invalid userId passed in request")
    lookup = value.lower() if key == "email" else value
    if key == "mobile":
        lookup = value.lstrip("+")
    cust = CUSTOMER_BY[key].get(lookup)
    account = str(args.get("accountId", "")).strip()
    if source in data.MULTI_ACCOUNT_SOURCES:
        if not account:
            raise ApiError(8015, "Customer not found for the given identifiers")
        if account not in data.MULTI_ACCOUNT_SOURCES[source]:
            raise ApiError(8011, "Invalid source account passed")
    if cust is None:
        raise ApiError(8015, "Customer not found for the given identifiers")
    if source != "ALL":
        ok = False
        for acc in cust["accounts"]:
            if acc["source"] == source and (acc["accountId"] is None or acc["accountId"] == account):
                ok = True
        if not ok:
            raise ApiError(8015, "Customer not found for the given identifiers")
    return cust


def resolve_group(id_name, value):
    key = GROUP_IDENTIFIERS[id_name]
    grp = GROUP_BY[key].get(value)
    if grp is None:
        raise ApiError(1632, "group id/externalId/primary userId %s passed is not valid" % value)
    return grp


def explode(args):
    get = lambda n: str(args.get(n, "")).strip()
    id_name, id_value, source = get("identifierName"), get("identifierValue"), get("source")
    if not source and "missing-source-ok" in ACTIVE:
        source = "INSTORE"
    if not id_name or not id_value or not source:
        raise ApiError(11013, "IdentifierName and identifierValue, source can not be empty")

    etype = get("type").upper() or "CUSTOMER"
    if etype not in ("CUSTOMER", "USERGROUP2"):
        if "invalid-type-accepted" in ACTIVE:
            etype = "CUSTOMER"
        else:
            raise ApiError(9003, "Error fetching points ledger data : type %s is invalid" % get("type"))
    if etype == "USERGROUP2" and "usergroup-ignored" in ACTIVE:
        etype = "CUSTOMER"
    allowed = GROUP_IDENTIFIERS if etype == "USERGROUP2" else CUSTOMER_IDENTIFIERS
    if id_name.lower() not in allowed:
        raise ApiError(8013, "Invalid identifiername field value")
    id_name = id_name.lower()
    source = source.upper()
    if source not in data.SOURCES:
        raise ApiError(8003, "Invalid source")

    has_ids = "eventIds" in args and get("eventIds") != ""
    ev_name = get("eventName")
    refs_raw = get("eventReferenceIds")
    has_refs_style = bool(ev_name) or bool(refs_raw)
    if has_ids and has_refs_style:
        if "both-selectors-allowed" in ACTIVE:
            ev_name, refs_raw, has_refs_style = "", "", False
        else:
            raise ApiError(11021, "EventId and Event References, both cannot be passed")
    if not has_ids and not (ev_name and refs_raw):
        if "no-selector-empty" in ACTIVE:
            return {"events": [], "warnings": []}
        raise ApiError(11023, "Invalid identifiers found. Either EventLogId or (EventName and BillId) are required.")

    event_ids, refs = [], []
    if has_ids:
        for part in split_list(get("eventIds")):
            if not part.isdigit():
                if "eventid-format-ignored" in ACTIVE:
                    continue
                raise ApiError(11017, 'Event id format exception:For input string: "%s"' % part)
            if int(part) not in event_ids:
                event_ids.append(int(part))
        if not event_ids:
            raise ApiError(11023, "Invalid identifiers found. Either EventLogId or (EventName and BillId) are required.")
        if len(event_ids) > MAX_EVENTS:
            raise ApiError(11014, "Requested cannot be processed. Max 10 events are allowed in params.")
    else:
        if ev_name not in data.ALL_EVENT_NAMES:
            if "unknown-eventname-empty" in ACTIVE:
                return {"events": [], "warnings": []}
            raise ApiError(11014, "Event name not found :%s" % ev_name)
        for part in split_list(refs_raw):
            if not REF_RE.match(part):
                raise ApiError(9022, "Event reference IDs are invalid")
            if part not in refs:
                refs.append(part)
        if not refs:
            raise ApiError(9022, "Event reference IDs are invalid")
        if len(refs) > MAX_EVENTS and "ref-ids-over-ten" not in ACTIVE:
            raise ApiError(11014, "Requested cannot be processed. Max 10 events are allowed in params.")

    include_ac = flag(args, "includeAlternateCurrencies")
    ac_filter_raw = get("alternateCurrencyNames")
    ac_filter = None
    if ac_filter_raw:
        ac_filter = split_list(ac_filter_raw)
        if not ac_filter or any(not AC_NAME_RE.match(n) for n in ac_filter):
            raise ApiError(9005, "Invalid alternateCurrencyNames field value")

    # --- resolve the ledger owner -------------------------------------------
    if etype == "USERGROUP2":
        group = resolve_group(id_name, id_value)
        owner = group["primary"] if flag(args, "isPrimaryUser") else group
    else:
        owner = resolve_customer(args, id_name, id_value, source)

    # --- select events -------------------------------------------------------
    owned = set(owner["eventIds"])
    if event_ids:
        if "foreign-event-ids" in ACTIVE:
            bad = [e for e in event_ids if e not in DB.events]
        else:
            bad = [e for e in event_ids if e not in owned]
        if bad:
            raise ApiError(9021, "Invalid identifiers found[%s]" % ", ".join(str(b) for b in bad))
        selected = [DB.events[e] for e in event_ids]
    else:
        wanted = EVENT_NAME_ALIASES.get(ev_name, ev_name)
        selected, missing = [], []
        for ref in refs:
            hits = [DB.events[e] for e in owner["eventIds"]
                    if DB.events[e]["eventName"] == wanted and DB.events[e]["eventReferenceId"] == ref]
            if not hits:
                missing.append(ref)
            selected.extend(h for h in hits if h not in selected)
        if missing:
            raise ApiError(9022, "Event reference IDs are invalid")

    # --- pagination: offset = records skipped, limit = page size ------------
    if "limit-ignored" not in ACTIVE:
        offset = max(0, int_arg(args, "offset", 0))
        limit = int_arg(args, "limit", DEFAULT_LIMIT)
        if limit <= 0:
            limit = DEFAULT_LIMIT
        limit = min(limit, MAX_LIMIT)
        selected = selected[offset:offset + limit]

    # --- alternate currencies -------------------------------------------------
    warnings = []
    ac_names = None
    if include_ac:
        ac_names = set(data.ALTERNATE_CURRENCIES)
    elif ac_filter is not None:
        ac_names = set()
        for n in ac_filter:
            if n in data.ALTERNATE_CURRENCIES:
                ac_names.add(n)
            else:
                warnings.append({"code": 9018, "message": "alternate currency with given name not found for org, name: %s" % n,
                                 "status": False})
        if "ac-filter-ignored" in ACTIVE:
            ac_names = set(data.ALTERNATE_CURRENCIES)

    opts = {"bill": flag(args, "getBillDetails"), "breakup": flag(args, "getPointsEarnedBreakup"),
            "custom": flag(args, "getCustomFields"), "extended": flag(args, "getExtendedFields"),
            "maxconv": flag(args, "getMaxConversionDetails"),
            "payment": flag(args, "getPaymentModes") or flag(args, "getPaymentMode")}
    events = [render_event(ev, opts, ac_names) for ev in selected]
    if ac_names is not None and not warnings:
        found = any(e.get("billDetails", {}).get("alternateCurrencyValueEarned") for e in events)
        if not found:
            warnings.append({"code": 9018, "message": "no alternate currency found for org with given input params",
                             "status": False})
    return {"events": events, "warnings": warnings}


def error_body(code, message):
    if "flat-error-envelope" in ACTIVE:
        return {"code": code, "message": message}
    return {"warnings": [], "errors": [{"status": False, "code": code, "message": message}]}


# ----------------------------------------------------------------------------
# HTTP plumbing
# ----------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SkyLarkLedger/1.0"
    sys_version = ""
    timeout = 20  # idle keep-alive connections are closed after 20 s

    def log_message(self, fmt, *a):
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % a))

    def send_json(self, status, body, extra=None):
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)

    def not_found(self):
        self.send_error(404, "Not Found", "The requested URL was not found on the server.")

    def method_not_allowed(self, allow):
        raw = b"<!doctype html>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n" \
              b"<p>The method is not allowed for the requested URL.</p>\n"
        self.send_response(405)
        self.send_header("Allow", allow)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def route(self):
        url = urlsplit(self.path)
        path = url.path
        if path == EXPLODE_PATH:
            if self.command not in ("GET", "HEAD"):
                self.read_body()
                return self.method_not_allowed("GET, HEAD")
            return self.explode(url.query)
        if path == TOKEN_PATH:
            if self.command != "POST":
                return self.method_not_allowed("POST")
            return self.token()
        self.read_body()
        return self.not_found()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = route

    def explode(self, query):
        who = authenticate(self.headers)
        if who == "unauthenticated":
            return self.send_json(401, error_body(401, "Authentication failed. Please check username and password."),
                                  {"WWW-Authenticate": 'Basic realm="Capillary API"'})
        if who == "forbidden":
            return self.send_json(403, error_body(4000, "Not authorized. Access is denied!"))
        args = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        try:
            body = explode(args)
        except ApiError as e:
            return self.send_json(e.http, error_body(e.code, e.message))
        except Exception as e:  # pragma: no cover - safety net
            sys.stderr.write("internal error: %r\n" % (e,))
            return self.send_json(500, error_body(9003, "Error fetching points ledger data : internal error"))
        self.send_json(200, body)

    def token(self):
        raw = self.read_body()
        try:
            req = json.loads(raw.decode("utf-8") or "null")
        except (ValueError, UnicodeDecodeError):
            req = None
        fail = {"data": None, "errors": [{"status": False, "code": 401, "message": "Failed to generate OAuth token"}]}
        if not isinstance(req, dict):
            fail["errors"][0].update(code=400, message="Failed to generate OAuth token: body must be JSON {key, secret}")
            return self.send_json(400, fail)
        key, secret = str(req.get("key", "")), str(req.get("secret", ""))
        entry = OAUTH_CLIENTS.get(key)
        if not entry or not hmac.compare_digest(entry[0], secret):
            return self.send_json(401, fail)
        self.send_json(200, {"data": {"accessToken": make_token(key), "ttlSeconds": TOKEN_TTL}, "errors": None})


class PoolServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, handler, workers=64, verbose=False):
        super().__init__(addr, handler)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="http")
        self.verbose = verbose

    def process_request(self, request, client_address):
        self.pool.submit(self.process_request_thread, request, client_address)

    def server_close(self):
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--fault", action="append", default=[], help="planted fault(s); repeatable or comma-separated")
    ap.add_argument("--verbose", action="store_true", help="log requests to stderr")
    a = ap.parse_args()
    for item in a.fault:
        for name in item.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in FAULTS:
                sys.stderr.write("unknown fault: %s (known: %s)\n" % (name, ", ".join(sorted(FAULTS))))
                sys.exit(2)
            ACTIVE.add(name)
    srv = PoolServer(("127.0.0.1", a.port), Handler, verbose=a.verbose)

    def stop(*_):
        # exit at once: idle keep-alive connections must not delay shutdown
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.stdout.write("http://127.0.0.1:%d\n" % srv.server_address[1])
    sys.stdout.flush()
    if ACTIVE:
        sys.stderr.write("faults on: %s\n" % ", ".join(sorted(ACTIVE)))
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()
