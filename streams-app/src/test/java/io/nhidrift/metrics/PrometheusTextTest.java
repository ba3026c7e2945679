package io.nhidrift.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nhidrift.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser the Prometheus tests read scrapes with reads the format, and refuses what is not the format. */
@UnitTest
class PrometheusTextTest {

    @Test
    void readsFamiliesTypesLabelsAndValues() throws Exception {
        PrometheusText p = PrometheusText.parse("""
                # HELP nhidrift_records_total Records
                # TYPE nhidrift_records_total counter
                nhidrift_records_total{format="cloudtrail",outcome="normalized"} 2.0
                nhidrift_records_total{format="kong",outcome="normalized"} 5.0
                # HELP nhidrift_store_entries Entries
                # TYPE nhidrift_store_entries gauge
                nhidrift_store_entries{store="inventory-store"} NaN
                """);
        assertEquals("COUNTER", p.family("nhidrift_records_total").type());
        assertEquals(2.0, p.sum("nhidrift_records_total", Map.of("format", "cloudtrail")));
        assertEquals(7.0, p.sum("nhidrift_records_total", Map.of("outcome", "normalized")));
        assertEquals(0.0, p.sum("nhidrift_store_entries", Map.of()), "NaN is left out of sums");
    }

    @Test
    void refusesALabelWithoutQuotes() {
        assertThrows(Exception.class, () -> PrometheusText.parse("""
                # TYPE x gauge
                x{a=b} 1
                """));
    }

    @Test
    void readsEscapedLabelValuesAndTimestamps() throws Exception {
        PrometheusText p = PrometheusText.parse("# TYPE x gauge\nx{a=\"say \\\"hi\\\"\\n\"} -1.5e3 1700000000000\n");
        assertEquals(-1500.0, p.sum("x", Map.of()));
    }

    @Test
    void refusesAValueThatIsNotANumber() {
        assertThrows(Exception.class, () -> PrometheusText.parse("""
                # TYPE x gauge
                x{a="b"} not-a-number
                """));
    }
}
