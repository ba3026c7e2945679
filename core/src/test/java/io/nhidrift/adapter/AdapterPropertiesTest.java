package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every adapter, on any input, returns a result or throws {@link AdapterException}: never another exception or
 * error, and never hangs (each call has a deadline). Inputs: arbitrary bytes, gzip of arbitrary bytes, and
 * JSON records built from the fields the adapters read, with values of every type, huge numbers and hostile times.
 */
@UnitTest
@Tag("unit")
class AdapterPropertiesTest {

    private static final List<LogAdapter> ADAPTERS = Adapters.formats().stream().map(Adapters::create).toList();
    private static final ExecutorService DEADLINE = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "adapter-property");
        t.setDaemon(true);
        return t;
    });

    private static final String[] FIELDS = {"eventTime", "@timestamp", "userIdentity", "type", "accessKeyId", "arn",
        "principalId", "invokedBy", "sessionContext", "sessionIssuer", "sessionCredentialFromConsole", "eventSource",
        "eventName", "errorCode", "sourceIPAddress", "userAgent", "eventID", "Records", "detail-type", "detail",
        "vpcEndpointId", "recipientAccountId", "protoPayload", "authenticationInfo", "principalEmail", "authorizationInfo",
        "permission", "granted", "methodName", "requestMetadata", "callerIp", "callerSuppliedUserAgent", "timestamp",
        "insertId", "user", "username", "verb", "objectRef", "resource", "subresource", "apiGroup", "requestURI", "sourceIPs",
        "requestReceivedTimestamp", "responseStatus", "code", "auditID", "kind", "items", "consumer", "id",
        "authenticated_entity", "request", "uri", "method", "headers", "user-agent", "started_at", "client_ip", "response",
        "status", "records", "value", "time", "operationName", "identity", "claims", "appid", "idtyp", "createdDateTime",
        "servicePrincipalId", "appId", "ipAddress", "signInEventTypes", "errorCode", "resultType", "callerIpAddress",
        "action", "actor", "actor_ip", "token_id", "hashed_token", "route", "request_method", "status_code", "created_at",
        "class_uid", "activity_id", "api", "operation", "service", "name", "credential_uid", "src_endpoint", "ip",
        "http_request", "user_agent", "metadata", "uid", "requestId", "apiKeyId", "httpMethod", "resourcePath", "requestTime"};
    private static final Object[] SCALARS = {"", "AKIAEXAMPLE000000001", "ASIAEXAMPLE", "arn:aws:iam::1:role/a/b",
        "arn:aws:sts::1:assumed-role/r/s", "system:serviceaccount:ns:sa", "a@p.iam.gserviceaccount.com", "IAMUser",
        "AssumedRole", "AWSService", "Root", "s3.amazonaws.com", "GetObject", "2026-03-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "0000-00-00T00:00:00Z",
        "10/Jul/2023:11:42:00 +0000", "Mozilla/5.0", "\u0000", "\u001b[2J", "\ud800", "GET", "/v1/a?token=x", "10.0.0.1",
        "::1", "999.999.999.999", Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1772323200000L, 1e308, -1e-308, 0.5,
        "1" + "0".repeat(400), true, false, null};

    @AfterContainer
    static void stop() {
        DEADLINE.shutdownNow();
    }

    private static final int HANG_GUARD_SECONDS = 120;

    private static void parseWithEveryAdapter(byte[] raw) {
        for (LogAdapter a : ADAPTERS) {
            Future<ParseResult> f = DEADLINE.submit(() -> a.parse(raw));
            try {
                // a hang guard, not a speed limit: a 64 MiB gzip bomb took > 10 s on the shared 2-core machine at load 55-70
                ParseResult r = f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
                assertNotNull(r, a.format());
                assertNotNull(r.events(), a.format());
                assertNotNull(r.skipped(), a.format());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AdapterException)) {
                    fail(a.format() + " threw " + e.getCause() + " on " + preview(raw), e.getCause());
                }
            } catch (TimeoutException e) {
                f.cancel(true);
                fail(a.format() + " did not return within " + HANG_GUARD_SECONDS + " s on " + preview(raw));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static String preview(byte[] raw) {
        String s = new String(raw, 0, Math.min(raw.length, 300), StandardCharsets.ISO_8859_1);
        return raw.length + " bytes: " + s;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    @Property(tries = 1000)
    void arbitraryBytesGiveAResultOrAnAdapterException(@ForAll("bytes") byte[] raw) {
        parseWithEveryAdapter(raw);
    }

    @Property(tries = 200)
    void gzipOfArbitraryContentGivesAResultOrAnAdapterException(@ForAll("bytes") byte[] raw, @ForAll long seed) throws IOException {
        parseWithEveryAdapter(gzip(new Random(seed).nextBoolean() ? raw : record(new Random(seed))));
    }

    @Property(tries = 1500)
    void recordsOfTheAdaptersFieldsWithAnyValuesGiveAResultOrAnAdapterException(@ForAll long seed) {
        parseWithEveryAdapter(record(new Random(seed)));
    }

    @Example
    void aGzipBombInOneRecordIsAnAdapterException() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        parseWithEveryAdapter(bytes.toByteArray());
    }

    @Example
    void deepNestingAndHugeValuesAreAdapterExceptions() {
        parseWithEveryAdapter(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        parseWithEveryAdapter(("{\"Records\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001)).getBytes(StandardCharsets.UTF_8));
        parseWithEveryAdapter(("{\"eventName\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(b);
        }
        return bytes.toByteArray();
    }

    /** A JSON record (sometimes an array of them, or a Records body) of the adapters' fields with random values. */
    static byte[] record(Random r) {
        StringBuilder b = new StringBuilder();
        switch (r.nextInt(6)) {
            case 0 -> {
                b.append('[');
                object(r, b, 4);
                b.append(',');
                value(r, b, 2);
                b.append(']');
            }
            case 1 -> {
                b.append("{\"Records\":[");
                object(r, b, 4);
                b.append("]}");
            }
            default -> object(r, b, 5);
        }
        if (r.nextInt(10) == 0) {
            b.append('\n');
            object(r, b, 3);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void object(Random r, StringBuilder b, int depth) {
        b.append('{');
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            string(FIELDS[r.nextInt(FIELDS.length)], b);
            b.append(':');
            value(r, b, depth - 1);
        }
        b.append('}');
    }

    private static void value(Random r, StringBuilder b, int depth) {
        int k = depth <= 0 ? 0 : r.nextInt(4);
        if (k == 1) {
            object(r, b, depth);
        } else if (k == 2) {
            b.append('[');
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(r, b, depth - 1);
            }
            b.append(']');
        } else {
            Object v = SCALARS[r.nextInt(SCALARS.length)];
            if (v instanceof String s) {
                string(s, b);
            } else {
                b.append(v);
            }
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
