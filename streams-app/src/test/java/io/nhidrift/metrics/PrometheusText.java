package io.nhidrift.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;

/**
 * A scrape parsed by a Prometheus text-format parser (Hawkular's {@code TextPrometheusMetricDataParser}, not our
 * own reading): metric families by name, each sample with its labels and value.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, List<Sample> samples) {}

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    /** A sample line of the text format 0.0.4: name, optional labels with escaped values, a float value, optional timestamp. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})?"
                    + " ([-+]?([0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?)|NaN|[-+]Inf)( -?[0-9]+)?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|#.*");

    /**
     * Parses a scrape; throws when a line is neither a comment nor a well-formed sample (the Hawkular parser
     * alone skips such lines with a log message).
     */
    static PrometheusText parse(String text) throws IOException {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (!line.isEmpty() && !COMMENT.matcher(line).matches() && !SAMPLE.matcher(line).matches()) {
                throw new IOException("line " + n + " is not of the Prometheus text format: " + line);
            }
        }
        Map<String, Family> out = new LinkedHashMap<>();
        TextPrometheusMetricDataParser parser =
                new TextPrometheusMetricDataParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
            List<Sample> samples = new ArrayList<>();
            for (Metric m : f.getMetrics()) {
                double v = m instanceof Counter c ? c.getValue() : m instanceof Gauge g ? g.getValue() : Double.NaN;
                samples.add(new Sample(m.getName(), m.getLabels(), v));
            }
            if (out.put(f.getName(), new Family(f.getName(), f.getType().name(), samples)) != null) {
                throw new IOException("metric family " + f.getName() + " appears twice");
            }
        }
        return new PrometheusText(out);
    }

    Map<String, Family> families() {
        return families;
    }

    Family family(String name) {
        return families.get(name);
    }

    /** The samples of family {@code name} whose labels include {@code labels}. */
    List<Sample> samples(String name, Map<String, String> labels) {
        Family f = families.get(name);
        if (f == null) {
            return List.of();
        }
        return f.samples().stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The sum of the matching samples' values (NaN ones left out). */
    double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).filter(Double::isFinite).sum();
    }
}
