package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.nhidrift.testing.UnitTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.junit.jupiter.api.Test;

/** The query API's admission bound: {@code threads} requests at once, 4x as many waiting, the next one a JSON 503. */
@UnitTest
class AdmissionLimitTest {

    private static final int THREADS = 8;

    @Test
    void requests_beyond_the_running_and_waiting_bound_get_a_json_503_at_once() throws Exception {
        QoSHandler qos = ServerLimits.admission(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(THREADS);
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.insertHandler(qos);
            });
            c.routes.get("/slow", ctx -> {
                running.countDown();
                release.await(60, TimeUnit.SECONDS);
                ctx.result("done");
            });
        }).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest slow = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow"))
                .timeout(Duration.ofSeconds(60)).build();
        try {
            List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
            for (int i = 0; i < THREADS * 5; i++) {
                admitted.add(http.sendAsync(slow, HttpResponse.BodyHandlers.ofString()));
            }
            assertTrue(running.await(30, TimeUnit.SECONDS), "the first " + THREADS + " requests run");
            await(() -> qos.getSuspendedRequestCount() == THREADS * 4, "the next " + THREADS * 4 + " requests wait");

            HttpResponse<String> refused = http.send(slow, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(refused.body().contains("\"status\":503"), refused.body());

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : admitted) {
                assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            release.countDown();
            app.stop();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
            Thread.sleep(20); // poll interval of the deadline-bounded wait
        }
    }
}
