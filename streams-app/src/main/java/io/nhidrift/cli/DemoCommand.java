package io.nhidrift.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code demo}: placeholder until the demo lands. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the embedded demo.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
