package io.nhidrift.cli;

import io.nhidrift.importer.ImportInput;
import io.nhidrift.importer.ImportResult;
import io.nhidrift.importer.Importer;
import io.nhidrift.importer.Importers;
import io.nhidrift.importer.InventoryRecord;
import io.nhidrift.importer.OwnerKeys;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nhi-drift import FORMAT FILE... --out inventory.ndjson}: entitlement exports to inventory records. The
 * formats, their help and their argument rules come from {@link Importers}.
 */
@Command(name = "import", mixinStandardHelpOptions = true)
public class ImportCommand implements Callable<Integer> {

    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
            description = "${COMPLETION-CANDIDATES}")
    String format;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "input files (see above)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "output NDJSON file (default: standard output)")
    Path out;

    @Option(names = "--access-keys", paramLabel = "FILE",
            description = "aws-authorization-details only: aws iam list-access-keys JSON (repeatable)")
    List<Path> accessKeys = new ArrayList<>();

    @Option(names = "--asof", paramLabel = "INSTANT", description = {
            "ISO-8601 instant set as asOf on every record (default: now, the moment of the import).",
            "The engine treats a credential as absent before its asOf, so when you replay logs older than the",
            "import, events before asOf find no inventory record and become UNKNOWN_CREDENTIAL. For a replay,",
            "pass the start of the logs, e.g. --asof 2026-06-01T00:00:00Z."})
    String asOf;

    @Option(names = "--owner-keys", paramLabel = "KEY[,KEY...]", split = ",", description = {
            "tag/label keys naming the owner, first present wins (AWS Tags of users/roles, Kubernetes",
            "ServiceAccount labels then annotations; GCP exports carry no labels)",
            "(default: owner,Owner,team,Team,app.kubernetes.io/managed-by). team and contact are read",
            "from the keys team/Team and contact/Contact."})
    List<String> ownerKeys = new ArrayList<>(OwnerKeys.DEFAULT_KEYS);

    @Option(names = "--topic", paramLabel = "NAME", description = "also publish each record to this Kafka topic (key = credentialId)")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers for --topic")
    String bootstrapServers;

    public ImportCommand() {
    }

    /** Receives the command's model and writes its description from the registry (before any --help is printed). */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        List<String> lines = new ArrayList<>();
        lines.add("Converts entitlement exports into inventory records (CONTRACT section 3), one JSON object per line.");
        lines.add("FORMAT and FILE...:");
        Importers.usage().forEach(l -> lines.add("  " + l));
        lines.add("Optional fields: team and contact (from tags/labels), lastUsedAt (aws-authorization-details: a role's");
        lines.add("  RoleLastUsed.LastUsedDate). A last-used date says WHEN the credential was last used, not WHICH action:");
        lines.add("  it can seed the credential's last-use time (e.g. how long it has been dormant), but it marks no grant");
        lines.add("  as used, so unused-grant findings still come only from observed events. Access keys get none");
        lines.add("  (list-access-keys has no last-used date).");
        lines.add("Warnings (what cannot be represented exactly) go to stderr. Exit 0 on success, 2 on unusable"
                + " arguments (including an --access-keys file that is not a list-access-keys answer).");
        spec.usageMessage().description(lines.toArray(String[]::new));
    }

    /** The FORMAT names, for the help text. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Importers.formats().iterator();
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        Importer importer;
        try {
            importer = Importers.create(format);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Instant asOfInstant;
        try {
            asOfInstant = asOf == null ? Instant.now() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            return usage(err, "--asof '" + asOf + "' is not an ISO-8601 instant such as 2026-07-01T00:00:00Z");
        }
        if ((topic == null) != (bootstrapServers == null)) {
            return usage(err, "--topic and --bootstrap-servers must be given together");
        }
        if (!accessKeys.isEmpty() && !importer.takesAccessKeys()) {
            return usage(err, "--access-keys only applies to " + String.join(", ", Importers.formatsTakingAccessKeys()));
        }
        for (Path p : concat(files, accessKeys)) {
            if (!Files.exists(p)) {
                return usage(err, "no such file: " + p);
            }
        }
        ImportResult result;
        try {
            result = importer.importFrom(new ImportInput(files, accessKeys, new OwnerKeys(ownerKeys)));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return usage(err, "cannot read input: " + e.getMessage());
        }
        result = result.withAsOf(asOfInstant);
        for (String w : result.warnings()) {
            err.println("warning: " + w);
        }
        try {
            write(result.records());
        } catch (IOException e) {
            err.println("error: cannot write " + (out == null ? "standard output" : out) + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        if (topic != null) {
            try {
                publish(result.records());
            } catch (Exception e) {
                err.println("error: publishing to topic " + topic + " failed: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        err.println("imported " + result.records().size() + " records (" + result.warnings().size() + " warnings)"
                + (out == null ? "" : " to " + out) + (topic == null ? "" : " and topic " + topic));
        err.flush();
        return 0;
    }

    private int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        err.println("usage: nhi-drift import FORMAT FILE... [--out FILE] [--asof INSTANT] (see --help)");
        err.flush();
        return 2;
    }

    private void write(List<InventoryRecord> records) throws IOException {
        if (out == null) {
            BufferedWriter bw = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            writeLines(bw, records);
            bw.flush(); // System.out stays open
            return;
        }
        try (BufferedWriter bw = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writeLines(bw, records);
        }
    }

    private static void writeLines(Writer w, List<InventoryRecord> records) throws IOException {
        for (InventoryRecord r : records) {
            w.write(r.toJson());
            w.write('\n');
        }
    }

    private void publish(List<InventoryRecord> records) throws InterruptedException, ExecutionException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "nhi-drift-import");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (InventoryRecord r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.credentialId(),
                        r.toJson().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
