package io.nhidrift.cli;

import io.nhidrift.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar nhi-drift.jar <run|demo|replay|import|triage>}. */
@Command(name = "nhi-drift", mixinStandardHelpOptions = true, version = "nhi-drift 0.1.0",
        description = "Streaming detector of non-human-identity (machine credential) drift on Kafka Streams.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, ImportCommand.class,
                TriageCommand.class, TailCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Packages whose Avro specific records may be deserialized (Avro 1.12 refuses others). */
    public static final String AVRO_TRUSTED = "io.nhidrift.avro,java.lang,java.util,java.math,java.nio,java.net,org.apache.avro.util";

    public static void main(String[] args) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", AVRO_TRUSTED);
        }
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (0 success, 2 unusable arguments, 1 failure). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException) {
                cmd.getErr().println("nhi-drift: configuration error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof UsageError) {
                cmd.getErr().println("nhi-drift: " + ex.getMessage());
                return 2;
            }
            cmd.getErr().println("nhi-drift: " + ex);
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("nhi-drift: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Arguments that cannot be used; exit code 2 with the message. */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }
}
