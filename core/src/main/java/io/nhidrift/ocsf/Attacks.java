package io.nhidrift.ocsf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert's MITRE ATT&amp;CK mapping ({@code "T1078.004 Valid Accounts: Cloud Accounts"}) as OCSF
 * {@code attack} objects: technique, sub-technique, and one object per tactic the technique serves
 * (ATT&amp;CK Enterprise; an unknown technique gets no tactic).
 */
final class Attacks {

    private static final Pattern MAPPING = Pattern.compile("(T\\d{4})(?:\\.(\\d{3}))?\\s+([^:]+?)(?::\\s*(.+))?");

    private record Tactic(String uid, String name) {}

    private static final Tactic INITIAL_ACCESS = new Tactic("TA0001", "Initial Access");
    private static final Tactic PERSISTENCE = new Tactic("TA0003", "Persistence");
    private static final Tactic PRIVILEGE_ESCALATION = new Tactic("TA0004", "Privilege Escalation");
    private static final Tactic DEFENSE_EVASION = new Tactic("TA0005", "Defense Evasion");
    private static final Tactic CREDENTIAL_ACCESS = new Tactic("TA0006", "Credential Access");
    private static final Tactic DISCOVERY = new Tactic("TA0007", "Discovery");
    private static final Tactic LATERAL_MOVEMENT = new Tactic("TA0008", "Lateral Movement");

    /** The tactics of the techniques {@code AlertType} maps to, from the ATT&amp;CK technique pages. */
    private static final Map<String, List<Tactic>> TACTICS = Map.of(
            "T1078", List.of(DEFENSE_EVASION, PERSISTENCE, PRIVILEGE_ESCALATION, INITIAL_ACCESS),
            "T1098", List.of(PERSISTENCE, PRIVILEGE_ESCALATION),
            "T1550", List.of(DEFENSE_EVASION, LATERAL_MOVEMENT),
            "T1552", List.of(CREDENTIAL_ACCESS),
            "T1580", List.of(DISCOVERY));

    private Attacks() {}

    /** The attack objects for a mapping string; empty when there is none or it is not in ATT&amp;CK form. */
    static ArrayNode of(String mitreAttack, JsonNodeFactory f) {
        ArrayNode attacks = f.arrayNode();
        if (mitreAttack == null) {
            return attacks;
        }
        Matcher m = MAPPING.matcher(mitreAttack.trim());
        if (!m.matches()) {
            return attacks;
        }
        String technique = m.group(1);
        List<Tactic> tactics = TACTICS.getOrDefault(technique, List.of());
        if (tactics.isEmpty()) {
            attacks.add(attack(m, null, f));
        }
        for (Tactic t : tactics) {
            attacks.add(attack(m, t, f));
        }
        return attacks;
    }

    private static ObjectNode attack(Matcher m, Tactic tactic, JsonNodeFactory f) {
        ObjectNode a = f.objectNode();
        ObjectNode technique = a.putObject("technique");
        technique.put("uid", m.group(1));
        technique.put("name", m.group(3).trim());
        technique.put("src_url", "https://attack.mitre.org/techniques/" + m.group(1) + "/");
        if (m.group(2) != null) {
            ObjectNode sub = a.putObject("sub_technique");
            sub.put("uid", m.group(1) + "." + m.group(2));
            sub.put("name", m.group(4) == null ? m.group(3).trim() : m.group(4).trim());
            sub.put("src_url", "https://attack.mitre.org/techniques/" + m.group(1) + "/" + m.group(2) + "/");
        }
        if (tactic != null) {
            ObjectNode t = a.putObject("tactic");
            t.put("uid", tactic.uid());
            t.put("name", tactic.name());
            t.put("src_url", "https://attack.mitre.org/tactics/" + tactic.uid() + "/");
        }
        return a;
    }
}
