package io.nhidrift.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The entitlement export formats {@code nhi-drift import} reads, by the name users give them. */
public final class Importers {

    private static final Map<String, Supplier<Importer>> FACTORIES = new LinkedHashMap<>();

    static {
        add(AwsAuthorizationDetailsImporter::new);
        add(K8sRbacImporter::new);
        add(GcpIamImporter::new);
    }

    private Importers() {}

    private static void add(Supplier<Importer> factory) {
        FACTORIES.put(factory.get().format(), factory);
    }

    /** The format names, in the order of the help text. */
    public static List<String> formats() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static boolean known(String format) {
        return FACTORIES.containsKey(format);
    }

    /**
     * A new importer of {@code format} (one per import).
     *
     * @throws IllegalArgumentException if the format is unknown
     */
    public static Importer create(String format) {
        Supplier<Importer> f = FACTORIES.get(format);
        if (f == null) {
            throw new IllegalArgumentException("unknown FORMAT '" + format + "' (expected one of "
                    + String.join(", ", formats()) + ")");
        }
        return f.get();
    }

    /** The formats that take {@code --access-keys} files. */
    public static List<String> formatsTakingAccessKeys() {
        return FACTORIES.values().stream().map(Supplier::get).filter(Importer::takesAccessKeys)
                .map(Importer::format).toList();
    }

    /** Every format's {@link Importer#usage()} lines, in order. */
    public static List<String> usage() {
        List<String> lines = new ArrayList<>();
        FACTORIES.values().forEach(f -> lines.addAll(f.get().usage()));
        return lines;
    }
}
