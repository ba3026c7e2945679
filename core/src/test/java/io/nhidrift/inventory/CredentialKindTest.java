package io.nhidrift.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nhidrift.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class CredentialKindTest {

    @Test
    void idsAreTheContractKindsSorted() {
        assertEquals(List.of("api_key", "aws_access_key", "aws_role", "azure_service_principal", "gcp_service_account",
                "github_token", "k8s_service_account", "oauth_client", "other"), CredentialKind.ids());
    }

    @Test
    void looksUpByContractNameOnly() {
        assertEquals(CredentialKind.K8S_SERVICE_ACCOUNT, CredentialKind.of("k8s_service_account"));
        assertNull(CredentialKind.of("K8S_SERVICE_ACCOUNT"));
        assertNull(CredentialKind.of(null));
        assertFalse(CredentialKind.known("service_account"));
    }
}
