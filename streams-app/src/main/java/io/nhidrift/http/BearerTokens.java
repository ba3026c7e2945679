package io.nhidrift.http;

import io.nhidrift.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer tokens the query API accepts, each with its {@link Role}. Entries are {@code role:token}
 * ({@code read:7f3c…}), from {@code http.auth.tokens} (comma-separated) and {@code http.auth.tokens-file}
 * (one a line, blank lines and {@code #} comments ignored). Only SHA-256 hashes are kept; a presented
 * token is hashed and compared with every entry by {@link MessageDigest#isEqual} (constant time, no
 * early exit), so neither the comparison nor the lookup tells how much of a guess was right.
 *
 * <p>Validation messages name the key (or file and line), never the token.
 */
public final class BearerTokens {

    /** Shortest accepted token: 16 characters (a generated one has 43). */
    static final int MIN_LENGTH = 16;
    /** RFC 6750 {@code b64token} characters. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] hash, Role role) {}

    private final List<Entry> entries;

    private BearerTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param inline the value of {@code http.auth.tokens} (may be empty)
     * @param file {@code http.auth.tokens-file}, or null
     * @throws ConfigException naming the key (or file and line) of a malformed entry or an unreadable file
     */
    public static BearerTokens from(String inline, Path file) {
        List<Entry> entries = new ArrayList<>();
        if (inline != null) {
            String[] parts = inline.split(",");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    entries.add(entry(parts[i], "key 'http.auth.tokens', entry " + (i + 1)));
                }
            }
        }
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("invalid value '" + file + "' for key 'http.auth.tokens-file': cannot read it ("
                        + e.getClass().getSimpleName() + ")");
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    entries.add(entry(line, "key 'http.auth.tokens-file' (" + file + "), line " + (i + 1)));
                }
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(i).hash(), entries.get(j).hash()) && entries.get(i).role() != entries.get(j).role()) {
                    throw new ConfigException("invalid bearer tokens: one token is listed with two roles");
                }
            }
        }
        return new BearerTokens(entries);
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The role of a presented token (the highest if listed twice), or empty when no entry matches. */
    public Optional<Role> roleOf(String presented) {
        byte[] h = sha256(presented);
        Role found = null;
        for (Entry e : entries) { // every entry is compared: the time does not depend on which one matches
            if (MessageDigest.isEqual(e.hash(), h) && (found == null || e.role() == Role.TRIAGE)) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static Entry entry(String text, String where) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ConfigException("invalid bearer token at " + where + ": expected role:token (roles read, triage)");
        }
        Role role = Role.named(text.substring(0, colon));
        if (role == null) {
            throw new ConfigException("invalid bearer token at " + where + ": unknown role '" + text.substring(0, colon).trim()
                    + "' (expected read or triage)");
        }
        String token = text.substring(colon + 1).trim();
        if (token.length() < MIN_LENGTH || !TOKEN.matcher(token).matches()) {
            throw new ConfigException("invalid bearer token at " + where + ": a token is at least " + MIN_LENGTH
                    + " characters of A-Z a-z 0-9 - . _ ~ + / (generate one with: openssl rand -base64 32)");
        }
        return new Entry(sha256(token), role);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
