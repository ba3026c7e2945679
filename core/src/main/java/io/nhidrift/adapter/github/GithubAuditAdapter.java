package io.nhidrift.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.adapter.UriPaths;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Times;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GitHub Enterprise / organization audit log events (REST API or streaming export; also a JSON array page).
 *
 * <p>Credential: {@code token_id} (as a string), else {@code hashed_token} (kind {@code github_token}), else
 * {@code actor} (kind {@code other}). Action: {@code <METHOD> <route>} for {@code api.request}, else the
 * {@code action} field. Time: {@code @timestamp}, else {@code created_at} (epoch ms or ISO).
 */
public final class GithubAuditAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "github-audit";

    public GithubAuditAdapter() {
        super("audit event");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode e, Supplier<String> fallbackId) throws AdapterException {
        String tokenId = Fields.text(e, "token_id");
        String hashed = Fields.text(e, "hashed_token");
        String actor = Fields.text(e, "actor");
        String credential = Fields.first(tokenId, hashed, actor);
        if (credential == null) {
            return ParseResult.skip("no token_id, hashed_token or actor");
        }
        String kind = (tokenId != null || hashed != null ? CredentialKind.GITHUB_TOKEN : CredentialKind.OTHER).id();
        String ghAction = Fields.text(e, "action");
        String action;
        if ("api.request".equals(ghAction)) {
            String method = Fields.text(e, "request_method");
            String route = Fields.first(Fields.text(e, "route"), UriPaths.pathOnly(Fields.text(e, "url_path")));
            if (method == null || route == null) {
                action = ghAction;
            } else {
                action = method.toUpperCase(Locale.ROOT) + " " + route;
            }
        } else {
            action = ghAction;
        }
        if (action == null) {
            throw new AdapterException("no action");
        }
        Long time = Fields.first(Times.millis(Fields.get(e, "@timestamp")), Times.millis(Fields.get(e, "at_sign_timestamp")),
                Times.millis(Fields.get(e, "created_at")), Times.millis(Fields.get(e, "timestamp")));
        if (time == null) {
            throw new AdapterException("no readable @timestamp or created_at");
        }
        Long status = Fields.integer(Fields.get(e, "status_code"));
        boolean denied = status != null && (status == 401 || status == 403);
        UsageEvent.Builder b = Events.builder(FORMAT, Fields.firstOr(fallbackId, Fields.text(e, "_document_id")),
                        credential, action, time)
                .setCredentialKind(kind)
                .setPrincipal(Fields.first(actor, credential))
                .setDenied(denied)
                .setErrorCode(status != null && status >= 400 ? String.valueOf(status) : null)
                .setSourceIp(Fields.text(e, "actor_ip"))
                .setUserAgent(Redactor.redactText(Fields.text(e, "user_agent")))
                .setResource(Fields.first(Fields.text(e, "repo"), Fields.text(e, "org")));
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "token_scopes", Fields.text(e, "token_scopes"));
        Events.attr(at, "token_id", tokenId);
        Events.attr(at, "actor", actor);
        Events.attr(at, "org", Fields.text(e, "org"));
        Events.attr(at, "repo", Fields.text(e, "repo"));
        Events.attr(at, "business", Fields.text(e, "business"));
        Events.attr(at, "gh_action", ghAction);
        Events.attr(at, "status_code", status == null ? null : String.valueOf(status));
        Events.attr(at, "programmatic_access_type", Fields.text(e, "programmatic_access_type"));
        Events.attr(at, "oauth_application_id", Fields.text(e, "oauth_application_id"));
        return ParseResult.of(b.build());
    }
}
