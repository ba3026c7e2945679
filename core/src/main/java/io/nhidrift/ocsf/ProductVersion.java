package io.nhidrift.ocsf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** nhi-drift's own version, as the build wrote it into {@code io/nhidrift/ocsf/product.properties}. */
public final class ProductVersion {

    private static final String CURRENT = load();

    private ProductVersion() {}

    /** The build's project version, or {@code "unknown"} when the resource is missing or was not filtered. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("product.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
