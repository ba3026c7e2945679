package io.nhidrift.identity;

import io.nhidrift.avro.UsageEvent;
import java.util.Map;

/**
 * CloudTrail principals. A person: Root, Identity Center users and {@code AWSReservedSSO_*} roles, SAML
 * federation, and any console session ({@code sessionCredentialFromConsole}, or a console user agent). The
 * platform: service-linked roles ({@code role/aws-service-role/…}) and {@code AWSService} callers (the adapter
 * already leaves the latter unattributed). Everything else (access keys used outside the console, roles
 * assumed by workloads, web-identity federation, other accounts' principals) is a machine.
 */
final class AwsIdentityRules {

    private AwsIdentityRules() {}

    static IdentityClass classify(UsageEvent e) {
        Map<String, String> a = e.getAttributes();
        String type = a.getOrDefault("userIdentityType", "");
        String id = e.getCredentialId();
        switch (type) {
            case "Root", "IdentityCenterUser", "SAMLUser" -> {
                return IdentityClass.HUMAN;
            }
            case "AWSService" -> {
                return IdentityClass.PLATFORM;
            }
            default -> { }
        }
        if (id.contains(":role/aws-service-role/")) {
            return IdentityClass.PLATFORM;
        }
        if (id.contains(":role/AWSReservedSSO_") || id.contains(":role/aws-reserved/")) {
            return IdentityClass.HUMAN;
        }
        if (InteractiveClient.isConsoleSession(e)) {
            return IdentityClass.HUMAN;
        }
        if ("IAMUser".equals(type) && !id.startsWith("AKIA")) {
            // no access key of the user: a console sign-in (ConsoleLogin, signin:CheckMfa) or a session of a person
            // (console, GetSessionToken: ASIA keys), including the services acting on that session
            return IdentityClass.HUMAN;
        }
        return IdentityClass.MACHINE;
    }
}
