package io.nhidrift.serde;

import io.nhidrift.avro.Alert;
import io.nhidrift.ocsf.OcsfFindings;
import io.nhidrift.ocsf.ProductVersion;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The value serde of the OCSF findings topic: an alert written as its OCSF 1.8.0 finding; read as bytes. */
public final class OcsfFindingJson {

    private OcsfFindingJson() {}

    public static Serde<Alert> serde() {
        String version = ProductVersion.current();
        return Serdes.serdeFrom(
                (topic, alert) -> alert == null ? null : OcsfFindings.toJson(alert, version),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("the OCSF findings topic is read as bytes: use findingsOcsf().valuesAsBytes()");
                });
    }
}
