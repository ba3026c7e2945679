package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.config.ConfigException;
import io.nhidrift.testing.UnitTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@UnitTest
class BearerTokensTest {

    private static final String R = "reader-0123456789abcdef";
    private static final String T = "triager-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void inline_entries_map_tokens_to_roles() {
        BearerTokens tokens = BearerTokens.from(" read:" + R + " , triage:" + T, null);
        assertEquals(Optional.of(Role.READ), tokens.roleOf(R));
        assertEquals(Optional.of(Role.TRIAGE), tokens.roleOf(T));
        assertEquals(Optional.empty(), tokens.roleOf(R.substring(1)));
        assertEquals(Optional.empty(), tokens.roleOf(R + "0"));
        assertEquals(Optional.empty(), tokens.roleOf(""));
    }

    @Test
    void file_lines_add_to_inline_entries_and_skip_comments() throws Exception {
        Path f = Files.writeString(dir.resolve("tokens"), "# SOC team\n\nTRIAGE:" + T + "\n  read:" + R + "  \n");
        BearerTokens tokens = BearerTokens.from("read:other-token-0123456789", f);
        assertEquals(3, tokens.size());
        assertEquals(Optional.of(Role.TRIAGE), tokens.roleOf(T));
        assertEquals(Optional.of(Role.READ), tokens.roleOf("other-token-0123456789"));
    }

    @Test
    void bad_entries_name_where_they_are_never_the_token() throws Exception {
        ConfigException noRole = assertThrows(ConfigException.class, () -> BearerTokens.from(R, null));
        assertTrue(noRole.getMessage().contains("http.auth.tokens', entry 1"), noRole.getMessage());
        assertFalse(noRole.getMessage().contains(R), noRole.getMessage());
        ConfigException badRole = assertThrows(ConfigException.class, () -> BearerTokens.from("read:" + R + ",admin:" + T, null));
        assertTrue(badRole.getMessage().contains("entry 2") && badRole.getMessage().contains("'admin'"), badRole.getMessage());
        ConfigException shortOne = assertThrows(ConfigException.class, () -> BearerTokens.from("read:short", null));
        assertTrue(shortOne.getMessage().contains("at least 16"), shortOne.getMessage());
        assertThrows(ConfigException.class, () -> BearerTokens.from("read:has space in the token here", null));
        Path f = Files.writeString(dir.resolve("tokens"), "read:" + R + "\nread " + T + "\n");
        ConfigException inFile = assertThrows(ConfigException.class, () -> BearerTokens.from("", f));
        assertTrue(inFile.getMessage().contains("http.auth.tokens-file") && inFile.getMessage().contains("line 2"), inFile.getMessage());
        assertFalse(inFile.getMessage().contains(T), inFile.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> BearerTokens.from("", dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("'http.auth.tokens-file'"), missing.getMessage());
    }

    @Test
    void one_token_with_two_roles_is_refused() {
        assertThrows(ConfigException.class, () -> BearerTokens.from("read:" + R + ",triage:" + R, null));
    }

    @Test
    void generated_tokens_are_long_random_and_accepted() {
        String a = BearerTokens.generate();
        String b = BearerTokens.generate();
        assertEquals(43, a.length());
        assertNotEquals(a, b);
        assertEquals(Optional.of(Role.READ), BearerTokens.from("read:" + a, null).roleOf(a));
    }

    @Test
    void triage_includes_read_not_the_other_way() {
        assertTrue(Role.TRIAGE.includes(Role.READ));
        assertTrue(Role.TRIAGE.includes(Role.TRIAGE));
        assertTrue(Role.READ.includes(Role.READ));
        assertFalse(Role.READ.includes(Role.TRIAGE));
    }
}
