package io.nhidrift.adapter.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.adapter.Redactor;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Times;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;

/**
 * Microsoft Entra ID sign-in logs, in the Azure Monitor diagnostic export shape
 * ({@code {time, category, callerIpAddress, properties:{...}}}, also inside {@code {"records":[...]}}) and the
 * Microsoft Graph {@code signIns} resource shape (fields at the top, also inside {@code {"value":[...]}}).
 *
 * <p>Service-principal and managed-identity sign-ins: credential = {@code servicePrincipalId} (else
 * {@code appId}), kind {@code azure_service_principal}. User sign-ins (interactive or not): credential =
 * {@code userPrincipalName} (else {@code userId}), kind {@code other}: they are not machine credentials, but
 * keeping them lets the inventory decide (a "service account" user is common in Entra). Other categories
 * (AuditLogs, ...) are skipped.
 */
public final class AzureSignInAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "azure-signin";

    private static final Set<String> SP_CATEGORIES = Set.of("serviceprincipalsigninlogs", "managedidentitysigninlogs");
    private static final Set<String> USER_CATEGORIES = Set.of("signinlogs", "noninteractiveusersigninlogs");

    public AzureSignInAdapter() {
        super("sign-in record", AzureRecords.BATCH_FIELDS);
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode r, Supplier<String> fallbackId) throws AdapterException {
        JsonNode props = Fields.get(r, "properties");
        boolean monitorShape = props != null && props.isObject();
        JsonNode p = monitorShape ? props : r;
        String category = Fields.text(r, "category");
        boolean sp;
        if (category != null) {
            String c = category.toLowerCase();
            if (SP_CATEGORIES.contains(c)) {
                sp = true;
            } else if (USER_CATEGORIES.contains(c)) {
                sp = false;
            } else {
                return ParseResult.skip("category " + category + " is not a sign-in log");
            }
        } else {
            if (Fields.text(p, "createdDateTime") == null && Fields.text(r, "time") == null) {
                return ParseResult.skip("not a sign-in record (no category, no createdDateTime)");
            }
            String upn = Fields.text(p, "userPrincipalName");
            sp = upn == null && (Fields.text(p, "servicePrincipalId") != null || isSpEventType(Fields.get(p, "signInEventTypes")));
        }

        String credential;
        String kind;
        String principal;
        if (sp) {
            credential = Fields.first(nonZero(Fields.text(p, "servicePrincipalId")), Fields.text(p, "appId"));
            kind = CredentialKind.AZURE_SERVICE_PRINCIPAL.id();
            principal = Fields.first(Fields.text(p, "servicePrincipalName"), Fields.text(p, "appDisplayName"), credential);
            if (credential == null) {
                return ParseResult.skip("service-principal sign-in without servicePrincipalId or appId");
            }
        } else {
            credential = Fields.first(Fields.text(p, "userPrincipalName"), Fields.text(p, "userId"));
            kind = CredentialKind.OTHER.id();
            principal = Fields.first(Fields.text(p, "userDisplayName"), credential);
            if (credential == null) {
                return ParseResult.skip("user sign-in without userPrincipalName or userId");
            }
        }
        String target = Fields.first(Fields.text(p, "resourceDisplayName"), Fields.text(p, "resourceId"));
        String action = "signin:" + (target != null ? target : "unknown");
        Long time = Fields.first(Times.millis(Fields.get(r, "time")), Times.millis(Fields.get(p, "createdDateTime")));
        if (time == null) {
            throw new AdapterException("no time or createdDateTime");
        }
        Long errorCode = Fields.integer(Fields.path(p, "status", "errorCode"));
        if (errorCode == null && monitorShape) {
            errorCode = Fields.integer(Fields.get(r, "resultType"));
        }
        boolean denied = errorCode != null && errorCode != 0;
        String eventId = Fields.firstOr(fallbackId, Fields.text(p, "id"));
        String ip = Fields.first(Fields.text(p, "ipAddress"), Fields.text(r, "callerIpAddress"));

        UsageEvent.Builder b = Events.builder(FORMAT, eventId, credential, action, time)
                .setCredentialKind(kind)
                .setPrincipal(principal)
                .setDenied(denied)
                .setErrorCode(denied ? String.valueOf(errorCode) : null)
                .setSourceIp(ip)
                .setUserAgent(Redactor.redactText(Fields.text(p, "userAgent")))
                .setResource(Fields.text(p, "resourceId"));
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "category", category);
        Events.attr(at, "servicePrincipalCredentialKeyId", Fields.text(p, "servicePrincipalCredentialKeyId"));
        Events.attr(at, "servicePrincipalCredentialThumbprint", Fields.text(p, "servicePrincipalCredentialThumbprint"));
        Events.attr(at, "appId", Fields.text(p, "appId"));
        Events.attr(at, "appDisplayName", Fields.text(p, "appDisplayName"));
        Events.attr(at, "servicePrincipalName", Fields.text(p, "servicePrincipalName"));
        Events.attr(at, "resourceDisplayName", Fields.text(p, "resourceDisplayName"));
        Events.attr(at, "clientCredentialType", Fields.text(p, "clientCredentialType"));
        Events.attr(at, "managedIdentityType", Fields.text(p, "managedIdentityType"));
        Events.attr(at, "authenticationProtocol", Fields.text(p, "authenticationProtocol"));
        Events.attr(at, "tenantId", Fields.first(Fields.text(r, "tenantId"), Fields.text(p, "homeTenantId")));
        Events.attr(at, "failureReason", Fields.text(p, "status", "failureReason"));
        Events.attr(at, "isInteractive", Fields.text(p, "isInteractive"));
        Events.attr(at, "correlationId", Fields.first(Fields.text(p, "correlationId"), Fields.text(r, "correlationId")));
        return ParseResult.of(b.build());
    }

    private static boolean isSpEventType(JsonNode types) {
        if (types == null || !types.isArray()) {
            return false;
        }
        for (JsonNode t : types) {
            String s = Fields.scalar(t);
            if ("servicePrincipal".equalsIgnoreCase(s) || "managedIdentity".equalsIgnoreCase(s)) {
                return true;
            }
        }
        return false;
    }

    private static String nonZero(String id) {
        return id == null || id.equals("00000000-0000-0000-0000-000000000000") ? null : id;
    }
}
