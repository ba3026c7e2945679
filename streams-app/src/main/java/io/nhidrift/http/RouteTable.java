package io.nhidrift.http;

import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Every route of the query API, in registration order (a more specific path before a {@code <id>} path that would
 * also match it). The server registers exactly these ({@link #registerAll}), and {@link OpenApiDocument} documents
 * exactly these; {@link #registered()} records what Javalin actually registered, so a test can check both agree.
 */
public final class RouteTable {

    /** Each route-group class (CredentialRoutes, SummaryRoutes, ...) contributes its routes. */
    public interface Group {
        List<ApiRoute> routes();
    }

    private static final Set<HandlerType> ENDPOINT_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final List<ApiRoute> routes = new ArrayList<>();
    private final List<String> registered = Collections.synchronizedList(new ArrayList<>());

    public RouteTable add(Group group) {
        routes.addAll(group.routes());
        return this;
    }

    public List<ApiRoute> routes() {
        return List.copyOf(routes);
    }

    /**
     * Records every endpoint Javalin registers from now on, from the table or not (call first, before any route is
     * registered, so a route added outside the table shows up as undocumented in {@code OpenApiDocumentTest}).
     */
    void recordEndpoints(JavalinConfig c) {
        c.events.handlerAdded(this::recordRegistered);
    }

    /** Registers every route of the table. */
    void registerAll(JavalinConfig c) {
        for (ApiRoute r : routes) {
            if (r.role() == null) {
                c.routes.addHttpHandler(r.method(), r.path(), r.handler());
            } else {
                c.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.role());
            }
        }
    }

    /** {@code METHOD path} of every endpoint Javalin registered (before/after handlers excluded). */
    public List<String> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }

    private void recordRegistered(HandlerMetaInfo info) {
        if (ENDPOINT_METHODS.contains(info.getHttpMethod())) {
            registered.add(info.getHttpMethod().name() + " " + info.getPath());
        }
    }
}
