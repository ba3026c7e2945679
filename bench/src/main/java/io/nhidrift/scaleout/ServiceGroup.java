package io.nhidrift.scaleout;

import io.nhidrift.reliability.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The instances of one {@link ScaleRun} as child JVMs ({@code io.nhidrift.cli.Main run}), each with its own state
 * directory, query port and log; an instance can be killed ({@code SIGKILL}: no shutdown hook, no final commit),
 * stopped ({@code SIGTERM}: the service leaves the group cleanly) and started again on its state directory and port.
 */
public final class ServiceGroup implements AutoCloseable {

    static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

    private final String classpath;
    private final Map<String, String> settings;
    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();

    public ServiceGroup(String classpath, Map<String, String> settings, Path dir) {
        this.classpath = classpath;
        this.settings = settings;
        this.dir = dir;
    }

    /** Starts {@code n} instances and waits until each is healthy. */
    public void start(int n) {
        for (int i = 0; i < n; i++) {
            ports.add(freePort());
            processes.add(launch(i));
        }
        processes.forEach(p -> p.awaitHealthy(HEALTHY_WITHIN));
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The query ports of every instance but {@code i}. */
    public List<Integer> portsExcept(int i) {
        List<Integer> others = new ArrayList<>(ports);
        others.remove(i);
        return others;
    }

    public void kill9(int i) {
        processes.get(i).kill9();
    }

    public void stop(int i) {
        processes.get(i).stop(Duration.ofSeconds(60));
    }

    /** Starts instance {@code i} again on its state directory and port; waits until it is healthy. */
    public void restart(int i) {
        ServiceProcess p = launch(i);
        processes.set(i, p);
        p.awaitHealthy(HEALTHY_WITHIN);
    }

    public String tail(int i) {
        return processes.get(i).tail(40);
    }

    private ServiceProcess launch(int i) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", settings.get("bootstrap.servers"),
                "--inputs", settings.get("inputs")));
        settings.forEach((k, v) -> {
            if (!k.equals("bootstrap.servers") && !k.equals("inputs")) {
                args.add("--set");
                args.add(k + "=" + v);
            }
        });
        args.add("--set");
        args.add("state.dir=" + dir.resolve("state-" + i));
        return ServiceProcess.start(classpath, args, ports.get(i), dir.resolve("instance-" + i + ".log"));
    }

    @Override
    public void close() {
        for (ServiceProcess p : processes) {
            if (p.alive()) {
                p.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
