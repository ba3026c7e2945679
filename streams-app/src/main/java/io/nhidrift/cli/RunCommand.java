package io.nhidrift.cli;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.app.StartupException;
import io.nhidrift.config.AppConfig;
import io.nhidrift.http.QueryServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the streaming service against a Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the streaming service against a Kafka cluster: creates its topics if absent,",
            "consumes the raw topics of the configured inputs and the inventory topic, writes alerts (Avro and JSON)",
            "and dead letters, and serves the query API (127.0.0.1 unless http.host is set; bearer tokens: http.auth.tokens",
            "or http.auth.tokens-file, required on any other bind). Kafka client settings: --set kafka.<name>=<value>.",
            "The configuration is checked before the cluster is contacted; the cluster must answer within",
            "startup.timeout (default 30s). Exit code 2 on a configuration error, 1 when the cluster cannot be used."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (key bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--port", paramLabel = "PORT", description = "Query API port (key http.port, default 8080).")
    Integer port;

    @Option(names = "--inputs", paramLabel = "FORMATS", description = "Comma-separated input formats (key inputs, default cloudtrail).")
    String inputs;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        if (port != null) {
            flags.put("http.port", port.toString());
        }
        if (inputs != null) {
            flags.put("inputs", inputs);
        }
        AppConfig config = configOptions.load(flags);
        QueryServer.preflight(config); // a taken port or unusable token/TLS settings fail before the pipeline starts
        CountDownLatch stop = new CountDownLatch(1);
        NhiDriftService service;
        try {
            service = NhiDriftService.start(config);
        } catch (StartupException e) {
            System.err.println("nhi-drift: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stop.countDown();
        }, "nhi-drift-shutdown"));
        stop.await();
        return 0;
    }
}
