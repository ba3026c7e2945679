package io.nhidrift.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.app.NhiDriftService;
import io.nhidrift.config.AppConfig;
import io.nhidrift.demo.CloudTrailGenerator;
import io.nhidrift.demo.DemoPublisher;
import io.nhidrift.demo.DemoScenario;
import io.nhidrift.embedded.EmbeddedKafka;
import io.nhidrift.testing.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium against the real service on the embedded broker, fed with the demo's
 * inventory and history: the analyst opens the demo link (token in the fragment), filters the credential table, opens a
 * credential, reads granted versus used and its least-privilege policy (and copies it), watches a new alert arrive in the
 * live feed and acknowledges it.
 * Any JavaScript error fails the test. Screenshots go to {@code nhidrift.console.screenshots} (default
 * {@code target/console-screenshots}; the README's come from {@code -Dnhidrift.console.screenshots=../docs}).
 */
@IntegrationTest
class ConsoleBrowserIntegrationTest {

    private static final String TOKEN = "console-browser-token-0123456789";
    private static final String NEW_KEY = "AKIAQX3CONSOLENEW011";
    private static final Duration HISTORY_DEADLINE = Duration.ofSeconds(240);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("nhidrift.console.screenshots", "target/console-screenshots"));

    @TempDir
    Path state;

    @Test
    void an_analyst_filters_opens_a_credential_copies_its_policy_and_triages_an_alert_that_arrives() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
        EmbeddedKafka kafka = null;
        NhiDriftService service = null;
        Thread publishing = null;
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            kafka = EmbeddedKafka.start();
            AppConfig config = AppConfig.from(Map.of("bootstrap.servers", kafka.bootstrapServers(), "application.id",
                    "nhi-drift-console-it", "http.port", "0", "state.dir", state.toString(), "topics.partitions", "2",
                    "topics.replication.factor", "1", "inputs", "cloudtrail", "commit.interval", "200ms",
                    "http.auth.tokens", "triage:" + TOKEN));
            service = NhiDriftService.start(config);
            DemoPublisher publisher = new DemoPublisher(config, false, running::get);
            publishing = new Thread(() -> {
                try (publisher) {
                    publisher.run();
                } catch (Throwable t) {
                    publisherFailure.set(t);
                }
            }, "console-it-demo-publisher");
            publishing.start();
            String base = "http://localhost:" + service.httpPort();
            awaitHistory(base, publisherFailure);
            chromium.allowClipboard(base);

            try {
                walkThrough(chromium, base, kafka.bootstrapServers(), config);
            } catch (Throwable t) {
                chromium.screenshot(SCREENSHOTS, "failed-" + System.currentTimeMillis() + ".png"); // what the page showed
                throw t;
            }
        } finally {
            running.set(false);
            if (publishing != null) {
                publishing.join(30_000);
            }
            ItRecords.stop(service, kafka);
        }
    }

    private static void walkThrough(HeadlessChromium chromium, String base, String bootstrap, AppConfig config) throws Exception {
        // 0. without a token the page asks for one, and works once given it
        chromium.driver.get(base + "/");
        chromium.await("the token prompt", 30, d -> d.findElement(By.id("token-prompt")).isDisplayed());
        chromium.driver.findElement(By.id("token-input")).sendKeys(TOKEN);
        chromium.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        chromium.await("the fleet summary after the token was given", 30, d -> !d.findElement(By.id("token-prompt")).isDisplayed()
                && text(d.findElements(By.cssSelector("#summary [data-field=credentials]"))).matches("\\d+"));
        chromium.driver.findElement(By.id("forget-token")).click(); // clears it and reloads: the prompt again
        chromium.await("the token prompt after forgetting", 30, d -> d.findElement(By.id("token-prompt")).isDisplayed());
        chromium.assertNoJavaScriptErrors("around the token prompt");

        // 1. the demo link: the token arrives in the fragment and leaves the address bar
        chromium.driver.get(base + "/#token=" + TOKEN);
        chromium.await("the token to leave the address bar", 10, d -> !d.getCurrentUrl().contains(TOKEN));
        chromium.await("the fleet summary", 30, d -> text(d.findElements(By.cssSelector("#summary [data-field=credentials]")))
                .matches("\\d+"));
        chromium.await("the riskiest credentials", 30, d -> !d.findElements(By.cssSelector("#top-risk .risk-list a")).isEmpty());
        chromium.await("credential rows, riskiest first", 30, d -> rows(d).size() >= 5 && ordered(risks(d), false));
        chromium.screenshot(SCREENSHOTS, "console-overview.png");
        chromium.assertNoJavaScriptErrors("on the overview");

        // 2. filter the table by kind: only roles, then only access keys
        new Select(chromium.driver.findElement(By.id("f-kind"))).selectByValue("aws_role");
        chromium.await("only roles listed", 30, d -> kinds(d).equals(Set.of("aws_role"))
                && ids(d).containsAll(List.of(DemoScenario.CI_ROLE, DemoScenario.INSTANCE_ROLE)));
        assertTrue(chromium.driver.getCurrentUrl().contains("kind=aws_role"), "filters kept in the address: "
                + chromium.driver.getCurrentUrl());
        new Select(chromium.driver.findElement(By.id("f-kind"))).selectByValue("aws_access_key");
        chromium.await("only access keys listed", 30, d -> kinds(d).equals(Set.of("aws_access_key"))
                && ids(d).contains(DemoScenario.BACKUP_KEY));
        // sorting by risk and by last use, both ways
        chromium.driver.findElement(By.cssSelector("button[data-sort=risk]")).click();
        chromium.await("risk ascending", 30, d -> "ascending".equals(sortState(d, "risk")) && ordered(risks(d), true));
        chromium.driver.findElement(By.cssSelector("button[data-sort=risk]")).click();
        chromium.await("risk descending", 30, d -> "descending".equals(sortState(d, "risk")) && ordered(risks(d), false));
        chromium.driver.findElement(By.cssSelector("button[data-sort=lastSeen]")).click();
        chromium.await("last seen descending", 30, d -> "descending".equals(sortState(d, "lastSeen")) && ordered(lastSeen(d), false));
        chromium.driver.findElement(By.cssSelector("button[data-sort=lastSeen]")).click();
        chromium.await("last seen ascending", 30, d -> "ascending".equals(sortState(d, "lastSeen")) && ordered(lastSeen(d), true));
        chromium.assertNoJavaScriptErrors("while filtering and sorting");

        // 3. open the backup key: ec2:* granted and never used, s3 writes used; its AWS policy keeps only what it used
        chromium.driver.findElement(By.cssSelector("tr[data-credential='" + DemoScenario.BACKUP_KEY + "'] a")).click();
        chromium.await("granted versus used", 30, d -> !d.findElements(By.cssSelector(
                "#granted-vs-used tr.never-used[data-grant='ec2:*']")).isEmpty());
        chromium.await("the credential's risk score", 10, d -> text(d.findElements(By.cssSelector("#risk [data-field=risk-score]")))
                .matches("\\d+"));
        WebElement used = chromium.driver.findElement(By.cssSelector("#granted-vs-used tr[data-grant='s3:PutObject']"));
        assertTrue(used.getText().contains("s3:PutObject"), used.getText());
        chromium.await("the AWS IAM policy", 30, d -> text(d.findElements(By.id("rec-document"))).contains("\"s3:PutObject\""));
        String policy = chromium.driver.findElement(By.id("rec-document")).getText();
        assertTrue(policy.contains("\"Statement\""), policy);
        assertFalse(policy.contains("ec2:"), "the never-used grant is not recommended: " + policy);
        chromium.driver.findElement(By.id("rec-copy")).click();
        chromium.await("the copy to be confirmed", 10, d -> text(d.findElements(By.id("rec-status"))).startsWith("Copied"));
        assertEquals(policy.strip(), clipboard(chromium).strip(), "what the Copy button put on the clipboard");
        chromium.await("this credential's alerts", 30, d -> !d.findElements(By.cssSelector("#credential-alerts li.alert")).isEmpty());
        chromium.screenshot(SCREENSHOTS, "console-credential.png");
        chromium.assertNoJavaScriptErrors("on the credential page");

        // 4. the live feed: a key nobody inventoried starts calling now; its alert appears without a reload
        chromium.driver.findElement(By.cssSelector("a[data-nav=alerts]")).click();
        chromium.await("the alert list", 30, d -> !d.findElements(By.cssSelector("#alert-list li.alert")).isEmpty());
        assertTrue(chromium.driver.findElements(By.cssSelector("li.alert[data-credential='" + NEW_KEY + "']")).isEmpty());
        publishUnknownKeyCall(bootstrap, config);
        WebElement arrived = chromium.await("the new key's alert in the live feed", 60, d -> d.findElements(
                By.cssSelector("#alert-list li.alert.fresh[data-credential='" + NEW_KEY + "']")).stream().findFirst().orElse(null));
        assertTrue(arrived.getText().contains("UNKNOWN_CREDENTIAL"), arrived.getText());
        chromium.screenshot(SCREENSHOTS, "console-alerts.png");
        chromium.assertNoJavaScriptErrors("while the feed updated");

        // 5. triage it: acknowledge with a name and a reason; the status shown follows once the pipeline applied it
        String item = "#alert-list li.alert[data-credential='" + NEW_KEY + "'] ";
        chromium.driver.findElement(By.cssSelector(item + "button[data-action=acknowledge]")).click();
        chromium.driver.findElement(By.cssSelector(item + "form.triage-form input[id^=by-]")).sendKeys("console-it");
        chromium.driver.findElement(By.cssSelector(item + "form.triage-form input[id^=reason-]")).sendKeys("migration key, owner found");
        chromium.driver.findElement(By.cssSelector(item + "form.triage-form button[type=submit]")).click();
        chromium.await("the alert acknowledged", 60, d -> text(d.findElements(By.cssSelector(item + "[data-field=alert-status]")))
                .equals("acknowledged"));
        chromium.assertNoJavaScriptErrors("after triage");
    }

    /** Until the history's last days are in the store: the demo's unknown key is active at now-1d. */
    private static void awaitHistory(String base, AtomicReference<Throwable> publisherFailure) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI probe = URI.create(base + "/api/v1/credentials/" + URLEncoder.encode(DemoScenario.UNKNOWN_KEY, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + HISTORY_DEADLINE.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && publisherFailure.get() == null) {
            status = http.send(HttpRequest.newBuilder(probe).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(250); // poll interval of a deadline-bounded wait
        }
        throw new AssertionError("demo history not processed within " + HISTORY_DEADLINE + " (last answer " + status
                + ", publisher: " + publisherFailure.get() + ")");
    }

    private static void publishUnknownKeyCall(String bootstrap, AppConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        var call = new CloudTrailGenerator.Call(NEW_KEY, "tmp-console-check", "s3.amazonaws.com", "ListBuckets",
                System.currentTimeMillis(), "192.0.2.44", "aws-cli/1.32.84 Python/3.9.18 Linux/6.5.0-1017-aws botocore/1.34.84", false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.topics().rawByFormat().get("cloudtrail"), 0, call.time(), null,
                    CloudTrailGenerator.s3Delivery(List.of(new CloudTrailGenerator(5L).record(call)))));
        }
    }

    private static String clipboard(HeadlessChromium chromium) {
        Object text = chromium.driver.executeAsyncScript(
                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));");
        return String.valueOf(text);
    }

    private static String text(List<WebElement> elements) {
        return elements.isEmpty() ? "" : elements.get(0).getText().strip();
    }

    private static List<WebElement> rows(org.openqa.selenium.WebDriver d) {
        return d.findElements(By.cssSelector("#credential-rows tr[data-credential]"));
    }

    private static List<String> ids(org.openqa.selenium.WebDriver d) {
        return rows(d).stream().map(r -> r.getAttribute("data-credential")).toList();
    }

    private static Set<String> kinds(org.openqa.selenium.WebDriver d) {
        return rows(d).stream().map(r -> r.findElements(By.tagName("td")).get(0).getText()).collect(Collectors.toSet());
    }

    /** The rows' risk scores (a row without one fails the ordering check). */
    private static List<Integer> risks(org.openqa.selenium.WebDriver d) {
        return rows(d).stream().map(r -> r.findElement(By.cssSelector("[data-field=risk]")).getText())
                .map(t -> t.matches("\\d+") ? Integer.valueOf(t) : null).toList();
    }

    /** The rows' last use; a credential never seen has none. */
    private static List<Instant> lastSeen(org.openqa.selenium.WebDriver d) {
        return rows(d).stream().map(r -> r.findElement(By.cssSelector("[data-field=lastSeen]")).getAttribute("data-value"))
                .filter(v -> !v.isEmpty()).map(Instant::parse).toList();
    }

    private static String sortState(org.openqa.selenium.WebDriver d, String key) {
        return d.findElement(By.cssSelector("button[data-sort=" + key + "]")).findElement(By.xpath("..")).getAttribute("aria-sort");
    }

    private static <T extends Comparable<T>> boolean ordered(List<T> values, boolean ascending) {
        if (values.size() < 3 || values.contains(null)) {
            return false;
        }
        for (int i = 1; i < values.size(); i++) {
            int c = values.get(i).compareTo(values.get(i - 1));
            if (ascending ? c < 0 : c > 0) {
                return false;
            }
        }
        return true;
    }
}
