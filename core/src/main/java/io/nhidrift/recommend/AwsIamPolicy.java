package io.nhidrift.recommend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An AWS IAM identity policy document ({@code Version 2012-10-17}): one {@code Allow} statement with the used
 * actions and {@code Resource "*"}, because the contract tracks actions, not resources (the note says so; narrow
 * the resources before applying). Entries that are not IAM actions ({@code prefix:Action}) are left out and named
 * in {@link #skipped}. No use: a policy without statements (it grants nothing).
 */
public final class AwsIamPolicy implements NativeRenderer {

    static final String RESOURCE_NOTE = "Resource is \"*\": nhi-drift tracks actions, not resources; narrow Resource"
            + " to the ARNs this credential needs before applying the policy.";
    private static final Pattern IAM_ACTION = Pattern.compile("[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+");

    @Override
    public String render(Recommendation r) {
        ObjectNode policy = Documents.JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        List<String> actions = r.entries().stream().filter(AwsIamPolicy::isIamAction).toList();
        if (!actions.isEmpty()) {
            ObjectNode s = statements.addObject();
            s.put("Sid", "NhiDriftLeastPrivilege");
            s.put("Effect", "Allow");
            ArrayNode a = s.putArray("Action");
            actions.forEach(a::add);
            s.put("Resource", "*");
        }
        return Documents.json(policy);
    }

    /** The entries this renderer leaves out (not of the form {@code prefix:Action}). */
    public static List<String> skipped(Recommendation r) {
        return r.entries().stream().filter(e -> !isIamAction(e)).toList();
    }

    static boolean isIamAction(String s) {
        return IAM_ACTION.matcher(s).matches();
    }
}
