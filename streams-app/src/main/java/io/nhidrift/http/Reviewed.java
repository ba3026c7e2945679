package io.nhidrift.http;

import io.nhidrift.review.CredentialStatus;
import io.nhidrift.review.GrantUsage;

/** One credential as an access review sees it at {@code now}: its stores' snapshot plus what is derived from it. */
record Reviewed(CredentialStateReader.Snapshot snapshot, CredentialStatus status, GrantUsage usage, RiskView risk,
        String team, long now) {}
