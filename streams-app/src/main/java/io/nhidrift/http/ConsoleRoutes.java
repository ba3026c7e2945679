package io.nhidrift.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console: static files from the jar ({@code console/} on the classpath), served on the API's own port at
 * {@code /} and {@code /console/{file}}. These routes need no token (they hold no data); every API call the page
 * makes carries the bearer token the analyst gave it. Only plain file names of the kinds below are served, so no
 * path can leave the {@code console/} folder; each answer carries a Content-Security-Policy that lets the page
 * load and call nothing but this server (no CDN, no inline script: an air-gapped SOC network works the same).
 */
final class ConsoleRoutes implements RouteTable.Group {

    static final String INDEX = "/";
    static final String FILES = "/console/{file}";
    private static final String FOLDER = "console/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** {@code GET /} and {@code GET /console/{file}}, both open (no role). */
    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(INDEX, null, "console", "The web console", "The analyst console's page (no token needed; its"
                        + " API calls carry one).", List.of(), ctx -> serve(ctx, "index.html")).producing("text/html"),
                ApiRoute.get(FILES, null, "console", "A console file", "The console's scripts, styles and images.",
                        List.of(ApiRoute.Param.path("file", "File name.")), ctx -> serve(ctx, ctx.pathParam("file")))
                        .producing("text/javascript", "text/css", "image/svg+xml"));
    }

    private void serve(Context ctx, String name) {
        Matcher m = NAME.matcher(name);
        byte[] body = m.matches() ? load(name) : null;
        if (body == null) {
            ApiErrors.error(ctx, 404, "no such console file");
            return;
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(TYPES.get(m.group(1))).result(body);
    }

    /** The file's bytes, or null when the jar has no such file (absence is cached too: the jar does not change). */
    private byte[] load(String name) {
        byte[] b = cache.computeIfAbsent(name, n -> {
            try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(FOLDER + n)) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("reading console file " + n, e);
            }
        });
        return b.length == 0 ? null : b;
    }
}
