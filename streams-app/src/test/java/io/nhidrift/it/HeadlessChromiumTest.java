package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.IntegrationTest;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser test's error collection catches what it claims to, so a console test that passes means no error. */
@IntegrationTest
class HeadlessChromiumTest {

    @Test
    void uncaught_errors_rejected_promises_console_errors_and_csp_violations_are_collected() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.driver.get(page("<p id=ok>fine</p>"));
            chromium.await("the quiet page", 10, d -> d.findElement(By.id("ok")).isDisplayed());
            chromium.assertNoJavaScriptErrors("on a page without errors");

            chromium.driver.get(page("<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'unsafe-inline'\">"
                    + "<script>setTimeout(() => { throw new Error('probe-uncaught'); });"
                    + "Promise.reject(new Error('probe-rejected'));"
                    + "console.error('probe-console');</script>"
                    + "<script src=\"https://cdn.invalid/x.js\"></script>"));
            chromium.await("four errors", 10, d -> chromium.errors().size() >= 4);
            String all = String.join("\n", chromium.errors());
            for (String expected : new String[] {"probe-uncaught", "probe-rejected", "probe-console", "Content Security Policy"}) {
                assertTrue(all.contains(expected), expected + " not collected in:\n" + all);
            }
            assertThrows(AssertionError.class, () -> chromium.assertNoJavaScriptErrors("after the probes"));
        }
    }

    @Test
    void a_request_answered_404_is_not_a_javascript_error() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean page = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (page ? "<!doctype html><p id=p>page</p><script>fetch('/missing').then(r => document.body.dataset.status"
                    + " = String(r.status))</script>" : "{\"error\":\"no such endpoint\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", page ? "text/html" : "application/json");
            exchange.sendResponseHeaders(page ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            chromium.await("the 404 answer", 10, d -> "404".equals(d.findElement(By.tagName("body")).getAttribute("data-status")));
            assertEquals(List.of(), chromium.errors());
        } finally {
            server.stop(0);
        }
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode("<!doctype html><html><body>" + html + "</body></html>",
                StandardCharsets.UTF_8).replace("+", "%20");
    }
}
