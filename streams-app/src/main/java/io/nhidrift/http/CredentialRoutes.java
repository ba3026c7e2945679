package io.nhidrift.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.nhidrift.recommend.Format;
import io.nhidrift.recommend.NativeRenderer;
import io.nhidrift.recommend.Recommendation;
import io.nhidrift.recommend.Recommender;
import java.util.List;
import java.util.Map;

/**
 * One credential, answered by whichever instance owns it ({@link KeyedLookup}):
 * {@code GET /api/v1/credentials/{id}} (the view: state, status, risk, granted versus used, recommendation) and
 * {@code GET /api/v1/credentials/{id}/recommendation?format=...} (the recommendation as a file to download).
 *
 * <p>Ids hold {@code /}: a credential id that itself ends in {@code /recommendation} must be sent URL-encoded
 * ({@code %2Frecommendation}), as every id should be.
 */
final class CredentialRoutes implements RouteTable.Group {

    static final String RECOMMENDATION = "/recommendation";

    private final KeyedLookup lookup;
    private final CredentialReview review;

    CredentialRoutes(KeyedLookup lookup, CredentialReview review) {
        this.lookup = lookup;
        this.review = review;
    }

    @Override
    public List<ApiRoute> routes() {
        ApiRoute.Param id = ApiRoute.Param.path("id", "The credential id, URL-encoded (ids hold ':' and '/').");
        return List.of(
                ApiRoute.get(RequestParams.CREDENTIALS + "/<id>" + RECOMMENDATION, Role.READ, "credentials",
                        "Least-privilege recommendation as a file",
                        "The recommendation rendered natively for the credential's platform (aws-iam: IAM policy JSON;"
                                + " k8s-role: Role/ClusterRole YAML; gcp-role: custom role YAML; gateway-routes: route"
                                + " list JSON; json: the recommendation with its diff), with Content-Disposition:"
                                + " attachment. Default: the platform's native format. A format of another platform is a 400.",
                        List.of(id, ApiRoute.Param.query("format", "The rendering.", Format.ids().toArray(String[]::new))),
                        this::recommendation).producing("application/json", "application/yaml"),
                ApiRoute.get(RequestParams.CREDENTIALS + "/<id>", Role.READ, "credentials", "One credential",
                        "Granted entitlement beside actual use: status (active|idle|dormant|unknown|revoked|expired), team,"
                                + " risk, use per grant pattern, actions used outside grants, callers, open conditions and"
                                + " the least-privilege recommendation; from whichever instance owns it.",
                        List.of(id), ctx -> lookup.answer(ctx, RequestParams.idFromPath(ctx), this::view)));
    }

    /** The view of a local credential. */
    void view(Context ctx, CredentialStateReader.Snapshot s) {
        Reviewed r = review.review(s);
        ApiErrors.json(ctx, 200, CredentialView.render(r, Recommender.recommend(s.credentialId(), s.state(), s.entitlement())));
    }

    private void recommendation(Context ctx) {
        String raw = ctx.req().getRequestURI();
        if (!raw.endsWith(RECOMMENDATION)) { // an id ending in an encoded "/recommendation": a plain lookup
            lookup.answer(ctx, RequestParams.idFromPath(ctx), this::view);
            return;
        }
        Map<String, String> params = RequestParams.query(ctx, List.of("format"));
        String formatName = params.get("format");
        Format format = formatName == null || formatName.isEmpty() ? null : Format.of(formatName);
        if (formatName != null && !formatName.isEmpty() && format == null) {
            throw new BadRequestResponse("unknown format '" + RequestParams.clip(formatName) + "': expected one of "
                    + String.join(", ", Format.ids()));
        }
        lookup.answer(ctx, RequestParams.idFromPath(ctx, RECOMMENDATION), (c, s) -> download(c, s, format));
    }

    private static void download(Context ctx, CredentialStateReader.Snapshot s, Format requested) {
        Recommendation r = Recommender.recommend(s.credentialId(), s.state(), s.entitlement());
        List<Format> valid = r.platform().formats();
        Format format = requested == null ? valid.get(0) : requested;
        if (!valid.contains(format)) {
            var n = ApiErrors.node(400, "format '" + format.id() + "' does not apply to this " + r.platform().id()
                    + " credential; expected one of " + String.join(", ", valid.stream().map(Format::id).toList()));
            var formats = n.putArray("formats");
            valid.forEach(f -> formats.add(f.id()));
            ApiErrors.json(ctx, 400, n);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(s.credentialId(), format) + "\"");
        ctx.status(200).contentType(format.mediaType() + "; charset=utf-8").result(NativeRenderer.of(format).render(r));
    }

    /** {@code nhi-drift-<id, safe characters only>-<format>.<ext>}. */
    static String fileName(String credentialId, Format format) {
        String safe = credentialId.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > 80) {
            safe = safe.substring(safe.length() - 80);
        }
        return "nhi-drift-" + safe + "-" + format.id() + "." + format.extension();
    }
}
