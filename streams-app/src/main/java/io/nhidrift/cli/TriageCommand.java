package io.nhidrift.cli;

import io.nhidrift.config.AppConfig;
import io.nhidrift.triage.TriageAction;
import io.nhidrift.triage.TriageDecision;
import io.nhidrift.triage.TriageException;
import io.nhidrift.triage.TriagePublisher;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code triage}: publishes one triage decision to {@code topic.triage}, as {@code POST /api/v1/alerts/{id}/triage}
 * does, for when the API is not at hand (scripts, runbooks). The record must reach the partition of the credential, and
 * an alert id does not name its credential: {@code --credential} is always required.
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Publishes a triage decision (acknowledge, resolve, suppress) to the triage topic (key topic.triage).",
                "Examples:",
                "  triage --bootstrap-servers localhost:9092 --credential AKIA... --alert 3f2a... --action acknowledge --by alice",
                "  triage --bootstrap-servers localhost:9092 --credential AKIA... --type NEW_CALLER --action suppress --by alice"
                        + " --reason \"pen test\" --expires 2026-12-08T00:00:00Z"})
public final class TriageCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (key bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--credential", required = true, paramLabel = "ID", description = "The credential the decision is about.")
    String credential;

    @Option(names = "--alert", paramLabel = "ALERT_ID", description = "The alert (required for acknowledge and resolve; "
            + "for suppress it may stand for its type).")
    String alert;

    @Option(names = "--type", paramLabel = "ALERT_TYPE", description = "suppress: the alert type to keep quiet for the credential.")
    String type;

    @Option(names = "--action", required = true, paramLabel = "ACTION", description = "acknowledge, resolve or suppress.")
    String action;

    @Option(names = "--by", required = true, paramLabel = "WHO", description = "Who decides (kept in the alert's triage history).")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required for suppress).")
    String reason;

    @Option(names = "--expires", paramLabel = "INSTANT", description = "suppress: until when, ISO-8601 UTC (compared with event time).")
    String expires;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        AppConfig config = configOptions.load(flags);
        TriageDecision decision = decision(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (TriagePublisher publisher = new TriagePublisher(config)) {
            RecordMetadata md = publisher.publish(decision);
            spec.commandLine().getOut().println(decision.toJson());
            spec.commandLine().getErr().println("published to " + md.topic() + " partition " + md.partition() + " offset "
                    + md.offset() + " (key " + decision.topicKey() + ")");
        }
        return 0;
    }

    TriageDecision decision(Instant now) {
        TriageAction a = TriageAction.named(action);
        if (a == null) {
            throw new Main.UsageError("--action '" + action + "' is not one of acknowledge, resolve, suppress");
        }
        Instant expiresAt;
        try {
            expiresAt = expires == null ? null : Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new Main.UsageError("--expires '" + expires + "' is not an ISO-8601 UTC instant (e.g. 2026-12-08T00:00:00Z)");
        }
        try {
            return new TriageDecision(credential, alert, type, a, by, reason, now, expiresAt);
        } catch (TriageException e) {
            throw new Main.UsageError("unusable decision: " + e.getMessage());
        }
    }
}
