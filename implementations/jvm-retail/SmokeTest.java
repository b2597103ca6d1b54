// Smoke test for jvm-retail. Run from this folder:  java SmokeTest.java
// Starts `java Server.java --port 0` (and once per planted fault with --fault NAME), sends requests, checks answers.

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Predicate;

public class SmokeTest {
    static final String EP = "/v2/pointsLedger/getLedgerExplodeInfo";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    static int passed = 0;

    // QA sheet data
    static final String C1 = "identifierName=mobile&identifierValue=919840000000&source=INSTORE";
    static final String C2 = "identifierName=email&identifierValue=diya.nair@mailbox.example&source=INSTORE";
    static final String C3 = "identifierName=externalId&identifierValue=FM701226&source=INSTORE";
    static final String C4 = "identifierName=id&identifierValue=48227915&source=INSTORE";
    static final String G = "identifierName=id&identifierValue=7305118&source=INSTORE&type=USERGROUP2";

    static String md5(String s) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (byte b : MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8))) sb.append(String.format("%02x", b));
        return sb.toString();
    }

    static String basic(String user, String passwordAsSent) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + passwordAsSent).getBytes(StandardCharsets.UTF_8));
    }

    static String GOOD, FORBIDDEN;

    record R(int status, String body) {}

    static R get(String base, String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + EP + (query == null ? "" : "?" + query)));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        return new R(r.statusCode(), r.body());
    }

    static R q(String base, String query) throws Exception { return get(base, query, "Authorization", GOOD); }

    static R post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new R(r.statusCode(), r.body());
    }

    static synchronized void check(String name, boolean ok, R r) {
        if (ok) passed++;
        else failures.add(name + " -> " + (r == null ? "" : r.status + " " + r.body.substring(0, Math.min(300, r.body.length()))));
        System.out.println((ok ? "PASS " : "FAIL ") + name);
    }

    static void expect(String name, R r, int status, String... contains) {
        boolean ok = r.status == status;
        for (String c : contains) {
            if (c.startsWith("!")) ok &= !r.body.contains(c.substring(1));
            else ok &= r.body.contains(c);
        }
        check(name, ok, r);
    }

    static int count(String body, String needle) {
        int n = 0, i = 0;
        while ((i = body.indexOf(needle, i)) >= 0) {
            n++;
            i += needle.length();
        }
        return n;
    }

    static final class Srv implements AutoCloseable {
        final Process p;
        final String base;

        Srv(String... faults) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "Server.java", "--port", "0"));
            for (String f : faults) {
                cmd.add("--fault");
                cmd.add(f);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(".")).redirectError(ProcessBuilder.Redirect.DISCARD);
            p = pb.start();
            BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = br.readLine();
            if (line == null || !line.matches("http://127\\.0\\.0\\.1:\\d+")) throw new IllegalStateException("bad first line: " + line);
            base = line;
        }

        public void close() throws Exception {
            p.destroy(); // SIGTERM
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        GOOD = basic("freshmart.till01", md5("Till01@Fresh"));
        FORBIDDEN = basic("reports.till99", md5("Rep0rts#99"));

        // CLI: unknown fault exits 2
        Process bad = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "Server.java", "--fault", "no-such-fault")
                .redirectErrorStream(true).start();
        bad.getInputStream().readAllBytes();
        check("unknown fault exits 2", bad.waitFor() == 2, null);

        try (Srv s = new Srv()) {
            baseline(s.base);
        }

        Map<String, Callable<Void>> faultChecks = faultChecks();
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (var e : faultChecks.entrySet()) {
            fs.add(ex.submit(() -> {
                try (Srv s = new Srv(e.getKey())) {
                    FAULT_BASE.set(s.base);
                    e.getValue().call();
                } catch (Exception x) {
                    check("fault " + e.getKey() + " (exception " + x + ")", false, null);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        ex.shutdown();

        System.out.println();
        System.out.println(passed + " passed, " + failures.size() + " failed");
        for (String f : failures) System.out.println("  FAILED: " + f);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static void baseline(String b) throws Exception {
        // --- authentication / authorisation
        expect("401 without credentials", get(b, C1 + "&eventIds=731016612"), 401, "\"errors\"");
        expect("401 with plain (non-md5) password", get(b, C1 + "&eventIds=731016612", "Authorization", basic("freshmart.till01", "Till01@Fresh")), 401);
        expect("403 identity without Points resource", get(b, C1 + "&eventIds=731016612", "Authorization", FORBIDDEN), 403, "\"code\":4000", "Not authorized. Access is denied!");
        R tok = post(b + "/v3/oauth/token/generate", "{\"key\":\"rtl-8f2c41d0\",\"secret\":\"Zq7mP2xV9kLw4Rt1\"}");
        expect("oauth token generate", tok, 200, "\"accessToken\":\"", "\"ttlSeconds\":");
        String token = tok.body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        expect("oauth token accepted", get(b, C1 + "&eventIds=731016612", "X-CAP-API-OAUTH-TOKEN", token), 200, "\"eventLogId\":731016612");
        expect("oauth bad token 401", get(b, C1 + "&eventIds=731016612", "X-CAP-API-OAUTH-TOKEN", token + "x"), 401);
        expect("oauth bad secret", post(b + "/v3/oauth/token/generate", "{\"key\":\"rtl-8f2c41d0\",\"secret\":\"nope\"}"), 401, "Failed to generate OAuth token");
        R tok2 = post(b + "/v3/oauth/token/generate", "{\"key\":\"rtl-ro-55ab90\",\"secret\":\"Nn3bQ8yT6cHj0Ws5\"}");
        String token2 = tok2.body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        expect("oauth client without Points -> 403", get(b, C1 + "&eventIds=731016612", "X-CAP-API-OAUTH-TOKEN", token2), 403, "\"code\":4000");

        // --- identifiers
        expect("lookup by mobile + eventIds", q(b, C1 + "&eventIds=731016612,731026279"), 200,
                "\"eventLogId\":731016612", "\"eventLogId\":731026279", "\"eventReferenceId\":\"48200117\"", "\"warnings\":[]", "\"uniqueId\":");
        expect("lookup by email", q(b, C2 + "&eventIds=731083518,731086732"), 200, "\"eventName\":\"CustomerRegistration\"", "\"eventName\":\"TransactionAdd\"");
        expect("lookup by externalId", q(b, C3 + "&eventIds=731123649"), 200, "\"transferredFrom\"", "\"transferredTo\"");
        expect("lookup by id", q(b, C4 + "&eventIds=731168984"), 200, "\"eventLogId\":731168984");
        expect("identifierName case-insensitive", q(b, C1.replace("mobile", "MOBILE") + "&eventIds=731016612"), 200);
        expect("accountId on multi-account source", q(b, C1.replace("INSTORE", "MARTJACK") + "&accountId=3104&eventIds=731016612"), 200);
        expect("8045 accountId missing", q(b, C1.replace("INSTORE", "MARTJACK") + "&eventIds=731016612"), 400, "\"code\":8045");
        expect("8015 unknown customer", q(b, "identifierName=mobile&identifierValue=919800000001&source=INSTORE&eventIds=1"), 400, "\"code\":8015");
        expect("11012 bad user id", q(b, "identifierName=id&identifierValue=abc&source=INSTORE&eventIds=1"), 400, "\"code\":11012");
        expect("8013 bad identifierName", q(b, "identifierName=phone&identifierValue=1&source=INSTORE&eventIds=1"), 400, "\"code\":8013");
        expect("8003 bad source", q(b, "identifierName=mobile&identifierValue=919840000000&source=SHOP&eventIds=1"), 400, "\"code\":8003");
        expect("11013 missing source", q(b, "identifierName=mobile&identifierValue=919840000000&eventIds=731016612"), 400, "\"code\":11013");
        expect("9003 bad type", q(b, C1 + "&type=FLEET&eventIds=731016612"), 400, "\"code\":9003");

        // --- selectors
        expect("11023 no selector", q(b, C1), 400, "\"code\":11023");
        expect("11021 both selectors", q(b, C1 + "&eventIds=731016612&eventName=PointsRedemption&eventReferenceIds=48200117"), 400, "\"code\":11021");
        expect("11017 non-numeric eventIds", q(b, C1 + "&eventIds=abc"), 400, "\"code\":11017");
        expect("9021 unknown eventIds", q(b, C1 + "&eventIds=731016612,731083518"), 400, "\"code\":9021", "731083518");
        expect("11014 unknown eventName", q(b, C1 + "&eventName=DelayedAccrual&eventReferenceIds=1"), 400, "\"code\":11014");
        expect("9022 bad reference", q(b, C1 + "&eventName=TransactionAdd&eventReferenceIds=123"), 400, "\"code\":9022");
        expect("11014 more than 10 reference ids", q(b, C1 + "&eventName=TransactionAdd&eventReferenceIds=1,2,3,4,5,6,7,8,9,10,11"), 400, "\"code\":11014");
        expect("eventName + transaction id", q(b, C3 + "&eventName=TransactionAdd&eventReferenceIds=3811933741"), 200, "\"eventLogId\":731125533", "!\"billDetails\"");
        expect("eventName + behavioural request id", q(b, C1 + "&eventName=GenericEvent&eventReferenceIds=5895a059-03b5-42ad-b2e3-283591e2610b"), 200,
                "\"eventLogId\":731014087", "\"behavioralEventMetadata\"", "\"uniqueId\":\"5895a059-03b5-42ad-b2e3-283591e2610b\"");

        // --- flags
        String txn = C3 + "&eventIds=731125533";
        expect("no flags: no bill/companions", q(b, txn), 200, "!\"billDetails\"", "!\"customFields\"", "!\"paymentModes\"", "!maxConversionDate");
        expect("getBillDetails", q(b, txn + "&getBillDetails=true"), 200, "\"billDetails\"", "\"lineItems\"", "\"billNumber\"", "\"pointInTimeSlabs\"", "!\"pointsEarnedBreakup\"");
        expect("getPointsEarnedBreakup", q(b, txn + "&getPointsEarnedBreakup=true"), 200, "\"pointsEarnedBreakup\"", "\"allocationStrategyName\"");
        expect("getCustomFields", q(b, C1 + "&eventIds=731011506&getCustomFields=true"), 200, "\"customFields\"");
        expect("getExtendedFields", q(b, txn + "&getExtendedFields=true"), 200, "\"extendedFields\":[{\"name\":\"store_zone\"");
        expect("getPaymentModes", q(b, txn + "&getPaymentModes=true"), 200, "\"paymentModes\":[\"CARD\"]");
        expect("getMaxConversionDetails", q(b, txn + "&getMaxConversionDetails=true"), 200, "\"maxConversionDate\":\"2024-11-01 00:00:00.0\"");

        // --- alternate currencies
        String acTxn = C1 + "&eventIds=731011506&getBillDetails=true";
        expect("AC hidden by default", q(b, acTxn), 200, "!alternateCurrencyValueEarned");
        expect("includeAlternateCurrencies", q(b, acTxn + "&includeAlternateCurrencies=true"), 200, "\"alternateCurrencyName\":\"Stars\"");
        expect("alternateCurrencyNames filter match", q(b, C3 + "&eventIds=731125533&getBillDetails=true&alternateCurrencyNames=FashionCoins"), 200, "\"alternateCurrencyName\":\"FashionCoins\"");
        expect("alternateCurrencyNames filter no match", q(b, C3 + "&eventIds=731125533&getBillDetails=true&alternateCurrencyNames=Stars"), 200,
                "!alternateCurrencyValueEarned", "\"code\":9018");
        expect("alternateCurrencyNames filter excludes others", q(b, acTxn + "&alternateCurrencyNames=GreenLeaves"), 200, "!alternateCurrencyValueEarned", "no alternate currency found");
        expect("alternateCurrencyNames unknown -> warning", q(b, acTxn + "&alternateCurrencyNames=dummy"), 200, "name: dummy");
        expect("9005 blank alternateCurrencyNames", q(b, acTxn + "&alternateCurrencyNames=,"), 400, "\"code\":9005");
        expect("customer without AC -> warning", q(b, C2 + "&eventIds=731086732&getBillDetails=true&includeAlternateCurrencies=true"), 200,
                "no alternate currency found", "!alternateCurrencyValueEarned");

        // --- pagination
        String gw = C1 + "&eventName=AllocateGoodwillPoints&eventReferenceIds=-1";
        R all = q(b, gw);
        check("goodwill by -1 returns 3", all.status == 200 && count(all.body, "\"eventLogId\"") == 3, all);
        R p1 = q(b, gw + "&limit=2&offset=1");
        check("offset is page number", p1.status == 200 && count(p1.body, "\"eventLogId\"") == 1, p1);
        expect("past last page -> empty", q(b, gw + "&limit=2&offset=5"), 200, "\"events\":[]");
        expect("11029 limit > 100", q(b, gw + "&limit=101"), 400, "\"code\":11029");

        // --- user groups
        expect("USERGROUP2 by id", q(b, G + "&eventIds=731829992,731827115"), 200, "\"groupRedemption\":true", "\"GroupTransactionAdd\"");
        expect("USERGROUP2 isPrimaryUser", q(b, G + "&isPrimaryUser=true&eventIds=731168984"), 200, "\"eventLogId\":731168984");
        expect("USERGROUP2 member event not in group ledger", q(b, G + "&eventIds=731168984"), 400, "\"code\":9021");
        expect("1632 unknown group", q(b, "identifierName=id&identifierValue=7305999&source=INSTORE&type=USERGROUP2&eventIds=1"), 400, "\"code\":1632");

        // --- other paths, methods, concurrency
        HttpResponse<String> nf = HTTP.send(HttpRequest.newBuilder(URI.create(b + "/v2/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        check("404 on other path", nf.statusCode() == 404, new R(nf.statusCode(), nf.body()));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<R>> fs = new ArrayList<>();
        for (int i = 0; i < 32; i++) fs.add(pool.submit(() -> q(b, C3 + "&eventIds=731125533&getBillDetails=true&getPointsEarnedBreakup=true")));
        boolean allOk = true;
        for (Future<R> f : fs) allOk &= f.get().status == 200;
        pool.shutdown();
        check("32 concurrent requests", allOk, null);
    }

    static final ThreadLocal<String> FAULT_BASE = new ThreadLocal<>();

    static void fx(String name, String query, Predicate<R> faulty) throws Exception {
        R r = q(FAULT_BASE.get(), query);
        check("fault " + name, faulty.test(r), r);
    }

    static Map<String, Callable<Void>> faultChecks() {
        Map<String, Callable<Void>> m = new LinkedHashMap<>();
        m.put("both-selectors-allowed", () -> { fx("both-selectors-allowed", C1 + "&eventIds=731016612&eventName=PointsRedemption&eventReferenceIds=48200117", r -> r.status == 200); return null; });
        m.put("event-name-wrong-code", () -> { fx("event-name-wrong-code", C1 + "&eventName=DelayedAccrual&eventReferenceIds=1", r -> r.body.contains("\"code\":9022")); return null; });
        m.put("ref-ids-uncapped", () -> { fx("ref-ids-uncapped", C1 + "&eventName=AllocateGoodwillPoints&eventReferenceIds=-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1", r -> r.status == 200); return null; });
        m.put("bill-details-ignored", () -> { fx("bill-details-ignored", C3 + "&eventIds=731125533&getBillDetails=true", r -> r.status == 200 && !r.body.contains("billDetails")); return null; });
        m.put("payment-modes-ignored", () -> { fx("payment-modes-ignored", C3 + "&eventIds=731125533&getPaymentModes=true", r -> r.status == 200 && !r.body.contains("paymentModes")); return null; });
        m.put("ac-without-flag", () -> { fx("ac-without-flag", C1 + "&eventIds=731011506&getBillDetails=true", r -> r.body.contains("alternateCurrencyValueEarned")); return null; });
        m.put("ac-name-filter-ignored", () -> { fx("ac-name-filter-ignored", C1 + "&eventIds=731011506&getBillDetails=true&alternateCurrencyNames=GreenLeaves", r -> r.body.contains("\"alternateCurrencyName\":\"Stars\"")); return null; });
        m.put("limit-ignored", () -> { fx("limit-ignored", C1 + "&eventName=AllocateGoodwillPoints&eventReferenceIds=-1&limit=1", r -> count(r.body, "\"eventLogId\"") == 3); return null; });
        m.put("email-lookup-broken", () -> { fx("email-lookup-broken", C2 + "&eventIds=731086732", r -> r.body.contains("\"code\":8013")); return null; });
        m.put("usergroup-rejected", () -> { fx("usergroup-rejected", G + "&eventIds=731829992", r -> r.body.contains("\"code\":9003")); return null; });
        m.put("no-access-check", () -> {
            R r = get(FAULT_BASE.get(), C1 + "&eventIds=731016612", "Authorization", FORBIDDEN);
            check("fault no-access-check", r.status == 200, r);
            return null;
        });
        m.put("oauth-header-ignored", () -> {
            String b = FAULT_BASE.get();
            R tok = post(b + "/v3/oauth/token/generate", "{\"key\":\"rtl-8f2c41d0\",\"secret\":\"Zq7mP2xV9kLw4Rt1\"}");
            String token = tok.body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
            R r = get(b, C1 + "&eventIds=731016612", "X-CAP-API-OAUTH-TOKEN", token);
            check("fault oauth-header-ignored", r.status == 401, r);
            return null;
        });
        m.put("ref-id-number", () -> { fx("ref-id-number", C1 + "&eventIds=731016612", r -> r.body.contains("\"eventReferenceId\":48200117")); return null; });
        m.put("warnings-missing", () -> { fx("warnings-missing", C1 + "&eventIds=731016612", r -> r.status == 200 && !r.body.contains("\"warnings\"")); return null; });
        m.put("source-optional", () -> { fx("source-optional", "identifierName=mobile&identifierValue=919840000000&eventIds=731016612", r -> r.status == 200); return null; });
        m.put("unknown-event-ids-dropped", () -> { fx("unknown-event-ids-dropped", C1 + "&eventIds=731016612,731083518", r -> r.status == 200); return null; });
        return m;
    }
}
