package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files are served from the jar without a token, and only they; the API behind them still needs one. */
@UnitTest
class ConsoleRoutesTest {

    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");

    @TempDir
    Path state;

    @Test
    void the_page_and_its_modules_load_without_a_token_but_the_api_does_not() throws Exception {
        try (UnstartedApi api = new UnstartedApi(state)) {
            HttpResponse<String> page = api.send("GET", "/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
            assertTrue(page.body().contains("<script type=\"module\" src=\"/console/app.js\">"), page.body());
            assertEquals(ConsoleRoutes.CSP, page.headers().firstValue("Content-Security-Policy").orElse(null));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));

            HttpResponse<String> app = api.send("GET", "/console/app.js", null);
            assertEquals(200, app.statusCode());
            assertTrue(app.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), app.headers().toString());
            assertEquals(200, api.send("GET", "/console/console.css", null).statusCode());

            assertEquals(401, api.send("GET", "/api/v1/credentials/AKIAEXAMPLE", null).statusCode());
        }
    }

    @Test
    void every_module_the_page_imports_is_served() throws Exception {
        try (UnstartedApi api = new UnstartedApi(state)) {
            List<String> pending = new java.util.ArrayList<>(List.of("app.js"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!pending.isEmpty()) {
                String file = pending.remove(0);
                if (!seen.add(file)) {
                    continue;
                }
                HttpResponse<String> r = api.send("GET", "/console/" + file, null);
                assertEquals(200, r.statusCode(), file + " imported but not served");
                Matcher m = MODULE_IMPORT.matcher(r.body());
                while (m.find()) {
                    pending.add(m.group(1));
                }
            }
            assertTrue(seen.size() >= 8, "modules reached from app.js: " + seen);
        }
    }

    @Test
    void nothing_outside_the_console_folder_or_of_another_kind_is_served() throws Exception {
        try (UnstartedApi api = new UnstartedApi(state)) {
            for (String path : List.of("/console/missing.js", "/console/..%2Flog4j2.xml", "/console/%2E%2E%2Fschemas",
                    "/console/index.txt", "/console/App.js", "/console/.hidden.js")) {
                HttpResponse<String> r = api.send("GET", path, null);
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " answered " + r.statusCode());
                assertTrue(r.body().startsWith("{"), path + " answered " + r.body());
            }
        }
    }
}
