package io.nhidrift.identity;

import static io.nhidrift.identity.IdentityClass.HUMAN;
import static io.nhidrift.identity.IdentityClass.MACHINE;
import static io.nhidrift.identity.IdentityClass.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.adapter.Events;
import io.nhidrift.avro.UsageEvent;
import io.nhidrift.testing.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CONTRACT section 2a, format by format. */
@UnitTest
class IdentityClassifierTest {

    private static UsageEvent event(String source, String id, String kind, String agent, Map<String, String> attributes) {
        UsageEvent.Builder b = Events.builder(source, "e1", id, "x:Y", 0L).setCredentialKind(kind).setUserAgent(agent);
        b.getAttributes().putAll(attributes);
        return b.build();
    }

    private static IdentityClass aws(String id, String type, String agent, String... kv) {
        Map<String, String> a = new java.util.HashMap<>(Map.of("userIdentityType", type));
        for (int i = 0; i + 1 < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        return IdentityClassifier.classify(event("cloudtrail", id, null, agent, a));
    }

    @Test
    void awsAccessKeysAndWorkloadRolesAreMachines() {
        assertEquals(MACHINE, aws("AKIAEXAMPLEKEY000001", "IAMUser", "aws-cli/2.13.5 Python/3.11"));
        assertEquals(MACHINE, aws("arn:aws:iam::111122223333:role/ci-deploy", "AssumedRole", "Boto3/1.28.0"));
        assertEquals(MACHINE, aws("arn:aws:iam::111122223333:role/web", "WebIdentityUser", "aws-sdk-go-v2/1.21"));
        // an access key used from a browser is still a machine key (HUMAN_USE is for inventoried ones)
        assertEquals(MACHINE, aws("AKIAEXAMPLEKEY000001", "IAMUser", "Mozilla/5.0 (X11; Linux x86_64)"));
    }

    @Test
    void consoleSessionsSsoRootAndSamlArePeople() {
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:user/alice", "IAMUser", "Mozilla/5.0 (Macintosh)"));
        // a user's console session calling through services (KMS for Secrets Manager): still the person's session
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:user/alice", "IAMUser", "secretsmanager.amazonaws.com",
                "accessKeyId", "ASIAEXAMPLESESSION99"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:role/admin", "AssumedRole", "console.ec2.amazonaws.com"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:role/admin", "AssumedRole", "EC2ConsoleFrontend, aws-internal/3 aws-sdk-java/1.12"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:role/admin", "AssumedRole", "AWS Internal",
                "sessionCredentialFromConsole", "true"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1a2b",
                "AssumedRole", "aws-cli/2.13"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:root", "Root", "aws-cli/2.13"));
        assertEquals(HUMAN, aws("arn:aws:iam::111122223333:role/okta", "SAMLUser", "aws-cli/2.13"));
    }

    @Test
    void serviceLinkedRolesAndAwsServicesAreThePlatform() {
        assertEquals(PLATFORM, aws("arn:aws:iam::111122223333:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS",
                "AssumedRole", "rds.amazonaws.com"));
        assertEquals(PLATFORM, aws("ec2.amazonaws.com", "AWSService", "ec2.amazonaws.com"));
        // "AWS Internal" without a console session is the provider, not a person
        assertEquals(MACHINE, aws("arn:aws:iam::111122223333:role/app", "AssumedRole", "AWS Internal"));
    }

    @Test
    void kubernetesServiceAccountsAreMachinesControlPlaneIsPlatformOthersArePeople() {
        assertEquals(MACHINE, k8s("system:serviceaccount:prod:api"));
        for (String p : new String[] {"system:node:ip-10-0-1-2", "system:kube-controller-manager", "system:kube-scheduler",
                "system:apiserver", "system:anonymous", "eks:certificate-controller"}) {
            assertEquals(PLATFORM, k8s(p), p);
        }
        for (String p : new String[] {"minikube-user", "kubernetes-admin", "alice@example.com", "admin"}) {
            assertEquals(HUMAN, k8s(p), p);
        }
    }

    private static IdentityClass k8s(String username) {
        return IdentityClassifier.classify(event("k8s-audit", username, null, "kubectl/v1.29", Map.of()));
    }

    @Test
    void gcpServiceAccountsAndWorkloadIdentitiesAreMachinesEmailsArePeople() {
        assertEquals(MACHINE, IdentityClassifier.classify(event("gcp-audit", "exporter@proj.iam.gserviceaccount.com", null, null, Map.of())));
        assertEquals(MACHINE, IdentityClassifier.classify(event("gcp-audit",
                "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/x", null, null, Map.of())));
        assertEquals(HUMAN, IdentityClassifier.classify(event("gcp-audit", "alice@example.com", null, null, Map.of())));
    }

    @Test
    void azureGithubOcsfAndGateways() {
        assertEquals(MACHINE, IdentityClassifier.classify(event("azure-signin", "0000-sp", "azure_service_principal", null, Map.of())));
        assertEquals(HUMAN, IdentityClassifier.classify(event("azure-signin", "alice@contoso.com", "other", null, Map.of())));
        assertEquals(HUMAN, IdentityClassifier.classify(event("azure-activity", "alice@contoso.com", "other", null, Map.of())));
        assertEquals(MACHINE, IdentityClassifier.classify(event("github-audit", "123", "github_token", "curl/8.0", Map.of())));
        assertEquals(MACHINE, IdentityClassifier.classify(event("github-audit", "deploy-app[bot]", "other", null, Map.of())));
        assertEquals(HUMAN, IdentityClassifier.classify(event("github-audit", "octocat", "other", "Mozilla/5.0", Map.of())));
        assertEquals(HUMAN, IdentityClassifier.classify(event("ocsf", "alice", "other", null, Map.of("user_type", "User"))));
        assertEquals(MACHINE, IdentityClassifier.classify(event("ocsf", "svc", "other", null, Map.of("user_type", "Service"))));
        assertEquals(PLATFORM, IdentityClassifier.classify(event("ocsf", "sys", "other", null, Map.of("user_type", "System"))));
        assertEquals(MACHINE, IdentityClassifier.classify(event("kong", "billing-svc", "api_key", "Mozilla/5.0", Map.of())));
        assertEquals(MACHINE, IdentityClassifier.classify(event("gateway-json", "key-1", "api_key", null, Map.of())));
    }

    @Test
    void interactiveClientsAsRealCloudTrailShowsThem() {
        for (String ua : new String[] {"console.amazonaws.com", "console.ec2.amazonaws.com", "console.s3.amazonaws.com",
                "signin.amazonaws.com", "EC2ConsoleFrontend, aws-internal/3 aws-sdk-java/1.12.1", "S3ConsoleFrontend",
                "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488]",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36", "console.cloud.google.com", "portal.azure.com"}) {
            assertTrue(InteractiveClient.isInteractiveAgent(ua), ua);
        }
        for (String ua : new String[] {"aws-cli/2.13.5", "Boto3/1.28", "AWS Internal", "ec2.amazonaws.com",
                "Mozilla/5.0 (compatible; Googlebot/2.1)", "kubectl/v1.29"}) {
            assertFalse(InteractiveClient.isInteractiveAgent(ua), ua);
        }
        assertTrue(InteractiveClient.is(event("cloudtrail", "AKIAEXAMPLEKEY000001", null, "AWS Internal",
                Map.of("sessionCredentialFromConsole", "true"))));
    }
}
