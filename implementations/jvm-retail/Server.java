// jvm-retail: clean-room implementation of Capillary's GET /v2/pointsLedger/getLedgerExplodeInfo
// Java 17, JDK only. Start:  java Server.java [--port N] [--fault NAME[,NAME...]]
// First stdout line is the base URL; logs go to stderr. See DIALECT.md, FAULTS.md, QA-SHEET.md.

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.*;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Server {

    // ------------------------------------------------------------------ faults
    static final List<String> KNOWN_FAULTS = List.of(
            "both-selectors-allowed",     // eventIds + eventName/eventReferenceIds accepted instead of 11021
            "event-name-wrong-code",      // unknown eventName answered with 9022 instead of 11014
            "ref-ids-uncapped",           // more than ten eventReferenceIds accepted
            "bill-details-ignored",       // getBillDetails=true does not return billDetails
            "payment-modes-ignored",      // getPaymentModes=true does not return paymentModes
            "ac-without-flag",            // alternate currencies returned although not requested
            "ac-name-filter-ignored",     // alternateCurrencyNames filter ignored (all currencies returned)
            "limit-ignored",              // offset/limit ignored: every matching event returned
            "email-lookup-broken",        // identifierName=email rejected with 8013
            "usergroup-rejected",         // type=USERGROUP2 rejected as an invalid type (9003)
            "no-access-check",            // identity without the Points resource gets 200 instead of 403/4000
            "oauth-header-ignored",       // X-CAP-API-OAUTH-TOKEN not honoured (401)
            "ref-id-number",              // eventReferenceId emitted as a JSON number
            "warnings-missing",           // 200 responses lack the "warnings" array
            "source-optional",            // missing source accepted (treated as ALL) instead of 11013
            "unknown-event-ids-dropped"   // unknown eventIds silently dropped instead of 9021
    );
    static final Set<String> faults = new HashSet<>();

    static boolean fault(String name) { return faults.contains(name); }

    // ------------------------------------------------------------------ main
    public static void main(String[] args) throws Exception {
        int port = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String val = null;
                if (a.startsWith("--port=") || a.startsWith("--fault=")) {
                    val = a.substring(a.indexOf('=') + 1);
                    a = a.substring(0, a.indexOf('='));
                }
                switch (a) {
                    case "--port":
                        port = Integer.parseInt(val != null ? val : args[++i]);
                        break;
                    case "--fault":
                        for (String f : (val != null ? val : args[++i]).split(",")) {
                            f = f.trim();
                            if (f.isEmpty()) continue;
                            if (!KNOWN_FAULTS.contains(f)) {
                                System.err.println("unknown fault: " + f + "; known faults: " + String.join(", ", KNOWN_FAULTS));
                                System.exit(2);
                            }
                            faults.add(f);
                        }
                        break;
                    case "--dump": // developer aid: print the generated ledger summary and exit
                        Data.build();
                        Data.dump();
                        System.exit(0);
                    default:
                        System.err.println("unknown argument: " + args[i] + "; usage: java Server.java [--port N] [--fault NAME]");
                        System.exit(2);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            System.err.println("bad arguments; usage: java Server.java [--port N] [--fault NAME]");
            System.exit(2);
        }

        Data.build();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 256);
        server.createContext("/", Server::handle);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        server.setExecutor(pool);
        server.start();
        System.out.println("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
        System.err.println("jvm-retail: " + Data.customers.size() + " customers, " + Data.groups.size()
                + " user groups, faults=" + faults);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.shutdownNow();
        }));
    }

    // ------------------------------------------------------------------ HTTP plumbing
    static final String EXPLODE_PATH = "/v2/pointsLedger/getLedgerExplodeInfo";
    static final String TOKEN_PATH = "/v3/oauth/token/generate";

    record Resp(int status, Object body, Map<String, String> headers) {
        Resp(int status, Object body) { this(status, body, Map.of()); }
    }

    static void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Resp r;
            if (path.equals(EXPLODE_PATH)) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    r = springError(405, "Method Not Allowed", path, Map.of("Allow", "GET, HEAD"));
                } else {
                    r = Explode.handle(ex);
                }
            } else if (path.equals(TOKEN_PATH)) {
                if (!method.equals("POST")) {
                    r = springError(405, "Method Not Allowed", path, Map.of("Allow", "POST"));
                } else {
                    r = Auth.generateToken(readBody(ex.getRequestBody()));
                }
            } else {
                r = springError(404, "Not Found", path, Map.of());
            }
            send(ex, r, method.equals("HEAD"));
        } catch (Throwable t) {
            t.printStackTrace();
            try {
                send(ex, springError(500, "Internal Server Error", ex.getRequestURI().getRawPath(), Map.of()), false);
            } catch (Exception ignored) {
            }
        } finally {
            ex.close();
        }
    }

    static Resp springError(int status, String error, String path, Map<String, String> headers) {
        return new Resp(status, Json.o("timestamp", Instant.now().toString(), "status", status,
                "error", error, "path", path), headers);
    }

    static byte[] readBody(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            bo.write(buf, 0, n);
            if (bo.size() > 1_000_000) break;
        }
        return bo.toByteArray();
    }

    static void send(HttpExchange ex, Resp r, boolean head) throws java.io.IOException {
        byte[] bytes = Json.write(r.body()).getBytes(StandardCharsets.UTF_8);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json;charset=UTF-8");
        r.headers().forEach(h::set);
        if (head) {
            h.set("Content-Length", String.valueOf(bytes.length));
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    // ------------------------------------------------------------------ authentication
    static final class Auth {
        record Identity(String name, boolean pointsAccess) {}

        record User(String password, boolean pointsAccess) {}

        static final Map<String, User> TILLS = Map.of(
                "freshmart.till01", new User("Till01@Fresh", true),
                "urbanthreads.till07", new User("Ut07!store", true),
                "reports.till99", new User("Rep0rts#99", false));
        static final Map<String, User> CLIENTS = Map.of(
                "rtl-8f2c41d0", new User("Zq7mP2xV9kLw4Rt1", true),
                "rtl-ro-55ab90", new User("Nn3bQ8yT6cHj0Ws5", false));
        static final long ORG_ID = 51234;
        static final int TTL_SECONDS = 900;
        static final byte[] KEY = "jvm-retail-signing-key-2f9c1e7a".getBytes(StandardCharsets.UTF_8);

        static String md5Hex(String s) {
            try {
                byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
                StringBuilder sb = new StringBuilder();
                for (byte b : d) sb.append(String.format("%02x", b));
                return sb.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** null = not authenticated. */
        static Identity authenticate(Headers h) {
            String token = h.getFirst("X-CAP-API-OAUTH-TOKEN");
            if (token == null || token.isBlank()) token = h.getFirst("CAP-API-ACCESS-TOKEN");
            if (token != null && !token.isBlank()) {
                if (fault("oauth-header-ignored")) return null;
                return verifyToken(token.trim());
            }
            String auth = h.getFirst("Authorization");
            if (auth == null) return null;
            auth = auth.trim();
            if (auth.length() < 6 || !auth.substring(0, 6).equalsIgnoreCase("Basic ")) return null;
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) return null;
            String user = decoded.substring(0, colon), pass = decoded.substring(colon + 1);
            User u = TILLS.get(user);
            if (u == null) return null;
            if (!md5Hex(u.password()).equalsIgnoreCase(pass)) return null;
            return new Identity(user, u.pointsAccess());
        }

        static String b64url(byte[] b) { return Base64.getUrlEncoder().withoutPadding().encodeToString(b); }

        static byte[] hmac(String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Resp generateToken(byte[] body) {
            Object parsed;
            try {
                parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                return new Resp(400, Json.o("data", null, "errors",
                        Json.a(Json.o("status", false, "code", 400, "message", "Invalid request body"))));
            }
            String key = null, secret = null;
            if (parsed instanceof Map<?, ?> m) {
                if (m.get("key") instanceof String s) key = s;
                if (m.get("secret") instanceof String s) secret = s;
            }
            User c = key == null ? null : CLIENTS.get(key);
            if (c == null || secret == null || !c.password().equals(secret)) {
                return new Resp(401, Json.o("data", null, "errors",
                        Json.a(Json.o("status", false, "code", 401, "message", "Failed to generate OAuth token"))));
            }
            long now = Instant.now().getEpochSecond();
            String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            Map<String, Object> claims = Json.o("iss", "Capillary", "exp", now + TTL_SECONDS,
                    "jti", UUID.randomUUID().toString(), "iat", now, "sub", key, "client_id", key,
                    "org_id", ORG_ID, "token_use", "token_access");
            String payload = b64url(Json.write(claims).getBytes(StandardCharsets.UTF_8));
            String sig = b64url(hmac(header + "." + payload));
            return new Resp(200, Json.o("data", Json.o("accessToken", header + "." + payload + "." + sig,
                    "ttlSeconds", TTL_SECONDS), "errors", null));
        }

        static Identity verifyToken(String token) {
            String[] p = token.split("\\.");
            if (p.length != 3) return null;
            if (!MessageDigest.isEqual(b64url(hmac(p[0] + "." + p[1])).getBytes(StandardCharsets.UTF_8),
                    p[2].getBytes(StandardCharsets.UTF_8))) return null;
            try {
                Object claims = Json.parse(new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8));
                if (!(claims instanceof Map<?, ?> m)) return null;
                long exp = ((Number) m.get("exp")).longValue();
                if (Instant.now().getEpochSecond() >= exp) return null;
                String sub = (String) m.get("sub");
                User c = CLIENTS.get(sub);
                if (c == null) return null;
                return new Identity(sub, c.pointsAccess());
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ the endpoint
    static final class BadRequest extends RuntimeException {
        final int code;

        BadRequest(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    static final class Explode {
        static final List<String> SOURCES = List.of("INSTORE", "MARTJACK", "WECHAT", "FACEBOOK", "WEB_ENGAGE",
                "TMALL", "TAOBAO", "JD", "ECOMMERCE", "WEBSITE", "LINE", "ALL");
        static final Set<String> CUSTOMER_IDENTIFIERS = Set.of("mobile", "email", "externalid", "id", "customerid",
                "cuid", "primaryuserid");
        static final Set<String> GROUP_IDENTIFIERS = Set.of("id", "groupid", "externalid", "primaryuserid",
                "primaryusermobile", "primaryuseremail");
        // S1 "Possible values" list (the newest source)
        static final Set<String> EVENT_NAMES = Set.of("NewBill", "TransactionAdd", "GroupTransactionAdd",
                "LineItemsPointsPromotionImport", "BillPointsPromotionImport", "CustomerPromotionImport",
                "GenericEvent", "CustomerRegistration", "CustomerUpdate", "AllocateGoodwillPoints", "PointsTransfer",
                "PointsRedemption", "ReturnBill", "TargetCompleted", "ManualPointsAdjustment", "VoucherRedemption");
        static final int MAX_EVENTS = 10;
        static final int DEFAULT_LIMIT = 10, MAX_LIMIT = 100;

        static Map<String, Object> errBody(int code, String message) {
            return Json.o("warnings", Json.a(), "errors", Json.a(Json.o("status", false, "code", code, "message", message)));
        }

        static Resp handle(HttpExchange ex) {
            Auth.Identity who = Auth.authenticate(ex.getRequestHeaders());
            if (who == null) {
                return new Resp(401, errBody(401, "Authentication failed. Please check username and password."),
                        Map.of("WWW-Authenticate", "Basic realm=\"Capillary\""));
            }
            if (!who.pointsAccess() && !fault("no-access-check")) {
                return new Resp(403, errBody(4000, "Not authorized. Access is denied!"));
            }
            try {
                return new Resp(200, run(Params.parse(ex.getRequestURI().getRawQuery())));
            } catch (BadRequest e) {
                return new Resp(400, errBody(e.code, e.getMessage()));
            }
        }

        static final class Flags {
            boolean bill, breakup, custom, ext, pay, maxConv;
            Set<String> acs; // null = alternate currencies not requested
        }

        static Map<String, Object> run(Params q) {
            // 1. type conversion of booleans / integers (framework binding happens first)
            Flags f = new Flags();
            f.bill = q.bool("getBillDetails");
            f.breakup = q.bool("getPointsEarnedBreakup");
            f.custom = q.bool("getCustomFields");
            f.ext = q.bool("getExtendedFields");
            f.maxConv = q.bool("getMaxConversionDetails");
            f.pay = q.bool("getPaymentModes") || q.bool("getPaymentMode");
            boolean isPrimaryUser = q.bool("isPrimaryUser");
            boolean includeAc = q.bool("includeAlternateCurrencies");
            q.bool("includeLastOneYearData"); // accepted, validated, no effect
            Integer offsetP = q.integer("offset"), limitP = q.integer("limit");

            // 2. mandatory identification
            String idName = q.str("identifierName"), idValue = q.str("identifierValue"), source = q.str("source");
            if (source == null && fault("source-optional")) source = "ALL";
            if (idName == null || idValue == null || source == null)
                throw new BadRequest(11013, "IdentifierName and identifierValue, source can not be empty");
            String type = q.str("type");
            if (type == null) type = "CUSTOMER";
            if (!type.equals("CUSTOMER") && !type.equals("USERGROUP2")
                    || type.equals("USERGROUP2") && fault("usergroup-rejected"))
                throw new BadRequest(9003, "Error fetching points ledger data : invalid type " + type);
            if (!SOURCES.contains(source)) throw new BadRequest(8003, "Invalid source");
            String idn = idName.toLowerCase(Locale.ROOT);
            boolean group = type.equals("USERGROUP2");
            if (!(group ? GROUP_IDENTIFIERS : CUSTOMER_IDENTIFIERS).contains(idn)
                    || idn.equals("email") && fault("email-lookup-broken"))
                throw new BadRequest(8013, "Invalid identifiername field value");

            // 3. pagination
            int limit = limitP == null ? DEFAULT_LIMIT : limitP;
            int offset = offsetP == null ? 0 : offsetP;
            if (limit > MAX_LIMIT) throw new BadRequest(11029, "Limit cannot be greater than " + MAX_LIMIT);
            if (limit < 1) throw new BadRequest(400, "Invalid value for parameter limit: " + limit + " (must be 1.." + MAX_LIMIT + ")");
            if (offset < 0) throw new BadRequest(400, "Invalid value for parameter offset: " + offset + " (must be >= 0)");

            // 4. event selectors
            String eventIdsRaw = q.str("eventIds"), eventName = q.str("eventName"), refsRaw = q.str("eventReferenceIds");
            boolean byIds = eventIdsRaw != null;
            boolean byRefs = eventName != null || refsRaw != null;
            if (byIds && byRefs && !fault("both-selectors-allowed"))
                throw new BadRequest(11021, "EventId and Event References, both cannot be passed");
            if (!byIds && (eventName == null || refsRaw == null))
                throw new BadRequest(11023, "Valid identifiers not found : required either EventLogId or (EventName and BillId)");
            List<Long> eventIds = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            if (byIds) {
                List<String> items = splitList(eventIdsRaw);
                for (String s : items) {
                    try {
                        eventIds.add(Long.parseLong(s));
                    } catch (NumberFormatException e) {
                        throw new BadRequest(11017, "Event id format exception:For input string: \"" + s + "\"");
                    }
                }
                if (eventIds.isEmpty())
                    throw new BadRequest(11023, "Valid identifiers not found : required either EventLogId or (EventName and BillId)");
                if (eventIds.size() > MAX_EVENTS)
                    throw new BadRequest(11014, "Requested cannot be processed. Max " + MAX_EVENTS + " events are allowed in params.");
            }
            if (!byIds || fault("both-selectors-allowed") && byRefs && eventName != null && refsRaw != null) {
                if (!EVENT_NAMES.contains(eventName)) {
                    if (fault("event-name-wrong-code")) throw new BadRequest(9022, "Event reference IDs are invalid");
                    throw new BadRequest(11014, "Event name not found :" + eventName);
                }
                refs = splitList(refsRaw);
                if (refs.isEmpty()) throw new BadRequest(9022, "Event reference IDs are invalid");
                if (refs.size() > MAX_EVENTS && !fault("ref-ids-uncapped"))
                    throw new BadRequest(11014, "Requested cannot be processed. Max " + MAX_EVENTS + " events are allowed in params.");
            }
            if (byIds) refs = List.of(); // both-selectors fault: eventIds win

            // 5. alternate currency selection
            List<Map<String, Object>> warnings = new ArrayList<>();
            String acNamesRaw = q.str("alternateCurrencyNames");
            boolean acExplicit = false;
            if (includeAc) {
                f.acs = new LinkedHashSet<>(Data.ORG_ACS.keySet());
                acExplicit = true;
            } else if (acNamesRaw != null) {
                List<String> names = new ArrayList<>();
                for (String s : acNamesRaw.split(",", -1)) {
                    s = s.trim();
                    if (s.isEmpty()) throw new BadRequest(9005, "Invalid alternateCurrencyNames field value");
                    names.add(s);
                }
                f.acs = new LinkedHashSet<>();
                for (String n : names) {
                    String canonical = Data.ORG_ACS.keySet().stream().filter(k -> k.equalsIgnoreCase(n)).findFirst().orElse(null);
                    if (canonical == null) {
                        warnings.add(warning(9018, "alternate currency with given name not found for org, name: " + n));
                    } else {
                        f.acs.add(canonical);
                    }
                }
                acExplicit = !f.acs.isEmpty();
                if (fault("ac-name-filter-ignored")) f.acs = new LinkedHashSet<>(Data.ORG_ACS.keySet());
            }
            if (f.acs == null && fault("ac-without-flag")) f.acs = new LinkedHashSet<>(Data.ORG_ACS.keySet());

            // 6. resolve the customer / group and its ledger
            List<Data.Ev> pool;
            String accountId = q.str("accountId");
            if (group) {
                Data.Group g = resolveGroup(idn, idValue);
                pool = isPrimaryUser ? g.primary.events : g.events;
            } else {
                pool = resolveCustomer(idn, idValue, source, accountId).events;
            }

            // 7. select events
            List<Data.Ev> selected = new ArrayList<>();
            if (!eventIds.isEmpty()) {
                Map<Long, Data.Ev> byLog = new HashMap<>();
                for (Data.Ev e : pool) byLog.put(e.logId, e);
                List<Long> missing = new ArrayList<>();
                LinkedHashSet<Long> seen = new LinkedHashSet<>();
                for (Long id : eventIds) {
                    if (!seen.add(id)) continue;
                    Data.Ev e = byLog.get(id);
                    if (e == null) missing.add(id);
                    else selected.add(e);
                }
                if (!missing.isEmpty() && !fault("unknown-event-ids-dropped"))
                    throw new BadRequest(9021, "Invalid identifiers found" + missing);
            } else {
                String wanted = eventName.equals("NewBill") ? "TransactionAdd" : eventName;
                LinkedHashSet<String> seen = new LinkedHashSet<>(refs);
                LinkedHashSet<Data.Ev> out = new LinkedHashSet<>();
                for (String ref : seen) {
                    List<Data.Ev> hits = new ArrayList<>();
                    for (Data.Ev e : pool) if (e.name.equals(wanted) && e.ref.equals(ref)) hits.add(e);
                    if (hits.isEmpty()) throw new BadRequest(9022, "Event reference IDs are invalid");
                    hits.sort((a, b) -> Long.compare(b.logId, a.logId));
                    out.addAll(hits);
                }
                selected.addAll(out);
            }

            // 8. paginate (offset = zero-based page number)
            List<Data.Ev> page;
            if (fault("limit-ignored")) {
                page = selected;
            } else {
                long from = (long) offset * limit;
                page = from >= selected.size() ? List.of()
                        : selected.subList((int) from, (int) Math.min(selected.size(), from + limit));
            }

            // 9. render
            List<Object> events = new ArrayList<>();
            boolean anyAc = false;
            for (Data.Ev e : page) {
                events.add(render(e, f));
                if (f.acs != null && e.bill != null)
                    for (Data.AcEarn ac : e.bill.acs) if (f.acs.contains(ac.name)) anyAc = true;
            }
            if (acExplicit && !anyAc)
                warnings.add(warning(9018, "no alternate currency found for org with given input params"));
            Map<String, Object> resp = Json.o("events", events);
            if (!fault("warnings-missing")) resp.put("warnings", warnings);
            return resp;
        }

        static Map<String, Object> warning(int code, String msg) {
            return Json.o("code", code, "message", msg, "status", false);
        }

        static List<String> splitList(String raw) {
            List<String> out = new ArrayList<>();
            for (String s : raw.split(",")) {
                s = s.trim();
                if (!s.isEmpty()) out.add(s);
            }
            return out;
        }

        static Data.Customer resolveCustomer(String idn, String value, String source, String accountId) {
            Set<String> accounts = Data.SOURCE_ACCOUNTS.get(source);
            if (accounts != null && accounts.size() > 1) {
                if (accountId == null) throw new BadRequest(8045, "Account id is not passed");
                if (!accounts.contains(accountId)) throw new BadRequest(8011, "Invalid source account passed");
            }
            Data.Customer c;
            switch (idn) {
                case "mobile" -> c = Data.byMobile.get(value);
                case "email" -> c = Data.byEmail.get(value.toLowerCase(Locale.ROOT));
                case "externalid" -> c = Data.byExternalId.get(value);
                default -> {
                    long id;
                    try {
                        id = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new BadRequest(11012, "Invalid userId passed in request");
                    }
                    c = Data.byId.get(id);
                }
            }
            if (c == null) throw new BadRequest(8015, "Customer not found for the given identifiers");
            if (!source.equals("ALL")) {
                Set<String> reg = c.registrations.get(source);
                boolean ok = reg != null && (accounts == null || accounts.size() <= 1 || reg.contains(accountId));
                if (!ok) throw new BadRequest(8015, "Customer not found for the given identifiers");
            }
            return c;
        }

        static Data.Group resolveGroup(String idn, String value) {
            Data.Group g = null;
            for (Data.Group cand : Data.groups) {
                boolean hit = switch (idn) {
                    case "id", "groupid" -> String.valueOf(cand.id).equals(value);
                    case "externalid" -> cand.externalId.equals(value);
                    case "primaryuserid" -> String.valueOf(cand.primary.id).equals(value);
                    case "primaryusermobile" -> cand.primary.mobile.equals(value);
                    case "primaryuseremail" -> cand.primary.email.equalsIgnoreCase(value);
                    default -> false;
                };
                if (hit) {
                    g = cand;
                    break;
                }
            }
            if (g == null) throw new BadRequest(1632, "group id/externalId/primary userId " + value + " passed is not valid");
            return g;
        }

        static Map<String, Object> render(Data.Ev e, Flags f) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("eventLogId", e.logId);
            out.put("eventName", e.name);
            Map<String, Object> details = new LinkedHashMap<>(e.details);
            if (f.maxConv && e.maxConversion != null) Data.ts(details, "maxConversionDate", e.maxConversion, false);
            out.put("eventDetails", details);
            boolean showBill = f.bill && !fault("bill-details-ignored");
            if (e.bill != null && (showBill || f.breakup)) out.put("billDetails", renderBill(e.bill, showBill, f));
            if (e.customFields != null && (f.custom || e.name.equals("PointsRedemption")))
                out.put("customFields", e.customFields);
            if (e.extendedFields != null && f.ext) out.put("extendedFields", e.extendedFields);
            if (e.paymentModes != null && f.pay && !fault("payment-modes-ignored")) out.put("paymentModes", e.paymentModes);
            if (e.slabs != null && showBill) out.put("pointInTimeSlabs", e.slabs);
            out.putAll(e.blocks);
            if (fault("ref-id-number") && e.ref.matches("-?\\d{1,18}")) out.put("eventReferenceId", Long.parseLong(e.ref));
            else out.put("eventReferenceId", e.ref);
            out.put("uniqueId", e.uid);
            out.putAll(e.tail);
            return out;
        }

        static Map<String, Object> renderBill(Data.Bill b, boolean showBill, Flags f) {
            Map<String, Object> m = new LinkedHashMap<>(b.header);
            if (showBill) m.put("pointsEarned", b.pointsEarned);
            if (f.breakup) m.put("pointsEarnedBreakup", b.breakup);
            if (f.acs != null) {
                List<Object> earned = new ArrayList<>(), brk = new ArrayList<>();
                for (Data.AcEarn ac : b.acs) {
                    if (!f.acs.contains(ac.name)) continue;
                    Map<String, Object> e1 = new LinkedHashMap<>(ac.earned);
                    e1.put("alternateCurrencyName", ac.name);
                    e1.put("alternateCurrencyIdentifier", ac.identifier);
                    earned.add(e1);
                    Map<String, Object> e2 = new LinkedHashMap<>(ac.breakup);
                    e2.put("alternateCurrencyName", ac.name);
                    e2.put("alternateCurrencyIdentifier", ac.identifier);
                    brk.add(e2);
                }
                if (!earned.isEmpty()) {
                    m.put("alternateCurrencyValueEarned", earned);
                    if (f.breakup) m.put("alternateCurrencyValueEarnedBreakup", brk);
                }
            }
            List<Object> lines = new ArrayList<>();
            for (Data.Line l : b.lines) {
                Map<String, Object> lm = new LinkedHashMap<>(l.header);
                if (showBill) lm.put("pointsEarned", l.pointsEarned);
                if (f.breakup) lm.put("pointsEarnedBreakup", l.breakup);
                lines.add(lm);
            }
            m.put("lineItems", lines);
            return m;
        }
    }

    // ------------------------------------------------------------------ query parameters
    static final class Params {
        final Map<String, List<String>> map = new LinkedHashMap<>();

        static Params parse(String raw) {
            Params p = new Params();
            if (raw == null || raw.isEmpty()) return p;
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                    v = URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadRequest(400, "Malformed query string");
                }
                p.map.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            return p;
        }

        /** Repeated parameters are joined with commas (as Spring does for a String parameter); blank = absent. */
        String str(String name) {
            List<String> vs = map.get(name);
            if (vs == null) return null;
            String joined = String.join(",", vs).trim();
            return joined.isEmpty() ? null : joined;
        }

        boolean bool(String name) {
            String v = str(name);
            if (v == null) return false;
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes", "1":
                    return true;
                case "false", "off", "no", "0":
                    return false;
                default:
                    throw new BadRequest(400, "Failed to convert value of type 'java.lang.String' to required type 'boolean' for parameter '"
                            + name + "'; Invalid boolean value [" + v + "]");
            }
        }

        Integer integer(String name) {
            String v = str(name);
            if (v == null) return null;
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Failed to convert value of type 'java.lang.String' to required type 'int' for parameter '"
                        + name + "'; For input string: \"" + v + "\"");
            }
        }
    }

    // ------------------------------------------------------------------ JSON
    static final class Json {
        static LinkedHashMap<String, Object> o(Object... kv) {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
            return m;
        }

        static List<Object> a(Object... xs) { return new ArrayList<>(Arrays.asList(xs)); }

        static String write(Object v) {
            StringBuilder sb = new StringBuilder();
            write(sb, v);
            return sb.toString();
        }

        static void write(StringBuilder sb, Object v) {
            if (v == null) sb.append("null");
            else if (v instanceof String s) str(sb, s);
            else if (v instanceof Boolean) sb.append(v);
            else if (v instanceof Double d) sb.append(num(d));
            else if (v instanceof Number n) sb.append(n);
            else if (v instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    str(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else if (v instanceof Collection<?> c) {
                sb.append('[');
                boolean first = true;
                for (Object x : c) {
                    if (!first) sb.append(',');
                    first = false;
                    write(sb, x);
                }
                sb.append(']');
            } else str(sb, v.toString());
        }

        static String num(double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d + ".0";
            return BigDecimal.valueOf(d).toPlainString();
        }

        static void str(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                    }
                }
            }
            sb.append('"');
        }

        // minimal parser (token endpoint body, JWT claims)
        static Object parse(String s) {
            int[] pos = {0};
            Object v = value(s, pos);
            ws(s, pos);
            if (pos[0] != s.length()) throw new IllegalArgumentException("trailing data");
            return v;
        }

        static void ws(String s, int[] p) {
            while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) p[0]++;
        }

        static Object value(String s, int[] p) {
            ws(s, p);
            if (p[0] >= s.length()) throw new IllegalArgumentException("eof");
            char c = s.charAt(p[0]);
            if (c == '{') {
                p[0]++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws(s, p);
                if (p[0] < s.length() && s.charAt(p[0]) == '}') {
                    p[0]++;
                    return m;
                }
                while (true) {
                    ws(s, p);
                    Object k = value(s, p);
                    if (!(k instanceof String)) throw new IllegalArgumentException("key");
                    ws(s, p);
                    expect(s, p, ':');
                    m.put((String) k, value(s, p));
                    ws(s, p);
                    if (p[0] < s.length() && s.charAt(p[0]) == ',') {
                        p[0]++;
                        continue;
                    }
                    expect(s, p, '}');
                    return m;
                }
            }
            if (c == '[') {
                p[0]++;
                List<Object> l = new ArrayList<>();
                ws(s, p);
                if (p[0] < s.length() && s.charAt(p[0]) == ']') {
                    p[0]++;
                    return l;
                }
                while (true) {
                    l.add(value(s, p));
                    ws(s, p);
                    if (p[0] < s.length() && s.charAt(p[0]) == ',') {
                        p[0]++;
                        continue;
                    }
                    expect(s, p, ']');
                    return l;
                }
            }
            if (c == '"') {
                p[0]++;
                StringBuilder sb = new StringBuilder();
                while (true) {
                    if (p[0] >= s.length()) throw new IllegalArgumentException("unterminated string");
                    char d = s.charAt(p[0]++);
                    if (d == '"') return sb.toString();
                    if (d == '\\') {
                        char e = s.charAt(p[0]++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
                                p[0] += 4;
                            }
                            default -> sb.append(e);
                        }
                    } else sb.append(d);
                }
            }
            if (s.startsWith("true", p[0])) {
                p[0] += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", p[0])) {
                p[0] += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", p[0])) {
                p[0] += 4;
                return null;
            }
            int start = p[0];
            while (p[0] < s.length() && "+-0123456789.eE".indexOf(s.charAt(p[0])) >= 0) p[0]++;
            String num = s.substring(start, p[0]);
            if (num.isEmpty()) throw new IllegalArgumentException("unexpected character");
            if (num.matches("-?\\d+")) return Long.parseLong(num);
            return Double.parseDouble(num);
        }

        static void expect(String s, int[] p, char c) {
            if (p[0] >= s.length() || s.charAt(p[0]) != c) throw new IllegalArgumentException("expected " + c);
            p[0]++;
        }
    }

    // ------------------------------------------------------------------ deterministic data set
    static final class Data {
        static final ZoneOffset TZ = ZoneOffset.ofHoursMinutes(5, 30); // server time zone: India
        static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
        static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

        // org configuration
        static final Map<String, String> ORG_ACS = new LinkedHashMap<>(); // name -> identifier
        static final Map<String, Set<String>> SOURCE_ACCOUNTS = new HashMap<>();

        static {
            ORG_ACS.put("Stars", "St4rZq");
            ORG_ACS.put("FashionCoins", "Fc9Lmx");
            ORG_ACS.put("GreenLeaves", "Gl2Wvp"); // configured, earned by nobody
            SOURCE_ACCOUNTS.put("INSTORE", Set.of("INSTORE"));
            SOURCE_ACCOUNTS.put("MARTJACK", Set.of("3104", "3187"));
            SOURCE_ACCOUNTS.put("WECHAT", Set.of("wx-fm-01", "wx-ut-02"));
            SOURCE_ACCOUNTS.put("WEBSITE", Set.of("WEBSITE"));
        }

        record Program(int id, String name, String expiryType, double rate, int allocId, String allocName, int catId,
                       int expStratId, String expStratName, String[] slabs, boolean isDefault) {}

        static final Program FRESH = new Program(4127, "FreshMartDefaultProgram", "fixed", 0.05, 118204,
                "5 pts per 100", 20417, 109655, "NUM_MONTHS_END12", new String[]{"BASIC", "SILVER", "GOLD"}, true);
        static final Program FASHION = new Program(4133, "UrbanThreadsProgram", "rolling", 0.08, 118230,
                "UT 8 pct", 20433, 109671, "365 days rolling", new String[]{"STYLE", "STYLE PLUS", "ICON"}, false);

        record Promo(int id, String name, Program program, String start, String end) {}

        static final Promo WEEKEND = new Promo(1185532, "Weekend 2X Fresh", FRESH, "2024-01-01 00:00:00.0", "2026-12-31 23:59:59.0");
        static final Promo NEW_ARRIVALS = new Promo(1185561, "New Arrivals 3X", FASHION, "2024-02-01 00:00:00.0", "2026-06-30 23:59:59.0");
        static final Promo GOODWILL = new Promo(84113, "Goodwill Promotion", FRESH, null, null);
        static final Promo CHECKIN = new Promo(1185590, "StoreCheckIn", FRESH, "2024-01-15 00:00:00.0", "2026-12-31 23:59:59.0");
        static final Promo REVIEW = new Promo(1185604, "AppReview", FASHION, "2024-03-01 00:00:00.0", "2026-12-31 23:59:59.0");
        static final Promo TARGET = new Promo(1185622, "Monthly Basket Target", FRESH, null, null);
        static final Promo VOUCHER = new Promo(1185637, "Voucher Bonus", FRESH, null, null);
        static final Promo CARD_IMPORT = new Promo(1185650, "FreshMart Co-brand Card - Monthly Points", FRESH, null, null);

        static final class Customer {
            long id;
            int index;
            String first, last, mobile, email, externalId;
            Program program;
            List<String> acs = new ArrayList<>();
            Map<String, Set<String>> registrations = new LinkedHashMap<>(); // source -> accountIds
            List<Ev> events = new ArrayList<>();
            long till;
        }

        static final class Group {
            long id;
            String externalId, name;
            Customer primary;
            List<Customer> members = new ArrayList<>();
            List<Ev> events = new ArrayList<>();
        }

        static final class Ev {
            long logId;
            String name, ref, uid;
            Map<String, Object> details = new LinkedHashMap<>();
            Map<String, Object> blocks = new LinkedHashMap<>();
            Map<String, Object> tail = new LinkedHashMap<>();
            Bill bill;
            List<Object> customFields, extendedFields, slabs;
            List<String> paymentModes;
            LocalDateTime maxConversion;
        }

        static final class Bill {
            Map<String, Object> header = new LinkedHashMap<>();
            Map<String, Object> pointsEarned, breakup;
            List<AcEarn> acs = new ArrayList<>();
            List<Line> lines = new ArrayList<>();
        }

        static final class Line {
            Map<String, Object> header = new LinkedHashMap<>();
            Map<String, Object> pointsEarned, breakup;
            double amount;
        }

        static final class AcEarn {
            String name, identifier;
            Map<String, Object> earned, breakup;
        }

        static final List<Customer> customers = new ArrayList<>();
        static final List<Group> groups = new ArrayList<>();
        static final Map<Long, Customer> byId = new HashMap<>();
        static final Map<String, Customer> byMobile = new HashMap<>(), byEmail = new HashMap<>(), byExternalId = new HashMap<>();

        static Random rnd;
        static long nextLogId, nextBillId, nextLineId, nextEntityId;

        static void ts(Map<String, Object> m, String key, LocalDateTime t, boolean iso) {
            m.put(key, LEGACY.format(t));
            if (iso) m.put(key + "ISO", ISO.format(t.atOffset(TZ)));
        }

        static double r3(double x) { return Math.round(x * 1000.0) / 1000.0; }

        static String s3(double x) { return String.format(Locale.ROOT, "%.3f", x); }

        static String token(int n) {
            String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append(abc.charAt(rnd.nextInt(abc.length())));
            return sb.toString();
        }

        static String hex(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append("0123456789abcdef".charAt(rnd.nextInt(16)));
            return sb.toString();
        }

        static String uuid() {
            return new UUID((rnd.nextLong() & 0xffffffffffff0fffL) | 0x4000L,
                    (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
        }

        static LocalDateTime expiry(Program p, LocalDateTime t) {
            if (p.expiryType().equals("fixed"))
                return t.toLocalDate().plusMonths(12).with(TemporalAdjusters.lastDayOfMonth()).atTime(23, 59, 59);
            return t.toLocalDate().plusDays(365).atTime(23, 59, 59);
        }

        static Map<String, Object> regular(double v, Program p, LocalDateTime t) {
            Map<String, Object> m = Json.o("value", v);
            ts(m, "expiresOn", expiry(p, t), true);
            m.put("programId", p.id());
            m.put("programName", p.name());
            m.put("expiryType", p.expiryType());
            return m;
        }

        static Map<String, Object> promo(Promo pr, double v, LocalDateTime t) {
            Map<String, Object> m = Json.o("promotionId", pr.id(), "promotionName", pr.name(),
                    "programId", pr.program().id(), "programName", pr.program().name(), "value", v);
            ts(m, "expiresOn", expiry(pr.program(), t), true);
            m.put("expiryType", pr.program().expiryType());
            return m;
        }

        static Map<String, Object> promised(double v, LocalDateTime conv, Program p) {
            return Json.o("value", v, "conversionDate", LEGACY.format(conv), "programId", p.id(), "programName", p.name());
        }

        static Map<String, Object> breakupItem(double v, Program p, LocalDateTime t, double sourceValue, Promo pr,
                                               int catId, String catName, boolean delayed) {
            Map<String, Object> m = Json.o("value", v);
            if (delayed) {
                m.put("conversionDate", LEGACY.format(t));
            } else {
                ts(m, "expiresOn", expiry(p, t), true);
                ts(m, "awardedOn", t, true);
            }
            m.put("sourceValue", sourceValue);
            m.put("awardActionDetails", Json.o("id", 235_100_000L + rnd.nextInt(900_000),
                    "name", pr != null ? "AWARD_POINTS_ACTION" : "BILL_POINTS_ACTION",
                    "rulesetId", pr != null ? 2291 : 2256, "rulesetName", pr != null ? "ruleset_promo_" + pr.id() : "ruleset_base_" + p.id()));
            m.put("programId", p.id());
            m.put("programName", p.name());
            m.put("allocationStrategyId", pr != null ? p.allocId() + 7 : p.allocId());
            m.put("allocationStrategyName", pr != null ? pr.name() + " strategy" : p.allocName());
            m.put("pointsCategoryId", catId);
            m.put("pointsCategoryName", catName);
            m.put("expiryStrategyId", p.expStratId());
            m.put("expiryStrategyName", p.expStratName());
            if (pr != null) m.put("promotionDetails", Json.o("promotionId", pr.id(), "promotionName", pr.name()));
            m.put("expiryType", p.expiryType());
            return m;
        }

        static Map<String, Object> buckets(List<Object> reg, List<Object> promo, List<Object> promised) {
            return Json.o("regular", reg, "promo", promo, "promised", promised);
        }

        static Ev newEv(List<Ev> ledger, String name, LocalDateTime t, Long till) {
            Ev e = new Ev();
            nextLogId += 11 + rnd.nextInt(4_000);
            e.logId = nextLogId;
            e.name = name;
            ts(e.details, "eventTime", t, true);
            if (till != null) e.details.put("tillId", till);
            ledger.add(e);
            return e;
        }

        static final String[][] GROCERY = {{"FM-RICE-5KG", "412.0"}, {"FM-ATTA-10KG", "489.0"}, {"FM-MILK-1L", "62.0"},
                {"FM-DAL-1KG", "148.0"}, {"FM-OIL-1L", "189.0"}, {"FM-TEA-500G", "265.0"}, {"FM-APPLE-1KG", "210.0"},
                {"FM-SOAP-4PK", "156.0"}, {"FM-BISCUIT", "35.0"}, {"FM-EGGS-12", "84.0"}};
        static final String[][] APPAREL = {{"UT-DENIM-32", "2499.0"}, {"UT-TEE-M", "799.0"}, {"UT-KURTA-L", "1899.0"},
                {"UT-SNEAKER-9", "3299.0"}, {"UT-JACKET-M", "4599.0"}, {"UT-SCARF", "699.0"}, {"UT-BELT-34", "999.0"}};
        static final String[] PAYMENT_MODES = {"UPI", "CASH", "CARD", "WALLET", "Others"};

        /** TransactionAdd (or GroupTransactionAdd) with bill, line items, companions. */
        static Ev transaction(List<Ev> ledger, String evName, Customer c, Program p, LocalDateTime t, List<String> acs,
                              boolean forceDelayed) {
            Ev e = newEv(ledger, evName, t, c.till);
            nextBillId += 97 + rnd.nextInt(50_000);
            e.ref = String.valueOf(nextBillId);
            e.uid = token(10);
            boolean fashion = p == FASHION;
            String[][] catalog = fashion ? APPAREL : GROCERY;
            int nLines = fashion ? 1 + rnd.nextInt(3) : 2 + rnd.nextInt(5);
            boolean delayedBill = fashion && (forceDelayed || rnd.nextInt(3) == 0);
            boolean promoBill = rnd.nextInt(4) == 0 || forceDelayed;
            Promo pr = fashion ? NEW_ARRIVALS : WEEKEND;
            Bill b = new Bill();
            double gross = 0, disc = 0, amount = 0, regTotal = 0, promoTotal = 0, promisedTotal = 0;
            List<Object> billPromo = new ArrayList<>(), billBrkReg = new ArrayList<>(), billBrkPromised = new ArrayList<>();
            LocalDateTime maxConv = null;
            for (int i = 0; i < nLines; i++) {
                String[] item = catalog[rnd.nextInt(catalog.length)];
                double rate = Double.parseDouble(item[1]);
                double qty = fashion ? 1 + rnd.nextInt(2) : 1 + rnd.nextInt(4);
                double lg = r3(rate * qty);
                double ld = r3(lg * new double[]{0, 0, 0.05, 0.1}[rnd.nextInt(4)]);
                double la = r3(lg - ld);
                Line l = new Line();
                nextLineId += 1 + rnd.nextInt(40);
                l.header.put("id", nextLineId);
                l.header.put("itemCode", item[0]);
                l.header.put("source", "instore");
                l.header.put("grossAmount", lg);
                l.header.put("discount", ld);
                l.header.put("amount", la);
                l.header.put("rate", rate);
                l.header.put("qty", qty);
                l.amount = la;
                double pts = r3(la * p.rate());
                List<Object> reg = new ArrayList<>(), pro = new ArrayList<>(), prm = new ArrayList<>();
                List<Object> brkReg = new ArrayList<>(), brkPrm = new ArrayList<>();
                boolean lineDelayed = delayedBill && (i == 0 || rnd.nextBoolean());
                if (lineDelayed) {
                    // delayed accrual: return-date based (bill date + 30 days) or fixed date (1st of month after next)
                    LocalDateTime conv = rnd.nextBoolean() || i == 0
                            ? t.toLocalDate().plusDays(30).atStartOfDay()
                            : t.toLocalDate().plusMonths(2).withDayOfMonth(1).atStartOfDay();
                    prm.add(promised(pts, conv, p));
                    brkPrm.add(breakupItem(pts, p, conv, la, null, 102, "DelayedAccrualPointCategory", true));
                    promisedTotal += pts;
                    if (maxConv == null || conv.isAfter(maxConv)) maxConv = conv;
                    billBrkPromised.addAll(brkPrm);
                } else {
                    reg.add(regular(pts, p, t));
                    brkReg.add(breakupItem(pts, p, t, la, null, p.catId(), "Main", false));
                    regTotal += pts;
                }
                if (promoBill && i == 0) {
                    double pp = r3(pts * (fashion ? 2 : 1));
                    pro.add(promo(pr, pp, t));
                    brkReg.add(breakupItem(pp, p, t, la, pr, p.catId(), "Main", false));
                    billPromo.add(promo(pr, pp, t));
                    promoTotal += pp;
                }
                billBrkReg.addAll(brkReg);
                l.pointsEarned = buckets(reg, pro, prm);
                l.breakup = Json.o("regular", brkReg, "promised", brkPrm);
                b.lines.add(l);
                gross += lg;
                disc += ld;
                amount += la;
            }
            String prefix = fashion ? "UT-" : "FM-";
            b.header.put("type", "loyalty");
            b.header.put("billNumber", prefix + (c.index % 2 == 0 ? "BLR" : "PNQ") + "-" + (100 + c.till % 37) + "-" + (200_000 + nextBillId % 800_000));
            b.header.put("grossAmount", r3(gross));
            b.header.put("discount", r3(disc));
            b.header.put("billAmount", r3(amount));
            b.header.put("note", rnd.nextInt(3) == 0 ? "" : (fashion ? "exchange within 30 days" : "home delivery slot B"));
            b.header.put("source", "instore");
            ts(b.header, "billDate", t, true);
            List<Object> billReg = new ArrayList<>();
            if (regTotal > 0) billReg.add(regular(r3(regTotal), p, t));
            List<Object> billPromised = new ArrayList<>();
            if (promisedTotal > 0) billPromised.add(promised(r3(promisedTotal), maxConv, p));
            b.pointsEarned = buckets(billReg, billPromo, billPromised);
            b.breakup = Json.o("regular", billBrkReg, "promised", billBrkPromised);
            for (String acName : acs) {
                AcEarn ac = new AcEarn();
                ac.name = acName;
                ac.identifier = ORG_ACS.get(acName);
                double v = r3(Math.floor(amount / (acName.equals("Stars") ? 100 : 250)));
                ac.earned = buckets(Json.a(regular(v, p, t)), Json.a(), Json.a());
                ac.breakup = Json.o("regular", Json.a(breakupItem(v, p, t, r3(amount), null,
                        acName.equals("Stars") ? 20511 : 20533, acName + "_PointCategory", false)), "promised", Json.a());
                b.acs.add(ac);
            }
            e.bill = b;
            e.maxConversion = maxConv;
            e.customFields = rnd.nextInt(4) == 0 ? Json.a() : Json.a(Json.o("name", "txn_source", "value", fashion ? "pos_ut" : "pos_fm"),
                    Json.o("name", "cashier_code", "value", "C" + (10 + rnd.nextInt(80))));
            e.extendedFields = rnd.nextInt(3) == 0 ? Json.a() : Json.a(Json.o("name", "store_zone", "value", fashion ? "MALL" : "HIGH_STREET"),
                    Json.o("name", "basket_category", "value", fashion ? "APPAREL" : "GROCERY"));
            List<String> modes = new ArrayList<>();
            modes.add(PAYMENT_MODES[rnd.nextInt(PAYMENT_MODES.length)]);
            if (rnd.nextInt(4) == 0) {
                String m2 = PAYMENT_MODES[rnd.nextInt(PAYMENT_MODES.length)];
                if (!modes.contains(m2)) modes.add(m2);
            }
            e.paymentModes = modes;
            e.slabs = Json.a(Json.o("pointInTimeSlabNumber", 1 + c.index % 3, "pointInTimeSlabName", FRESH.slabs()[c.index % 3],
                    "programId", FRESH.id(), "isDefaultProgram", true));
            if (fashion || c.index % 4 == 0)
                e.slabs.add(Json.o("pointInTimeSlabNumber", 1 + c.index % 2, "pointInTimeSlabName", FASHION.slabs()[c.index % 2],
                        "programId", FASHION.id(), "isDefaultProgram", false));
            return e;
        }

        static Ev returnBill(List<Ev> ledger, Customer c, Ev orig, LocalDateTime t, int kind) {
            Ev e = newEv(ledger, "ReturnBill", t, c.till);
            e.ref = orig.ref;
            e.uid = token(10);
            Bill ob = orig.bill;
            Program p = String.valueOf(ob.header.get("billNumber")).startsWith("UT-") ? FASHION : FRESH;
            String returnType = new String[]{"FULL", "LINE_ITEM", "AMOUNT"}[kind % 3];
            Bill b = new Bill();
            List<Line> returned = new ArrayList<>();
            double returnAmount;
            if (returnType.equals("FULL")) {
                returned.addAll(ob.lines);
                returnAmount = (Double) ob.header.get("billAmount");
            } else if (returnType.equals("LINE_ITEM")) {
                returned.add(ob.lines.get(ob.lines.size() - 1));
                returnAmount = returned.get(0).amount;
            } else {
                returnAmount = r3(Math.floor((Double) ob.header.get("billAmount") / 3));
            }
            b.header.put("billNumber", ob.header.get("billNumber"));
            b.header.put("billAmount", ob.header.get("billAmount"));
            b.header.put("note", "returned at store");
            ts(b.header, "returnDate", t, true);
            b.header.put("returnAmount", returnAmount);
            b.header.put("billDate", ob.header.get("billDate"));
            b.header.put("billDateISO", ob.header.get("billDateISO"));
            b.header.put("returnType", returnType);
            nextEntityId += 3 + rnd.nextInt(900);
            b.header.put("returnBillId", nextEntityId);
            double retPts = r3(returnAmount * p.rate());
            LocalDateTime billT = LocalDateTime.parse((String) ob.header.get("billDate"), LEGACY);
            Map<String, Object> reg = regular(0.0, p, billT);
            reg.put("returnPoints", retPts);
            reg.put("expiryType", p.expiryType()); // keep key order: returnPoints before expiryType
            List<Object> promoList = new ArrayList<>();
            if (!((List<?>) ob.pointsEarned.get("promo")).isEmpty()) {
                Promo pr = p == FASHION ? NEW_ARRIVALS : WEEKEND;
                Map<String, Object> pm = promo(pr, 0.0, billT);
                pm.remove("expiryType");
                pm.put("returnedPoints", r3(retPts * (p == FASHION ? 2 : 1)));
                pm.put("expiryType", p.expiryType());
                promoList.add(pm);
            }
            reg.remove("expiryType");
            reg.put("expiryType", p.expiryType());
            b.pointsEarned = buckets(Json.a(reg), promoList, Json.a());
            Map<String, Object> brk = breakupItem(0.0, p, billT, returnAmount, null, p.catId(), "Main", false);
            brk.remove("expiryType");
            brk.put("returnPoints", retPts);
            brk.put("expiryType", p.expiryType());
            b.breakup = Json.o("regular", Json.a(brk), "promised", Json.a());
            int serial = 1;
            for (Line ol : returned) {
                Line l = new Line();
                l.header.put("id", ol.header.get("id"));
                l.header.put("itemCode", ol.header.get("itemCode"));
                l.header.put("grossAmount", ol.header.get("grossAmount"));
                l.header.put("amount", ol.header.get("amount"));
                l.header.put("rate", ol.header.get("rate"));
                l.header.put("qty", ol.header.get("qty"));
                l.header.put("serialNumber", serial++);
                l.header.put("returnAmount", ol.amount);
                l.header.put("returnRate", ol.header.get("rate"));
                l.header.put("returnQty", ol.header.get("qty"));
                l.header.put("returnValue", ol.amount);
                double lp = r3(ol.amount * p.rate());
                Map<String, Object> lr = regular(0.0, p, billT);
                lr.remove("expiryType");
                lr.put("returnPoints", lp);
                lr.put("expiryType", p.expiryType());
                l.pointsEarned = buckets(Json.a(lr), Json.a(), Json.a());
                Map<String, Object> lb = breakupItem(lp, p, billT, ol.amount, null, p.catId(), "Main", false);
                lb.remove("expiryType");
                lb.put("returnPoints", lp);
                lb.put("expiryType", p.expiryType());
                l.breakup = Json.o("regular", Json.a(lb), "promised", Json.a());
                b.lines.add(l);
            }
            e.bill = b;
            e.customFields = Json.a(Json.o("name", "return_reason", "value", kind % 2 == 0 ? "SIZE_ISSUE" : "DAMAGED"));
            e.extendedFields = Json.a();
            e.paymentModes = new ArrayList<>();
            e.slabs = Json.a(Json.o("pointInTimeSlabNumber", 1 + c.index % 3, "pointInTimeSlabName", FRESH.slabs()[c.index % 3],
                    "programId", FRESH.id(), "isDefaultProgram", true));
            return e;
        }

        static Ev redemption(List<Ev> ledger, Customer c, String ownerRef, LocalDateTime t, boolean groupRedemption) {
            Ev e = newEv(ledger, "PointsRedemption", t, c.till);
            e.ref = ownerRef;
            e.uid = token(10);
            double pts = 50 + 10 * rnd.nextInt(30);
            Map<String, Object> rd = new LinkedHashMap<>();
            rd.put("pointsRedeemed", s3(pts));
            rd.put("redemptionPurpose", rnd.nextBoolean() ? "" : "Bill payment");
            rd.put("transactionNumber", "RDM-" + (40_000 + rnd.nextInt(60_000)));
            ts(rd, "billingTime", t, true);
            if (rnd.nextBoolean()) rd.put("externalReferenceNumber", hex(20));
            rd.put("redemptionId", token(6));
            rd.put("notes", rnd.nextBoolean() ? "" : "Redeemed at checkout");
            rd.put("groupRedemption", groupRedemption);
            e.details.put("redemptionDetails", rd);
            e.customFields = rnd.nextBoolean() ? Json.a() : Json.a(Json.o("name", "card_number", "value", String.valueOf(400_000 + rnd.nextInt(500_000))));
            e.blocks.put("pointsBreakup", rnd.nextBoolean() ? Json.a()
                    : Json.a(Json.o("points", s3(pts), "programId", String.valueOf(FRESH.id()), "programName", FRESH.name())));
            return e;
        }

        static Ev goodwill(List<Ev> ledger, LocalDateTime t, int k) {
            Ev e = newEv(ledger, "AllocateGoodwillPoints", t, null);
            e.details.put("reason", new String[]{"POINTS_ISSUE", "DELIVERY_DELAY", "STORE_COMPLAINT"}[k % 3]);
            e.details.put("comments", new String[]{"Points missing on last bill, credited manually.",
                    "Home delivery was late by two days.", "Billing counter queue complaint."}[k % 3]);
            e.details.put("assocId", k % 2 == 0 ? 0L : 15_002_000L + k);
            e.details.put("requestId", 1_770_000L + rnd.nextInt(90_000));
            double v = 25.0 * (1 + rnd.nextInt(8));
            e.blocks.put("pointsEarned", buckets(Json.a(), Json.a(promo(GOODWILL, v, t)), Json.a()));
            e.ref = "-1";
            e.uid = token(10);
            return e;
        }

        static Ev manualAdjustment(List<Ev> ledger, Customer c, long ownerId, LocalDateTime t) {
            Ev e = newEv(ledger, "ManualPointsAdjustment", t, c.till);
            e.ref = "-1";
            e.uid = token(10);
            double v = 20.0 * (1 + rnd.nextInt(5));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("orgId", Auth.ORG_ID);
            d.put("customerId", ownerId);
            d.put("totalPointsDeducted", s3(v));
            d.put("createdOn", t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
            d.put("createdOnISO", ISO.format(t.atOffset(TZ)));
            d.put("reason", "duplicate bill correction");
            Map<String, Object> br = new LinkedHashMap<>();
            br.put("customerId", ownerId);
            br.put("loyaltyId", ownerId);
            br.put("programId", FRESH.id());
            br.put("programName", FRESH.name());
            br.put("promotionId", GOODWILL.id());
            br.put("promotionName", GOODWILL.name());
            br.put("pointAwardedRefType", "POINT_AWARDED_CUSTOMER_PROMOTION");
            br.put("pointAwardedRefId", 738_400_000L + rnd.nextInt(90_000));
            br.put("deductionType", "MANUAL_ADJUSTMENT");
            br.put("pointsDeducted", v);
            br.put("pointsDeductedStr", s3(v));
            br.put("pointsDeductedCurrencyValue", v);
            br.put("pointsDeductedCurrencyValueStr", s3(v));
            ts(br, "pointsDeductedOn", t, true);
            br.put("pointsDeductedBy", "store.manager.blr");
            br.put("pointsDeductedById", c.till);
            br.put("sourceType", "Bill");
            br.put("awardedTillId", c.till + 17);
            ts(br, "awardedTillDate", t.minusDays(20), true);
            d.put("pointsDeductionBreakUpDetails", Json.a(br));
            e.tail.put("manualPointsAdjustmentDetails", d);
            return e;
        }

        static Map<String, Object> attr(String valueType, String value) {
            return value == null ? Json.o("valueType", valueType) : Json.o("valueType", valueType, "value", value);
        }

        static Ev genericEvent(List<Ev> ledger, Customer c, LocalDateTime t, int k) {
            Ev e = newEv(ledger, "GenericEvent", t, c.till);
            boolean checkin = k % 2 == 0;
            String label = checkin ? "StoreCheckIn" : "AppReview";
            Promo pr = checkin ? CHECKIN : REVIEW;
            e.details.put("eventDisplayName", label);
            e.details.put("displayName", label);
            Map<String, Object> pm = promo(pr, checkin ? 20.0 : 50.0, t);
            pm.remove("expiryType");
            pm.put("promotionStartDate", pr.start());
            pm.put("promotionEndDate", pr.end());
            e.blocks.put("pointsEarned", buckets(Json.a(), Json.a(pm), Json.a()));
            List<Object> fields = Json.a(
                    Json.o("fieldName", "mobile", "fieldType", "customer", "attributes", Json.o(
                            "accountId", attr("ENUM", null),
                            "addCustomerIfNotExists", attr("BOOLEAN", "false"),
                            "identifierType", attr("ENUM", "mobile"),
                            "isRequired", attr("BOOLEAN", "true"),
                            "source", attr("ENUM", "INSTORE"))),
                    checkin ? Json.o("fieldName", "storecode", "fieldType", "tillCode", "attributes", Json.o(
                            "isRequired", attr("BOOLEAN", "true")))
                            : Json.o("fieldName", "rating", "fieldType", "double", "attributes", Json.o(
                            "isPsiData", attr("BOOLEAN", "false"),
                            "isRequired", attr("BOOLEAN", "true"),
                            "isUniqueKeyField", attr("BOOLEAN", "false"))),
                    Json.o("fieldName", "visit_date", "fieldType", "date", "attributes", Json.o(
                            "isRequired", attr("BOOLEAN", "false"))),
                    Json.o("fieldName", "comment", "fieldType", "string", "attributes", Json.o(
                            "isRequired", attr("BOOLEAN", "false"),
                            "regex", attr("STRING", null))));
            e.blocks.put("behavioralEventMetadata", Json.o("label", label, "fields", fields));
            e.ref = uuid();
            e.uid = e.ref;
            return e;
        }

        static Ev target(List<Ev> ledger, Customer c, LocalDateTime t, int k) {
            Ev e = newEv(ledger, "TargetCompleted", t, c.till);
            boolean milestone = k % 2 == 1;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("targetGroupID", 46_900 + k % 3);
            d.put("targetGroupName", milestone ? "Basket Builder Milestones" : "Monthly Basket Target");
            d.put("targetId", 77_100 + k % 5);
            d.put("targetName", milestone ? "Spend 5000 in a month" : "Shop 4 times a month");
            d.put("targetDescription", milestone ? "Milestones at 2000 and 5000" : "Four visits in a calendar month");
            d.put("targetPeriodID", 66_400 + (t.getMonthValue() + 12 * (t.getYear() - 2024)));
            d.put("targetPeriodName", "Cycle_" + t.getYear() + "_" + t.getMonthValue());
            if (milestone) {
                d.put("triggerValue", s3(2000 + 1000 * (k % 4)));
            } else {
                d.put("targetValue", "4.000");
                d.put("achievedValue", s3(4 + k % 2));
            }
            d.put("sourceId", milestone ? 78_500 + k : 641_900 + k);
            d.put("sourceType", milestone ? "MILESTONE" : "USERTARGET");
            List<Object> promised = k % 3 == 2
                    ? Json.a(promised(40.0, t.toLocalDate().plusMonths(1).withDayOfMonth(1).atStartOfDay(), FRESH)) : Json.a();
            d.put("pointsEarned", Json.o("promo", Json.a(promo(TARGET, 100.0, t)), "promised", promised));
            if (milestone) d.put("mileStoneName", "Sub target " + (1 + k % 3));
            e.blocks.put("targetCompletedDetails", d);
            e.ref = String.valueOf(263_900 + rnd.nextInt(90_000));
            e.uid = hex(42);
            return e;
        }

        static Ev registration(List<Ev> ledger, Customer c, LocalDateTime t) {
            Ev e = newEv(ledger, "CustomerRegistration", t, c.till);
            List<Object> promisedL = c.index % 5 == 0
                    ? Json.a(promised(100.0, t.toLocalDate().plusDays(14).atStartOfDay(), FRESH)) : Json.a();
            e.blocks.put("pointsEarned", buckets(Json.a(regular(50.0, FRESH, t)), Json.a(), promisedL));
            e.ref = String.valueOf(c.id);
            e.uid = token(10);
            return e;
        }

        static Ev transfer(List<Ev> ledger, Customer from, Customer to, LocalDateTime t) {
            Ev e = newEv(ledger, "PointsTransfer", t, null);
            double pts = 100.0 * (1 + rnd.nextInt(5));
            for (String side : new String[]{"transferredFrom", "transferredTo"}) {
                Customer who = side.equals("transferredFrom") ? from : to;
                e.blocks.put(side, Json.o("userId", String.valueOf(who.id), "firstName", who.first, "lastName", who.last,
                        "transferType", "TRANSFER", "pointsTransferDetails",
                        Json.a(Json.o("points", s3(pts), "programId", String.valueOf(FRESH.id()), "programName", FRESH.name()))));
            }
            e.blocks.put("notes", rnd.nextBoolean() ? "" : "Sharing points with family");
            e.ref = String.valueOf(from.id);
            e.uid = token(10);
            return e;
        }

        static Ev voucher(List<Ev> ledger, Customer c, LocalDateTime t) {
            Ev e = newEv(ledger, "VoucherRedemption", t, c.till);
            e.blocks.put("pointsEarned", buckets(Json.a(regular(10.0, FRESH, t)), Json.a(promo(VOUCHER, 50.0, t)), Json.a()));
            long issued = 90_300_000L + rnd.nextInt(900_000);
            e.ref = String.valueOf(issued);
            e.uid = token(10);
            e.tail.put("voucherRedemptionDetails", Json.o("voucherIssuedId", issued, "voucherSeriesId", 1_110_700 + rnd.nextInt(50),
                    "redeemedVoucherCode", String.valueOf(300_000 + rnd.nextInt(600_000)), "redeemDate", LEGACY.format(t)));
            return e;
        }

        static Ev promotionImport(List<Ev> ledger, LocalDateTime t) {
            Ev e = newEv(ledger, "CustomerPromotionImport", t, -1L);
            e.details.put("eventDisplayName", CARD_IMPORT.name());
            double v = 100.0 + 25 * rnd.nextInt(20);
            e.blocks.put("pointsEarned", buckets(Json.a(), Json.a(Json.o("promotionId", CARD_IMPORT.id(),
                    "promotionName", CARD_IMPORT.name(), "programId", FRESH.id(), "programName", FRESH.name(), "value", v)), Json.a()));
            String day = t.toLocalDate().toString().replace("-", "");
            e.blocks.put("importMeta", Json.o("fileName", "cobrand_points_" + day + ".csv",
                    "importStartTime", LEGACY.format(t.minusMinutes(2)), "importEndTime", LEGACY.format(t),
                    "profileName", "Customer Promotion", "profileType", "Promotional Rewards"));
            e.ref = "-1";
            e.uid = token(10);
            return e;
        }

        static final String[] FIRST = {"Aarav", "Diya", "Kabir", "Ishita", "Rohan", "Meera", "Vikram", "Ananya", "Arjun",
                "Sneha", "Karthik", "Pooja", "Nikhil", "Riya", "Siddharth", "Tanvi", "Aditya", "Kavya", "Harsh", "Neha",
                "Manish", "Lakshmi", "Farhan", "Zoya", "Gaurav", "Bhavna", "Rahul", "Sana"};
        static final String[] LAST = {"Sharma", "Iyer", "Mehta", "Rao", "Kapoor", "Nair", "Singh", "Reddy", "Das",
                "Menon", "Joshi", "Bose", "Khan", "Pillai"};

        // ledger shapes: long (30+), short (1-3), medium
        static final Set<Integer> LONG = Set.of(0, 2, 5, 9, 14, 20, 26);
        static final Set<Integer> SHORT = Set.of(1, 4, 7, 11, 16, 19, 23, 27);
        static final String[] LONG_PATTERN = {"TA", "TA", "GE", "TA", "PR", "TA", "RB", "TC", "TA", "GW", "TA", "VR", "TA",
                "GE", "PT", "TA", "MPA", "TA", "CPI", "TA", "PR", "TA", "TC", "TA", "GW", "TA", "RB", "TA", "GE", "TA",
                "PR", "GW", "TA"};
        static final String[] MEDIUM_POOL = {"TA", "TA", "TA", "GE", "PR", "GW", "TC", "VR", "TA", "RB"};

        static void build() {
            rnd = new Random(0x5EEDL * 917 + 2024);
            nextLogId = 731_004_511L;
            nextBillId = 3_811_208_900L;
            nextLineId = 2_419_700_000L;
            nextEntityId = 25_610_000L;
            for (int i = 0; i < 28; i++) {
                Customer c = new Customer();
                c.index = i;
                c.id = 48_200_117L + i * 9_173L + (long) (i * i % 97) * 31;
                c.first = FIRST[i];
                c.last = LAST[(i * 5) % LAST.length];
                c.mobile = "91" + (9_840_000_000L + i * 37_219L + (i % 7) * 1_003L);
                c.email = (c.first + "." + c.last + (i > 9 ? String.valueOf(i) : "")).toLowerCase(Locale.ROOT) + "@mailbox.example";
                c.externalId = "FM" + (700_000 + i * 613);
                c.program = i % 3 == 2 ? FASHION : FRESH;
                c.till = 50_640_000L + (i % 6) * 1_117L;
                if (i % 3 == 0) c.acs.add("Stars");
                if (i % 3 == 2 && i % 2 == 0) c.acs.add("FashionCoins");
                if (i == 12) c.acs.add("FashionCoins");
                c.registrations.put("INSTORE", Set.of("INSTORE"));
                Set<String> mj = new TreeSet<>();
                if (i % 2 == 0) mj.add("3104");
                if (i % 6 == 1 || i % 3 == 2) mj.add("3187");
                if (!mj.isEmpty()) c.registrations.put("MARTJACK", mj);
                if (i % 4 == 3) c.registrations.put("WEBSITE", Set.of("WEBSITE"));
                customers.add(c);
                byId.put(c.id, c);
                byMobile.put(c.mobile, c);
                byEmail.put(c.email.toLowerCase(Locale.ROOT), c);
                byExternalId.put(c.externalId, c);
            }
            for (Customer c : customers) generateLedger(c);
            buildGroups();
        }

        static void generateLedger(Customer c) {
            int i = c.index;
            LocalDateTime t = LocalDate.of(2024, 1, 8).plusDays(i * 5L).atTime(LocalTime.of(9 + i % 9, (i * 7) % 60));
            List<Ev> L = c.events;
            List<String> plan = new ArrayList<>();
            if (LONG.contains(i)) {
                plan.add("CR");
                plan.addAll(Arrays.asList(LONG_PATTERN));
                int extra = rnd.nextInt(10);
                for (int k = 0; k < extra; k++) plan.add(MEDIUM_POOL[rnd.nextInt(MEDIUM_POOL.length)]);
            } else if (SHORT.contains(i)) {
                int n = 1 + i % 3;
                plan.add(n == 1 ? "TA" : "CR");
                if (n >= 2) plan.add("TA");
                if (n >= 3) plan.add("PR");
            } else {
                plan.add("CR");
                plan.add("TA");
                int n = 3 + rnd.nextInt(9);
                for (int k = 0; k < n; k++) plan.add(MEDIUM_POOL[rnd.nextInt(MEDIUM_POOL.length)]);
            }
            int k = 0;
            boolean forcedDelayed = false;
            for (String step : plan) {
                t = t.plusDays(1 + rnd.nextInt(i % 4 == 0 ? 9 : 20)).withHour(8 + rnd.nextInt(13)).withMinute(rnd.nextInt(60)).withSecond(rnd.nextInt(60));
                k++;
                switch (step) {
                    case "CR" -> registration(L, c, t);
                    case "TA" -> {
                        boolean force = c.program == FASHION && !forcedDelayed;
                        Ev e = transaction(L, "TransactionAdd", c, c.program == FASHION && k % 5 == 0 ? FRESH : c.program, t, c.acs, force);
                        if (e.maxConversion != null) forcedDelayed = true;
                    }
                    case "RB" -> {
                        Ev orig = null;
                        for (int j = L.size() - 1; j >= 0; j--)
                            if (L.get(j).name.equals("TransactionAdd")) {
                                orig = L.get(j);
                                break;
                            }
                        if (orig == null) orig = transaction(L, "TransactionAdd", c, c.program, t.minusHours(2), c.acs, false);
                        returnBill(L, c, orig, t, k);
                    }
                    case "PR" -> redemption(L, c, String.valueOf(c.id), t, false);
                    case "GW" -> goodwill(L, t, k);
                    case "MPA" -> manualAdjustment(L, c, c.id, t);
                    case "GE" -> genericEvent(L, c, t, k);
                    case "TC" -> target(L, c, t, k);
                    case "PT" -> transfer(L, c, customers.get((i + 11) % customers.size()), t);
                    case "VR" -> voucher(L, c, t);
                    case "CPI" -> promotionImport(L, t);
                    default -> throw new IllegalStateException(step);
                }
            }
        }

        static void dump() {
            for (Customer c : customers) {
                System.out.println("CUSTOMER idx=" + c.index + " id=" + c.id + " mobile=" + c.mobile + " email=" + c.email
                        + " externalId=" + c.externalId + " acs=" + c.acs + " reg=" + c.registrations + " events=" + c.events.size());
                for (Ev e : c.events) System.out.println("  " + e.logId + " " + e.name + " ref=" + e.ref
                        + (e.bill != null ? " acs=" + e.bill.acs.size() + " lines=" + e.bill.lines.size() : "")
                        + (e.maxConversion != null ? " maxConv=" + e.maxConversion : ""));
            }
            for (Group g : groups) {
                System.out.println("GROUP id=" + g.id + " externalId=" + g.externalId + " primary=" + g.primary.id + " events=" + g.events.size());
                for (Ev e : g.events) System.out.println("  " + e.logId + " " + e.name + " ref=" + e.ref
                        + (e.bill != null ? " acs=" + e.bill.acs.size() : ""));
            }
        }

        static void buildGroups() {
            Group g = new Group();
            g.id = 7_305_118L;
            g.externalId = "HH-0091";
            g.name = "Mehta Household";
            g.primary = customers.get(3);
            g.members.addAll(List.of(customers.get(3), customers.get(6), customers.get(8)));
            LocalDateTime t = LocalDateTime.of(2024, 6, 2, 11, 15, 0);
            List<String> noAc = List.of();
            String ref = String.valueOf(g.id);
            for (int k = 0; k < 12; k++) {
                t = t.plusDays(6 + rnd.nextInt(15)).withMinute(rnd.nextInt(60)).withSecond(rnd.nextInt(60));
                Customer actor = g.members.get(k % 3);
                switch (k % 6) {
                    case 0, 2, 4 -> transaction(g.events, "GroupTransactionAdd", actor, FRESH, t, k % 4 == 0 ? List.of("Stars") : noAc, false);
                    case 1 -> redemption(g.events, actor, ref, t, true);
                    case 3 -> goodwill(g.events, t, k);
                    case 5 -> manualAdjustment(g.events, actor, -g.id, t);
                }
            }
            groups.add(g);

            Group g2 = new Group();
            g2.id = 7_305_944L;
            g2.externalId = "HH-0107";
            g2.name = "Bose Family";
            g2.primary = customers.get(10);
            g2.members.addAll(List.of(customers.get(10), customers.get(13)));
            t = LocalDateTime.of(2024, 9, 14, 18, 40, 0);
            transaction(g2.events, "GroupTransactionAdd", g2.primary, FRESH, t, noAc, false);
            redemption(g2.events, customers.get(13), String.valueOf(g2.id), t.plusDays(9), true);
            groups.add(g2);
        }
    }
}
