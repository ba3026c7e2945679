package io.nhidrift.adapter.k8s;

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
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kubernetes audit events ({@code audit.k8s.io/v1} and {@code v1beta1} {@code Event}, or an {@code EventList}).
 *
 * <p>Stages: {@code ResponseComplete} (or no stage) is counted; {@code Panic} is counted too (the API server
 * writes no ResponseComplete for a request whose handler panicked, so it is the only record of a request that
 * was authorized and reached the handler); {@code RequestReceived} and {@code ResponseStarted} are skipped so a
 * request is counted once.
 */
public final class K8sAuditAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "k8s-audit";

    public K8sAuditAdapter() {
        super("audit Event", "items");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode e, Supplier<String> fallbackId) throws AdapterException {
        String stage = Fields.text(e, "stage");
        if (stage != null && !"ResponseComplete".equals(stage) && !"Panic".equals(stage)) {
            return ParseResult.skip("stage " + stage + " not counted");
        }
        JsonNode user = Fields.get(e, "user");
        String username = Fields.text(user, "username");
        if (username == null) {
            return ParseResult.skip("no user.username");
        }
        String verb = Fields.text(e, "verb");
        if (verb == null) {
            throw new AdapterException("no verb");
        }
        JsonNode ref = Fields.get(e, "objectRef");
        String resource = Fields.text(ref, "resource");
        String requestUri = Fields.text(e, "requestURI");
        String action;
        String target = null;
        String namespace = Fields.text(ref, "namespace");
        String name = Fields.text(ref, "name");
        if (resource != null) {
            StringBuilder a = new StringBuilder(resource);
            String group = Fields.text(ref, "apiGroup");
            if (group != null) {
                a.append('.').append(group);
            }
            String sub = Fields.text(ref, "subresource");
            if (sub != null) {
                a.append('/').append(sub);
            }
            action = a.append(':').append(verb).toString();
            target = namespace != null && name != null ? namespace + "/" + name : Fields.first(name, namespace);
        } else if (requestUri != null) {
            action = UriPaths.pathOnly(requestUri) + ":" + verb;
            target = UriPaths.pathOnly(requestUri);
        } else {
            throw new AdapterException("neither objectRef.resource nor requestURI");
        }

        Long time = Fields.first(Times.millis(Fields.get(e, "requestReceivedTimestamp")),
                Times.millis(Fields.get(e, "timestamp")),
                Times.millis(Fields.path(e, "metadata", "creationTimestamp")),
                Times.millis(Fields.get(e, "stageTimestamp")));
        if (time == null) {
            throw new AdapterException("no timestamp");
        }
        String auditId = Fields.text(e, "auditID");
        JsonNode status = Fields.get(e, "responseStatus");
        Long code = Fields.integer(Fields.get(status, "code"));
        boolean denied = code != null && code == 403;
        String errorCode = null;
        if (code != null && code >= 400) {
            errorCode = Fields.first(Fields.text(status, "reason"), String.valueOf(code));
        } else if ("Panic".equals(stage)) {
            errorCode = "Panic";
        }
        JsonNode ips = Fields.get(e, "sourceIPs");
        String ip = ips != null && ips.isArray() && ips.size() > 0 ? Fields.scalar(ips.get(0)) : null;

        UsageEvent.Builder b = Events.builder(FORMAT, auditId != null ? auditId : fallbackId.get(), username, action, time)
                .setCredentialKind((username.startsWith("system:serviceaccount:")
                        ? CredentialKind.K8S_SERVICE_ACCOUNT : CredentialKind.OTHER).id())
                .setPrincipal(username)
                .setDenied(denied)
                .setErrorCode(errorCode)
                .setSourceIp(ip)
                .setUserAgent(Redactor.redactText(Fields.text(e, "userAgent")))
                .setResource(target);
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "namespace", namespace);
        Events.attr(at, "name", name);
        Events.attr(at, "responseCode", code == null ? null : String.valueOf(code));
        Events.attr(at, "stage", stage);
        Events.attr(at, "requestURI", Redactor.redactUrl(requestUri));
        JsonNode ann = Fields.get(e, "annotations");
        Events.attr(at, "authorization.k8s.io/decision", Fields.text(ann, "authorization.k8s.io/decision"));
        Events.attr(at, "authorization.k8s.io/reason", Fields.text(ann, "authorization.k8s.io/reason"));
        Events.attr(at, "impersonatedUser", Fields.text(e, "impersonatedUser", "username"));
        JsonNode extra = Fields.get(user, "extra");
        for (String k : new String[] {"accessKeyId", "arn", "canonicalArn", "sessionName",
                "authentication.kubernetes.io/credential-id", "authentication.kubernetes.io/pod-name"}) {
            Events.attr(at, k, joined(Fields.get(extra, k)));
        }
        return ParseResult.of(b.build());
    }

    private static String joined(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            return Fields.scalar(n);
        }
        StringBuilder s = new StringBuilder();
        for (JsonNode v : n) {
            String t = Fields.scalar(v);
            if (t != null) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(t);
            }
        }
        return s.length() == 0 ? null : s.toString();
    }
}
