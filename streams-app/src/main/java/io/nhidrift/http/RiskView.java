package io.nhidrift.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A credential's risk as the API shows it: {@code {"score": 0..100, "factors": [{"name","points","detail"}]}}.
 *
 * @param score null when no risk model is available ({@link #NOT_SCORED})
 */
public record RiskView(Integer score, List<Factor> factors) {

    /** One reason for the score. */
    public record Factor(String name, int points, String detail) {}

    /** No score: the risk model is not part of this build. */
    public static final RiskView NOT_SCORED = new RiskView(null, List.of());

    ObjectNode toJson() {
        ObjectNode n = CredentialView.MAPPER.createObjectNode();
        if (score == null) {
            n.putNull("score");
        } else {
            n.put("score", score);
        }
        ArrayNode fs = n.putArray("factors");
        factors.forEach(f -> fs.addObject().put("name", f.name()).put("points", f.points()).put("detail", f.detail()));
        return n;
    }
}
