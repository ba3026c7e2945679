package io.nhidrift.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.avro.Alert;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.InventoryParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A detection fixture in the style of a StreamAlert rule test: the inventory, the events (in the
 * order written, each applied at its time) and the findings expected of one alert type, run through
 * the production {@link DriftEngine} on an {@link InMemoryStateAccess}. Every detector runs, as in
 * production; assertions look at the alerts of the type under test.
 *
 * <pre>{@code
 * DetectionFixture.of(AlertType.OUT_OF_SCOPE_USE)
 *         .inventory("{\"credentialId\":\"AKIA…\",\"kind\":\"aws_access_key\",\"grants\":[\"s3:Get*\"],\"asOf\":\"…\"}")
 *         .use("2026-07-01T10:00:00Z", "s3:PutObject")
 *         .expect(finding("2026-07-01T10:00:00Z", "s3:PutObject"));
 * }</pre>
 */
public final class DetectionFixture {

    /** The credential the fixture's shorthand methods use. */
    public static final String KEY = "AKIAFIXTURE000000001";
    public static final String IP = "10.0.0.1";
    public static final String AGENT = "aws-cli/2.13.5 Python/3.11.4 Linux/5.10";

    private final AlertType type;
    private final List<Consumer<DriftEngine>> inputs = new ArrayList<>();
    private DetectionConfig config = defaults();
    private int eventSeq;
    private InMemoryStateAccess access;
    private List<Alert> alerts;

    private DetectionFixture(AlertType type) {
        this.type = type;
    }

    public static DetectionFixture of(AlertType type) {
        return new DetectionFixture(type);
    }

    /** CONTRACT section 4 defaults, applied in event time alone (as {@code replay}: no allowed lateness). */
    public static DetectionConfig defaults() {
        return new DetectionConfig(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(7), 10, Duration.ofMinutes(5),
                Duration.ZERO, Duration.ofMinutes(15), Duration.ofSeconds(10), 2000, 16, Set.of(), Map.of());
    }

    public static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** A minimal inventory line for {@link #KEY}: kind aws_access_key, owner team-a, the grants, and asOf. */
    public static String entitlement(String asOf, String... grants) {
        return "{\"credentialId\":\"" + KEY + "\",\"kind\":\"aws_access_key\",\"owner\":\"team-a\",\"grants\":["
                + String.join(",", List.of(grants).stream().map(g -> "\"" + g + "\"").toList()) + "],\"asOf\":\"" + asOf + "\"}";
    }

    public DetectionFixture config(DetectionConfig config) {
        this.config = config;
        return this;
    }

    public DetectionFixture allowedLateness(Duration lateness) {
        this.config = config.withAllowedLateness(lateness);
        return this;
    }

    /** Turns off every other alert type (as {@code detect.disabled} would). */
    public DetectionFixture alone() {
        Set<AlertType> others = EnumSet.allOf(AlertType.class);
        others.remove(type);
        this.config = new DetectionConfig(config.idleAfter(), config.unusedWindow(), config.learningPeriod(),
                config.burstCount(), config.burstWindow(), config.allowedLateness(), config.maxFutureSkew(),
                config.punctuateInterval(), config.maxActionsPerCredential(), config.recentEventIds(), others,
                config.severities());
        return this;
    }

    /** An inventory version (one CONTRACT section 3 line), applied at its asOf. */
    public DetectionFixture inventory(String json) {
        Entitlement e;
        try {
            e = InventoryParser.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (io.nhidrift.json.RecordException ex) {
            throw new IllegalArgumentException(ex);
        }
        inputs.add(engine -> engine.onInventory(e, 0L, 0L));
        return this;
    }

    public DetectionFixture event(UsageEvent e) {
        inputs.add(engine -> engine.onEvent(e, 0L));
        return this;
    }

    /** A successful call by {@link #KEY} from the default caller. */
    public DetectionFixture use(String time, String action) {
        return event(call(KEY, time, action).build());
    }

    /** A successful call by {@link #KEY} from the given caller. */
    public DetectionFixture use(String time, String action, String ip, String agent) {
        return event(call(KEY, time, action).setSourceIp(ip).setUserAgent(agent).build());
    }

    /** A denied call by {@link #KEY} from the default caller. */
    public DetectionFixture denied(String time, String action) {
        return event(call(KEY, time, action).setDenied(true).setErrorCode("AccessDenied").build());
    }

    /** A new event of {@code id} with a fresh event id and the default caller. */
    public UsageEvent.Builder call(String id, String time, String action) {
        return Events.builder("cloudtrail", "ev-" + (++eventSeq), id, action, millis(time))
                .setCredentialKind("aws_access_key").setSourceIp(IP).setUserAgent(AGENT);
    }

    /** Evaluates everything due up to {@code time} exactly, at this point of the inputs (as replay's --until does at the end). */
    public DetectionFixture until(String time) {
        long t = millis(time);
        inputs.add(engine -> engine.flushUntil(t));
        return this;
    }

    /** Runs the inputs (once) and returns every alert, in emission order. */
    public List<Alert> alerts() {
        if (alerts == null) {
            alerts = new ArrayList<>();
            access = new InMemoryStateAccess();
            DriftEngine engine = new DriftEngine(config, access, alerts::add, false);
            inputs.forEach(i -> i.accept(engine));
        }
        return alerts;
    }

    /** The alerts of the type under test, in emission order. */
    public List<Alert> findings() {
        return alerts().stream().filter(a -> a.getType().equals(type.name())).toList();
    }

    /** The state of a credential after the run. */
    public CredentialState state(String credentialId) {
        alerts();
        return access.state(credentialId);
    }

    /** Asserts that the type under test fired exactly these findings, in this order. */
    public List<Alert> expect(Expected... expected) {
        List<Alert> found = findings();
        assertEquals(List.of(expected), found.stream().map(Expected::of).toList(), "findings of " + type);
        return found;
    }

    /** Asserts that the type under test did not fire. */
    public void expectNone() {
        expect();
    }

    /** What a test expects of a finding: when, about which credential, and its subject. */
    public record Expected(String eventTime, String credentialId, Object subject) {
        static Expected of(Alert a) {
            return new Expected(a.getEventTime().toString(), a.getCredentialId(), a.getSubject());
        }
    }

    /** A finding about {@link #KEY}. */
    public static Expected finding(String eventTime, Object subject) {
        return new Expected(eventTime, KEY, subject);
    }

    public static Expected finding(String eventTime, String credentialId, Object subject) {
        return new Expected(eventTime, credentialId, subject);
    }
}
