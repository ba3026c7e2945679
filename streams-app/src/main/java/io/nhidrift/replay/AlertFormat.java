package io.nhidrift.replay;

import io.nhidrift.avro.Alert;
import io.nhidrift.serde.AlertJson;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The line formats of replay's alert output ({@code --format}); each turns one alert into one line (UTF-8, no line
 * end). Adding a format is one constant here.
 */
public enum AlertFormat {
    /** The contract JSON (CONTRACT section 4), as on the JSON alert topic. */
    JSON("json", AlertJson::toBytes);

    private final String label;
    private final Function<Alert, byte[]> line;

    AlertFormat(String label, Function<Alert, byte[]> line) {
        this.label = label;
        this.line = line;
    }

    public String label() {
        return label;
    }

    public byte[] line(Alert alert) {
        return line.apply(alert);
    }

    /** The format named {@code label}, or null when there is none. */
    public static AlertFormat of(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst().orElse(null);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(AlertFormat::label).toList();
    }
}
