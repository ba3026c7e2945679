package io.nhidrift.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.nhidrift.config.AppConfig;
import io.nhidrift.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the query API. Routes declare the {@link Role} they require; {@link #check} runs before
 * each matched route and answers 401 (no or unknown token, with {@code WWW-Authenticate: Bearer}) or
 * 403 (a valid token whose role is too small) as JSON. Routes without a role ({@code /health}) are open.
 *
 * <p>The policy, decided once at start from the configuration:
 * <ul>
 *   <li>tokens configured ({@code http.auth.tokens}, {@code http.auth.tokens-file}): every protected
 *       route needs one;</li>
 *   <li>no token and {@code http.auth.disabled=true}: open, on any bind (an explicit choice, logged);</li>
 *   <li>no token and a loopback {@code http.host} (the default {@code 127.0.0.1}): open to local
 *       callers only, with a warning;</li>
 *   <li>no token and any other bind: refused at start with a {@link ConfigException}.</li>
 * </ul>
 * Tokens together with {@code http.auth.disabled=true} contradict each other and are refused too.
 */
public final class ApiAccess {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAccess.class);
    static final String REALM = "Bearer realm=\"nhi-drift\"";

    private final BearerTokens tokens; // null = no authentication

    private ApiAccess(BearerTokens tokens) {
        this.tokens = tokens;
    }

    /** Reads and checks the tokens and the policy; throws {@link ConfigException} naming the key. */
    public static ApiAccess from(AppConfig config) {
        BearerTokens tokens = BearerTokens.from(config.httpAuthTokens(), config.httpAuthTokensFile());
        if (config.httpAuthDisabled()) {
            if (!tokens.isEmpty()) {
                throw new ConfigException("invalid value 'true' for key 'http.auth.disabled': bearer tokens are configured"
                        + " too (http.auth.tokens / http.auth.tokens-file); remove one or the other");
            }
            return new ApiAccess(null);
        }
        if (tokens.isEmpty() && !isLoopback(config.httpHost())) {
            throw new ConfigException("invalid value '" + config.httpHost() + "' for key 'http.host': the query API would"
                    + " serve credential state beyond this machine without authentication. Configure bearer tokens"
                    + " (http.auth.tokens or http.auth.tokens-file), bind to 127.0.0.1, or set http.auth.disabled=true");
        }
        return new ApiAccess(tokens.isEmpty() ? null : tokens);
    }

    /** An access policy that requires one of {@code tokens} (tests). */
    static ApiAccess requiring(BearerTokens tokens) {
        return new ApiAccess(tokens);
    }

    public boolean enforced() {
        return tokens != null;
    }

    void logPolicy(AppConfig config) {
        if (tokens != null) {
            LOG.info("Query API: bearer token required ({} token(s) configured)", tokens.size());
        } else if (config.httpAuthDisabled()) {
            LOG.warn("Query API: authentication disabled (http.auth.disabled=true); anyone who reaches {}:{} reads credential state",
                    config.httpHost(), config.httpPort());
        } else {
            LOG.warn("Query API: no bearer token configured; serving local callers on {} without authentication"
                    + " (set http.auth.tokens or http.auth.tokens-file)", config.httpHost());
        }
    }

    /** Before-matched handler: lets the request through, or answers 401/403 and skips the route. */
    void check(Context ctx) {
        Set<RouteRole> required = ctx.routeRoles();
        if (tokens == null || required.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            ctx.header("WWW-Authenticate", REALM);
            deny(ctx, 401, "missing bearer token: send Authorization: Bearer <token>");
            return;
        }
        Optional<Role> role = tokens.roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
            deny(ctx, 401, "invalid bearer token");
            return;
        }
        for (RouteRole r : required) {
            if (r instanceof Role needed && !role.get().includes(needed)) {
                ctx.header("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"");
                deny(ctx, 403, "this token's role (" + role.get().label() + ") may not call this endpoint; it needs "
                        + needed.label());
                return;
            }
        }
    }

    private static void deny(Context ctx, int status, String message) {
        ApiErrors.error(ctx, status, message);
        ctx.skipRemainingHandlers();
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ConfigException("invalid value '" + host + "' for key 'http.host': unknown host");
        }
    }
}
