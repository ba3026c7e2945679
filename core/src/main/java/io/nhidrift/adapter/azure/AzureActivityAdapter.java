package io.nhidrift.adapter.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.adapter.AdapterException;
import io.nhidrift.adapter.Events;
import io.nhidrift.adapter.JsonAdapterBase;
import io.nhidrift.adapter.LogAdapter;
import io.nhidrift.adapter.ParseResult;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.inventory.CredentialKind;
import io.nhidrift.json.Fields;
import io.nhidrift.json.Times;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Azure Activity log records: the Azure Monitor export shape ({@code time, operationName, callerIpAddress,
 * identity.claims}, also in {@code {"records":[...]}}) and the REST API shape ({@code eventTimestamp, caller,
 * claims, operationName.value, status.value}, also in {@code {"value":[...]}}).
 *
 * <p>Credential: for an app-only token (claims {@code idtyp=app}, or an {@code appid} claim with no user claim)
 * the {@code appid} (kind {@code azure_service_principal}); otherwise the user ({@code upn} claim, else
 * {@code caller}, else {@code oid}). A user token's {@code appid} is the client app, not the credential.
 * Begin markers (resultType {@code Start}/{@code Started}) are skipped: the outcome record follows.
 */
public final class AzureActivityAdapter extends JsonAdapterBase implements LogAdapter {

    public static final String FORMAT = "azure-activity";

    private static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    private static final String OID = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public AzureActivityAdapter() {
        super("activity log record", AzureRecords.BATCH_FIELDS);
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    protected ParseResult record(JsonNode r, Supplier<String> fallbackId) throws AdapterException {
        String resultType = Fields.first(AzureRecords.valueText(Fields.get(r, "resultType")),
                AzureRecords.valueText(Fields.get(r, "status")));
        if (resultType != null && (resultType.equalsIgnoreCase("Start") || resultType.equalsIgnoreCase("Started"))) {
            return ParseResult.skip("resultType " + resultType + " (begin marker) not counted");
        }
        JsonNode claims = Fields.first(Fields.path(r, "identity", "claims"), Fields.get(r, "claims"));
        String appid = Fields.first(Fields.text(claims, "appid"), Fields.text(claims, "azp"));
        String upn = Fields.first(Fields.text(claims, UPN), Fields.text(claims, "upn"), Fields.text(claims, "unique_name"));
        String idtyp = Fields.text(claims, "idtyp");
        String caller = Fields.text(r, "caller");
        String oid = Fields.first(Fields.text(claims, OID), Fields.text(claims, "oid"));
        boolean appOnly = appid != null && ("app".equalsIgnoreCase(idtyp) || upn == null && Fields.text(claims, NAME) == null);
        String credential;
        String kind;
        if (appOnly) {
            credential = appid;
            kind = CredentialKind.AZURE_SERVICE_PRINCIPAL.id();
        } else {
            credential = Fields.first(upn, caller, oid);
            kind = CredentialKind.OTHER.id();
        }
        if (credential == null) {
            return ParseResult.skip("no caller (no appid/upn claim, caller or oid)");
        }
        String action = AzureRecords.valueText(Fields.get(r, "operationName"));
        if (action == null) {
            throw new AdapterException("no operationName");
        }
        Long time = Fields.first(Times.millis(Fields.get(r, "time")), Times.millis(Fields.get(r, "eventTimestamp")));
        if (time == null) {
            throw new AdapterException("no time or eventTimestamp");
        }
        String signature = Fields.text(r, "resultSignature");
        String statusCode = Fields.first(Fields.text(r, "properties", "statusCode"),
                AzureRecords.valueText(Fields.get(r, "subStatus")));
        boolean failed = resultType != null && resultType.toLowerCase(Locale.ROOT).startsWith("fail");
        boolean denied = failed && (isDenial(signature) || isDenial(statusCode)
                || isDenial(Fields.text(r, "properties", "statusMessage")) || isDenial(Fields.text(r, "resultDescription")));
        String ip = Fields.first(Fields.text(r, "callerIpAddress"), Fields.text(r, "httpRequest", "clientIpAddress"),
                Fields.text(claims, "ipaddr"));
        String eventId = Fields.firstOr(fallbackId, Fields.text(r, "eventDataId"), Fields.text(r, "properties", "eventDataId"),
                Fields.text(r, "id"));

        UsageEvent.Builder b = Events.builder(FORMAT, eventId, credential, action, time)
                .setCredentialKind(kind)
                .setPrincipal(Fields.first(caller, upn, credential))
                .setDenied(denied)
                .setErrorCode(failed ? Fields.first(statusCode, signature, resultType) : null)
                .setSourceIp(ip)
                .setResource(Fields.text(r, "resourceId"));
        Map<String, String> at = b.getAttributes();
        Events.attr(at, "category", AzureRecords.valueText(Fields.get(r, "category")));
        Events.attr(at, "resultType", resultType);
        Events.attr(at, "resultSignature", signature);
        Events.attr(at, "correlationId", Fields.text(r, "correlationId"));
        Events.attr(at, "tenantId", Fields.text(r, "tenantId"));
        Events.attr(at, "appid", appid);
        Events.attr(at, "oid", oid);
        Events.attr(at, "authorizationAction", Fields.first(Fields.text(r, "identity", "authorization", "action"),
                Fields.text(r, "authorization", "action")));
        return ParseResult.of(b.build());
    }

    private static boolean isDenial(String s) {
        if (s == null) {
            return false;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.contains("forbidden") || l.contains("authorizationfailed") || l.contains("unauthorized")
                || l.equals("403") || l.equals("401") || l.endsWith(".403") || l.endsWith(".401");
    }
}
