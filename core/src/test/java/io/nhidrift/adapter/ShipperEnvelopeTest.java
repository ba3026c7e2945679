package io.nhidrift.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Records re-wrapped by shippers reach the adapter unwrapped; anything else reaches it byte for byte. */
@UnitTest
class ShipperEnvelopeTest {

    private static final String K8S = "{\"kind\":\"Event\",\"auditID\":\"a1\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
            + "\"user\":{\"username\":\"system:serviceaccount:prod:api\"},\"objectRef\":{\"resource\":\"secrets\"},"
            + "\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\"2026-07-01T00:00:00.000000Z\"}";

    private final LogAdapter k8s = Adapters.create("k8s-audit");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> ids(String raw) throws AdapterException {
        return k8s.parse(b(raw)).events().stream().map(e -> e.getCredentialId() + " " + e.getAction()).toList();
    }

    @Test
    void logObjectLogStringAndMessageTextAreUnwrapped() throws Exception {
        List<String> expected = List.of("system:serviceaccount:prod:api secrets:get");
        assertEquals(expected, ids("{\"source\":\"fixture\",\"log\":" + K8S + "}"));
        assertEquals(expected, ids("{\"stream\":\"stdout\",\"log\":\"" + K8S.replace("\"", "\\\"") + "\"}"));
        assertEquals(expected, ids("{\"@timestamp\":\"x\",\"message\": \"" + K8S.replace("\"", "\\\"") + "\"}"));
        assertEquals(expected, ids(K8S));
    }

    @Test
    void cloudWatchLogsBatchesGzippedAsFirehoseDeliversThem() throws Exception {
        String escaped = K8S.replace("\"", "\\\"");
        String batch = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"" + escaped + "\"},"
                + "{\"id\":\"2\",\"message\":\"" + escaped.replace("a1", "a2") + "\"}]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(b(batch));
        }
        assertEquals(2, k8s.parse(gz.toByteArray()).events().size());
        ParseResult control = k8s.parse(b("{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[]}"));
        assertEquals(List.of("CloudWatch Logs control message (no log events)"), control.skipped());
        assertThrows(AdapterException.class, () -> k8s.parse(b("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"{oops\"}]}")));
    }

    @Test
    void plainTextMessagesAndNestedFieldsAreNotTakenForEnvelopes() {
        assertFalse(ShipperEnvelope.containsMarker(b("{\"class_uid\":6003,\"message\":\"GetObject succeeded\"}")));
        assertFalse(ShipperEnvelope.containsMarker(b("{\"errorMessage\":\"{x}\",\"log\":\"text line\"}")));
        assertFalse(ShipperEnvelope.containsMarker(b(K8S)));
        assertTrue(ShipperEnvelope.containsMarker(b("{\"log\" : {\"a\":1}}")));
        assertTrue(ShipperEnvelope.containsMarker(b("{\"message\":\" {\\\"a\\\":1}\"}")));
        assertTrue(ShipperEnvelope.containsMarker(b("{\"logEvents\":[]}")));
    }
}
