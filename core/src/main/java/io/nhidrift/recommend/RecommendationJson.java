package io.nhidrift.recommend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The recommendation as the query API's JSON ({@code "recommendation"} of the credential view, and {@code format=json}). */
public final class RecommendationJson {
    private RecommendationJson() {}

    public static ObjectNode node(Recommendation r) {
        ObjectNode n = Documents.JSON.createObjectNode();
        n.put("credentialId", r.credentialId());
        n.put("platform", r.platform().id());
        ArrayNode formats = n.putArray("formats");
        r.platform().formats().forEach(f -> formats.add(f.id()));
        strings(n.putArray("actions"), r.entries());
        ObjectNode diff = n.putObject("diff");
        strings(diff.putArray("keep"), r.diff().keep());
        strings(diff.putArray("remove"), r.diff().remove());
        strings(diff.putArray("add"), r.diff().add());
        strings(n.putArray("usedOutsideGrants"), r.outsideGrants());
        n.put("note", r.note());
        return n;
    }

    public static String render(Recommendation r) {
        return Documents.json(node(r));
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
