package io.nhidrift.cli;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigLoader;
import io.nhidrift.demo.AlertPrinter;
import io.nhidrift.demo.DemoPublisher;
import io.nhidrift.demo.DemoScenario;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.http.BearerTokens;
import io.nhidrift.http.QueryServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.InterruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
/**
 * {@code demo}: an in-process single-node KRaft broker, the pipeline and the query API, fed with the demo
 * inventory, 120 days of demo CloudTrail history and then live traffic; alerts are printed as they arrive.
 * This class parses the options, starts the parts in order, prints the banner and, from its own shutdown hook,
 * stops publisher, alert printer, pipeline and broker in that order and deletes the state directory; the data is
 * sent by {@link DemoPublisher} and the alerts are printed by {@link AlertPrinter}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the embedded demo: starts a single-node Kafka (KRaft) broker in-process, the nhi-drift"
            + " pipeline and query API, loads a demo inventory and 120 days of demo CloudTrail traffic in which a few"
            + " machine credentials misbehave, then keeps sending live traffic. Alerts are printed as they arrive."
            + " The web console and the query API listen on 127.0.0.1 (key http.host); the console's address is printed"
            + " first, with the bearer token (a new one each run, role triage, unless http.auth.tokens or"
            + " http.auth.tokens-file is set). Stop with Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "Query API port (key http.port, default 8080).")
    Integer port;

    @Option(names = "--no-live", description = "Stop sending traffic after the history (the pipeline keeps running).")
    boolean noLive;

    @Mixin
    ConfigOptions configOptions;

    private final AtomicBoolean running = new AtomicBoolean(true);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        Running parts = new Running(Files.createTempDirectory("nhi-drift-demo-state-"), out);
        CountDownLatch publisherDone = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.set(false);
            try {
                publisherDone.await(10, TimeUnit.SECONDS); // the publisher finishes its current send
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            parts.close();
            cleanedUp.countDown();
        }, "nhi-drift-demo-shutdown");
        try {
            AppConfig config = config(parts.stateDir, "localhost:9092"); // placeholder until the embedded broker has a port
            String token = null;
            if (config.httpAuthTokens().isBlank() && config.httpAuthTokensFile() == null && !config.httpAuthDisabled()) {
                token = BearerTokens.generate(); // no token configured: the demo makes one and prints it
                config = config.with(Map.of("http.auth.tokens", "triage:" + token)); // triage includes read
            }
            QueryServer.preflight(config); // a taken port or unusable TLS/token settings fail before the broker starts

            parts.kafka = EmbeddedKafka.start();
            parts.kafka.releaseShutdownHook(); // the demo's own hook stops pipeline, then broker
            Runtime.getRuntime().addShutdownHook(hook); // from here on, Ctrl-C stops everything in order
            config = config.with(Map.of("bootstrap.servers", parts.kafka.bootstrapServers()));

            parts.service = NhiDriftService.start(config);
            parts.printer = new AlertPrinter(config, out);
            parts.printer.start();
            parts.publisher = new DemoPublisher(config, !noLive, running::get);
            banner(out, parts.kafka, config, parts.service, token, t0);
            try {
                parts.publisher.run();
            } catch (InterruptException | InterruptedException e) {
                // stopping
            } finally {
                publisherDone.countDown();
            }
            cleanedUp.await();
            return 0;
        } catch (RuntimeException | IOException e) {
            publisherDone.countDown();
            if (!running.get()) { // failed because the demo is being stopped
                cleanedUp.await();
                return 0;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
            parts.close();
            throw e;
        }
    }

    /** demo defaults < --config file < NHI_DRIFT_* environment < --set < --port; the broker is always the embedded one. */
    private AppConfig config(Path stateDir, String bootstrap) {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("topics.partitions", "2");
        demo.put("topics.replication.factor", "1");
        demo.put("state.dir", stateDir.toString());
        demo.put("inputs", "cloudtrail");
        demo.put("application.id", "nhi-drift-demo");
        demo.put("processing.guarantee", "exactly_once_v2");
        Map<String, String> last = new LinkedHashMap<>();
        if (port != null) {
            last.put("http.port", port.toString());
        }
        last.put("bootstrap.servers", bootstrap);
        AppConfig config = new ConfigLoader().overrides(demo).file(configOptions.configFile)
                .environment(System.getenv()).overrides(configOptions.overrides).overrides(last).load();
        if (!config.inputs().contains("cloudtrail")) {
            config = config.with(Map.of("inputs", "cloudtrail," + String.join(",", config.inputs())));
        }
        return config;
    }

    /** What the demo started, closed in order (once) by the shutdown hook or after a failure. */
    private static final class Running {
        final Path stateDir;
        final PrintStream out;
        volatile EmbeddedKafka kafka;
        volatile NhiDriftService service;
        volatile AlertPrinter printer;
        volatile DemoPublisher publisher;
        private boolean closed;

        Running(Path stateDir, PrintStream out) {
            this.stateDir = stateDir;
            this.out = out;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            shutdown(publisher, printer, service, kafka, stateDir, out);
        }
    }

    // ------------------------------------------------------------------------------------------ output

    private static void banner(PrintStream out, EmbeddedKafka kafka, AppConfig config, NhiDriftService service, String token,
            long t0) {
        int port = service.httpPort();
        String api = (config.httpTlsKeystore() == null ? "http" : "https") + "://localhost:" + port;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.println("Open the console: " + consoleUrl(api, token));
        out.println();
        out.println("nhi-drift demo (started in " + ms + " ms)");
        out.println("  Kafka broker (embedded, KRaft)  " + kafka.bootstrapServers());
        out.println("  pipeline                        application.id " + config.applicationId() + ", "
                + config.processingGuarantee() + ", " + config.topicPartitions() + " partitions");
        out.println("  topics                          raw " + config.topics().rawByFormat().get("cloudtrail")
                + ", inventory " + config.topics().inventory() + ", alerts " + config.topics().alertsJson()
                + " (JSON) / " + config.topics().alerts() + " (Avro) / " + config.topics().findingsOcsf() + " (OCSF)");
        out.println("  query API                       " + api + (token != null ? " (bearer token below; /health open)"
                : config.httpAuthDisabled() ? " (no authentication: http.auth.disabled=true)" : " (your configured tokens)"));
        out.println("  demo data                       " + DemoScenario.inventoryLines(0).size()
                + " inventory records, " + DemoScenario.HISTORY_DAYS + " days of CloudTrail history, then live traffic");
        out.println();
        out.println("Try:");
        boolean open = config.httpAuthDisabled(); // else the demo made a token, or the user configured some
        if (!open) {
            out.println("  export TOKEN=" + (token != null ? token : "<one of your read tokens>"));
        }
        out.println("  curl " + api + "/health");
        out.println("  curl " + (open ? "" : "-H \"Authorization: Bearer $TOKEN\" ") + api + "/api/v1/credentials/"
                + DemoScenario.EXPORTER_KEY);
        out.println("  curl " + (open ? "" : "-H \"Authorization: Bearer $TOKEN\" ") + "'" + api + "/api/v1/alerts?limit=5'");
        out.println();
        out.println("Alerts (type, severity, credential, subject, event time, summary); Ctrl-C stops the demo:");
        out.flush();
    }

    /**
     * The console's address. A generated token rides in the fragment ({@code #token=}): browsers never send a fragment
     * to a server, and the page moves it into the tab's sessionStorage and out of the address bar.
     */
    static String consoleUrl(String api, String token) {
        return api + "/" + (token == null ? "" : "#token=" + token);
    }

    // ------------------------------------------------------------------------------------------ shutdown

    private static void shutdown(DemoPublisher publisher, AlertPrinter printer, NhiDriftService service,
            EmbeddedKafka kafka, Path stateDir, PrintStream out) {
        System.err.println("nhi-drift demo: stopping");
        if (publisher != null) {
            quietly(publisher::close);
        }
        if (printer != null) {
            quietly(printer::stop);
        }
        if (service != null) {
            quietly(service::close);
        }
        if (kafka != null) {
            quietly(kafka::close);
        }
        deleteRecursively(stateDir);
        System.err.println("nhi-drift demo: stopped");
        out.flush();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("nhi-drift demo: while stopping: " + e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("nhi-drift demo: could not delete " + root + ": " + e);
        }
    }
}