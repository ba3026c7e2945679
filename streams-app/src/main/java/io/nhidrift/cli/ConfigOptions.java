package io.nhidrift.cli;

import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Configuration options shared by the subcommands: defaults, then file, then environment, then flags. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of configuration keys (see README).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets a configuration key (repeatable); wins over file and environment.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Loads the layers; {@code flags} are the subcommand's own options (already keyed), applied last. */
    public AppConfig load(Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.putAll(flags);
        return new ConfigLoader().file(configFile).environment(System.getenv()).overrides(all).load();
    }
}
