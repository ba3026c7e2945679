import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The image's HEALTHCHECK: exit 0 when nhi-drift's {@code GET /health} answers 200 (Kafka Streams RUNNING or
 * REBALANCING), 1 otherwise (503, no answer, timeout). Compiled in the build stage, it needs nothing but the JRE
 * (no curl or wget in the image is relied on). Port from {@code NHI_DRIFT_HTTP_PORT} (key http.port), default 8080.
 */
public final class HealthCheck {

    private HealthCheck() {}

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("NHI_DRIFT_HTTP_PORT", "8080");
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/health";
        System.exit(check(url, 3000));
    }

    /** 0 if {@code url} answers 200 within {@code timeoutMillis}, else 1 (the reason on stderr). */
    public static int check(String url, int timeoutMillis) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setRequestMethod("GET");
            int status = c.getResponseCode();
            c.disconnect();
            if (status == 200) {
                return 0;
            }
            System.err.println(url + " answered " + status);
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(url + ": " + e);
            return 1;
        }
    }
}
