package io.nhidrift.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random but valid-looking secrets of every kind the redactor knows, each in the forms it takes in logs: as text (a
 * header value, a config line, an error message), in a URL path segment and as a query parameter. Generated per run
 * from a seed, so no test can pass by knowing fixed strings.
 */
public final class SecretSamples {

    /**
     * One secret.
     *
     * @param kind what it is (for messages)
     * @param text how it appears in free text
     * @param pathSegment how it appears in a URL path (percent-encoded where needed), null when it never does
     * @param query how it appears as a query parameter {@code name=value}
     * @param cores the secret material that must never appear, not even in part (see {@link #leakIn})
     */
    public record Secret(String kind, String text, String pathSegment, String query, List<String> cores) {

        /** The first piece of secret material (12 characters or more of a core) that {@code output} holds, else null. */
        public String leakIn(String output) {
            for (String core : cores) {
                int w = Math.min(12, core.length());
                for (int i = 0; i + w <= core.length(); i++) {
                    String piece = core.substring(i, i + w);
                    if (output.contains(piece)) {
                        return piece;
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = UPPER + LOWER + DIGITS;
    private static final String BASE64 = ALNUM + "+/";

    private final SplittableRandom r;

    public SecretSamples(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /** One fresh secret of every kind. */
    public List<Secret> all() {
        List<Secret> out = new ArrayList<>();
        String awsKey = awsSecretKey();
        out.add(token("aws-secret-access-key", awsKey));
        out.add(new Secret("aws-secret-access-key in context", "aws_secret_access_key=" + awsKey,
                ";aws_secret_access_key=" + enc(awsKey), "aws_secret_access_key=" + enc(awsKey), List.of(awsKey, enc(awsKey))));
        String pairKey = random(BASE64, 40);
        String keyId = "AKIA" + random(UPPER + DIGITS, 16);
        out.add(new Secret("aws key pair", keyId + "," + pairKey, null,
                "aws_access_key_id=" + keyId + "&aws_secret_access_key=" + enc(pairKey), List.of(pairKey, enc(pairKey))));
        out.add(token("aws-session-token", "IQoJb3JpZ2luX2VjE" + random(BASE64, 280) + "=="));
        String bearer = random(ALNUM + "-._~+/", 40);
        out.add(header("bearer", "Bearer " + bearer, bearer));
        String basic = Base64.getEncoder().encodeToString(("svc-user:" + random(ALNUM, 18)).getBytes(StandardCharsets.UTF_8));
        out.add(header("basic", "Basic " + basic, basic));
        out.add(token("github-pat", "ghp_" + random(ALNUM, 36)));
        out.add(token("github-token", "gh" + "ousr".charAt(r.nextInt(4)) + "_" + random(ALNUM, 36)));
        out.add(token("github-fine-grained-pat", "github_pat_" + random(ALNUM, 22) + "_" + random(ALNUM, 59)));
        out.add(token("gitlab-pat", "glpat-" + random(ALNUM + "_-", 20)));
        out.add(token("npm-access-token", "npm_" + random(ALNUM, 36)));
        out.add(token("slack-token", "xox" + "bp".charAt(r.nextInt(2)) + "-" + random(DIGITS, 12) + "-" + random(DIGITS, 12)
                + "-" + random(ALNUM, 24)));
        String hook = "T" + random(UPPER + DIGITS, 10) + "/B" + random(UPPER + DIGITS, 10) + "/" + random(ALNUM, 24);
        out.add(header("slack-webhook-url", "https://hooks.slack.com/services/" + hook, hook));
        out.add(token("gcp-api-key", "AIza" + random(ALNUM + "_-", 35)));
        String sig = b64url(32);
        out.add(new Secret("jwt", jwt(sig), jwt(sig), "id_token=" + jwt(sig), List.of(sig)));
        StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        String body = random(BASE64, 64 * 4);
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, i + 64).append('\n');
        }
        pem.append("-----END RSA PRIVATE KEY-----");
        out.add(new Secret("private-key", pem.toString(), null, "key=" + enc(pem.toString()), List.of(body.substring(0, 64))));
        String urlPassword = random(ALNUM + "!$*", 16);
        out.add(header("url-password", "postgres://svc:" + urlPassword + "@db.internal:5432/app", urlPassword));
        out.add(param("password", random(ALNUM, 14)));
        out.add(param("api_key", random(ALNUM, 32)));
        out.add(param("token", random(ALNUM, 24)));
        out.add(param("X-Amz-Signature", random("0123456789abcdef", 64)));
        return out;
    }

    /** A 40-character secret access key: base64 alphabet, upper and lower case and digits (as issued keys have). */
    private String awsSecretKey() {
        while (true) {
            String k = random(BASE64, 40);
            if (k.chars().anyMatch(Character::isUpperCase) && k.chars().anyMatch(Character::isLowerCase)
                    && k.chars().anyMatch(Character::isDigit)) {
                return k;
            }
        }
    }

    private String jwt(String signature) {
        String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64url("{\"sub\":\"svc-" + random(DIGITS, 6) + "\",\"iat\":1700000000}");
        return header + "." + payload + "." + signature;
    }

    private static Secret token(String kind, String value) {
        String encoded = enc(value);
        return new Secret(kind, value, encoded, "q=" + encoded, encoded.equals(value) ? List.of(value) : List.of(value, encoded));
    }

    private static Secret header(String kind, String text, String core) {
        return new Secret(kind, text, null, "auth=" + enc(text), List.of(core));
    }

    private static Secret param(String name, String value) {
        return new Secret(name + " parameter", name + "=" + value, ";" + name + "=" + value, name + "=" + value, List.of(value));
    }

    private String random(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private String b64url(int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
