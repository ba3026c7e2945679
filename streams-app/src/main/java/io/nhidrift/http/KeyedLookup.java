package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request about one credential from whichever instance owns it: read here when the key is local, else
 * forwarded to the owner (the same request, the caller's {@code Authorization} relayed) and its answer relayed.
 * Unknown credential: JSON 404; not queryable now (starting, rebalancing, owner unreachable): 503 with
 * {@code Retry-After: 1}.
 */
final class KeyedLookup {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedLookup.class);

    private final CredentialLocator locator;
    private final CredentialStateReader reader;
    private final PeerForwarder forwarder;

    KeyedLookup(CredentialLocator locator, CredentialStateReader reader, PeerForwarder forwarder) {
        this.locator = locator;
        this.reader = reader;
        this.forwarder = forwarder;
    }

    /** Calls {@code found} with the local snapshot of {@code id}, or answers for it (forwarded, 404, 503). */
    void answer(Context ctx, String id, BiConsumer<Context, CredentialStateReader.Snapshot> found) {
        if (id == null || id.isBlank()) {
            ApiErrors.error(ctx, 400, "missing credential id");
            return;
        }
        CredentialLocator.Location where = locator.locate(id);
        if (where instanceof CredentialLocator.NotAvailable na) {
            unavailable(ctx, na.reason(), id);
        } else if (where instanceof CredentialLocator.Remote remote) {
            forward(ctx, remote, id);
        } else if (where instanceof CredentialLocator.Local local) {
            try {
                CredentialStateReader.Snapshot s = reader.read(id, local.partition());
                if (s.exists()) {
                    found.accept(ctx, s);
                } else {
                    ObjectNode n = ApiErrors.node(404, "unknown credential");
                    n.put("credentialId", id);
                    ApiErrors.json(ctx, 404, n);
                }
            } catch (CredentialStateReader.NotQueryable e) {
                unavailable(ctx, e.getMessage(), id);
            }
        }
    }

    private void forward(Context ctx, CredentialLocator.Remote remote, String id) {
        if (ClusterGather.fromPeer(ctx)) { // ownership moved while the request was in flight
            unavailable(ctx, "key moved to " + remote.host() + " during forwarding", id);
            return;
        }
        String target = ctx.req().getRequestURI() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        try {
            PeerForwarder.Relayed r = forwarder.forward(remote.host(), target, ctx.header("Authorization"));
            ctx.status(r.status()).contentType(r.contentType()).result(r.body());
            if (r.contentDisposition() != null) {
                ctx.header("Content-Disposition", r.contentDisposition());
            }
            if (r.status() == 503) {
                ctx.header("Retry-After", "1");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Query API: forwarding {} to {} failed: {}", id, remote.host(), e.toString());
            unavailable(ctx, "owner " + remote.host() + " did not answer", id);
        }
    }

    static void unavailable(Context ctx, String reason, String id) {
        ObjectNode n = ApiErrors.node(503, "not available, retry shortly");
        n.put("reason", reason);
        if (id != null) {
            n.put("credentialId", id);
        }
        ctx.header("Retry-After", "1");
        ApiErrors.json(ctx, 503, n);
    }
}
