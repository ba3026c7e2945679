package io.nhidrift.cli;

import io.nhidrift.importer.AwsAuthorizationDetailsImporter;
import io.nhidrift.importer.GcpIamImporter;
import io.nhidrift.importer.ImportResult;
import io.nhidrift.importer.InventoryRecord;
import io.nhidrift.importer.K8sRbacImporter;
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
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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

/** {@code nhi-drift import FORMAT FILE... --out inventory.ndjson}: entitlement exports to inventory records. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Converts entitlement exports into inventory records (CONTRACT section 3), one JSON object per line.",
            "FORMAT and FILE...:",
            "  aws-authorization-details AUTHZ.json [--access-keys KEYS.json]...",
            "      AUTHZ = aws iam get-account-authorization-details; KEYS = aws iam list-access-keys output(s).",
            "      Users with keys give one aws_access_key record per key; users without key data one record",
            "      keyed by the user ARN (kind other); roles give aws_role records keyed by the role ARN.",
            "  k8s-rbac FILE|DIR...",
            "      kubectl get roles,clusterroles,rolebindings,clusterrolebindings -A -o json, or YAML manifests",
            "      (multi-document / kind: List); all files are merged. One record per ServiceAccount.",
            "  gcp-iam POLICY.json [ROLEDEF.json|DIR]...",
            "      POLICY = gcloud projects get-iam-policy --format=json; every further FILE is a role definition",
            "      file (gcloud iam roles describe object, array, or {roles:[...]}); a DIR adds its *.json files.",
            "      Roles without a definition are reported and contribute no grants.",
            "Warnings (what cannot be represented exactly) go to stderr. Exit 0 on success, 2 on unusable arguments."
        })
public class ImportCommand implements Callable<Integer> {

    static final List<String> FORMATS = List.of("aws-authorization-details", "k8s-rbac", "gcp-iam");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "aws-authorization-details, k8s-rbac or gcp-iam")
    String format;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "input files (see above)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "output NDJSON file (default: standard output)")
    Path out;

    @Option(names = "--access-keys", paramLabel = "FILE",
            description = "aws-authorization-details only: aws iam list-access-keys JSON (repeatable)")
    List<Path> accessKeys = new ArrayList<>();

    @Option(names = "--asof", paramLabel = "INSTANT", description = "ISO-8601 instant set as asOf on every record (default: now)")
    String asOf;

    @Option(names = "--topic", paramLabel = "NAME", description = "also publish each record to this Kafka topic (key = credentialId)")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers for --topic")
    String bootstrapServers;

    public ImportCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        if (!FORMATS.contains(format)) {
            return usage(err, "unknown FORMAT '" + format + "' (expected one of " + String.join(", ", FORMATS) + ")");
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
        if (!accessKeys.isEmpty() && !"aws-authorization-details".equals(format)) {
            return usage(err, "--access-keys only applies to aws-authorization-details");
        }
        for (Path p : concat(files, accessKeys)) {
            if (!Files.exists(p)) {
                return usage(err, "no such file: " + p);
            }
        }
        ImportResult result;
        try {
            result = switch (format) {
                case "aws-authorization-details" -> {
                    if (files.size() != 1 || Files.isDirectory(files.get(0))) {
                        throw new IllegalArgumentException("aws-authorization-details takes exactly one FILE"
                                + " (use --access-keys for list-access-keys output)");
                    }
                    yield AwsAuthorizationDetailsImporter.importFiles(files.get(0), accessKeys);
                }
                case "k8s-rbac" -> K8sRbacImporter.importFiles(expand(files, ".json", ".yaml", ".yml"));
                default -> {
                    if (Files.isDirectory(files.get(0))) {
                        throw new IllegalArgumentException("gcp-iam: the first FILE must be the IAM policy JSON");
                    }
                    yield GcpIamImporter.importFiles(files.get(0), expand(files.subList(1, files.size()), ".json"));
                }
            };
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

    /** Files as given; a directory contributes its regular files with one of the suffixes, sorted. */
    private static List<Path> expand(List<Path> paths, String... suffixes) throws IOException {
        List<Path> outList = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                outList.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile)
                        .filter(f -> Stream.of(suffixes).anyMatch(x -> f.getFileName().toString().endsWith(x)))
                        .sorted()
                        .forEach(outList::add);
            }
        }
        return outList;
    }
}
